// parallel_for: runs fn(i) for every i in [0, n) on a pool of threads, the
// calling thread included; the batch calls of the Python module use it with
// the GIL released.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace huozi {

// threads: how many (the calling thread counts); none or <= 0: one per core;
// never more than n. If fn throws, the other threads take no new index, all
// are joined, and the first exception is rethrown here: an exception that
// left a worker thread would end the process (std::terminate).
template <typename Fn>
void parallel_for(std::size_t n, std::optional<int> threads, Fn fn) {
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  unsigned t = threads && *threads > 0 ? static_cast<unsigned>(*threads) : hw;
  t = static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(n, 1)));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failed;
  std::mutex failed_lock;
  auto work = [&] {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    } catch (...) {
      next.store(n);  // the others stop after the index they hold
      const std::lock_guard<std::mutex> guard(failed_lock);
      if (!failed) failed = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < t; ++k) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace huozi
