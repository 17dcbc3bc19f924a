// Many runs of one scenario, aggregated with confidence intervals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "escalsim/engine.h"
#include "escalsim/progress.h"
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
  // What the runs in flight may hold together (runs_in_flight below); 0: the default
  // budget. Changes the speed only, never a figure.
  std::int64_t memory_budget_bytes = 0;
  // Told how far the replications have come (escalsim/progress.h) when set.
  ProgressCallback progress;
};

// Memory. A run stops early (reported unstable) once EngineOptions::max_in_system complaints
// are in the system, and each holds at most about kBytesPerComplaint bytes (measured at the
// cap: 140 without patience, 170 with a patience timer), so a run holds at most
// max_in_system x kBytesPerComplaint bytes (1 GB at the default cap). A batch (a run's replications, a sweep's points) keeps
// at most runs_in_flight() runs going at once whatever the thread count, so all of them
// together stay within the budget. The cap is the same for every run: no figure depends on
// the thread count or the budget.
inline constexpr std::int64_t kBytesPerComplaint = 200;

// Half the physical memory, or half the address-space limit (ulimit -v) when lower;
// 1 GiB when neither is known.
std::int64_t default_memory_budget();

// The runs to keep going at once: `threads` (0: every core), lowered so that that many runs
// at the cap fit in `memory_budget_bytes` (0: default_memory_budget()), never below 1.
int runs_in_flight(int threads, std::int64_t max_in_system, std::int64_t memory_budget_bytes);

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
