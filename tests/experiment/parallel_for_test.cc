// The one thread pool: every index once, failures rethrown, ticks on the calling thread.
#include "experiment/parallel_for.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace escalsim::detail {
namespace {

TEST_CASE("parallel_for: every index runs exactly once, on any thread count") {
  for (const int threads : {0, 1, 2, 8}) {
    for (const long count : {0L, 1L, 3L, 100L}) {
      std::vector<std::atomic<int>> runs(static_cast<std::size_t>(count));
      parallel_for(count, threads, [&](long i) { ++runs[static_cast<std::size_t>(i)]; });
      for (const std::atomic<int>& r : runs) CHECK(r == 1);
    }
  }
}

TEST_CASE("parallel_for: never more threads than items") {
  CHECK(pool_size(8, 3) == 3);
  CHECK(pool_size(2, 100) == 2);
  CHECK(pool_size(5, 0) == 1);
  CHECK(pool_size(0, 1000) >= 1);
}

TEST_CASE("parallel_for: the first failure stops new items and is rethrown after the others") {
  std::atomic<int> started{0};
  std::atomic<int> running{0};
  std::atomic<bool> returned_while_running{false};
  const auto body = [&](long i) {
    ++started;
    ++running;
    if (i == 2) {
      --running;
      throw std::runtime_error("item 2 failed");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --running;
  };
  try {
    parallel_for(1000, 2, body);
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "item 2 failed");
    returned_while_running = running != 0;
  }
  CHECK_FALSE(returned_while_running);
  CHECK(started < 1000);
}

TEST_CASE("parallel_for: ticks come from the calling thread while the workers run") {
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> ticks{0};
  std::atomic<bool> elsewhere{false};
  parallel_for(
      4, 2, [](long) { std::this_thread::sleep_for(std::chrono::milliseconds(30)); },
      [&] {
        ++ticks;
        if (std::this_thread::get_id() != caller) elsewhere = true;
      },
      std::chrono::milliseconds(5));
  CHECK(ticks > 0);
  CHECK_FALSE(elsewhere);
}

}  // namespace
}  // namespace escalsim::detail
