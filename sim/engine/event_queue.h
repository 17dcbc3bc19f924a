// The future event list: a binary heap ordered by (time, phase, sequence number).
//
// The sequence number is the order of scheduling, so ties never depend on heap layout,
// hashes or pointers: the same run gives the same order on every machine.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/events.h"

namespace escalsim {

struct Event {
  double time_min;
  std::uint64_t order;  // phase in the top 8 bits, sequence number below
  EventKind kind;

  Phase phase() const { return static_cast<Phase>(order >> 56); }
};

class EventQueue {
 public:
  // Schedules `kind` at `time_min` in the phase its kind belongs to.
  void push(double time_min, const EventKind& kind);

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  // REQUIRES: !empty().
  const Event& top() const { return heap_.front(); }
  // Removes and returns the earliest event. REQUIRES: !empty().
  Event pop();

 private:
  static bool later(const Event& a, const Event& b) {
    return a.time_min > b.time_min || (a.time_min == b.time_min && a.order > b.order);
  }
  void sift_up(std::size_t i);
  void sift_down(std::size_t i);

  std::vector<Event> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace escalsim
