// A hand-built sweep for the sweep writers' and saturation() tests: two parameters
// (desks.ceo.budget x demand_multiplier, 2 x 3 points), replications with their seeds, and
// summaries in the metric names flatten() uses.
//
// The scenario (kSweepScenarioText, loaded, so that scenario_at can build any point whose
// settings are valid): frontline (1 staff, 1 h handle time, 0.3 complaints per hour: load 0.3
// at 1x) sends half its complaints on to specialists (10 staff, 1 h), who send a tenth of
// theirs on to the ceo (3 h a week), 11 weeks with 1 week of warm-up. The second budget value
// is not one the loader accepts: it is there for the writers' CSV quoting, and only the first
// value of the budget is ever built (saturation's reference point). In the results frontline
// is busy 0.3 x multiple of the time (0.6 x at the second budget), capped at 99.9%: it
// saturates at 4x (at 2x with the second budget); specialists never does.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "testutil.h"

namespace escalsim::testing {

inline Estimate sweep_figure(const std::string& scope, const std::string& name, double mean,
                             double half_width, int n) {
  Estimate e;
  e.scope = scope;
  e.name = name;
  e.mean = mean;
  e.half_width = n > 1 ? half_width : 0.0;
  e.sd = e.half_width;
  e.n = n;
  return e;
}

inline constexpr const char* kSweepScenarioText =
    "run: {name: scale, horizon: 11 weeks, warmup: 1 week, seed: 3, replications: 2}\n"
    "demand: {rate: 0.3 per hour}\n"
    "desks:\n"
    "  frontline: {staff: 1, handle_time: {distribution: exponential, mean: 1 h}}\n"
    "  specialists: {staff: 10, handle_time: {distribution: exponential, mean: 1 h}}\n"
    "  ceo: {budget: 3 h per week, windows: [\"mon 08:00-12:00\"], handle_time: 30 min}\n"
    "routes:\n"
    "  - {from: frontline, to: specialists, probability: 0.5}\n"
    "  - {from: specialists, to: ceo, probability: 0.1}\n";

inline Scenario sweep_scenario() {
  Scenario s = load_scenario_text(kSweepScenarioText, "scenarios/sweeps/scale.yaml",
                                  {"run.seed=7"});
  SweepSpec spec;
  spec.parameters.push_back({"desks.ceo.budget", {"3 h per week", "3 h per week, \"mornings\""}, {}});
  spec.parameters.push_back({kDemandMultiplier, {"1", "2", "4"}, {}});
  for (int i = 0; i < 6; ++i) {
    SweepPoint p;
    p.index = i;
    p.settings = {{"desks.ceo.budget", spec.parameters[0].values[i / 3]},
                  {kDemandMultiplier, spec.parameters[1].values[i % 3]}};
    spec.points.push_back(std::move(p));
  }
  s.sweep = std::move(spec);
  return s;
}

// Point `index` of sweep_scenario()'s grid with `n` replications.
inline PointResult sweep_point(const Scenario& scenario, int index, int n) {
  PointResult result;
  result.point = scenario.sweep->points[index];
  const double multiple = std::stod(result.point.settings[1].second);
  const double per_multiple = index < 3 ? 0.3 : 0.6;
  const double utilisation = std::min(per_multiple * multiple, 0.999);
  const bool saturated = utilisation >= 0.98;

  for (int r = 0; r < n; ++r) {
    result.seeds.push_back(1000 + static_cast<std::uint64_t>(r));
    result.runs.push_back({Metric{"desk:frontline", "utilisation", utilisation + 0.125 * r},
                           Metric{"complaints", "resolution_rate", 0.9}});
  }
  std::vector<Estimate>& s = result.summary;
  s.push_back(sweep_figure("desk:frontline", "utilisation", utilisation, 0.005, n));
  s.push_back(sweep_figure("desk:frontline", "wait_mean_min", 4.5 * multiple, 0.5, n));
  s.push_back(sweep_figure("desk:frontline", "mean_in_desk", 2.0, 0.1, n));
  s.push_back(sweep_figure("desk:frontline", "backlog_growth_per_week", saturated ? 50.0 : 0.01,
                           saturated ? 5.0 : 0.2, n));
  s.push_back(sweep_figure("desk:specialists", "utilisation", 0.015 * multiple, 0.001, n));
  s.push_back(sweep_figure("desk:specialists", "wait_mean_min", 1.5, 0.1, n));
  s.push_back(sweep_figure("desk:specialists", "mean_in_desk", 0.5, 0.05, n));
  s.push_back(sweep_figure("desk:specialists", "backlog_growth_per_week", 0.0, 0.1, n));
  s.push_back(sweep_figure("complaints", "time_in_system_mean_min", 300.0 * multiple, 10.0, n));
  s.push_back(sweep_figure("complaints", "resolution_rate", 0.9, 0.01, n));
  s.push_back(sweep_figure("executive:ceo", "budget_h", 30.0, 0.0, n));
  s.push_back(sweep_figure("executive:ceo", "used_h", 20.0, 1.0, n));
  s.push_back(sweep_figure("executive:ceo", "backlog_growth_per_week", 0.0, 0.0, n));
  return result;
}

// Every point of the grid, `n` replications each.
inline SweepResult sweep_result(const Scenario& scenario, int n) {
  SweepResult result;
  for (int i = 0; i < 6; ++i) result.points.push_back(sweep_point(scenario, i, n));
  result.complete = true;
  return result;
}

// The figure (scope, name) of a point, for tests that change one.
inline Estimate& sweep_estimate(PointResult& point, const std::string& scope,
                                const std::string& name) {
  for (Estimate& e : point.summary) {
    if (e.scope == scope && e.name == name) return e;
  }
  point.summary.push_back(sweep_figure(scope, name, 0.0, 0.0, 1));
  return point.summary.back();
}

}  // namespace escalsim::testing
