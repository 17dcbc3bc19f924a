// Sweeps: one scenario run at every point of a parameter grid, each with replications,
// spread over threads, shards and (in an MPI build) ranks, resumable after interruption.
//
// The sweep itself is described in the scenario (SweepSpec in escalsim/scenario.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "escalsim/analysis.h"
#include "escalsim/engine.h"
#include "escalsim/experiment.h"
#include "escalsim/scenario.h"

namespace escalsim {

// The scenario at one point: the base with the point's settings applied and validated like
// --set overrides (the demand multiplier scales every stream's rate).
// Throws ScenarioError pointing at the offending value in the sweep section.
Scenario scenario_at(const Scenario& base, const SweepPoint& point);

struct SweepOptions {
  int threads = 0;        // 0: every core; results do not depend on it
  std::string out_dir;    // REQUIRES: not empty. Point files, manifest and outputs go here
  int shard_index = 0;    // this process runs the points whose index % shard_count ==
  int shard_count = 1;    // shard_index (0-based); documented, stable across versions
  bool progress = false;  // draw a progress line on standard error
  EngineOptions engine;
};

// A finished point: every replication's metrics and their summary.
struct PointResult {
  SweepPoint point;
  std::vector<std::uint64_t> seeds;       // per replication
  std::vector<std::vector<Metric>> runs;  // flatten() of each replication
  std::vector<Estimate> summary;          // summarise() over the replications
};

// A sweep's conclusions, computed once (find_findings, escalsim/findings.h) and handed to the
// sweep writers.
struct SweepFindings {
  // The sweep varies the demand multiplier (a scale study), whose outputs show `saturation`.
  bool scale_study = false;
  std::vector<Saturation> saturation;  // saturation(); empty unless a scale study
};

struct SweepResult {
  std::vector<PointResult> points;  // in point order: this shard's, or all when complete
  bool complete = false;            // every point of the grid is present
  // Of this shard's points, by run_sweep: those found finished in the folder and kept (a
  // resumed sweep), and those run now.
  int points_kept = 0;
  int points_run = 0;
  // Set with `complete`: what the combined outputs (sweep.json, the table) state.
  SweepFindings findings;
};

// Runs the points of this shard that `out_dir` does not already hold, writing each point
// atomically as it finishes (so a killed sweep resumes where it stopped, losing and
// duplicating nothing), then, when every point is present, writes the combined outputs.
// Throws ScenarioError if `out_dir` holds a different sweep.
SweepResult run_sweep(const Scenario& scenario, const SweepOptions& options);

// Combines the point files of shard folders into `out_dir`; the outputs are byte-identical
// to those of an unsharded run. Throws Error if the shards disagree or a point is missing.
SweepResult merge_sweeps(const std::vector<std::string>& shard_dirs, const std::string& out_dir);

// A scale study: for each desk, the demand multiple at which it saturated in the sweep,
// beside the traffic equations' prediction. REQUIRES: the sweep has a kDemandMultiplier
// parameter; points differing in other parameters are read at their first value.
std::vector<Saturation> saturation(const Scenario& scenario, const SweepResult& result);

}  // namespace escalsim
