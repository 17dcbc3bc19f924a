// Where each desk saturates in a scale study: simulated (the first swept demand multiple at
// which it did) beside predicted (1 / its traffic-equation load at the base demand).
#include "analysis/saturation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "escalsim/analysis.h"
#include "escalsim/metrics.h"
#include "escalsim/metric_names.h"

namespace escalsim {
namespace detail {
namespace {

const Estimate* find_estimate(const std::vector<Estimate>& summary, const std::string& scope,
                              const std::string& name) {
  return find_metric(summary, scope, name);
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

bool backlog_grows(const Estimate* growth, double mean_in_desk, double span_weeks) {
  if (growth == nullptr || !(growth->mean > 0.0)) return false;
  const double lower = growth->n > 1 ? growth->mean - growth->half_width : growth->mean;
  return lower > 0.0 &&
         growth->mean * span_weeks > std::max(kMinimumGrowthOverSpan, mean_in_desk);
}

bool utilisation_saturated(const Estimate* utilisation) {
  return utilisation != nullptr && utilisation->mean >= kSaturatedUtilisation;
}

DeskStability assess_desk(const std::vector<Estimate>& summary, const std::string& desk,
                          double span_weeks) {
  const std::string scope = metric::kDeskPrefix + desk;
  DeskStability state;
  state.utilisation = find_estimate(summary, scope, metric::kUtilisation);
  state.growth = find_estimate(summary, scope, metric::kBacklogGrowthPerWeek);
  const Estimate* level = find_estimate(summary, scope, metric::kMeanInDesk);
  state.grows = backlog_grows(state.growth, level == nullptr ? 0.0 : level->mean, span_weeks);
  state.saturated = utilisation_saturated(state.utilisation);
  return state;
}

double measured_span_weeks(const Scenario& scenario) {
  const RunSettings& run = scenario.run;
  // With an automatic warm-up each replication truncates its own share; the horizon is the
  // longest span any of them can have.
  return run.warmup_auto ? run.horizon.in_weeks() : (run.horizon - run.warmup).in_weeks();
}

std::optional<double> parse_multiple(std::string_view text) {
  text = trim(text);
  if (!text.empty() && (text.back() == 'x' || text.back() == 'X')) {
    text = trim(text.substr(0, text.size() - 1));
  }
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool has_demand_multiplier(const Scenario& scenario, const SweepResult& result) {
  if (scenario.sweep) {
    for (const SweepParameter& p : scenario.sweep->parameters) {
      if (p.key == kDemandMultiplier) return true;
    }
  }
  for (const PointResult& point : result.points) {
    for (const auto& [key, value] : point.point.settings) {
      if (key == kDemandMultiplier) return true;
    }
  }
  return false;
}

}  // namespace detail

namespace {

// The scenario at 1x demand with every other swept parameter at `reference`; the scenario as
// written when nothing else is swept, or when it has no text to re-read (built in code).
Scenario reference_scenario(const Scenario& scenario,
                            const std::map<std::string, std::string>& reference) {
  if (reference.empty() || scenario.source_text.empty()) return scenario;
  SweepPoint point;
  // In the spec's order (a later override of the same subtree wins as in the sweep).
  if (scenario.sweep) {
    for (const SweepParameter& p : scenario.sweep->parameters) {
      if (const auto found = reference.find(p.key); found != reference.end()) {
        point.settings.emplace_back(p.key, found->second);
      }
    }
  }
  for (const auto& entry : reference) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const bool listed =
        std::any_of(point.settings.begin(), point.settings.end(),
                    [&entry](const auto& setting) { return setting.first == entry.first; });
    if (!listed) point.settings.emplace_back(entry.first, entry.second);
  }
  return scenario_at(scenario, point);
}

// The points on the demand axis (by increasing multiple) with every other swept parameter at
// `reference`, its first value: the spec's first, or for a key the spec does not list (listed
// points), the value in the first point that sets it.
struct DemandAxis {
  std::map<std::string, std::string> reference;
  std::vector<std::pair<double, const PointResult*>> points;
};

DemandAxis demand_axis(const Scenario& scenario, const SweepResult& result) {
  DemandAxis demand;
  std::map<std::string, std::string>& reference = demand.reference;
  std::vector<std::pair<double, const PointResult*>>& axis = demand.points;

  if (scenario.sweep) {
    for (const SweepParameter& p : scenario.sweep->parameters) {
      if (p.key != kDemandMultiplier && !p.values.empty()) reference.emplace(p.key, p.values[0]);
    }
  }
  for (const PointResult& point : result.points) {
    for (const auto& [key, value] : point.point.settings) {
      if (key != kDemandMultiplier) reference.emplace(key, value);  // keeps the first
    }
  }

  for (const PointResult& point : result.points) {
    std::optional<double> multiple;
    bool at_reference = true;
    for (const auto& [key, value] : point.point.settings) {
      if (key == kDemandMultiplier) {
        multiple = detail::parse_multiple(value);
      } else if (reference.at(key) != value) {
        at_reference = false;
      }
    }
    if (multiple && at_reference) axis.emplace_back(*multiple, &point);
  }
  std::stable_sort(axis.begin(), axis.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  return demand;
}

}  // namespace

std::vector<Saturation> saturation(const Scenario& scenario, const SweepResult& result) {
  std::vector<Saturation> out;
  if (!detail::has_demand_multiplier(scenario, result)) return out;
  const DemandAxis demand = demand_axis(scenario, result);
  const std::map<std::string, std::string>& reference = demand.reference;
  const std::vector<std::pair<double, const PointResult*>>& axis = demand.points;

  // Loads grow in proportion to demand, so the load at 1x says where it reaches 1; predicted
  // at the same values of the other parameters as the simulated column reads, since they may
  // change capacity (staff, a budget) or routing.
  const Prediction prediction = predict(reference_scenario(scenario, reference));
  const double span_weeks = detail::measured_span_weeks(scenario);
  for (std::size_t i = 0; i < scenario.desks.size(); ++i) {
    Saturation s;
    s.desk = scenario.desks[i].name;
    double load = 0.0;
    for (const DeskPrediction& d : prediction.desks) {
      if (d.desk == s.desk) load = d.load;
    }
    s.predicted_multiple = load > 0.0 ? 1.0 / load : std::numeric_limits<double>::infinity();
    for (const auto& [multiple, point] : axis) {
      if (detail::assess_desk(point->summary, s.desk, span_weeks).unstable()) {
        s.simulated_multiple = multiple;
        break;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

SiloOnset silo_onset(const Scenario& scenario, const SweepResult& result,
                     const std::vector<std::optional<SiloVerdict>>& verdicts) {
  SiloOnset onset;
  if (!detail::has_demand_multiplier(scenario, result)) return onset;
  for (const auto& [multiple, point] : demand_axis(scenario, result).points) {
    const std::size_t index = static_cast<std::size_t>(point - result.points.data());
    const bool silo = index < verdicts.size() && verdicts[index] && verdicts[index]->silo;
    if (silo) {
      onset.reached = true;
      onset.first_yes = multiple;
      return onset;
    }
    onset.last_no = multiple;
  }
  return onset;
}

}  // namespace escalsim
