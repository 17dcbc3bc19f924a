// Tests of the future event list: time order, then phase, then scheduling order.
#include "engine/event_queue.h"

#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

namespace escalsim {
namespace {

// A tag carried through the queue in an arrival's stream number, to identify events.
EventKind tagged(std::uint16_t tag) { return ArrivalDue{tag}; }
std::uint16_t tag_of(const Event& e) { return std::get<ArrivalDue>(e.kind()).stream; }

}  // namespace

TEST_CASE("EventQueue: events come out in time order whatever the order they went in") {
  EventQueue queue;
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> time(0.0, 1000.0);
  constexpr int kCount = 10000;
  for (int i = 0; i < kCount; ++i) queue.push(time(rng), tagged(0));
  CHECK(queue.size() == kCount);

  double last = -1.0;
  int popped = 0;
  bool ordered = true;
  while (!queue.empty()) {
    double top_time = queue.top().time_min;
    Event e = queue.pop();
    CHECK(e.time_min == top_time);
    if (e.time_min < last) ordered = false;
    last = e.time_min;
    ++popped;
  }
  CHECK(ordered);
  CHECK(popped == kCount);
  CHECK(queue.size() == 0);
}

TEST_CASE("EventQueue: equal times are taken in phase order, then in scheduling order") {
  EventQueue queue;

  SUBCASE("calendar comes before release, release before arrival, arrival before patience, "
          "patience before observation") {
    // Pushed in the reverse of the wanted order.
    queue.push(5.0, BacklogSample{});
    queue.push(5.0, PatienceEnd{1, 0});
    queue.push(5.0, ArrivalDue{0});
    queue.push(5.0, ServiceEnd{1, 0});
    queue.push(5.0, CalendarChange{0});
    queue.push(5.0, WarmupEnd{});

    std::vector<Phase> phases;
    while (!queue.empty()) phases.push_back(queue.pop().phase());
    CHECK(phases == std::vector<Phase>{Phase::kWarmupEnd, Phase::kCalendar, Phase::kRelease,
                                       Phase::kArrival, Phase::kPatience, Phase::kObserve});
  }

  SUBCASE("every kind runs in its documented phase") {
    CHECK(phase_of(ArrivalDue{0}) == Phase::kArrival);
    CHECK(phase_of(ServiceEnd{0, 0}) == Phase::kRelease);
    CHECK(phase_of(PatienceEnd{0, 0}) == Phase::kPatience);
    CHECK(phase_of(CalendarChange{0}) == Phase::kCalendar);
    CHECK(phase_of(BudgetPeriodStart{0, false}) == Phase::kCalendar);
    CHECK(phase_of(WarmupEnd{}) == Phase::kWarmupEnd);
    CHECK(phase_of(BacklogSample{}) == Phase::kObserve);
  }

  SUBCASE("events of one phase at one time come out in the order they were pushed") {
    for (std::uint16_t tag = 0; tag < 200; ++tag) queue.push(7.0, tagged(tag));
    for (std::uint16_t tag = 0; tag < 200; ++tag) {
      REQUIRE(!queue.empty());
      CHECK(tag_of(queue.pop()) == tag);
    }
  }

  SUBCASE("the phase decides before the push order, and time decides before the phase") {
    queue.push(3.0, ArrivalDue{1});
    queue.push(3.0, CalendarChange{9});
    queue.push(2.0, BacklogSample{});
    queue.push(3.0, ArrivalDue{2});
    queue.push(3.0, BudgetPeriodStart{8, true});

    Event first = queue.pop();
    CHECK(first.time_min == 2.0);
    CHECK(std::holds_alternative<BacklogSample>(first.kind()));
    CHECK(std::get<CalendarChange>(queue.pop().kind()).desk == 9);
    CHECK(std::get<BudgetPeriodStart>(queue.pop().kind()).desk == 8);
    CHECK(std::get<ArrivalDue>(queue.pop().kind()).stream == 1);
    CHECK(std::get<ArrivalDue>(queue.pop().kind()).stream == 2);
    CHECK(queue.empty());
  }
}

TEST_CASE("EventQueue: interleaved pushes and pops agree with a sorted reference") {
  EventQueue queue;
  // The reference: (time, phase, push number), kept sorted by std::set.
  std::set<std::tuple<double, Phase, std::uint16_t>> reference;
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> delay(0.0, 50.0);
  std::uniform_int_distribution<int> coin(0, 2);
  std::uniform_int_distribution<int> kind(0, 3);

  // Like a simulation: the clock is the time of the last event popped, and new events are
  // scheduled at or after it (a third exactly at it, to exercise ties). Each event carries
  // its push number in its own field so that it can be recognised when it comes out.
  double now = 0.0;
  std::uint16_t pushed = 0;
  int mismatches = 0;
  int pops = 0;
  auto take = [&] {
    Event e = queue.pop();
    ++pops;
    std::uint16_t number = std::visit(
        [](const auto& k) -> std::uint16_t {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, ArrivalDue>) return k.stream;
          if constexpr (std::is_same_v<K, ServiceEnd>) return static_cast<std::uint16_t>(k.slot);
          if constexpr (std::is_same_v<K, PatienceEnd>) return static_cast<std::uint16_t>(k.slot);
          if constexpr (std::is_same_v<K, CalendarChange>) return k.desk;
          return 0xffff;
        },
        e.kind());
    auto expected = *reference.begin();
    reference.erase(reference.begin());
    if (std::make_tuple(e.time_min, e.phase(), number) != expected) ++mismatches;
    now = e.time_min;
  };
  for (int step = 0; step < 20000; ++step) {
    if (queue.empty() || coin(rng) != 0) {
      double when = coin(rng) == 0 ? now : now + delay(rng);
      std::uint16_t n = pushed++;
      EventKind k;
      switch (kind(rng)) {
        case 0: k = ArrivalDue{n}; break;
        case 1: k = ServiceEnd{n, 0}; break;
        case 2: k = PatienceEnd{n, 0}; break;
        default: k = CalendarChange{n}; break;
      }
      queue.push(when, k);
      reference.emplace(when, phase_of(k), n);
    } else {
      take();
    }
  }
  CHECK(queue.size() == reference.size());
  // Drain what is left: it must also come out in the reference's order.
  while (!queue.empty()) take();
  CHECK(pops > 5000);
  CHECK(pushed < 0xffff);  // push numbers fit their fields
  CHECK(mismatches == 0);
}

TEST_CASE("EventQueue: an event pushed at the current time after a pop at that time still "
          "respects the phase order") {
  EventQueue queue;
  queue.push(10.0, CalendarChange{0});
  queue.push(10.0, PatienceEnd{4, 1});
  Event calendar = queue.pop();
  CHECK(std::holds_alternative<CalendarChange>(calendar.kind()));
  // Handling the calendar change releases a server and lets an arrival in, both now.
  queue.push(10.0, ArrivalDue{3});
  queue.push(10.0, ServiceEnd{2, 0});
  CHECK(std::holds_alternative<ServiceEnd>(queue.pop().kind()));
  CHECK(std::holds_alternative<ArrivalDue>(queue.pop().kind()));
  CHECK(std::holds_alternative<PatienceEnd>(queue.pop().kind()));
  CHECK(queue.empty());
}

TEST_CASE("EventQueue: times compare as numbers at the edges: -0 ties with +0, infinity last, "
          "the smallest times in order") {
  // The queue compares times by their bits; these are the values where bits and numbers
  // could disagree: -0 (whose sign bit would put it after every positive time), the
  // subnormals, the largest finite double and infinity.
  EventQueue queue;
  queue.push(std::numeric_limits<double>::infinity(), tagged(0));
  queue.push(0.0, tagged(1));
  queue.push(std::numeric_limits<double>::max(), tagged(2));
  queue.push(-0.0, tagged(3));  // the same time as tag 1, pushed after it
  queue.push(std::numeric_limits<double>::denorm_min(), tagged(4));
  queue.push(1.0, tagged(5));
  queue.push(std::numeric_limits<double>::min(), tagged(6));
  std::vector<std::uint16_t> order;
  while (!queue.empty()) order.push_back(tag_of(queue.pop()));
  CHECK(order == std::vector<std::uint16_t>{1, 3, 4, 6, 5, 2, 0});
}

TEST_CASE("EventQueue: every kind comes out with the fields it went in with") {
  // The queue keeps each kind's fields as plain bytes beside its time: the widest values
  // of every field must survive the round trip, and the kind must not change.
  EventQueue queue;
  const std::vector<EventKind> kinds = {
      ArrivalDue{0xfffe},
      ServiceEnd{0xfffffffeu, 0xfffd},
      PatienceEnd{0xfffffffcu, 0xfffffffbu},
      CalendarChange{0xfffa},
      BudgetPeriodStart{0xfff9, true},
      BudgetPeriodStart{7, false},
      WarmupEnd{},
      BacklogSample{},
      PolicyTimer{0xfff8, 0xfffffff7u},
      CustomerReturns{0xfffffff6u}};
  for (std::size_t i = 0; i < kinds.size(); ++i) queue.push(static_cast<double>(i), kinds[i]);
  for (const EventKind& want : kinds) {
    REQUIRE(!queue.empty());
    const Event got = queue.pop();
    CHECK(got.kind_index() == want.index());
    CHECK(got.phase() == phase_of(want));
    const EventKind back = got.kind();
    CHECK(back.index() == want.index());
    // Field by field, through each kind's own members.
    std::visit(
        [&](const auto& w) {
          using K = std::decay_t<decltype(w)>;
          const K& b = std::get<K>(back);
          if constexpr (std::is_same_v<K, ArrivalDue>) CHECK(b.stream == w.stream);
          if constexpr (std::is_same_v<K, ServiceEnd>) {
            CHECK(b.slot == w.slot);
            CHECK(b.desk == w.desk);
          }
          if constexpr (std::is_same_v<K, PatienceEnd>) {
            CHECK(b.slot == w.slot);
            CHECK(b.generation == w.generation);
          }
          if constexpr (std::is_same_v<K, CalendarChange>) CHECK(b.desk == w.desk);
          if constexpr (std::is_same_v<K, BudgetPeriodStart>) {
            CHECK(b.desk == w.desk);
            CHECK(b.month == w.month);
          }
          if constexpr (std::is_same_v<K, PolicyTimer>) {
            CHECK(b.policy == w.policy);
            CHECK(b.tag == w.tag);
          }
          if constexpr (std::is_same_v<K, CustomerReturns>) CHECK(b.customer == w.customer);
        },
        want);
  }
  CHECK(queue.empty());
}

TEST_CASE("EventQueue: events in lanes come out exactly where the heap would give them") {
  // Two queues fed the same events at the same moments: one puts every arrival in the heap,
  // the other puts each stream's arrival in that stream's lane (one pending per stream, as
  // the engine does). Many ties, in time and phase, with the heap's events: the two must
  // pop the same events in the same order.
  constexpr std::uint16_t kStreams = 3;
  EventQueue plain, laned;
  laned.set_lanes(kStreams);
  std::mt19937_64 rng(2024);
  std::uniform_int_distribution<int> delay(0, 4);  // whole minutes: ties are frequent
  std::uniform_int_distribution<int> coin(0, 2);
  double now = 0.0;
  std::uint32_t pushed = 0;
  int popped = 0, from_lanes = 0, mismatches = 0;
  for (std::uint16_t s = 0; s < kStreams; ++s) {
    plain.push(0.0, ArrivalDue{s});
    laned.push_to_lane(s, 0.0, ArrivalDue{s});
  }
  for (int step = 0; step < 30000; ++step) {
    if (coin(rng) == 0) {
      const double when = now + delay(rng);
      const std::uint32_t n = pushed++;
      const int kind = coin(rng);
      if (kind == 0) {  // before arrivals at equal times
        plain.push(when, CalendarChange{static_cast<std::uint16_t>(n)});
        laned.push(when, CalendarChange{static_cast<std::uint16_t>(n)});
      } else if (kind == 1) {  // after them
        plain.push(when, PatienceEnd{n, 0});
        laned.push(when, PatienceEnd{n, 0});
      } else {
        plain.push(when, ServiceEnd{n, 0});
        laned.push(when, ServiceEnd{n, 0});
      }
      continue;
    }
    REQUIRE(plain.size() == laned.size());
    CHECK(plain.top().order == laned.top().order);
    const Event a = plain.pop();
    const Event b = laned.pop();
    ++popped;
    if (a.time_min != b.time_min || a.order != b.order || a.fields != b.fields) ++mismatches;
    now = a.time_min;
    if (b.kind_index() == kind_index_of<ArrivalDue>()) {
      // Like the engine: the stream's next arrival is scheduled as this one is handled.
      ++from_lanes;
      const std::uint16_t s = b.as<ArrivalDue>().stream;
      const double next = now + delay(rng);
      plain.push(next, ArrivalDue{s});
      laned.push_to_lane(s, next, ArrivalDue{s});
    }
  }
  while (!plain.empty()) {
    REQUIRE(!laned.empty());
    const Event a = plain.pop();
    const Event b = laned.pop();
    if (a.order != b.order || a.time_min != b.time_min) ++mismatches;
  }
  CHECK(laned.empty());
  CHECK(from_lanes > 1000);
  CHECK(popped - from_lanes > 1000);
  CHECK(mismatches == 0);
}

}  // namespace escalsim
