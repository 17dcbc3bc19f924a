// Shift scheduling: from a desk's demand and a service-level promise, the staff it needs in
// each hour of the week (Erlang C, or A), and the shifts of given patterns that cover it with the
// fewest staff hours (an integer program solved by GLPK).
//
// Hours of the week are numbered as everywhere in escalsim: 0 = Monday 00:00-01:00, 167 =
// Sunday 23:00-24:00 (results.h, kHourOfWeekBins).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "escalsim/results.h"
#include "escalsim/scenario.h"
#include "escalsim/units.h"

namespace escalsim {

using HourlyStaff = std::array<int, kHourOfWeekBins>;

// A shift pattern: on these weekdays, starting at `start` (a whole hour), for `length`
// (whole hours, 1 to 24). A shift that runs past midnight goes on into the next day (from
// Sunday into Monday: the week wraps), and becomes two shifts in the scenario.
struct ShiftPattern {
  std::array<bool, 7> days{};  // Monday first; the days the shift starts on
  int start_hour = 0;          // 0 to 23
  int length_hours = 0;        // 1 to 24
  std::string text;            // as written, e.g. "mon-fri 08:00 8h"

  // Staff hours of one person on this pattern in a week: days x length.
  int hours_per_week() const;
  // Whether one person on this pattern works in hour of the week `hour`.
  bool covers(int hour) const;
};

// "<days> <HH:MM> <length>": days as in a scenario's shifts (`mon-fri`, `sat`, `mon,wed`),
// a start on the hour, a duration of whole hours ("8h", "8 h", "12 hours"). Throws Error
// with a one-line message naming the part that is wrong.
ShiftPattern parse_shift_pattern(const std::string& text);

// A service-level promise: at least `share` of the answers within `within`.
struct ServiceLevelTarget {
  double share = 0.8;  // in (0, 1)
  Duration within;
};

// "80% within 20 s" (a share as 0.8 or 80%, a duration as in scenarios). Throws Error.
ServiceLevelTarget parse_service_level_target(const std::string& text);

// The mean arrival rate into `desk` in each hour of the week, per hour: each demand
// stream's share of the desk's arrivals by the traffic equations (predict()), times the
// stream's weekly pattern for that hour. Routing is taken as instant: a complaint reaches
// a later desk in the hour it arrived.
std::array<double, kHourOfWeekBins> hourly_arrival_rate(const Scenario& scenario, int desk);

// The least staff in each hour for which an M/M/c queue with that hour's arrival rate and
// the desk's mean handle time (Erlang C, stationary within the hour) meets `target`: the
// share of arrivals whose wait is at most `within` is at least `share`. 0 for hours without
// arrivals. A desk with exponential patience is staffed by Erlang A (M/M/c+M; abandoners
// count against the share); other patience is not credited (Erlang C). Throws Error for an
// executive desk.
HourlyStaff staffing_requirement(const Scenario& scenario, int desk,
                                 const ServiceLevelTarget& target);

// The chosen shifts: staff on each pattern (indexed like the patterns).
struct ShiftPlan {
  std::vector<int> staff;
  HourlyStaff coverage{};       // staff on duty in each hour of the week
  long long staff_hours = 0;    // per week: sum of staff x hours_per_week
  long long required_hours = 0; // per week: sum of the requirement
};

// Staff on duty in each hour for `staff` people on each pattern.
HourlyStaff shift_coverage(const std::vector<ShiftPattern>& patterns,
                           const std::vector<int>& staff);

// The staff on each pattern that minimises the staff hours per week with coverage >=
// `required` in every hour, by GLPK's branch and cut (an exact optimum). Throws Error when
// an hour that needs staff is covered by no pattern (naming the hour), or when there are no
// patterns. REQUIRES: required[h] >= 0.
ShiftPlan schedule_shifts(const HourlyStaff& required, const std::vector<ShiftPattern>& patterns);

// The plan as a desk's shifts (Shift: days, from, to, staff), a pattern that runs past
// midnight split into its part before midnight and its part after, on the next days.
// Patterns with no staff are left out.
std::vector<Shift> shifts_of(const std::vector<ShiftPattern>& patterns,
                             const std::vector<int>& staff);

// The scenario file at `scenario_path` with desk `desk`'s `staff` (and any `shifts`)
// replaced by `shifts` and its `service_level` set to `within`, as YAML text that escalsim
// runs as is. Comments are not kept. Throws Error when the file or the desk is missing.
std::string scenario_with_shifts(const std::string& scenario_path, const std::string& desk,
                                 const std::vector<Shift>& shifts, Duration within);

// "Mon 08:00" for hour of the week 8.
std::string hour_of_week_label(int hour);

}  // namespace escalsim
