// JSON pieces shared by the writers: the scenario a result came from and a summary's
// estimates, with keys in a fixed order.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "escalsim/analysis.h"
#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/verdict.h"

namespace escalsim::detail {

using Json = nlohmann::ordered_json;

// The scenario: name, description, path, text and the overrides given on the command line.
Json scenario_json(const Scenario& scenario);

// One row per estimate: scope, metric, mean, half_width, sd, n.
Json summary_json(const std::vector<Estimate>& summary);

// The traffic equations' prediction: per desk rates and load, the bottleneck, the notes.
Json prediction_json(const Prediction& prediction);

// The silo verdict: silo, desk, evidence.
Json silo_verdict_json(const SiloVerdict& verdict);

}  // namespace escalsim::detail
