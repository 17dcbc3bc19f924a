// A hand-rolled sift (rather than std::push_heap) moves the hole instead of swapping,
// which matters at tens of millions of events per second.
#include "engine/event_queue.h"

#include <utility>

namespace escalsim {

void EventQueue::push(double time_min, const EventKind& kind) {
  std::uint64_t order = (static_cast<std::uint64_t>(phase_of(kind)) << 56) | next_sequence_++;
  heap_.push_back(Event{time_min, order, kind});
  sift_up(heap_.size() - 1);
}

Event EventQueue::pop() {
  Event earliest = std::move(heap_.front());
  Event last = std::move(heap_.back());
  heap_.pop_back();
  if (!heap_.empty()) {
    heap_.front() = std::move(last);
    sift_down(0);
  }
  return earliest;
}

void EventQueue::sift_up(std::size_t i) {
  Event moving = std::move(heap_[i]);
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!later(heap_[parent], moving)) break;
    heap_[i] = std::move(heap_[parent]);
    i = parent;
  }
  heap_[i] = std::move(moving);
}

void EventQueue::sift_down(std::size_t i) {
  const std::size_t n = heap_.size();
  Event moving = std::move(heap_[i]);
  while (true) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && later(heap_[child], heap_[child + 1])) ++child;
    if (!later(moving, heap_[child])) break;
    heap_[i] = std::move(heap_[child]);
    i = child;
  }
  heap_[i] = std::move(moving);
}

}  // namespace escalsim
