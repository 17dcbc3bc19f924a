// The hour-of-week figures of an experiment, over its replications: what results.json's
// "by_hour_of_week" and results_by_hour.csv hold.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "escalsim/experiment.h"

namespace escalsim::detail {

// One scope's 168 bins (escalsim/results.h: HourOfWeekCounts says which visits count).
struct HourOfWeekFigures {
  std::string scope;  // "complaints" or "desk:<name>"
  // Mean over replications of the visits that arrived in the bin over the measured span.
  std::array<double, kHourOfWeekBins> arrivals{};
  // Arrivals per hour while the bin's hour was inside the measured span, pooled over
  // replications: comparable with the demand's hourly rate.
  std::array<double, kHourOfWeekBins> arrival_rate_per_hour{};
  // Abandoned over answered + abandoned, and the mean wait of both, pooled over
  // replications (a bin may be empty in one replication); 0 where no wait ended.
  std::array<double, kHourOfWeekBins> abandonment{};
  std::array<double, kHourOfWeekBins> wait_mean_min{};
};

// Per scope in RunResult::by_hour_of_week order; empty without runs.
std::vector<HourOfWeekFigures> hour_of_week_figures(const ExperimentResult& result);

// The hours of bin `hour` (0..167, counted from Monday 00:00) inside [from_min, to_min).
double hours_in_bin(int hour, double from_min, double to_min);

}  // namespace escalsim::detail
