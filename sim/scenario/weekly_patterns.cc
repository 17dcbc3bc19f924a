// The named weekly demand patterns.
#include "scenario/weekly_patterns.h"

namespace escalsim::detail {

namespace {

void fill_hours(std::array<double, 168>& weight, int day, int from_hour, int to_hour) {
  for (int h = from_hour; h < to_hour; ++h) weight[day * 24 + h] = 1.0;
}

}  // namespace

const std::vector<std::string>& weekly_pattern_names() {
  static const std::vector<std::string> kNames = {"flat", "business_hours", "extended_hours",
                                                  "weekdays"};
  return kNames;
}

void normalise_weekly_pattern(std::array<double, 168>& weight) {
  double sum = 0.0;
  for (double w : weight) sum += w;
  if (sum <= 0.0) return;
  const double scale = 168.0 / sum;
  for (double& w : weight) w *= scale;
}

std::optional<WeeklyPattern> named_weekly_pattern(const std::string& name) {
  WeeklyPattern p;
  p.name = name;
  p.weight.fill(0.0);
  if (name == "flat") {
    p.weight.fill(1.0);
  } else if (name == "business_hours") {
    for (int d = 0; d < 5; ++d) fill_hours(p.weight, d, 9, 17);
  } else if (name == "extended_hours") {
    for (int d = 0; d < 5; ++d) fill_hours(p.weight, d, 8, 20);
    fill_hours(p.weight, 5, 9, 17);
  } else if (name == "weekdays") {
    for (int d = 0; d < 5; ++d) fill_hours(p.weight, d, 0, 24);
  } else {
    return std::nullopt;
  }
  normalise_weekly_pattern(p.weight);
  return p;
}

}  // namespace escalsim::detail
