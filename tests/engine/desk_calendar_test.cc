// Tests of DeskCalendar: staff on duty and executive windows over the repeating week; and
// staff_on_duty, the week's fewest and most staff.
#include "engine/desk_calendar.h"

#include <array>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/scenario.h"
#include "escalsim/staff_on_duty.h"

namespace escalsim {
namespace {

constexpr double kDay = 1440.0;

// Minutes since Monday 00:00 of week 0.
constexpr double at_time(int day, int hour, int minute = 0) {
  return day * kDay + hour * 60.0 + minute;
}

constexpr std::array<bool, 7> kWeekdays{true, true, true, true, true, false, false};

Shift shift(std::array<bool, 7> days, double from_h, double to_h, int staff) {
  Shift s;
  s.days = days;
  s.from = Duration::hours(from_h);
  s.to = Duration::hours(to_h);
  s.staff = staff;
  return s;
}

std::array<bool, 7> only(int day) {
  std::array<bool, 7> days{};
  days[day] = true;
  return days;
}

Desk desk_with_shifts(std::vector<Shift> shifts) {
  Desk d;
  d.name = "frontline";
  d.shifts = std::move(shifts);
  return d;
}

Desk executive_desk(std::vector<AvailabilityWindow> windows) {
  Desk d;
  d.name = "ceo";
  d.staff = 1;
  ExecutiveBudget b;
  b.per_week = Duration::hours(2);
  b.windows = std::move(windows);
  d.executive = b;
  return d;
}

AvailabilityWindow window(int day, double from_h, double to_h) {
  return AvailabilityWindow{day, Duration::hours(from_h), Duration::hours(to_h)};
}

}  // namespace

TEST_CASE("DeskCalendar: a fixed staff count is constant all week") {
  Desk d;
  d.name = "fixed";
  d.staff = 4;
  DeskCalendar calendar(d);
  CHECK(calendar.constant());
  for (double t : {0.0, 539.0, at_time(2, 17), at_time(6, 23, 59), 3 * kWeekMin + 17.5}) {
    CAPTURE(t);
    CHECK(calendar.at(t).staff == 4);
    CHECK(calendar.at(t).window_open);
  }
  CHECK(calendar.staff_hours_per_week() == doctest::Approx(4 * 168.0));
  CHECK(calendar.window_hours_per_week() == doctest::Approx(168.0));
}

TEST_CASE("DeskCalendar: overlapping shifts add up, and intervals are half-open") {
  // Weekdays 09:00-17:00 three staff, 12:00-20:00 two staff: five over 12:00-17:00.
  DeskCalendar calendar(
      desk_with_shifts({shift(kWeekdays, 9, 17, 3), shift(kWeekdays, 12, 20, 2)}));
  CHECK_FALSE(calendar.constant());

  SUBCASE("the staff on duty through a weekday") {
    CHECK(calendar.at(at_time(1, 8, 59)).staff == 0);
    CHECK(calendar.at(at_time(1, 9)).staff == 3);
    CHECK(calendar.at(at_time(1, 11, 59)).staff == 3);
    CHECK(calendar.at(at_time(1, 12)).staff == 5);
    CHECK(calendar.at(at_time(1, 16, 59)).staff == 5);
    CHECK(calendar.at(at_time(1, 17)).staff == 2);  // the 09-17 shift is off at exactly 17:00
    CHECK(calendar.at(at_time(1, 19, 59)).staff == 2);
    CHECK(calendar.at(at_time(1, 20)).staff == 0);
  }
  SUBCASE("nobody at the weekend") {
    CHECK(calendar.at(at_time(5, 12)).staff == 0);
    CHECK(calendar.at(at_time(6, 12)).staff == 0);
  }
  SUBCASE("the week repeats") {
    CHECK(calendar.at(7 * kWeekMin + at_time(4, 13)).staff == 5);
    CHECK(calendar.at(7 * kWeekMin + at_time(4, 17)).staff == 2);
  }
  SUBCASE("staff-hours per week, by hand: 5 days x (3 x 8 h + 2 x 8 h) = 200") {
    CHECK(calendar.staff_hours_per_week() == doctest::Approx(200.0));
  }
  SUBCASE("without executive windows the desk is always open") {
    CHECK(calendar.at(at_time(5, 3)).window_open);
    CHECK(calendar.window_hours_per_week() == doctest::Approx(168.0));
  }
}

TEST_CASE("DeskCalendar: next_change_after walks the week's change points") {
  DeskCalendar calendar(
      desk_with_shifts({shift(kWeekdays, 9, 17, 3), shift(kWeekdays, 12, 20, 2)}));

  SUBCASE("from Monday 00:00 the changes are 09:00, 12:00, 17:00, 20:00, then Tuesday 09:00") {
    std::vector<double> changes;
    double t = 0.0;
    for (int i = 0; i < 5; ++i) changes.push_back(t = calendar.next_change_after(t));
    CHECK(changes == std::vector<double>{at_time(0, 9), at_time(0, 12), at_time(0, 17),
                                         at_time(0, 20), at_time(1, 9)});
  }
  SUBCASE("the answer is strictly after t, also when t is a change point") {
    CHECK(calendar.next_change_after(at_time(2, 12)) == at_time(2, 17));
    CHECK(calendar.next_change_after(at_time(2, 11, 59)) == at_time(2, 12));
  }
  SUBCASE("in a later week the times are in that week") {
    CHECK(calendar.next_change_after(4 * kWeekMin + at_time(3, 10)) == 4 * kWeekMin + at_time(3, 12));
  }
  SUBCASE("after Friday's last change the next is Monday 09:00 of the next week") {
    // The state does not change at Monday 00:00 (nobody is on duty either side), so by the
    // contract ("the first time after t at which the state changes") the answer is 09:00.
    double after_friday = calendar.next_change_after(at_time(4, 20));
    CHECK(after_friday == kWeekMin + at_time(0, 9));
    CHECK(calendar.at(after_friday).staff != calendar.at(at_time(4, 20)).staff);
  }
}

TEST_CASE("DeskCalendar: next_change_after wraps to Monday 00:00 when the state changes there") {
  // Monday 00:00-06:00 one on duty, Sunday 20:00-24:00 two on duty.
  DeskCalendar calendar(desk_with_shifts({shift(only(0), 0, 6, 1), shift(only(6), 20, 24, 2)}));
  CHECK(calendar.at(0.0).staff == 1);
  CHECK(calendar.at(at_time(6, 23, 59)).staff == 2);
  CHECK(calendar.at(kWeekMin).staff == 1);  // a 24:00 end is off at midnight
  CHECK(calendar.next_change_after(at_time(6, 20)) == kWeekMin);
  CHECK(calendar.next_change_after(kWeekMin) == kWeekMin + at_time(0, 6));
  CHECK(calendar.staff_hours_per_week() == doctest::Approx(6.0 + 8.0));
}

TEST_CASE("DeskCalendar: shifts that meet at midnight make one span without a change") {
  // Monday 18:00-24:00 and Tuesday 00:00-06:00, one person each: no change at midnight.
  DeskCalendar calendar(desk_with_shifts({shift(only(0), 18, 24, 1), shift(only(1), 0, 6, 1)}));
  CHECK(calendar.at(at_time(1, 0)).staff == 1);
  CHECK(calendar.next_change_after(at_time(0, 18)) == at_time(1, 6));
  CHECK(calendar.staff_hours_per_week() == doctest::Approx(12.0));
}

TEST_CASE("DeskCalendar: executive windows open and close the desk") {
  // Tuesday 10:00-11:00 and Friday 16:00-18:00.
  DeskCalendar calendar(executive_desk({window(4, 16, 18), window(1, 10, 11)}));
  CHECK_FALSE(calendar.constant());

  SUBCASE("open only inside the windows, closed at their exact end") {
    CHECK_FALSE(calendar.at(0.0).window_open);
    CHECK_FALSE(calendar.at(at_time(1, 9, 59)).window_open);
    CHECK(calendar.at(at_time(1, 10)).window_open);
    CHECK_FALSE(calendar.at(at_time(1, 11)).window_open);
    CHECK_FALSE(calendar.at(at_time(4, 15, 59)).window_open);
    CHECK(calendar.at(at_time(4, 17, 59)).window_open);
    CHECK_FALSE(calendar.at(at_time(4, 18)).window_open);
    CHECK(calendar.at(2 * kWeekMin + at_time(4, 16)).window_open);
  }
  SUBCASE("the staff count is unaffected by the windows") {
    CHECK(calendar.at(at_time(4, 17)).staff == 1);
    CHECK(calendar.at(at_time(3, 3)).staff == 1);
    CHECK(calendar.staff_hours_per_week() == doctest::Approx(168.0));
  }
  SUBCASE("window hours per week, by hand: 1 + 2 = 3") {
    CHECK(calendar.window_hours_per_week() == doctest::Approx(3.0));
  }
  SUBCASE("the changes are the windows' opening and closing times") {
    CHECK(calendar.next_change_after(0.0) == at_time(1, 10));
    CHECK(calendar.next_change_after(at_time(1, 10)) == at_time(1, 11));
    CHECK(calendar.next_change_after(at_time(1, 11)) == at_time(4, 16));
    CHECK(calendar.next_change_after(at_time(4, 16)) == at_time(4, 18));
  }
}

TEST_CASE("DeskCalendar: an executive desk without windows may work at any time") {
  DeskCalendar calendar(executive_desk({}));
  CHECK(calendar.constant());
  CHECK(calendar.at(at_time(6, 3)).window_open);
  CHECK(calendar.window_hours_per_week() == doctest::Approx(168.0));
}

TEST_CASE("staff_on_duty: the fewest while anyone is on duty, and the most at once") {
  SUBCASE("overlapping shifts add up; the hours with nobody do not count as fewest") {
    const StaffOnDuty staff = staff_on_duty(
        desk_with_shifts({shift(kWeekdays, 9, 17, 3), shift(kWeekdays, 12, 20, 2)}));
    CHECK(staff.fewest == 2);
    CHECK(staff.most == 5);
  }
  SUBCASE("one shift gives the same fewest and most") {
    const StaffOnDuty staff = staff_on_duty(desk_with_shifts({shift(kWeekdays, 9, 17, 4)}));
    CHECK(staff.fewest == 4);
    CHECK(staff.most == 4);
  }
  SUBCASE("a change at the very end of the week is still seen") {
    const StaffOnDuty staff =
        staff_on_duty(desk_with_shifts({shift(only(0), 0, 6, 1), shift(only(6), 20, 24, 7)}));
    CHECK(staff.fewest == 1);
    CHECK(staff.most == 7);
  }
  SUBCASE("shifts with no staff leave nobody on duty") {
    const StaffOnDuty staff = staff_on_duty(desk_with_shifts({shift(kWeekdays, 9, 17, 0)}));
    CHECK(staff.fewest == 0);
    CHECK(staff.most == 0);
  }
  SUBCASE("a desk without shifts has its fixed staff all week") {
    Desk d;
    d.staff = 3;
    const StaffOnDuty staff = staff_on_duty(d);
    CHECK(staff.fewest == 3);
    CHECK(staff.most == 3);
  }
}

}  // namespace escalsim
