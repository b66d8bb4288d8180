// The archive runner: one producer thread reads items, a pool of workers
// decodes and parses them, next_batch() hands the outcomes back in input
// order. At most max_in_flight items are held between reading and handing
// out, so memory stays bounded whatever the archive's size.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <time.h>

#include "huozi/archive/archive.hpp"

namespace huozi::archive {

Outcome process_item(Item item, std::uint64_t seq, const RunOptions& options) {
  Outcome o;
  o.seq = seq;
  o.source = item.source;
  o.meta = std::move(item.meta);
  o.input_bytes = item.bytes.size();
  if (item.error) {
    o.error = std::move(item.error);
    return o;
  }
  auto fail = [&](const Error& e) {
    o.error = ErrorRow{o.source, error_code_name(e.code), e.message, e.offset};
  };
  ParseOptions po;
  po.source = o.source;
  po.date = o.meta.date;
  po.sentences = options.sentences;
  po.fields = options.fields;
  po.repair = options.repair;
  po.limits = options.page_limits;
  // As parse_page() checks it: 0 is no limit, and the same error.
  if (po.limits.max_page_bytes && item.bytes.size() > po.limits.max_page_bytes) {
    fail(Error{ErrorCode::kLimitExceeded, po.limits.max_page_bytes,
               "page is " + std::to_string(item.bytes.size()) + " bytes, over the max_page_bytes limit of " +
                   std::to_string(po.limits.max_page_bytes)});
    return o;
  }
  text::DecodeOptions d;
  d.on_error = options.on_error;
  auto decoded = text::decode_page(item.bytes, d);
  if (!decoded) {
    fail(decoded.error());
    return o;
  }
  std::string().swap(item.bytes);
  o.replaced = decoded.value().replaced;
  auto page = parse_decoded(std::move(decoded.value().text), po, decoded.value().encoding);
  if (!page) {
    fail(page.error());
    return o;
  }
  o.page = std::move(page.value());
  return o;
}

namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double now_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace

struct ArchiveRunner::State {
  RunOptions opt;
  unsigned threads = 1;
  std::size_t cap = 64;
  std::size_t byte_cap = 64u << 20;
  Reader reader;

  std::mutex m;
  std::condition_variable cv_space;  // producer waits for room
  std::condition_variable cv_work;   // workers wait for items
  std::condition_variable cv_done;   // consumer waits for the next outcome
  std::deque<std::pair<std::uint64_t, Item>> work;
  std::map<std::uint64_t, Outcome> done;
  std::uint64_t next_read = 0;  // seq of the next item the producer reads
  std::uint64_t next_out = 0;   // seq of the next outcome handed out
  std::size_t bytes_in_flight = 0;  // input bytes of the items between next_out and next_read
  RunStats stats;                   // under m
  bool finished = false;        // producer read everything
  bool stop = false;

  std::atomic<std::uint64_t> bytes_read{0};
  std::atomic<std::uint64_t> pages_done{0};
  std::uint64_t bytes_total = 0;

  std::thread producer;
  std::vector<std::thread> workers;

  State(std::vector<std::string> inputs, RunOptions o) : opt(std::move(o)), reader(std::move(inputs), opt.reader) {}

  void produce() {
    const std::uint64_t skipped = reader.skip(opt.skip);
    {
      std::lock_guard<std::mutex> lk(m);
      next_read = next_out = skipped;
      pages_done = skipped;
    }
    cv_done.notify_all();
    auto room = [&] {
      const std::uint64_t n = next_read - next_out;
      return n == 0 || (n < cap && bytes_in_flight < byte_cap);
    };
    for (;;) {
      {
        std::unique_lock<std::mutex> lk(m);
        if (!stop && !room()) {
          const double t0 = now_seconds();
          cv_space.wait(lk, [&] { return stop || room(); });
          stats.reader_wait += now_seconds() - t0;
        }
        stats.reader_cpu = thread_cpu_seconds();
        if (stop) break;
      }
      std::optional<Item> it;
      if (opt.limit == 0 || next_read - opt.skip < opt.limit) it = reader.next();
      bytes_read = reader.bytes_read();
      std::lock_guard<std::mutex> lk(m);
      stats.reader_cpu = thread_cpu_seconds();
      if (!it) break;
      const std::uint64_t seq = next_read++;
      bytes_in_flight += it->bytes.size();
      if (it->error) {
        done.emplace(seq, process_item(std::move(*it), seq, opt));
        cv_done.notify_all();
      } else {
        work.emplace_back(seq, std::move(*it));
        cv_work.notify_one();
      }
    }
    std::lock_guard<std::mutex> lk(m);
    finished = true;
    cv_work.notify_all();
    cv_done.notify_all();
  }

  void work_loop() {
    double cpu0 = thread_cpu_seconds();
    for (;;) {
      std::pair<std::uint64_t, Item> job;
      {
        std::unique_lock<std::mutex> lk(m);
        if (!(stop || !work.empty() || finished)) {
          const double t0 = now_seconds();
          cv_work.wait(lk, [&] { return stop || !work.empty() || finished; });
          stats.worker_wait += now_seconds() - t0;
        }
        if (stop || work.empty()) return;
        job = std::move(work.front());
        work.pop_front();
      }
      Outcome o = process_item(std::move(job.second), job.first, opt);
      const double cpu1 = thread_cpu_seconds();
      std::lock_guard<std::mutex> lk(m);
      stats.worker_cpu += cpu1 - cpu0;
      cpu0 = cpu1;
      done.emplace(job.first, std::move(o));
      if (job.first == next_out) cv_done.notify_all();
    }
  }
};

ArchiveRunner::ArchiveRunner(std::vector<std::string> inputs, RunOptions options)
    : state_(std::make_unique<State>(std::move(inputs), std::move(options))) {
  State& s = *state_;
  s.threads = s.opt.threads ? s.opt.threads : std::max(1u, std::thread::hardware_concurrency());
  s.cap = s.opt.max_in_flight ? s.opt.max_in_flight : std::max<std::size_t>(64, 32 * s.threads);
  if (s.opt.max_bytes_in_flight) s.byte_cap = s.opt.max_bytes_in_flight;
  if (s.opt.batch_pages == 0) s.opt.batch_pages = 1;
  s.bytes_total = s.reader.bytes_total();
  s.producer = std::thread([&s] { s.produce(); });
  for (unsigned k = 0; k < s.threads; ++k) s.workers.emplace_back([&s] { s.work_loop(); });
}

ArchiveRunner::~ArchiveRunner() {
  State& s = *state_;
  {
    std::lock_guard<std::mutex> lk(s.m);
    s.stop = true;
  }
  s.cv_space.notify_all();
  s.cv_work.notify_all();
  s.cv_done.notify_all();
  if (s.producer.joinable()) s.producer.join();
  for (auto& t : s.workers) t.join();
}

std::optional<Batch> ArchiveRunner::next_batch() {
  State& s = *state_;
  Batch b;
  std::unique_lock<std::mutex> lk(s.m);
  while (b.pages.size() < s.opt.batch_pages) {
    auto ready = [&] { return s.done.count(s.next_out) || (s.finished && s.next_out == s.next_read); };
    if (!ready()) {
      const double t0 = now_seconds();
      s.cv_done.wait(lk, ready);
      s.stats.consumer_wait += now_seconds() - t0;
    }
    auto it = s.done.find(s.next_out);
    if (it == s.done.end()) break;  // finished
    s.bytes_in_flight -= it->second.input_bytes;
    b.pages.push_back(std::move(it->second));
    s.done.erase(it);
    ++s.next_out;
    ++s.pages_done;
    s.cv_space.notify_one();
  }
  if (b.pages.empty()) return std::nullopt;
  return b;
}

std::uint64_t ArchiveRunner::pages_done() const { return state_->pages_done; }
std::uint64_t ArchiveRunner::bytes_read() const { return state_->bytes_read; }
std::uint64_t ArchiveRunner::bytes_total() const { return state_->bytes_total; }
unsigned ArchiveRunner::threads() const { return state_->threads; }

RunStats ArchiveRunner::stats() const {
  std::lock_guard<std::mutex> lk(state_->m);
  return state_->stats;
}

}  // namespace huozi::archive
