// Staff by hour of the week, inferred from a log that does not record staffing: in each
// hour of each day, the agents seen serving (distinct names) and the agent-time spent
// serving (the mean number of agents serving at once), then averaged over the times each
// hour of the week occurs.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "calibration/weekly_profile.h"

namespace escalsim::detail {

struct StaffTable {
  std::array<double, kHoursPerWeek> agents_seen{};     // mean distinct agents serving
  std::array<double, kHoursPerWeek> busy_at_once{};    // mean agents serving at once
  std::array<int, kHoursPerWeek> staff{};              // the staff written to the scenario
};

class StaffInference {
 public:
  // A service by `agent` (empty: unnamed; counts in busy time only) from start_s to end_s,
  // seconds after midnight of `day`.
  void add_service(std::int64_t day, double start_s, double end_s, std::string_view agent);
  // The table over first..last. staff = agents seen, rounded, and at least 1 in an hour
  // where `demand` (mean calls in that hour) is above 0.
  StaffTable table(std::int64_t first_day, std::int64_t last_day,
                   const std::array<double, kHoursPerWeek>& demand) const;

 private:
  // Each agent's name once, as a number; per absolute hour the numbers of the agents seen:
  // memory grows with agents x hours of the period, not with the rows.
  std::map<std::string, int, std::less<>> agent_ids_;
  std::map<std::int64_t, std::set<int>> agents_;  // by absolute hour
  WeeklyProfile busy_s_;
};

}  // namespace escalsim::detail
