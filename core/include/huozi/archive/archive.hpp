// Archive-scale runs: read page files from a directory tree, an archive
// (zip, tar, tar.gz, tar.zst, … through libarchive) or JSON Lines (.jsonl,
// .jsonl.gz, .jsonl.zst), decode and parse them on a pool of threads with a
// bounded number of pages in flight, and hand the results back in input order
// (the same whatever the thread count).
//
//   ArchiveRunner run({"/data/jnrb.zip"}, {});
//   while (auto batch = run.next_batch()) for (auto& o : batch->pages) …
//
// Inputs that cannot be read or decoded become error rows (source, kind,
// message, byte offset); the rest of the run goes on.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huozi/error.hpp"
#include "huozi/model.hpp"
#include "huozi/pipeline.hpp"

namespace huozi::archive {

// Page metadata read from a path or a JSON Lines record.
struct PageMeta {
  std::optional<std::string> date;   // YYYY-MM-DD
  std::optional<std::string> page;   // page label as printed: "3", "A03"
  std::optional<std::string> paper;  // paper code: "jnrb"
};

// Date, page label and paper from a path relative to the archive root:
// "2020-07-24/03.txt" → date 2020-07-24, page "03";
// "20200724_A03.txt" → date 2020-07-24, page "A03";
// "jnrb/2020/07/24/page3.txt" → paper "jnrb", date 2020-07-24, page "3".
PageMeta meta_from_path(std::string_view relative_path);

// True when a member name could escape a target directory if it were ever
// extracted: an absolute path, a drive letter, or a ".." component.
bool unsafe_member_name(std::string_view name);

// One error row.
struct ErrorRow {
  std::string source;
  std::string kind;  // error_code_name() of the Error, or unsafe_path, archive, json
  std::string message;
  std::uint64_t offset = 0;
};

// One input item as it comes out of the readers, in input order.
struct Item {
  std::string source;  // "dir/2020-07-24/03.txt", "pages.zip:pages/00001.txt", "pages.jsonl:17"
  std::string bytes;
  PageMeta meta;
  std::optional<ErrorRow> error;  // set: the item could not be read (no bytes)
};

// Reads items from a list of inputs, one after the other. Not thread-safe.
class Reader {
 public:
  struct Options {
    // File and member names taken from directories and archives (lower-case
    // suffixes, matched case-insensitively); others are ignored.
    std::vector<std::string> suffixes = {".txt"};
  };
  Reader(std::vector<std::string> inputs, Options options);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  // The next item, or nullopt at the end of all inputs.
  std::optional<Item> next();
  // Bytes of the input files read so far and their total size (compressed
  // bytes for archives; directory trees count the page files as they go).
  std::uint64_t bytes_read() const;
  std::uint64_t bytes_total() const;
  // Skips the next n items cheaply (no decompression of their data where the
  // format allows); returns how many were skipped.
  std::uint64_t skip(std::uint64_t n);

  struct Source;  // one input being read (implementation detail)

 private:
  bool open_next();
  std::vector<std::string> inputs_;
  Options options_;
  std::size_t next_input_ = 0;
  std::unique_ptr<Source> current_;
  std::uint64_t done_bytes_ = 0;  // bytes of inputs already finished
  std::uint64_t total_bytes_ = 0;
};

// The outcome for one item.
struct Outcome {
  std::uint64_t seq = 0;  // position in the input, from 0
  std::string source;
  PageMeta meta;
  std::optional<Page> page;       // parsed page (page->encoding: the chosen encoding)
  std::size_t replaced = 0;       // bytes replaced by U+FFFD (errors = replace)
  std::optional<ErrorRow> error;  // set when the item failed
  std::size_t input_bytes = 0;
};

struct Batch {
  std::vector<Outcome> pages;  // in input order
};

struct RunOptions {
  unsigned threads = 0;           // 0 = hardware cores
  // Pages read but not yet handed out; 0 = 32 × threads (at least 64). A wide
  // window keeps the workers busy behind a slow page at the head of the
  // order (a legacy-encoded page the charset detector reads, a huge page).
  std::size_t max_in_flight = 0;
  // Input bytes of those pages: the producer waits while they are over this
  // (and at least one page is in flight); 0 = 64 MiB.
  std::size_t max_bytes_in_flight = 0;
  std::size_t batch_pages = 256;  // pages per batch
  std::uint64_t skip = 0;         // items to skip at the start (resume)
  std::uint64_t limit = 0;        // items to read after those (0 = all): one partition of a file
  text::OnDecodeError on_error = text::OnDecodeError::kStrict;
  bool sentences = false;
  bool fields = true;
  Reader::Options reader;
};

// Where the time of a run went, in seconds (for benchmarks and for finding
// the bottleneck: workers waiting for pages mean the reader is too slow; a
// reader waiting for room means the consumer of next_batch() is).
struct RunStats {
  double worker_cpu = 0;        // CPU time of the worker threads, summed (decode + parse)
  double worker_wait = 0;       // time the workers waited for a page, summed
  double reader_cpu = 0;        // CPU time of the reading thread (I/O, decompression)
  double reader_wait = 0;       // time the reader waited for room in the window
  double consumer_wait = 0;     // time next_batch() waited for the next page in order
};

// Runs decode + parse on a thread pool. A producer thread reads items; at most
// max_in_flight pages are held (read, parsing or parsed but not yet taken);
// next_batch() hands them back in input order.
class ArchiveRunner {
 public:
  ArchiveRunner(std::vector<std::string> inputs, RunOptions options);
  ~ArchiveRunner();  // stops the threads (pages not taken are dropped)
  ArchiveRunner(const ArchiveRunner&) = delete;
  ArchiveRunner& operator=(const ArchiveRunner&) = delete;

  // The next batch (up to batch_pages outcomes), or nullopt when all is done.
  std::optional<Batch> next_batch();

  std::uint64_t pages_done() const;   // outcomes handed out (skipped items count)
  std::uint64_t bytes_read() const;   // input bytes read by the producer
  std::uint64_t bytes_total() const;  // known input size (0 when unknown)
  unsigned threads() const;
  RunStats stats() const;  // so far (CPU times of threads still running: up to their last page)

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// Decodes and parses one item as the runner does.
Outcome process_item(Item item, std::uint64_t seq, const RunOptions& options);

}  // namespace huozi::archive
