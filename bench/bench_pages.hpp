// The pages every benchmark program runs over: the .txt files below
// HUOZI_BENCH_PAGES (up to 64 MB, in name order; e.g. written by
// `python -m huozi.bench.generate --pages N --out DIR`), or the bundled sample
// page. Read once, shared by all benchmarks of a program.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

inline std::size_t total_bytes() {
  std::size_t n = 0;
  for (const auto& p : pages()) n += p.size();
  return n;
}

}  // namespace huozi::bench
