// The single-purpose loop. Choices a careful hand-coder makes for speed: events are 16 bytes
// with no variant; complaints live in a slot array with a free list; queues hold slot
// indices; an abandoned complaint stays in its queue, marked, until it reaches the head.
#include "bench/escalation_loop.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace escalsim::bench {
namespace {

enum Kind : std::uint16_t { kArrival, kServiceEnd, kPatienceEnd };

struct Event {
  double time_min;
  std::uint32_t slot;
  Kind kind;
  std::uint16_t desk;
};
static_assert(sizeof(Event) == 16);

struct Later {
  bool operator()(const Event& a, const Event& b) const { return a.time_min > b.time_min; }
};

enum State : std::uint32_t { kWaiting, kInService, kAbandonedInQueue };

struct Complaint {
  double desk_arrived_min;
  double patience_deadline_min;  // identifies its own patience event among stale ones
  State state;
};

// A ring buffer of slot indices, doubling when full.
class Ring {
 public:
  bool empty() const { return head_ == tail_; }
  void push(std::uint32_t v) {
    if (tail_ - head_ == items_.size()) grow();
    items_[tail_++ & (items_.size() - 1)] = v;
  }
  std::uint32_t pop() { return items_[head_++ & (items_.size() - 1)]; }

 private:
  void grow() {
    std::vector<std::uint32_t> bigger(std::max<std::size_t>(16, items_.size() * 2));
    for (std::size_t i = 0; head_ + i < tail_; ++i) {
      bigger[i] = items_[(head_ + i) & (items_.size() - 1)];
    }
    tail_ -= head_;
    head_ = 0;
    items_ = std::move(bigger);
  }
  std::vector<std::uint32_t> items_;
  std::size_t head_ = 0, tail_ = 0;
};

}  // namespace

EscalationLoopResult run_escalation_loop(const EscalationModel& model, double horizon_min,
                                         std::uint64_t seed) {
  std::mt19937_64 random(seed);
  auto uniform = [&random] { return static_cast<double>(random() >> 11) * 0x1.0p-53; };
  auto exponential = [&uniform](double mean) { return -mean * std::log1p(-uniform()); };

  const int staff[3] = {model.frontline_staff, model.specialist_staff, model.ceo_staff};
  const double handle_min[3] = {model.frontline_handle_min, model.specialist_handle_min,
                                model.ceo_handle_min};
  const double onward[3] = {model.to_specialists, model.to_ceo, 0.0};
  int busy[3] = {0, 0, 0};
  Ring queue[3];

  std::vector<Complaint> slots;
  std::vector<std::uint32_t> free_slots;
  std::vector<Event> heap;
  EscalationLoopResult result;

  auto push = [&heap](Event e) {
    heap.push_back(e);
    std::push_heap(heap.begin(), heap.end(), Later{});
  };
  auto start_service = [&](std::uint32_t slot, int desk, double now) {
    slots[slot].state = kInService;
    ++busy[desk];
    ++result.served[desk];
    result.wait_sum_min[desk] += now - slots[slot].desk_arrived_min;
    push({now + exponential(handle_min[desk]), slot, kServiceEnd,
          static_cast<std::uint16_t>(desk)});
  };
  auto arrive = [&](std::uint32_t slot, int desk, double now) {
    Complaint& c = slots[slot];
    c.desk_arrived_min = now;
    c.patience_deadline_min = -1.0;  // only the frontline has patience
    c.state = kWaiting;
    if (busy[desk] < staff[desk]) {
      start_service(slot, desk, now);
      return;
    }
    queue[desk].push(slot);
    if (desk == 0 && std::isfinite(model.patience_min)) {
      c.patience_deadline_min = now + exponential(model.patience_min);
      push({c.patience_deadline_min, slot, kPatienceEnd, 0});
    }
  };
  auto release = [&](std::uint32_t slot) { free_slots.push_back(slot); };

  push({exponential(1.0 / model.arrivals_per_min), 0, kArrival, 0});
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), Later{});
    const Event e = heap.back();
    heap.pop_back();
    ++result.events;
    const double now = e.time_min;
    switch (e.kind) {
      case kArrival: {
        if (now >= horizon_min) break;
        ++result.arrived;
        std::uint32_t slot;
        if (free_slots.empty()) {
          slot = static_cast<std::uint32_t>(slots.size());
          slots.push_back({});
        } else {
          slot = free_slots.back();
          free_slots.pop_back();
        }
        arrive(slot, 0, now);
        push({now + exponential(1.0 / model.arrivals_per_min), 0, kArrival, 0});
        break;
      }
      case kServiceEnd: {
        const int desk = e.desk;
        --busy[desk];
        if (desk < 2 && uniform() < onward[desk]) {
          arrive(e.slot, desk + 1, now);
        } else {
          release(e.slot);
        }
        // The next in line, skipping those who gave up while waiting.
        while (!queue[desk].empty() && busy[desk] < staff[desk]) {
          const std::uint32_t next = queue[desk].pop();
          if (slots[next].state == kAbandonedInQueue) {
            release(next);
            continue;
          }
          start_service(next, desk, now);
        }
        break;
      }
      case kPatienceEnd: {
        Complaint& c = slots[e.slot];
        if (c.state == kWaiting && c.patience_deadline_min == now) {
          c.state = kAbandonedInQueue;
          ++result.abandoned;
        }
        break;
      }
    }
  }
  return result;
}

}  // namespace escalsim::bench
