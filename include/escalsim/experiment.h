// Many runs of one scenario, aggregated with confidence intervals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "escalsim/engine.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {

struct ExperimentOptions {
  int replications = 1;  // REQUIRES: >= 1. With a target precision: the first batch
  int threads = 0;       // 0: every core. Results do not depend on it.
  // Target precision: keep adding replications until every headline figure's 95%
  // half-width is within this fraction of its mean (0.05 for "5%"), up to max_replications.
  // How many are added depends only on the results so far, never on the thread count.
  std::optional<double> precision;
  int max_replications = 1000;
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
  // With a target precision: whether every headline figure reached it (false: the cap
  // was hit first).
  bool precision_reached = false;
  // The target precision and replication cap the experiment ran with (from
  // ExperimentOptions), for the reports; precision is empty when the count was fixed.
  std::optional<double> precision;
  int max_replications = 0;
  // With `warmup: auto`: the replications (indices) whose MSER-5 truncation hit the n/2
  // boundary of its search, i.e. found no steady state within the horizon.
  std::vector<int> warmup_no_steady_state;
};

// The headline figures a target precision applies to: per desk mean wait and utilisation,
// complaints' time in system and resolution rate, the executive's hours used.
bool is_headline(const Estimate& e);

// Runs the replications (spread over threads) and aggregates them.
ExperimentResult run_experiment(const Scenario& scenario, const ExperimentOptions& options);

// Mean, sd and 95% half-width of a sample (Student t with n-1 degrees of freedom).
Estimate estimate(const std::vector<double>& sample);

// Aggregates runs metric by metric; every run must flatten to the same metric list.
std::vector<Estimate> summarise(const std::vector<RunResult>& runs);

}  // namespace escalsim
