// How many runs may go at once: the thread count, lowered to what the memory budget holds.
//
// Lowering the runs in flight rather than the per-run cap keeps every figure independent of
// the machine: a run stops early at the same complaint whatever runs beside it.
#include "escalsim/experiment.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include <sys/resource.h>
#include <unistd.h>

#include "experiment/parallel_for.h"

namespace escalsim {

std::int64_t default_memory_budget() {
  constexpr std::int64_t kUnknown = std::int64_t{1} << 30;
  std::int64_t budget = std::numeric_limits<std::int64_t>::max();
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0) budget = std::int64_t{pages} / 2 * page_size;
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    budget = std::min<std::int64_t>(
        budget, static_cast<std::int64_t>(std::min<rlim_t>(
                    limit.rlim_cur / 2, std::numeric_limits<std::int64_t>::max())));
  }
  return budget == std::numeric_limits<std::int64_t>::max() ? kUnknown : budget;
}

int runs_in_flight(int threads, std::int64_t max_in_system, std::int64_t memory_budget_bytes) {
  const int wanted = detail::pool_size(threads, std::numeric_limits<int>::max());
  const std::int64_t budget =
      memory_budget_bytes > 0 ? memory_budget_bytes : default_memory_budget();
  const std::int64_t per_run =
      std::max<std::int64_t>(max_in_system, 1) >
              std::numeric_limits<std::int64_t>::max() / kBytesPerComplaint
          ? std::numeric_limits<std::int64_t>::max()
          : std::max<std::int64_t>(max_in_system, 1) * kBytesPerComplaint;
  const std::int64_t fit = std::max<std::int64_t>(budget / per_run, 1);
  return static_cast<int>(std::min<std::int64_t>(wanted, fit));
}

}  // namespace escalsim
