// Many runs of one scenario, aggregated with confidence intervals.
#pragma once

#include <string>
#include <vector>

#include "escalsim/engine.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {

struct ExperimentOptions {
  int replications = 1;  // REQUIRES: >= 1
  int threads = 0;       // 0: every core. Results do not depend on it.
  EngineOptions engine;
};

// A metric over replications: mean and the half-width of its 95% Student-t interval
// (zero when there is a single replication).
struct Estimate {
  std::string scope;
  std::string name;
  double mean = 0.0;
  double half_width = 0.0;
  double sd = 0.0;
  int n = 0;
};

struct ExperimentResult {
  Scenario scenario;
  std::vector<RunResult> runs;     // in replication order
  std::vector<Estimate> summary;   // one per metric of flatten(), same order
};

// Runs the replications (spread over threads) and aggregates them.
ExperimentResult run_experiment(const Scenario& scenario, const ExperimentOptions& options);

// Mean, sd and 95% half-width of a sample (Student t with n-1 degrees of freedom).
Estimate estimate(const std::vector<double>& sample);

// Aggregates runs metric by metric; every run must flatten to the same metric list.
std::vector<Estimate> summarise(const std::vector<RunResult>& runs);

}  // namespace escalsim
