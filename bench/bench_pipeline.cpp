// Google Benchmark programs: each stage and the whole pipeline, in bytes per
// second over the same in-memory pages, beside the hardware-limit side (a
// memchr newline scan and a UTF-8 decode loop).
//
// Pages: HUOZI_BENCH_PAGES=DIR (a directory of .txt pages, e.g. written by
// `python -m huozi.bench.generate`) or, by default, the bundled sample page.
#include <benchmark/benchmark.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "huozi/pipeline.hpp"
#include "huozi/repair/repair.hpp"
#include "huozi/text/utf8.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::vector<std::string>& pages() {
  static const std::vector<std::string> p = [] {
    std::vector<std::string> out;
    if (const char* dir = std::getenv("HUOZI_BENCH_PAGES")) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      std::size_t total = 0;
      for (const auto& f : files) {
        out.push_back(read_file(f.string()));
        total += out.back().size();
        if (total > (64u << 20)) break;  // 64 MB of pages is plenty
      }
    }
    if (out.empty()) out.push_back(read_file(HUOZI_SAMPLE_PAGE));
    return out;
  }();
  return p;
}

std::size_t total_bytes() {
  std::size_t n = 0;
  for (const auto& p : pages()) n += p.size();
  return n;
}

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
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
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
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}
BENCHMARK(BM_Utf8Decode);

void BM_Repair(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto r = huozi::repair::repair_page(p);
      benchmark::DoNotOptimize(r.units.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}
BENCHMARK(BM_Repair);

// Decode + repair + segmentation (sentences included), no field extraction:
// beside BM_Repair it shows what segmentation adds.
void BM_RepairSegment(benchmark::State& state) {
  huozi::ParseOptions o;
  o.fields = false;
  for (auto _ : state) {
    for (const auto& p : pages()) {
      auto r = huozi::parse_page(p, o);
      benchmark::DoNotOptimize(r.ok());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
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
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}
BENCHMARK(BM_Pipeline);

}  // namespace

BENCHMARK_MAIN();
