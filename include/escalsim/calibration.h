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
  // The fit report (`escalsim fit` writes them beside the scenario): fit_report.json holds
  // every number, fit_report.html shows each fitted distribution against its data, arrivals
  // by hour of the week, the rows left out by reason and the staff table, every figure on
  // it pointing into the JSON.
  std::string report_json;
  std::string report_html;
};

// Reads the log once (memory bounded by the distinct values the estimators keep, not by the
// number of rows) and fits demand, its weekly pattern, handle times, patience, priorities
// and the staff by hour of the week. Throws ScenarioError on a bad log or map, Error on a
// bad --from/--to or a period with no calls.
FitOutcome fit_call_log(const FitRequest& request);

}  // namespace escalsim

namespace escalsim {

struct ValidateRequest {
  std::string scenario_path;
  std::string log_path;
  std::string map_path;
  std::optional<std::string> from;  // YYYY-MM-DD, inclusive; absent: the log's first day
  std::optional<std::string> to;
  int replications = 10;
};

struct ValidationOutcome {
  // Tidy: day,hour,metric,observed,simulated_mean,simulated_low,simulated_high; day mon..sun
  // or all, hour 0..23 or all; low and high bound the central 95% of the replications
  // (a prediction band for one realisation, the log). Empty fields: undefined (no calls).
  std::string csv;
  std::string json;
  std::string verdict;  // one line
  std::string html;     // a page: observed against simulated by hour, with the bands
  std::string data_json;  // report-data.json: the page's chart data, by chart
  std::string data_csv;   // report-data.csv: the same, tidy (chart,row,field,value)
};

// Simulates the scenario over the period's days (replications with the scenario's seeds;
// the simulated week starts on a Monday, so the period should too) and compares it with the
// log by day of the week and hour of the day. Calls are those that asked for an agent, in
// the hour they asked. Throws as fit_call_log does, and ScenarioError for the scenario.
ValidationOutcome validate_against_log(const ValidateRequest& request);

}  // namespace escalsim
