// The thread pool behind parallel_for: workers take the next index from one counter.
//
// The calling thread waits and ticks rather than taking items itself, so that a progress
// line keeps moving while every worker is inside a long run; when no worker can be started
// it runs the items itself, ticking between them.
#include "experiment/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace escalsim::detail {

int pool_size(int threads, long count) {
  int n = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
  n = std::max(n, 1);
  return static_cast<int>(std::min<long>(n, std::max<long>(count, 1)));
}

void parallel_for(long count, int threads, const std::function<void(long)>& body,
                  const std::function<void()>& tick, std::chrono::milliseconds tick_every) {
  if (count <= 0) return;
  const int wanted = pool_size(threads, count);

  std::atomic<long> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex mutex;  // guards failure and workers_left, with `finished`
  std::condition_variable finished;
  int workers_left = wanted;

  const auto run_items = [&] {
    for (long i = next++; i < count && !stop; i = next++) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
    }
  };
  const auto worker = [&] {
    run_items();
    std::lock_guard lock(mutex);
    --workers_left;
    finished.notify_all();
  };

  std::vector<std::thread> pool;
  pool.reserve(wanted);
  for (int t = 0; t < wanted; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {
      break;
    }
  }
  const int started = static_cast<int>(pool.size());
  if (started == 0) {
    // No thread at all: the calling thread runs the items one by one, ticking between them.
    for (long i = next++; i < count && !stop; i = next++) {
      try {
        body(i);
      } catch (...) {
        if (!failure) failure = std::current_exception();
        stop = true;
      }
      if (tick && i + 1 < count) tick();
    }
  } else {
    std::unique_lock lock(mutex);
    workers_left -= wanted - started;
    while (workers_left > 0) {
      if (tick) {
        lock.unlock();
        tick();
        lock.lock();
      }
      finished.wait_for(lock, tick_every, [&] { return workers_left == 0; });
    }
  }
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace escalsim::detail
