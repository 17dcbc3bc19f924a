// The flows a scenario's policies add outside its routes, as the organisation chart draws
// them. The policies themselves stay inside the library (sim/policies/).
#pragma once

#include <string>
#include <vector>

#include "escalsim/scenario.h"

namespace escalsim {

// PolicyFlow::from for new complaints taken before they reach any desk (a bypass).
inline constexpr int kFromDemand = -3;

// A flow of complaints a policy adds outside the scenario's routes (a bypass, an
// escalation, a delegation), for the organisation graph: validation counts `to` as
// reachable, and the organisation chart draws the flow dashed.
struct PolicyFlow {
  int from = kFromDemand;  // index into Scenario::desks, or kFromDemand
  int to = 0;              // index into Scenario::desks
  std::string label;       // what moves and when, e.g. "open inbox bypass, 2% to 50%"
};

// The flows of every policy `scenario` configures, in file order (each policy built once
// from its configuration). REQUIRES: a scenario whose policies load (load_scenario checked
// them).
std::vector<PolicyFlow> policy_flows(const Scenario& scenario);

}  // namespace escalsim
