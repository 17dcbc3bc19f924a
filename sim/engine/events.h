// Every way the world of a run can change: one small struct per event kind.
//
// At equal times events are taken in phase order (each kind's kPhase), then in the order they were scheduled:
// staffing and calendar changes first (a window that closes at 16:00 takes no work at
// 16:00), then released servers, then arrivals (which therefore see the released server),
// then patience running out (a complaint whose service could start at that instant is
// served), then observation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <variant>

namespace escalsim {

enum class Phase : std::uint8_t {
  kWarmupEnd = 0,
  kCalendar = 1,   // shift changes, availability windows, budget periods
  kRelease = 2,    // service ends
  kArrival = 3,
  kPatience = 4,
  kObserve = 5,
};

// A complaint of demand stream `stream` arrives.
struct ArrivalDue {
  static constexpr Phase kPhase = Phase::kArrival;
  std::uint16_t stream;
};

// The complaint in `slot` finishes service at `desk`.
struct ServiceEnd {
  static constexpr Phase kPhase = Phase::kRelease;
  std::uint32_t slot;
  std::uint16_t desk;
};

// The complaint in `slot` runs out of patience, unless it has moved on since the timer
// was set (its generation changed): then the event is stale and dropped.
struct PatienceEnd {
  static constexpr Phase kPhase = Phase::kPatience;
  std::uint32_t slot;
  std::uint32_t generation;
};

// The next point of `desk`'s weekly staffing or window calendar is reached.
struct CalendarChange {
  static constexpr Phase kPhase = Phase::kCalendar;
  std::uint16_t desk;
};

// An executive desk's budget week (or month) begins.
struct BudgetPeriodStart {
  static constexpr Phase kPhase = Phase::kCalendar;
  std::uint16_t desk;
  bool month;
};

// A timer a policy set is due.
struct PolicyTimer {
  static constexpr Phase kPhase = Phase::kCalendar;
  std::uint16_t policy;
  std::uint32_t tag;
};

// A customer whose complaint was not resolved comes back with a new contact: who, with
// what and where are the engine's (a slot of its returning customers), to keep events small.
struct CustomerReturns {
  static constexpr Phase kPhase = Phase::kArrival;
  std::uint32_t customer;
};

// The warm-up ends: statistics start.
struct WarmupEnd {
  static constexpr Phase kPhase = Phase::kWarmupEnd;
};

// Take a sample of every desk's backlog.
struct BacklogSample {
  static constexpr Phase kPhase = Phase::kObserve;
};

using EventKind = std::variant<ArrivalDue, ServiceEnd, PatienceEnd, CalendarChange,
                               BudgetPeriodStart, WarmupEnd, BacklogSample, PolicyTimer,
                               CustomerReturns>;

namespace detail {
// The kinds' phases in the variant's order, read from each kind's kPhase.
template <typename... Kinds>
constexpr std::array<Phase, sizeof...(Kinds)> phases_of(const std::variant<Kinds...>*) {
  return {Kinds::kPhase...};
}
inline constexpr auto kEventPhases = phases_of(static_cast<const EventKind*>(nullptr));
}  // namespace detail

// The phase each kind runs in: its kPhase.
constexpr Phase phase_of(const EventKind& kind) { return detail::kEventPhases[kind.index()]; }

namespace detail {
template <typename K, typename... Kinds>
constexpr std::size_t index_among(const std::variant<Kinds...>*) {
  constexpr bool same[] = {std::is_same_v<K, Kinds>...};
  for (std::size_t i = 0; i < sizeof...(Kinds); ++i) {
    if (same[i]) return i;
  }
  return sizeof...(Kinds);
}
}  // namespace detail

// The index of kind `K` in EventKind.
template <typename K>
constexpr std::size_t kind_index_of() {
  constexpr std::size_t index = detail::index_among<K>(static_cast<const EventKind*>(nullptr));
  static_assert(index < std::variant_size_v<EventKind>, "not an event kind");
  return index;
}

}  // namespace escalsim
