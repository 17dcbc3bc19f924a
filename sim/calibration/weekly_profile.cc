// The weekly profile of a log: counts per absolute hour folded onto the 168 hours.
#include "calibration/weekly_profile.h"

#include <cmath>

#include "calibration/call_log.h"

namespace escalsim::detail {
namespace {

std::int64_t absolute_hour(std::int64_t day, double seconds) {
  return day * 24 + static_cast<std::int64_t>(std::floor(seconds / 3600.0));
}

int week_hour_of_absolute(std::int64_t hour) {
  const std::int64_t day = hour >= 0 ? hour / 24 : (hour - 23) / 24;
  return weekday_of(day) * 24 + static_cast<int>(hour - day * 24);
}

}  // namespace

int hour_of_week(std::int64_t day, double seconds) {
  return week_hour_of_absolute(absolute_hour(day, seconds));
}

std::array<int, kHoursPerWeek> hour_occurrences(std::int64_t first_day, std::int64_t last_day) {
  std::array<int, kHoursPerWeek> n{};
  for (std::int64_t d = first_day; d <= last_day; ++d) {
    const int w = weekday_of(d);
    for (int h = 0; h < 24; ++h) ++n[static_cast<std::size_t>(w * 24 + h)];
  }
  return n;
}

void WeeklyProfile::add(std::int64_t day, double seconds, double amount) {
  by_hour_[absolute_hour(day, seconds)] += amount;
  total_ += amount;
}

std::array<double, kHoursPerWeek> WeeklyProfile::mean_per_hour(std::int64_t first_day,
                                                               std::int64_t last_day) const {
  std::array<double, kHoursPerWeek> sum{};
  for (const auto& [hour, amount] : by_hour_) {
    if (hour < first_day * 24 || hour >= (last_day + 1) * 24) continue;
    sum[static_cast<std::size_t>(week_hour_of_absolute(hour))] += amount;
  }
  const std::array<int, kHoursPerWeek> n = hour_occurrences(first_day, last_day);
  for (std::size_t i = 0; i < sum.size(); ++i) sum[i] = n[i] > 0 ? sum[i] / n[i] : 0.0;
  return sum;
}

}  // namespace escalsim::detail
