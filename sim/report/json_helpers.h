// JSON pieces shared by the writers: the scenario a result came from and a summary's
// estimates, with keys in a fixed order.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "escalsim/experiment.h"
#include "escalsim/scenario.h"

namespace escalsim::detail {

using Json = nlohmann::ordered_json;

// The scenario: name, description, path, text and the overrides given on the command line.
Json scenario_json(const Scenario& scenario);

// One row per estimate: scope, metric, mean, half_width, sd, n.
Json summary_json(const std::vector<Estimate>& summary);

}  // namespace escalsim::detail
