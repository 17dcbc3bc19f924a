// Staff inference: agents seen per hour are an estimate of staff on duty (an agent who took
// no call in an hour is missed; one who took a call at the start of a shift change is
// counted in both hours); agents serving at once is a lower bound (staff are not busy all
// the time). The scenario uses agents seen; the table reports both.
#include "calibration/staff_inference.h"

#include <algorithm>
#include <cmath>

namespace escalsim::detail {

void StaffInference::add_service(std::int64_t day, double start_s, double end_s,
                                 std::string_view agent) {
  double t = start_s;
  while (t < end_s) {
    const double hour_end = (std::floor(t / 3600.0) + 1.0) * 3600.0;
    const double until = std::min(end_s, hour_end);
    busy_s_.add(day, t, until - t);
    if (!agent.empty()) {
      const std::int64_t hour = day * 24 + static_cast<std::int64_t>(std::floor(t / 3600.0));
      auto id = agent_ids_.find(agent);
      if (id == agent_ids_.end()) {
        id = agent_ids_.emplace(std::string(agent), static_cast<int>(agent_ids_.size())).first;
      }
      agents_[hour].insert(id->second);
    }
    t = until;
  }
}

StaffTable StaffInference::table(std::int64_t first_day, std::int64_t last_day,
                                 const std::array<double, kHoursPerWeek>& demand) const {
  StaffTable table;
  WeeklyProfile seen;
  for (const auto& [hour, agents] : agents_) {
    const std::int64_t day = hour >= 0 ? hour / 24 : (hour - 23) / 24;
    seen.add(day, static_cast<double>(hour - day * 24) * 3600.0,
             static_cast<double>(agents.size()));
  }
  table.agents_seen = seen.mean_per_hour(first_day, last_day);
  table.busy_at_once = busy_s_.mean_per_hour(first_day, last_day);
  for (double& b : table.busy_at_once) b /= 3600.0;
  for (int h = 0; h < kHoursPerWeek; ++h) {
    const auto i = static_cast<std::size_t>(h);
    table.staff[i] = static_cast<int>(std::lround(table.agents_seen[i]));
    if (demand[i] > 0 && table.staff[i] < 1) table.staff[i] = 1;
  }
  return table;
}

}  // namespace escalsim::detail
