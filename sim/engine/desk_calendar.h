// A desk's week: when its staff on duty (shifts) and its availability (executive
// windows) change. The week repeats for the whole run.
#pragma once

#include <vector>

#include "escalsim/scenario.h"

namespace escalsim {

struct CalendarState {
  int staff = 0;
  bool window_open = true;
};

class DeskCalendar {
 public:
  explicit DeskCalendar(const Desk& desk);

  // True when nothing changes over the week (fixed staff, no windows).
  bool constant() const { return points_.size() <= 1; }
  // The state in force at t (intervals are half-open: a shift 09:00-17:00 is off at 17:00).
  CalendarState at(double t_min) const;
  // The first time after t at which the state changes. REQUIRES: !constant().
  double next_change_after(double t_min) const;
  // Staff-hours on duty per week and window hours per week.
  double staff_hours_per_week() const;
  double window_hours_per_week() const;

 private:
  struct Point {
    double week_min;
    CalendarState state;
  };
  std::vector<Point> points_;  // sorted by week_min, first at 0, consecutive states differ
};

}  // namespace escalsim
