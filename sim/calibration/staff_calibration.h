// Calibrating staff by simulation: the fitted scenario is run (common random numbers: the
// same seeds every round), and in each hour of the week where the simulation is more (or
// less) congested than the log, one agent is added (or taken away), until the hours agree
// or the rounds run out. The round closest to the log is kept.
#pragma once

#include <array>
#include <string>

#include "calibration/scenario_writer.h"
#include "calibration/weekly_profile.h"

namespace escalsim::detail {

// Per hour of the week, summed over a period: calls that asked for an agent (by the hour
// they asked), those that abandoned, and their total time in the queue (seconds).
struct HourFigures {
  std::array<double, kHoursPerWeek> calls{};
  std::array<double, kHoursPerWeek> abandoned{};
  std::array<double, kHoursPerWeek> wait_s{};
};

// The same figures from `replications` runs of `scenario_yaml` (summed over replications).
HourFigures simulate_hours(const std::string& scenario_yaml, int replications);

struct StaffCalibration {
  std::array<int, kHoursPerWeek> staff{};
  int rounds = 0;         // rounds run
  int best_round = 0;     // the round kept (0: the inferred staff)
  double abandonment_before = 0.0, abandonment_after = 0.0, abandonment_log = 0.0;
  double wait_before_s = 0.0, wait_after_s = 0.0, wait_log_s = 0.0;
  int agent_hours_added = 0;    // over the hours of a week
  int agent_hours_removed = 0;
};

// REQUIRES: model is complete (its staff the starting point); observed over the model's
// period, which starts on a Monday for the hours to line up with the simulated week.
StaffCalibration calibrate_staff(FittedModel model, const HourFigures& observed,
                                 int replications, int max_rounds);

}  // namespace escalsim::detail
