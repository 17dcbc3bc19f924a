// Shift patterns and the integer program: a case solved by hand, brute force on small random
// instances, midnight crossings, and refusals.
#include "escalsim/shift_scheduling.h"

#include <limits>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/errors.h"

namespace escalsim {
namespace {

int hour(int day, int h) { return day * 24 + h; }

long long cost(const std::vector<ShiftPattern>& patterns, const std::vector<int>& staff) {
  long long c = 0;
  for (std::size_t p = 0; p < patterns.size(); ++p) c += 1LL * staff[p] * patterns[p].hours_per_week();
  return c;
}

bool covers_all(const HourlyStaff& required, const HourlyStaff& coverage) {
  for (std::size_t h = 0; h < required.size(); ++h) {
    if (coverage[h] < required[h]) return false;
  }
  return true;
}

TEST_CASE("a shift pattern is parsed into days, start and length") {
  const ShiftPattern p = parse_shift_pattern("mon-fri 08:00 8h");
  CHECK(p.days == std::array<bool, 7>{true, true, true, true, true, false, false});
  CHECK(p.start_hour == 8);
  CHECK(p.length_hours == 8);
  CHECK(p.hours_per_week() == 40);
  CHECK(p.covers(hour(0, 8)));
  CHECK(p.covers(hour(4, 15)));
  CHECK_FALSE(p.covers(hour(4, 16)));
  CHECK_FALSE(p.covers(hour(5, 10)));
  const ShiftPattern wrap = parse_shift_pattern("fri-mon 10:00 12 hours");
  CHECK(wrap.days == std::array<bool, 7>{true, false, false, false, true, true, true});
  CHECK(wrap.hours_per_week() == 48);
  const ShiftPattern list = parse_shift_pattern("mon,wed 00:00 24h");
  CHECK(list.days == std::array<bool, 7>{true, false, true, false, false, false, false});
}

TEST_CASE("a shift past midnight covers the next morning, Sunday night into Monday") {
  const ShiftPattern night = parse_shift_pattern("sun 22:00 8h");
  CHECK(night.covers(hour(6, 22)));
  CHECK(night.covers(hour(6, 23)));
  CHECK(night.covers(hour(0, 0)));
  CHECK(night.covers(hour(0, 5)));
  CHECK_FALSE(night.covers(hour(0, 6)));
  CHECK_FALSE(night.covers(hour(6, 21)));
  // As a desk's shifts: Sunday 22:00-24:00 and Monday 00:00-06:00, with the same staff.
  const std::vector<Shift> shifts = shifts_of({night}, {3});
  REQUIRE(shifts.size() == 2);
  CHECK(shifts[0].days == std::array<bool, 7>{false, false, false, false, false, false, true});
  CHECK(shifts[0].from.in_hours() == 22.0);
  CHECK(shifts[0].to.in_hours() == 24.0);
  CHECK(shifts[1].days == std::array<bool, 7>{true, false, false, false, false, false, false});
  CHECK(shifts[1].from.in_hours() == 0.0);
  CHECK(shifts[1].to.in_hours() == 6.0);
  CHECK(shifts[0].staff == 3);
  CHECK(shifts[1].staff == 3);
}

TEST_CASE("bad patterns are refused with what is wrong") {
  CHECK_THROWS_WITH_AS(parse_shift_pattern("mon-fri 08:30 8h"),
                       doctest::Contains("the start must be on the hour"), Error);
  CHECK_THROWS_WITH_AS(parse_shift_pattern("mon-fry 08:00 8h"),
                       doctest::Contains("'fry' is not a weekday"), Error);
  CHECK_THROWS_WITH_AS(parse_shift_pattern("mon-fri 08:00 25h"),
                       doctest::Contains("whole hours from 1 h to 24 h"), Error);
  CHECK_THROWS_WITH_AS(parse_shift_pattern("mon-fri 08:00 7.5h"),
                       doctest::Contains("whole hours"), Error);
  CHECK_THROWS_WITH_AS(parse_shift_pattern("mon-fri"), doctest::Contains("expected <days>"),
                       Error);
}

// By hand: hours 08-12 need 2 (a + c), 12-13 need 3 (a + b + c), 13-16 need 3 (a + b), on
// Monday to Friday. Costs per person and week: a 40 h, b 20 h, c 25 h. a = 0 needs c >= 2
// and b >= 3: 110 h; a = 1 needs c >= 1 and b >= 2: 105 h; a = 2, b = 1: 100 h; a = 3: 120 h.
TEST_CASE("the integer program finds the plan solved by hand") {
  const std::vector<ShiftPattern> patterns{parse_shift_pattern("mon-fri 08:00 8h"),
                                           parse_shift_pattern("mon-fri 12:00 4h"),
                                           parse_shift_pattern("mon-fri 08:00 5h")};
  HourlyStaff required{};
  for (int d = 0; d < 5; ++d) {
    for (int h = 8; h < 12; ++h) required[static_cast<std::size_t>(hour(d, h))] = 2;
    for (int h = 12; h < 16; ++h) required[static_cast<std::size_t>(hour(d, h))] = 3;
  }
  const ShiftPlan plan = schedule_shifts(required, patterns);
  CHECK(plan.staff == std::vector<int>{2, 1, 0});
  CHECK(plan.staff_hours == 100);
  CHECK(plan.required_hours == 5 * (4 * 2 + 4 * 3));
  CHECK(covers_all(required, plan.coverage));
  CHECK(plan.coverage[static_cast<std::size_t>(hour(2, 13))] == 3);
  CHECK(plan.coverage[static_cast<std::size_t>(hour(2, 9))] == 2);
}

TEST_CASE("the integer program matches brute force on small random instances") {
  std::mt19937 rng(20261206);
  const std::vector<std::string> day_sets{"mon-fri", "sat-sun", "mon-sun", "fri-mon", "wed",
                                          "tue,thu"};
  for (int instance = 0; instance < 25; ++instance) {
    CAPTURE(instance);
    std::vector<ShiftPattern> patterns;
    const int count = 2 + static_cast<int>(rng() % 3);  // 2 to 4 patterns
    for (int p = 0; p < count; ++p) {
      patterns.push_back(parse_shift_pattern(
          day_sets[rng() % day_sets.size()] + " " +
          std::to_string(10 + rng() % 14) + ":00 " + std::to_string(2 + rng() % 12) + "h"));
    }
    HourlyStaff required{};
    for (int h = 0; h < kHourOfWeekBins; ++h) {
      bool covered = false;
      for (const ShiftPattern& p : patterns) covered = covered || p.covers(h);
      if (covered && rng() % 3 == 0) required[static_cast<std::size_t>(h)] = static_cast<int>(rng() % 4);
    }
    // Every vector with each count in 0..3 (no pattern needs more than the largest need).
    long long best = std::numeric_limits<long long>::max();
    std::vector<int> staff(patterns.size(), 0);
    while (true) {
      if (covers_all(required, shift_coverage(patterns, staff))) {
        best = std::min(best, cost(patterns, staff));
      }
      std::size_t i = 0;
      while (i < staff.size() && staff[i] == 3) staff[i++] = 0;
      if (i == staff.size()) break;
      ++staff[i];
    }
    const ShiftPlan plan = schedule_shifts(required, patterns);
    CHECK(covers_all(required, plan.coverage));
    CHECK(plan.staff_hours == cost(patterns, plan.staff));
    CHECK(plan.staff_hours == best);
  }
}

TEST_CASE("an hour that needs staff but no pattern covers is refused, naming the hour") {
  HourlyStaff required{};
  required[static_cast<std::size_t>(hour(5, 3))] = 1;  // Saturday 03:00
  CHECK_THROWS_WITH_AS(schedule_shifts(required, {parse_shift_pattern("mon-fri 08:00 8h")}),
                       doctest::Contains("Sat 03:00 needs 1 staff but no pattern covers it"),
                       Error);
  CHECK_THROWS_AS(schedule_shifts(required, {}), Error);
}

TEST_CASE("no requirement needs no staff") {
  const ShiftPlan plan = schedule_shifts(HourlyStaff{}, {parse_shift_pattern("mon 08:00 8h")});
  CHECK(plan.staff == std::vector<int>{0});
  CHECK(plan.staff_hours == 0);
}

}  // namespace
}  // namespace escalsim
