// Writing a fitted model as a scenario file that escalsim runs as is, each number commented
// with where it came from.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "calibration/estimators.h"
#include "calibration/staff_inference.h"
#include "calibration/weekly_profile.h"

namespace escalsim::detail {

// One class of calls (the map's `class` column): its own demand stream in the scenario.
struct ClassFit {
  std::string name;        // the class value in the log
  std::int64_t calls = 0;  // calls of this class that asked for an agent
  std::array<double, kHoursPerWeek> calls_per_hour{};  // mean per hour of the week
  std::int64_t high_priority = 0;
  std::vector<DurationFit> handle_fits;  // best first; empty below 2 services
  std::int64_t handle_n = 0;
};

// One desk of the log (the map's `desk` column): the calls that came to it first, its own
// services, waits and agents.
struct DeskFit {
  std::string name;        // the desk value in the log
  std::int64_t calls = 0;  // calls that asked for an agent at this desk first
  std::array<double, kHoursPerWeek> calls_per_hour{};
  std::int64_t high_priority = 0;
  std::vector<DurationFit> handle_fits;  // best first; empty below 2 distinct values
  std::int64_t handle_n = 0;
  double patience_mean_s = 0.0;  // exponential MLE from its censored waits; inf: none abandoned
  std::int64_t abandoned = 0;
  StaffTable staff;
};

// The share of a desk's served calls passed to another desk (the map's `transfer` column).
struct RouteFit {
  std::string from, to;
  std::int64_t transferred = 0;
  std::int64_t served = 0;  // calls served at `from`
  double share() const { return served > 0 ? static_cast<double>(transferred) / static_cast<double>(served) : 0.0; }
};

struct FittedModel {
  std::string name;       // the scenario's run.name
  std::string log_path;
  std::string map_path;
  std::string first_day;  // YYYY-MM-DD
  std::string last_day;
  int days = 0;           // first_day..last_day inclusive
  std::int64_t calls = 0; // calls that asked for an agent in the period
  std::array<double, kHoursPerWeek> calls_per_hour{};  // mean per hour of the week
  std::vector<std::pair<std::string, std::int64_t>> classes;  // class -> calls, by count
  // Per class, in the order of `classes`; with two or more, each is its own demand stream.
  std::vector<ClassFit> class_fits;
  std::int64_t high_priority = 0;  // calls with a priority the map lists as high
  bool priorities_mapped = false;
  std::vector<DurationFit> handle_fits;  // best (smallest AIC) first
  std::int64_t handle_n = 0;
  std::array<double, 9> handle_deciles{};  // 10%..90% of the handle times, seconds
  double patience_mean_s = 0.0;
  double patience_se_s = 0.0;
  std::int64_t abandoned = 0;
  std::int64_t waits = 0;           // calls whose wait is in the patience fit
  double waited_s = 0.0;            // their total time in the queue
  double km_median_s = -1.0;        // Kaplan-Meier median patience, -1: not reached
  double km_survival_60s = 1.0;     // Kaplan-Meier share with patience above 60 s
  StaffTable staff;
  // With a desk column: one entry per desk (by calls), and the routes between them; the
  // scenario then has these desks, one stream per desk that calls come to first, and routes.
  std::vector<DeskFit> desk_fits;
  std::vector<RouteFit> routes;
  std::vector<std::string> staff_notes;  // comment lines on how staff was set (calibration)
};

// What the scenario model cannot say about a fitted log, one sentence each (for the page
// and the scenario's comments).
std::vector<std::string> unsupported_notes(const FittedModel& model);

// The scenario's YAML text.
std::string write_scenario_yaml(const FittedModel& model);

// A class name as a channel name: lower case, characters other than letters, digits, '-'
// and '_' turned into '_'; "unknown" when empty.
std::string channel_name(const std::string& call_class);

// A desk value as a scenario desk name (channel_name; never the reserved `exit`).
std::string desk_name(const std::string& desk);

// The class streams' names, as model.class_fits: channel_name of each, made unique by a
// suffix (_2, _3, ...) where two classes would share one ("A" and "a").
std::vector<std::string> stream_names(const FittedModel& model);

}  // namespace escalsim::detail
