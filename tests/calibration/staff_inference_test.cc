// Staff inference by hand: agents seen and agents serving at once, hour by hour.
#include "calibration/staff_inference.h"

#include <doctest/doctest.h>

#include "calibration/call_log.h"

using namespace escalsim::detail;

TEST_CASE("StaffInference: two Mondays, agents seen and agent-time serving, averaged per hour of the week") {
  const std::int64_t monday = parse_day("1999-02-01");
  const std::int64_t next = parse_day("1999-02-08");
  StaffInference s;
  // First Monday, 09:00-10:00: Ann serves 30 min, Bob 15 min, Ann again 15 min.
  s.add_service(monday, 9 * 3600, 9 * 3600 + 1800, "ANN");
  s.add_service(monday, 9 * 3600 + 1800, 9 * 3600 + 2700, "BOB");
  s.add_service(monday, 9 * 3600 + 2700, 10 * 3600, "ANN");
  // Second Monday: Cy serves 09:30-10:30, across the hour.
  s.add_service(next, 9 * 3600 + 1800, 10 * 3600 + 1800, "CY");
  std::array<double, kHoursPerWeek> demand{};
  demand[10] = 1.0;  // Monday 10:00 has calls
  demand[12] = 1.0;  // Monday 12:00 has calls but nobody served
  const StaffTable t = s.table(monday, next + 6, demand);
  // 09h: 2 agents the first Monday, 1 the second: 1.5; agent-time 1 h + 0.5 h over 2 hours.
  CHECK(t.agents_seen[9] == doctest::Approx(1.5));
  CHECK(t.busy_at_once[9] == doctest::Approx(0.75));
  CHECK(t.staff[9] == 2);  // 1.5 rounds to 2
  // 10h: Cy only, half an hour, on one of the two Mondays.
  CHECK(t.agents_seen[10] == doctest::Approx(0.5));
  CHECK(t.busy_at_once[10] == doctest::Approx(0.25));
  CHECK(t.staff[10] == 1);
  CHECK(t.staff[12] == 1);  // at least 1 where there are calls
  CHECK(t.staff[13] == 0);
  CHECK(hour_of_week(next, 9 * 3600 + 60) == 9);
  CHECK(hour_of_week(parse_day("1999-02-07"), 23 * 3600) == 167);
}
