// Predictions from the organisation graph, before any simulation.
#pragma once

#include <string>
#include <vector>

#include "escalsim/scenario.h"

namespace escalsim {

struct DeskPrediction {
  std::string desk;
  double arrival_rate_per_hour = 0.0;  // lambda from the traffic equations
  double offered_hours_per_hour = 0.0; // lambda * mean handle time
  double capacity_hours_per_hour = 0.0; // staff (average over the week), or the executive's budget
  double load = 0.0;                   // offered / capacity; above 1 means the desk cannot keep up
  bool reachable = true;               // some demand can reach it
};

struct Prediction {
  std::vector<DeskPrediction> desks;  // in scenario order
  int bottleneck = -1;                // desk with the highest load
  std::vector<std::string> notes;     // approximations made (e.g. SLA routes via Erlang C)
};

// Solves the traffic equations lambda = gamma (I - P)^-1 per complaint class (severity x
// public) on the organisation graph and derives each desk's load.
Prediction predict(const Scenario& scenario);

// One warning per executive desk whose weekly budget is more than its availability windows
// hold in a week (an item started inside a window may still run past it), in desk order:
// "budget: <desk>'s budget of B h per week is more than its windows hold (W h a week); ...".
// `escalsim check` and `run` print them.
std::vector<std::string> budget_fit_warnings(const Scenario& scenario);

// Checks the organisation graph: routes name known desks, every desk is reachable from
// demand, every desk has a way out. `also_entered` lists desks complaints may enter other
// than by demand and routes (policies' bypasses and delegations, customers' returns).
// Throws ScenarioError at the offending key.
void validate_graph(const Scenario& scenario, const std::vector<int>& also_entered = {});

// Where a desk saturates in a scale study (a sweep of the demand multiplier).
struct Saturation {
  std::string desk;
  // The smallest swept multiple at which the desk saturated in simulation (utilisation of
  // 0.98 or more, or a backlog growing significantly); 0 if it never did in the sweep.
  double simulated_multiple = 0.0;
  // 1 / predicted load at the base scenario: loads grow in proportion to demand.
  double predicted_multiple = 0.0;
};

}  // namespace escalsim
