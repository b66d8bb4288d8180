// Google Benchmark programs: each stage and the whole pipeline, in bytes per
// second over the same in-memory pages, beside the hardware-limit side (a
// memchr newline scan and a UTF-8 decode loop).
//
// Pages: HUOZI_BENCH_PAGES=DIR (a directory of .txt pages, e.g. written by
// `python -m huozi.bench.generate`) or, by default, the bundled sample page.
// The names are stable: see bench_pages.hpp.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "bench_pages.hpp"
#include "huozi/pipeline.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/segment/segment.hpp"
#include "huozi/text/encoding.hpp"
#include "huozi/text/utf8.hpp"

namespace {

using huozi::bench::pages;
using huozi::bench::report;
using huozi::bench::total_bytes;

void BM_MemchrNewlines(benchmark::State& state) {
  for (auto _ : state) {
    std::size_t lines = 0;
    for (const auto& p : pages()) {
      const char* s = p.data();
      const char* e = s + p.size();
      while ((s = static_cast<const char*>(std::memchr(s, '\n', static_cast<std::size_t>(e - s))))) { ++lines; ++s; }
    }
    benchmark::DoNotOptimize(lines);
  }
  report(state, total_bytes());
}
BENCHMARK(BM_MemchrNewlines);

// A plain UTF-8 decode loop: every code point decoded and summed.
void BM_Utf8Decode(benchmark::State& state) {
  for (auto _ : state) {
    std::uint64_t sum = 0;
    for (const auto& p : pages()) {
      for (std::size_t i = 0; i < p.size();) {
        auto d = huozi::text::decode_at(p, i);
        sum += d.cp;
        i += d.len;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  report(state, total_bytes());
}
BENCHMARK(BM_Utf8Decode);

void BM_Repair(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto r = huozi::repair::repair_page(p);
      benchmark::DoNotOptimize(r.units.data());
    }
  }
  report(state, total_bytes());
}
BENCHMARK(BM_Repair);

// Segmentation alone (sentences included): the pages repaired once outside
// the timed loop, then only segment_page() per page, in bytes of page text.
void BM_Segment(benchmark::State& state) {
  struct Prepared {
    huozi::Page page;
    huozi::repair::RepairResult repaired;
  };
  std::vector<Prepared> prepared(pages().size());
  for (std::size_t i = 0; i < pages().size(); ++i) {
    prepared[i].page.text = pages()[i];  // UTF-8 pages (the generator writes UTF-8 unless told otherwise)
    prepared[i].repaired = huozi::repair::repair_page(prepared[i].page.text);
  }
  for (auto _ : state) {
    for (auto& p : prepared) {
      p.page.articles.clear();
      p.page.debris.clear();
      auto units = huozi::segment::segment_page(p.repaired, p.page);
      benchmark::DoNotOptimize(units);
    }
  }
  report(state, total_bytes());
}
BENCHMARK(BM_Segment);

// Decode + repair as parse_page() runs them, and nothing after: beside
// BM_RepairSegment it shows what segmentation adds to repair inside the
// pipeline, on units repair has just built (BM_Segment reads 400 pages'
// repair output back from memory, which the pipeline never does). The
// pipeline's line-length check is left out here, so it counts against
// segmentation in the difference.
void BM_DecodeRepair(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto decoded = huozi::text::decode_page(p);
      if (!decoded) {
        state.SkipWithError("page does not decode");
        break;
      }
      auto r = huozi::repair::repair_page(decoded.value().text);
      benchmark::DoNotOptimize(r.units.data());
    }
  }
  report(state, total_bytes());
}
BENCHMARK(BM_DecodeRepair);

// Decode + repair + segmentation (sentences included), no field extraction:
// beside BM_DecodeRepair it shows what segmentation adds.
void BM_RepairSegment(benchmark::State& state) {
  huozi::ParseOptions o;
  o.fields = false;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto r = huozi::parse_page(p, o);
      benchmark::DoNotOptimize(r.ok());
    }
  }
  report(state, total_bytes());
}
BENCHMARK(BM_RepairSegment);

void BM_Pipeline(benchmark::State& state) {
  huozi::ParseOptions o;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto r = huozi::parse_page(p, o);
      benchmark::DoNotOptimize(r.ok());
    }
  }
  report(state, total_bytes());
}
BENCHMARK(BM_Pipeline);

// The pipeline as archive runs use it (huozi run, huozi.iter_archive):
// sentence spans off, fields on. Compare with bench/archive_scaling.py over a
// zip of the same pages (bench/make_archive.py --pages-from DIR).
void BM_PipelineArchive(benchmark::State& state) {
  huozi::ParseOptions o;
  o.sentences = false;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto r = huozi::parse_page(p, o);
      benchmark::DoNotOptimize(r.ok());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}
BENCHMARK(BM_PipelineArchive);

}  // namespace

BENCHMARK_MAIN();
