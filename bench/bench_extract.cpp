// Google Benchmark: field extraction alone, in bytes per second of the text it
// scans, beside BM_Repair in bench_pipeline.cpp (same pages: HUOZI_BENCH_PAGES
// or the bundled sample page). The texts are the repaired units the pipeline
// hands to the extractor, prepared once outside the timed loop.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "bench_pages.hpp"
#include "huozi/extract/extract.hpp"

namespace {

using huozi::bench::report;
using huozi::bench::unit_bytes;
using huozi::bench::unit_texts;

void BM_Extract(benchmark::State& state) {
  huozi::extract::ExtractContext ctx;
  ctx.page_date = huozi::extract::parse_iso_date("2020-07-24");
  std::size_t fields = 0;
  for (auto _ : state) {
    for (const auto& t : unit_texts()) {
      auto f = huozi::extract::extract_fields(t, ctx);
      fields += f.size();
      benchmark::DoNotOptimize(f.data());
    }
  }
  report(state, unit_bytes());
  state.counters["fields_per_pass"] = static_cast<double>(fields) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Extract);

// The year inference the pipeline runs once per page without a page date.
void BM_InferYear(benchmark::State& state) {
  std::vector<std::string_view> views(unit_texts().begin(), unit_texts().end());
  for (auto _ : state) benchmark::DoNotOptimize(huozi::extract::infer_year(views));
  report(state, unit_bytes());
}
BENCHMARK(BM_InferYear);

}  // namespace
