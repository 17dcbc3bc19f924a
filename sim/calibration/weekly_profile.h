// Counts by hour of the week over a period of days: calls that asked for an agent in each
// of the 168 hours (hour 0: Monday 00:00-01:00), averaged over the times that hour occurs.
#pragma once

#include <array>
#include <cstdint>
#include <map>

namespace escalsim::detail {

inline constexpr int kHoursPerWeek = 168;

// The hour of the week (0..167, Monday first) of `seconds` after midnight of `day`
// (days since 1970-01-01; seconds may pass midnight).
int hour_of_week(std::int64_t day, double seconds);

// How many times each hour of the week occurs in the days first..last (inclusive).
std::array<int, kHoursPerWeek> hour_occurrences(std::int64_t first_day, std::int64_t last_day);

class WeeklyProfile {
 public:
  void add(std::int64_t day, double seconds, double amount = 1.0);
  // Amounts by absolute hour (day * 24 + hour); bounded by the period's hours.
  const std::map<std::int64_t, double>& by_hour() const { return by_hour_; }
  // The mean amount in each hour of the week over first..last: the sum over the period
  // divided by the times that hour occurs (0 where it never does).
  std::array<double, kHoursPerWeek> mean_per_hour(std::int64_t first_day,
                                                  std::int64_t last_day) const;
  double total() const { return total_; }

 private:
  std::map<std::int64_t, double> by_hour_;
  double total_ = 0.0;
};

}  // namespace escalsim::detail
