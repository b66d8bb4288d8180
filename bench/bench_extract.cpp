// Google Benchmark: field extraction alone, in bytes per second of the text it
// scans, beside BM_Repair in bench_pipeline.cpp (same pages: HUOZI_BENCH_PAGES
// or the bundled sample page). The texts are the repaired units the pipeline
// hands to the extractor, prepared once outside the timed loop.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "huozi/extract/extract.hpp"
#include "bench_pages.hpp"
#include "huozi/repair/repair.hpp"

namespace {

// Every repaired unit of every page, as the pipeline extracts from them.
const std::vector<std::string>& unit_texts() {
  static const std::vector<std::string> texts = [] {
    const auto& pages = huozi::bench::pages();
    std::vector<std::string> out;
    for (const auto& p : pages) {
      auto r = huozi::repair::repair_page(p);
      for (const auto& u : r.units) out.emplace_back(u.text.view());
    }
    return out;
  }();
  return texts;
}

std::size_t unit_bytes() {
  std::size_t n = 0;
  for (const auto& t : unit_texts()) n += t.size();
  return n;
}

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
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * unit_bytes()));
  state.counters["fields_per_pass"] = static_cast<double>(fields) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Extract);

// The year inference the pipeline runs once per page without a page date.
void BM_InferYear(benchmark::State& state) {
  std::vector<std::string_view> views(unit_texts().begin(), unit_texts().end());
  for (auto _ : state) benchmark::DoNotOptimize(huozi::extract::infer_year(views));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * unit_bytes()));
}
BENCHMARK(BM_InferYear);

}  // namespace
