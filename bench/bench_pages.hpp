// The pages every benchmark program runs over: the .txt files below
// HUOZI_BENCH_PAGES (in name order, up to HUOZI_BENCH_MAX_MB megabytes, 256 by
// default; e.g. written by `python -m huozi.bench.generate --size 64MB --out
// DIR`), or the bundled sample page. Read once, shared by all benchmarks of a
// program. Each benchmark reports the pages and bytes it ran over as the
// counters `pages` and `bytes_per_pass`, so that a harness can check it saw
// the same pages as its other contenders.
//
// The benchmark names are stable (bench/harness.py and the history in
// bench/results/history.jsonl refer to them): BM_MemchrNewlines,
// BM_Utf8Decode, BM_Repair, BM_Segment, BM_RepairSegment, BM_Extract,
// BM_Pipeline, BM_TokenizeUnits, and the PKU ones in bench_tokenize.cpp.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "huozi/repair/repair.hpp"

namespace huozi::bench {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline const std::vector<std::string>& pages() {
  static const std::vector<std::string> p = [] {
    std::vector<std::string> out;
    if (const char* dir = std::getenv("HUOZI_BENCH_PAGES")) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      std::size_t max_bytes = std::size_t{256} << 20;
      if (const char* mb = std::getenv("HUOZI_BENCH_MAX_MB")) max_bytes = std::strtoull(mb, nullptr, 10) << 20;
      std::size_t total = 0;
      for (const auto& f : files) {
        out.push_back(read_file(f.string()));
        total += out.back().size();
        if (total >= max_bytes) break;
      }
    }
    if (out.empty()) out.push_back(read_file(HUOZI_SAMPLE_PAGE));
    return out;
  }();
  return p;
}

inline std::size_t total_bytes() {
  static const std::size_t n = [] {
    std::size_t k = 0;
    for (const auto& p : pages()) k += p.size();
    return k;
  }();
  return n;
}

// Every repaired unit of every page: what the pipeline hands to field
// extraction (and what a user tokenizes), prepared once outside timed loops.
inline const std::vector<std::string>& unit_texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const auto& p : pages()) {
      auto r = huozi::repair::repair_page(p);
      for (const auto& u : r.units) out.emplace_back(u.text.view());
    }
    return out;
  }();
  return texts;
}

inline std::size_t unit_bytes() {
  static const std::size_t n = [] {
    std::size_t k = 0;
    for (const auto& t : unit_texts()) k += t.size();
    return k;
  }();
  return n;
}

// SetBytesProcessed over `bytes` per pass, and the counters naming the input.
inline void report(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.counters["pages"] = static_cast<double>(pages().size());
  state.counters["bytes_per_pass"] = static_cast<double>(bytes);
}

}  // namespace huozi::bench
