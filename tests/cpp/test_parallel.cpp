// huozi::parallel_for (huozi/parallel.hpp), the pool under the Python
// module's batch calls.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <stdexcept>
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
// would end the process), and no index is begun after it.
TEST(ParallelFor, RethrowsTheFirstExceptionOnTheCallingThread) {
  for (int threads : {1, 2, 4}) {
    std::atomic<std::size_t> begun{0};
    EXPECT_THROW(huozi::parallel_for(10000, threads,
                                     [&](std::size_t i) {
                                       begun.fetch_add(1);
                                       if (i == 3) throw std::runtime_error("page 3");
                                     }),
                 std::runtime_error);
    EXPECT_LT(begun.load(), 10000u) << threads;
  }
}

}  // namespace
