// When a desk counts as saturated or its backlog as growing: one rule shared by the run
// table, the sweep table and saturation() (declared in escalsim/sweep.h), so they agree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"

namespace escalsim::detail {

// A desk whose mean utilisation reaches this is saturated: queueing theory says its backlog
// grows without bound at 1, and a simulation cannot tell 0.99 from 1 in finite time.
inline constexpr double kSaturatedUtilisation = 0.98;
// A backlog "grows" when its slope over the measured span adds more than this many
// complaints (and more than its own mean level): noise in a stable desk's slope does not.
inline constexpr double kMinimumGrowthOverSpan = 10.0;

// The backlog grows: the slope (complaints per week) is above zero beyond its interval (the
// mean itself for one replication) and adds more over `span_weeks` than
// max(kMinimumGrowthOverSpan, mean_in_desk). False when `growth` is null.
bool backlog_grows(const Estimate* growth, double mean_in_desk, double span_weeks);

// Busy nearly all the time: mean utilisation at least kSaturatedUtilisation. False when null.
bool utilisation_saturated(const Estimate* utilisation);

// What a summary says about one desk (scope "desk:<name>").
struct DeskStability {
  const Estimate* utilisation = nullptr;  // into the summary; null when absent
  const Estimate* growth = nullptr;       // backlog_growth_per_week
  bool grows = false;
  bool saturated = false;  // utilisation_saturated

  bool unstable() const { return grows || saturated; }
};
DeskStability assess_desk(const std::vector<Estimate>& summary, const std::string& desk,
                          double span_weeks);

// The weeks every statistic covers: horizon minus warm-up (the horizon with automatic
// warm-up, whose length differs by replication).
double measured_span_weeks(const Scenario& scenario);

// A demand multiple as written in a sweep ("2", "0.25", "2x", "4 x"); nullopt otherwise.
std::optional<double> parse_multiple(std::string_view text);

// Whether the sweep has a kDemandMultiplier parameter (in its spec, or in a point's settings).
bool has_demand_multiplier(const Scenario& scenario, const SweepResult& result);

}  // namespace escalsim::detail
