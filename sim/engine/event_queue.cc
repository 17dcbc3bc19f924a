// A hand-written binary heap, kept because the engine runs faster on it than on the
// standard one. Measured with callgrind (instructions): on scenarios/bench/escalation.yaml
// (520 weeks, one replication) the whole program took 3.1% more with std::push_heap and
// std::pop_heap (push 12% more, the loop that pops 6% more), for the engine's events mostly
// go in near the bottom (sift-up stops at once) while libstdc++'s pop always sifts the
// hole down to a leaf and back up. On BM_EventQueuePushPop's steady random queue the
// standard heap wins instead (std::push_heap 3%, 7%, 10% fewer instructions per push and
// pop at 16, 1,024, 65,536 events; std::priority_queue, its baseline there, about as many).
//
// Events are 24 plain bytes rather than a std::variant (32 bytes, copied through the
// variant's own members): the queue moves them at every level of the heap.
#include "engine/event_queue.h"

#include <limits>
#include <utility>
#include <variant>

namespace escalsim {

EventKind Event::kind() const {
  EventKind kind;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((kind_index() == I ? (void)(kind = as<std::variant_alternative_t<I, EventKind>>()) : void()),
     ...);
  }(std::make_index_sequence<std::variant_size_v<EventKind>>{});
  return kind;
}

void EventQueue::push(double time_min, const EventKind& kind) {
  std::visit([&](const auto& k) { push(time_min, k); }, kind);
}

namespace {
constexpr Event kEmptyLane{std::numeric_limits<double>::infinity(),
                           std::numeric_limits<std::uint64_t>::max(),
                           0};
}  // namespace

void EventQueue::set_lanes(std::size_t count) {
  lanes_.assign(count, kEmptyLane);
  lanes_held_ = 0;
  first_lane_ = 0;
}

Event EventQueue::pop_lane() {
  const Event earliest = lanes_[first_lane_];
  lanes_[first_lane_] = kEmptyLane;
  --lanes_held_;
  for (std::size_t lane = 0; lane < lanes_.size(); ++lane) {
    if (later(lanes_[first_lane_], lanes_[lane])) first_lane_ = lane;
  }
  return earliest;
}

Event EventQueue::pop_heap() {
  const Event earliest = heap_.front();
  const Event last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0, last);
  return earliest;
}

// The event that moves is passed in rather than read back from where it was just written:
// reading a 24-byte event straight after writing it stalls (BM_Escalation 2% faster without).
void EventQueue::sift_up(std::size_t i, const Event& moving) {
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!later(heap_[parent], moving)) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = moving;
}

void EventQueue::sift_down(std::size_t i, const Event& moving) {
  const std::size_t n = heap_.size();
  while (true) {
    std::size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n) child += later(heap_[child], heap_[child + 1]);
    if (!later(moving, heap_[child])) break;
    heap_[i] = heap_[child];
    i = child;
  }
  heap_[i] = moving;
}

}  // namespace escalsim
