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
// message, byte offset); the rest of the run goes on. Archives are read, never
// extracted: nothing is written to disk, links are not followed, and the
// ArchiveLimits below bound what a hostile archive (a zip bomb) can expand to.
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

// Limits on what an archive or a compressed JSON Lines file may expand to
// (zip bombs). 0 means no limit. A member over a limit is an error row naming
// the limit and the archive goes on (its rest is skipped: a seek in a zip or a
// plain tar, decompression in an archive compressed as one stream or a 7z).
// An archive over max_total_bytes, or, when it is skipped by decompressing
// (tar.gz, tar.zst, 7z, …, compressed JSON Lines), expanding more than
// max_compression_ratio times its compressed size as a whole, is not read
// further: one error row takes the place of the member it stopped in, and the
// next input goes on.
struct ArchiveLimits {
  // Uncompressed bytes of one member (one JSON Lines record line). 64 MiB,
  // the default max_page_bytes: a bigger page could not be parsed anyway.
  std::uint64_t max_member_bytes = std::uint64_t{64} << 20;
  // Uncompressed bytes over the compressed bytes read for them, for each
  // member and for a whole archive skipped by decompressing; checked once a
  // member (the archive) has expanded past kRatioFloorBytes. Text compresses
  // 2–7 times.
  double max_compression_ratio = 100;
  // Uncompressed bytes decompressed from one archive or compressed JSON
  // Lines file: members read, members skipped by decompressing them, and
  // 512 bytes for each entry header.
  std::uint64_t max_total_bytes = std::uint64_t{32} << 30;  // 32 GiB
};
// Below this many uncompressed bytes the ratio is not checked (1 MiB).
inline constexpr std::uint64_t kRatioFloorBytes = std::uint64_t{1} << 20;
// One error row.
struct ErrorRow {
  std::string source;
  // error_code_name() of the Error (limit_exceeded for the archive limits), or
  // unsafe_path, not_a_file (links, devices, FIFOs), archive, json, io
  std::string kind;
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
    ArchiveLimits limits;
  };
  Reader(std::vector<std::string> inputs, Options options);
  // One archive or JSON Lines file held in memory (the fuzz target, tests):
  // `name` picks the reader by its extension as for a path ("x.zip",
  // "x.jsonl.gz"); `bytes` must outlive the Reader.
  struct InMemory {
    InMemory(std::string n, std::string_view b) : name(std::move(n)), bytes(b) {}
    std::string name;
    std::string_view bytes;
  };
  Reader(InMemory input, Options options);
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
  std::optional<std::string_view> memory_;  // inputs_[0] is in memory
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
  repair::RepairOptions repair;  // as in ParseOptions (fullwidth_ascii, deinterleave)
  // The page limits of ParseOptions, for every page: a page over one is an
  // error row naming it (limit_exceeded), and the run goes on.
  Limits page_limits;
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
