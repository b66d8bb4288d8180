// The archive fuzz target's checks, shared with the C++ suite (which replays
// the seeds and every regression input through them). The bytes are read as
// an in-memory archive (libarchive: zip, tar, tar.gz, tar.zst, …) and as JSON
// Lines (plain, gzip, zstd), every member is iterated and small pages are
// parsed. A failed check aborts, which libFuzzer reports as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "huozi/archive/archive.hpp"

namespace huozi::fuzz {

[[noreturn]] inline void archive_fail(const std::string& name, const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", name.c_str(), what.c_str());
  std::abort();
}

struct ArchiveRun {
  std::vector<std::string> sources;
  bool limited = false;  // an archive limit was hit
  bool damaged = false;  // libarchive reported damage (an "archive" row)
};

// Reads everything, checking each item: a known error kind with a message,
// no bytes beside an error, a member within max_member_bytes, metadata that
// is well formed; pages of at most 4 KiB are parsed and their spans checked.
inline ArchiveRun read_checked(const std::string& name, std::string_view data,
                               const archive::Reader::Options& options) {
  static const char* const kinds[] = {"invalid_utf8", "binary_input", "decode_error", "limit_exceeded",
                                      "json",         "archive",      "io",           "unsafe_path",
                                      "not_a_file",   "invalid_argument"};
  const bool jsonl = name.find(".jsonl") != std::string::npos;
  archive::Reader r(archive::Reader::InMemory(name, data), options);
  archive::RunOptions run;
  ArchiveRun out;
  std::uint64_t seq = 0;
  while (auto it = r.next()) {
    if (it->source.empty()) archive_fail(name, "an item without a source");
    if (it->error) {
      const std::string& k = it->error->kind;
      bool known = false;
      for (const char* x : kinds) known = known || k == x;
      if (!known) archive_fail(name, "unknown error kind " + k);
      if (it->error->message.empty()) archive_fail(name, "an error row without a message");
      if (it->error->source != it->source) archive_fail(name, "error row source differs from the item's");
      if (!it->bytes.empty()) archive_fail(name, "an error item with bytes");
      if (k == "limit_exceeded") out.limited = true;
      if (k == "archive") out.damaged = true;
    } else if (options.limits.max_member_bytes && it->bytes.size() > options.limits.max_member_bytes) {
      archive_fail(name, "a member of " + std::to_string(it->bytes.size()) + " bytes passed max_member_bytes");
    }
    // A date from a path is well formed; one from a JSON Lines record is as
    // written, and a malformed one makes the page an invalid_argument row.
    const bool bad_date = it->meta.date && (it->meta.date->size() != 10 || (*it->meta.date)[4] != '-');
    if (bad_date && !jsonl) archive_fail(name, "bad date from a path: " + *it->meta.date);
    if (it->meta.page && it->meta.page->empty() && !jsonl) archive_fail(name, "an empty page label");
    out.sources.push_back(it->source);
    if (!it->error && it->bytes.size() <= 4096) {
      const archive::Outcome o = archive::process_item(std::move(*it), seq, run);
      if (o.page) check_page(*o.page);
      else if (!o.error) archive_fail(name, "an outcome with neither a page nor an error");
      if (bad_date && o.page) archive_fail(name, "a page with the malformed date " + *o.meta.date);
    }
    ++seq;
  }
  return out;
}

// One fuzz input: read as an archive and as JSON Lines under small limits,
// then check that skipping k items (resume, Dask partitions) gives the same
// items as reading them. Zip members are skipped by seeking over their
// recorded sizes, so that check is left out for an archive that is damaged
// (its recorded sizes may disagree with its data) or hit a limit: both
// documented. JSON Lines is always checked.
inline void check_archive_bytes(std::string_view data) {
  archive::Reader::Options o;
  o.suffixes = {};  // every member, whatever its name
  o.limits.max_member_bytes = std::uint64_t{1} << 20;
  o.limits.max_total_bytes = std::uint64_t{8} << 20;
  for (const char* name : {"fuzz.zip", "fuzz.jsonl", "fuzz.jsonl.gz", "fuzz.jsonl.zst"}) {
    const ArchiveRun all = read_checked(name, data, o);
    const bool jsonl = std::string_view(name).find(".jsonl") != std::string_view::npos;
    if ((all.limited || all.damaged) && !jsonl) continue;
    const std::size_t n = all.sources.size();
    for (std::size_t k : {std::size_t{1}, n / 2, n > 0 ? n - 1 : 0}) {
      if (k > n) continue;
      archive::Reader r(archive::Reader::InMemory(name, data), o);
      const std::uint64_t skipped = r.skip(k);
      if (skipped != k) archive_fail(name, "skip(" + std::to_string(k) + ") skipped " + std::to_string(skipped));
      std::size_t i = k;
      while (auto it = r.next()) {
        if (i >= n || it->source != all.sources[i])
          archive_fail(name, "after skip(" + std::to_string(k) + ") item " + std::to_string(i) + " is " + it->source +
                                 ", reading gave " + (i < n ? all.sources[i] : std::string("nothing")));
        ++i;
      }
      if (i != n) archive_fail(name, "after skip(" + std::to_string(k) + ") the items end early");
    }
  }
}

// Runs check_archive_bytes over every file in the directories (the C++ suite:
// seeds and regression inputs); returns how many.
inline int replay_archive_corpus(std::initializer_list<const char*> dirs) {
  namespace fs = std::filesystem;
  int n = 0;
  for (const char* d : dirs) {
    if (!fs::exists(d)) continue;
    for (const auto& entry : fs::directory_iterator(d)) {
      const std::string fname = entry.path().filename().string();
      if (!entry.is_regular_file() || fname.front() == '.' || entry.path().extension() == ".md" ||
          entry.path().extension() == ".py")
        continue;
      std::ifstream f(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(f)), {});
      check_archive_bytes(bytes);
      ++n;
    }
  }
  return n;
}

}  // namespace huozi::fuzz
