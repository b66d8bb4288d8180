// huozi::parallel_for (huozi/parallel.hpp), the pool under the Python
// module's batch calls.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "huozi/parallel.hpp"

namespace {

TEST(ParallelFor, VisitsEveryIndexOnceForAnyThreadCount) {
  for (std::optional<int> threads : {std::optional<int>{}, std::optional<int>{0}, std::optional<int>{-3},
                                     std::optional<int>{1}, std::optional<int>{2}, std::optional<int>{7}}) {
    for (std::size_t n : {0u, 1u, 5u, 1000u}) {
      std::vector<std::atomic<int>> seen(n);
      huozi::parallel_for(n, threads, [&](std::size_t i) { seen[i].fetch_add(1); });
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(seen[i].load(), 1) << i;
    }
  }
}

// An exception thrown on any thread, the caller's or a worker, comes back to
// the caller after every thread is joined (thrown out of a worker thread it
// would end the process), and no index is begun after it. On one thread that
// is exact: indices 0 to 3, then the throw. On more, how many indices the
// others begin before the failing one reaches its catch depends on the
// scheduler (a worker descheduled between its throw and the catch lets the
// others run through all 10,000 trivial calls), so only the rethrow and
// "each index at most once" are asserted there, not a count.
TEST(ParallelFor, RethrowsTheFirstExceptionOnTheCallingThread) {
  for (int threads : {1, 2, 4}) {
    std::vector<std::atomic<int>> begun(10000);
    EXPECT_THROW(huozi::parallel_for(begun.size(), threads,
                                     [&](std::size_t i) {
                                       begun[i].fetch_add(1);
                                       if (i == 3) throw std::runtime_error("page 3");
                                     }),
                 std::runtime_error);
    std::size_t total = 0;
    for (std::size_t i = 0; i < begun.size(); ++i) {
      ASSERT_LE(begun[i].load(), 1) << threads << " threads, index " << i;
      total += static_cast<std::size_t>(begun[i].load());
    }
    if (threads == 1) EXPECT_EQ(total, 4u);
  }
}

// Set when a worker thread ends: its thread_local objects are destroyed
// after the worker's function has returned, so after its catch.
struct SetOnThreadExit {
  std::atomic<bool>* flag = nullptr;
  ~SetOnThreadExit() {
    if (flag) flag->store(true);
  }
};
thread_local SetOnThreadExit set_on_thread_exit;

// The others take no new index once a worker has failed, told without the
// scheduler: the first worker to take an index throws, every other call
// waits until that worker has ended (past its catch), then returns. Each
// thread has then begun one index at most (none, where the worker failed
// before it took one); a pool whose threads went on taking indices after
// the failure would run all 10,000 on the caller.
TEST(ParallelFor, NoIndexIsBegunAfterAWorkerFailed) {
  for (int threads : {2, 4}) {
    std::vector<std::atomic<int>> begun(10000);
    std::atomic<bool> thrown{false}, thrower_ended{false};
    const std::thread::id caller = std::this_thread::get_id();
    EXPECT_THROW(huozi::parallel_for(begun.size(), threads,
                                     [&](std::size_t i) {
                                       begun[i].fetch_add(1);
                                       if (std::this_thread::get_id() != caller && !thrown.exchange(true)) {
                                         set_on_thread_exit.flag = &thrower_ended;
                                         throw std::runtime_error("worker");
                                       }
                                       while (!thrower_ended.load()) std::this_thread::yield();
                                     }),
                 std::runtime_error);
    std::size_t total = 0;
    for (std::size_t i = 0; i < begun.size(); ++i) {
      ASSERT_LE(begun[i].load(), 1) << threads << " threads, index " << i;
      total += static_cast<std::size_t>(begun[i].load());
    }
    EXPECT_GE(total, 1u) << threads;  // (the caller's may come after the worker's failure: none)
    EXPECT_LE(total, static_cast<std::size_t>(threads)) << threads;
  }
}

}  // namespace
