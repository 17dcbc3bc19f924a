// Builds the change points by evaluating the state at every boundary any shift or window
// has, then dropping boundaries where nothing changes.
#include "engine/desk_calendar.h"

#include <algorithm>
#include <cmath>

#include "escalsim/staff_on_duty.h"
#include "escalsim/units.h"

namespace escalsim {
namespace {

constexpr double kDayMin = 1440.0;

CalendarState evaluate(const Desk& desk, double week_min) {
  CalendarState s;
  if (desk.shifts.empty()) {
    s.staff = desk.staff;
  } else {
    for (const Shift& shift : desk.shifts) {
      for (int day = 0; day < 7; ++day) {
        if (!shift.days[day]) continue;
        double from = day * kDayMin + shift.from.in_minutes();
        double to = day * kDayMin + shift.to.in_minutes();
        if (week_min >= from && week_min < to) s.staff += shift.staff;
      }
    }
  }
  if (desk.executive && !desk.executive->windows.empty()) {
    s.window_open = false;
    for (const AvailabilityWindow& w : desk.executive->windows) {
      double from = w.day * kDayMin + w.from.in_minutes();
      double to = w.day * kDayMin + w.to.in_minutes();
      if (week_min >= from && week_min < to) s.window_open = true;
    }
  }
  return s;
}

}  // namespace

DeskCalendar::DeskCalendar(const Desk& desk) {
  std::vector<double> bounds{0.0};
  for (const Shift& shift : desk.shifts) {
    for (int day = 0; day < 7; ++day) {
      if (!shift.days[day]) continue;
      bounds.push_back(day * kDayMin + shift.from.in_minutes());
      bounds.push_back(day * kDayMin + shift.to.in_minutes());
    }
  }
  if (desk.executive) {
    for (const AvailabilityWindow& w : desk.executive->windows) {
      bounds.push_back(w.day * kDayMin + w.from.in_minutes());
      bounds.push_back(w.day * kDayMin + w.to.in_minutes());
    }
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  for (double b : bounds) {
    if (b >= kWeekMin) continue;
    CalendarState s = evaluate(desk, b);
    if (!points_.empty() && points_.back().state.staff == s.staff &&
        points_.back().state.window_open == s.window_open) {
      continue;
    }
    points_.push_back(Point{b, s});
  }
}

CalendarState DeskCalendar::at(double t_min) const {
  double w = std::fmod(t_min, kWeekMin);
  auto after = std::upper_bound(points_.begin(), points_.end(), w,
                                [](double x, const Point& p) { return x < p.week_min; });
  return std::prev(after)->state;
}

double DeskCalendar::next_change_after(double t_min) const {
  double week_start = std::floor(t_min / kWeekMin) * kWeekMin;
  double w = t_min - week_start;
  auto after = std::upper_bound(points_.begin(), points_.end(), w,
                                [](double x, const Point& p) { return x < p.week_min; });
  if (after != points_.end()) return week_start + after->week_min;
  // Past the week's last point: the next week's first point at 0 is a change only if its
  // state differs from the last one (points differ from their predecessor within a week,
  // but the week wraps around).
  const CalendarState& first = points_.front().state;
  const CalendarState& last = points_.back().state;
  bool wrap_changes = first.staff != last.staff || first.window_open != last.window_open;
  return week_start + kWeekMin + (wrap_changes ? 0.0 : points_[1].week_min);
}

double DeskCalendar::staff_hours_per_week() const {
  double total = 0.0;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    double end = i + 1 < points_.size() ? points_[i + 1].week_min : kWeekMin;
    total += points_[i].state.staff * (end - points_[i].week_min);
  }
  return total / 60.0;
}

double DeskCalendar::window_hours_per_week() const {
  double total = 0.0;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    double end = i + 1 < points_.size() ? points_[i + 1].week_min : kWeekMin;
    if (points_[i].state.window_open) total += end - points_[i].week_min;
  }
  return total / 60.0;
}

StaffOnDuty staff_on_duty(const Desk& desk) {
  // Walk the week's change points.
  const DeskCalendar calendar(desk);
  StaffOnDuty out;
  double t = 0.0;
  while (true) {
    const int staff = calendar.at(t).staff;
    out.most = std::max(out.most, staff);
    if (staff > 0) out.fewest = out.fewest == 0 ? staff : std::min(out.fewest, staff);
    if (calendar.constant()) break;
    t = calendar.next_change_after(t);
    if (t >= kWeek.in_minutes()) break;
  }
  return out;
}

}  // namespace escalsim
