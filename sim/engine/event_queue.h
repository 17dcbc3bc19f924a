// The future event list: a binary heap ordered by (time, phase, sequence number).
//
// The sequence number is the order of scheduling, so ties never depend on heap layout,
// hashes or pointers: the same run gives the same order on every machine.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "engine/events.h"

namespace escalsim {

// One scheduled event in 24 bytes: its time, its place in the order (phase, then sequence
// number) with its kind's index in the low bits, and the kind's fields bit-copied.
struct Event {
  double time_min;
  std::uint64_t order;  // phase in the top 8 bits, then the sequence number, kind in the low 4
  std::uint64_t fields;  // the kind's bytes, the rest zero

  static constexpr int kKindBits = 4;

  Phase phase() const { return static_cast<Phase>(order >> 56); }
  // The index of the event's kind in EventKind.
  std::size_t kind_index() const { return order & ((1u << kKindBits) - 1); }
  // The event's fields as kind `K`. REQUIRES: kind_index() is K's index.
  template <typename K>
  K as() const {
    K kind;
    std::memcpy(&kind, &fields, sizeof(K));
    return kind;
  }
  // The event as the variant of its kind.
  EventKind kind() const;
};
static_assert(sizeof(Event) == 24);

// Besides the heap, the queue has lanes: places for a kind of event of which at most one is
// pending at a time (a demand stream's next arrival). An event in a lane comes out in the
// same order as it would from the heap (it takes its sequence number when pushed), but
// costs a comparison instead of a trip through the heap.
class EventQueue {
 public:
  // Schedules `kind` at `time_min` in the phase its kind belongs to. REQUIRES: time_min >= 0
  // (infinity allowed), not NaN: the order compares times by their bits (rank() below).
  template <typename K>
  void push(double time_min, const K& kind) {
    heap_.emplace_back();
    sift_up(heap_.size() - 1, make_event(time_min, kind));
  }
  void push(double time_min, const EventKind& kind);

  // Makes `count` lanes, all empty. REQUIRES: no lane holds an event.
  void set_lanes(std::size_t count);
  // Schedules `kind` at `time_min` in lane `lane`. REQUIRES: lane < the number of lanes,
  // and the lane is empty (its event was popped).
  template <typename K>
  void push_to_lane(std::size_t lane, double time_min, const K& kind) {
    lanes_[lane] = make_event(time_min, kind);
    ++lanes_held_;
    if (lane != first_lane_ && later(lanes_[first_lane_], lanes_[lane])) first_lane_ = lane;
  }

  bool empty() const { return heap_.empty() && lanes_held_ == 0; }
  std::size_t size() const { return heap_.size() + lanes_held_; }
  // REQUIRES: !empty().
  const Event& top() const { return lane_first() ? lanes_[first_lane_] : heap_.front(); }
  // Removes and returns the earliest event. REQUIRES: !empty().
  Event pop() { return lane_first() ? pop_lane() : pop_heap(); }

 private:
  // An event's place in the order as one 128-bit number: its time's bits, then `order`.
  // For times >= +0 (make_event turns -0 into +0; the engine schedules nothing before 0 and
  // no NaN) the bits of a double order as the double does, infinity last, so comparing
  // ranks is comparing (time, order): one subtract-with-borrow, no branch, where the
  // floating-point comparison took three (greater, unordered, equal), all hard to predict
  // in a heap where the next event is a coin toss between an arrival and a service end.
  __extension__ using Rank = unsigned __int128;
  static Rank rank(const Event& e) {
    return (static_cast<Rank>(std::bit_cast<std::uint64_t>(e.time_min)) << 64) | e.order;
  }
  static bool later(const Event& a, const Event& b) { return rank(a) > rank(b); }
  template <typename K>
  Event make_event(double time_min, const K& kind) {
    static_assert(std::is_trivially_copyable_v<K> && sizeof(K) <= sizeof(Event::fields));
    constexpr std::uint64_t index = kind_index_of<K>();
    static_assert(index < (1u << Event::kKindBits));
    // The fields are gathered in a register, not stored into the event a few bytes at a
    // time: reading back the whole event after a 2-byte store stalls the processor
    // (a failed store-to-load forward, 5% of the escalation model's time).
    std::uint64_t fields = 0;
    std::memcpy(&fields, &kind, sizeof(K));
    return Event{time_min + 0.0,  // -0 becomes +0, for rank()
                 (static_cast<std::uint64_t>(K::kPhase) << 56) |
                     (next_sequence_++ << Event::kKindBits) | index,
                 fields};
  }
  // Whether the earliest event is in a lane.
  bool lane_first() const {
    return lanes_held_ > 0 && (heap_.empty() || later(heap_.front(), lanes_[first_lane_]));
  }
  Event pop_heap();
  Event pop_lane();
  // Moves the hole at `i` up to where `moving` belongs and puts it there.
  void sift_up(std::size_t i, const Event& moving);
  // Moves the hole at `i` down to where `moving` belongs and puts it there.
  void sift_down(std::size_t i, const Event& moving);

  std::vector<Event> heap_;
  // An empty lane holds an event later than any: time +infinity, the largest order.
  std::vector<Event> lanes_;
  std::size_t lanes_held_ = 0;
  std::size_t first_lane_ = 0;  // the lane holding the earliest of the lanes' events
  std::uint64_t next_sequence_ = 0;
};

}  // namespace escalsim
