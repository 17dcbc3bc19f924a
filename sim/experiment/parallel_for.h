// One pool of threads for every batch of independent runs: replications and sweep points.
#pragma once

#include <chrono>
#include <functional>

namespace escalsim::detail {

// Calls body(i) once for every i in [0, count), on at most `threads` threads (0: every
// core), never more threads than items. Items are taken in index order; which thread runs
// which item is unspecified, so results must land at the item's index, never in call order.
//
// When the system refuses a thread (a process limit, memory for stacks), the items go to the
// threads there are, or to the calling thread if none started: the count changes nothing
// but the speed.
//
// While the workers run, the calling thread calls `tick` (when set) about every `tick_every`
// (between items when it runs them itself); ticks never overlap one another or a body run on
// the calling thread.
//
// The first exception a body throws stops the taking of new items; it is rethrown once every
// running body has returned.
void parallel_for(long count, int threads, const std::function<void(long)>& body,
                  const std::function<void()>& tick = {},
                  std::chrono::milliseconds tick_every = std::chrono::milliseconds(250));

// The threads parallel_for would start for `count` items when asked for `threads`.
int pool_size(int threads, long count);

}  // namespace escalsim::detail
