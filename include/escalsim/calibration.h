// Calibration: turning a client's call or ticket log into a scenario (`escalsim fit`).
//
// The log is CSV or TSV with a header row; a map file (YAML, described in
// scenarios/README.md, "Call logs: the map") names its columns and outcome values.
// Errors in the log or the map are ScenarioError with `file:line:col: message`.
#pragma once

#include <optional>
#include <string>

namespace escalsim {

struct FitRequest {
  std::string log_path;
  std::string map_path;
  // Only calls that asked for an agent on these dates (YYYY-MM-DD, inclusive) are used;
  // absent: the log's first and last dates.
  std::optional<std::string> from;
  std::optional<std::string> to;
  // When above 0, staff by hour of the week is then calibrated by simulation for at most
  // this many rounds (each `replications` runs on the same seeds) until the simulated
  // abandonment and wait by hour match the log's; the period should start on a Monday.
  int calibrate_rounds = 0;
  int replications = 5;
};

struct FitOutcome {
  std::string scenario_yaml;  // a scenario escalsim loads as is, each number commented
  std::string summary;        // the fit report for the console (several lines)
};

// Reads the log once (memory bounded by the distinct values the estimators keep, not by the
// number of rows) and fits demand, its weekly pattern, handle times, patience, priorities
// and the staff by hour of the week. Throws ScenarioError on a bad log or map, Error on a
// bad --from/--to or a period with no calls.
FitOutcome fit_call_log(const FitRequest& request);

}  // namespace escalsim
