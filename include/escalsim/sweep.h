// Sweeps: one scenario run at every point of a parameter grid, each with replications,
// spread over threads, shards and (in an MPI build) ranks, resumable after interruption.
//
// The sweep itself is described in the scenario (SweepSpec in escalsim/scenario.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "escalsim/analysis.h"
#include "escalsim/engine.h"
#include "escalsim/experiment.h"
#include "escalsim/progress.h"
#include "escalsim/scenario.h"
#include "escalsim/verdict.h"

namespace escalsim {

// The scenario at one point: the base with the point's settings applied and validated like
// --set overrides (the demand multiplier scales every stream's rate).
// Throws ScenarioError pointing at the offending value in the sweep section.
Scenario scenario_at(const Scenario& base, const SweepPoint& point);

// scenario_at for many points of one base, the base's text read once: at(point) is
// scenario_at(base, point), the same scenario and the same errors, without parsing the text
// again (which grows with the values the sweep lists) at every point. Holds a copy of what
// it needs of `base`. at() may be called from several threads at once.
class PointScenarios {
 public:
  explicit PointScenarios(const Scenario& base);
  ~PointScenarios();
  PointScenarios(PointScenarios&&) noexcept;
  PointScenarios& operator=(PointScenarios&&) noexcept;

  // Throws ScenarioError as scenario_at does.
  Scenario at(const SweepPoint& point) const;

 private:
  struct Base;
  std::unique_ptr<const Base> base_;
};

// How much of each point a SweepResult holds in memory. The point files and the combined
// outputs are the same bytes either way: they are written one point at a time, so a sweep's
// memory does not grow with its points beyond what the result keeps.
enum class PointDetail {
  // Every replication's metrics (runs) and the whole summary, as stored: for a library
  // caller that reads the figures of a sweep of modest size.
  kFull,
  // The settings, the seeds and the summary's figures that the sweep table and saturation()
  // read (sweep_table_reads, escalsim/report.h); no runs. The verdicts in the findings keep
  // their grade, flags and desk, without headline and evidence. What `escalsim sweep` and
  // `escalsim merge` keep: a few hundred bytes a point for a small model.
  kHeadline,
};

struct SweepOptions {
  int threads = 0;        // 0: every core; results do not depend on it
  std::string out_dir;    // REQUIRES: not empty. Point files, manifest and outputs go here
  int shard_index = 0;    // this process runs the points whose index % shard_count ==
  int shard_count = 1;    // shard_index (0-based); documented, stable across versions
  EngineOptions engine;
  // What the runs in flight may hold together (runs_in_flight, escalsim/experiment.h);
  // 0: the default budget. Changes the speed only, never a figure.
  std::int64_t memory_budget_bytes = 0;
  // Told how far this shard's points have come (escalsim/progress.h) when set.
  ProgressCallback progress;
  // What the returned SweepResult keeps of each point. A finished point is written to its
  // file and dropped from memory whatever this says; the result is read back from the files.
  PointDetail detail = PointDetail::kFull;
};

// A finished point: every replication's metrics and their summary.
struct PointResult {
  SweepPoint point;
  std::vector<std::uint64_t> seeds;       // per replication
  std::vector<std::vector<Metric>> runs;  // flatten() of each replication
  std::vector<Estimate> summary;          // summarise() over the replications
};

// Where the silo verdict turns to yes along a scale study's demand axis, read from its points
// (at the other parameters' first values). `escalsim threshold --vary demand_multiplier
// --until verdict.silo` narrows it by bisection.
struct SiloOnset {
  bool reached = false;   // some swept multiple's verdict is "silo"
  double first_yes = 0.0; // the smallest such multiple (when reached)
  // The largest swept multiple below first_yes whose verdict is not "silo" (0: none, the
  // verdict is yes already at the smallest multiple swept); when not reached, the largest
  // multiple swept.
  double last_no = 0.0;
};

// A sweep's conclusions, computed once (find_findings, escalsim/findings.h) and handed to the
// sweep writers.
struct SweepFindings {
  // The sweep varies the demand multiplier (a scale study), whose outputs show `saturation`.
  bool scale_study = false;
  std::vector<Saturation> saturation;  // saturation(); empty unless a scale study
  SiloOnset silo_onset;                // set in a scale study
  // The silo verdict at every point, in the order of SweepResult::points: silo_verdict() on
  // the point's replications and its scenario, as `escalsim run` of that point computes it
  // (with `warmup: auto` the measured span is the horizon, not the runs' mean). Empty for a
  // point whose settings do not make a valid scenario (a result assembled by hand; a sweep
  // that ran has none).
  std::vector<std::optional<SiloVerdict>> verdicts;
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
SweepResult merge_sweeps(const std::vector<std::string>& shard_dirs, const std::string& out_dir,
                         PointDetail detail = PointDetail::kFull);

// A scale study: for each desk, the demand multiple at which it saturated in the sweep,
// beside the traffic equations' prediction. REQUIRES: the sweep has a kDemandMultiplier
// parameter; points differing in other parameters are read at their first value.
std::vector<Saturation> saturation(const Scenario& scenario, const SweepResult& result);

// A scale study: where the silo verdict turns to yes along the demand axis read like
// saturation(). `verdicts` has one verdict per point of `result`, in order.
SiloOnset silo_onset(const Scenario& scenario, const SweepResult& result,
                     const std::vector<std::optional<SiloVerdict>>& verdicts);

// The steps of run_sweep, for a program that spreads one sweep over processes that share its
// folder (the MPI build: rank 0 prepares the folder before the other ranks start, and writes
// the outputs after all have finished).

// The number of points of the scenario's sweep; a scenario without a sweep is one point.
int sweep_point_count(const Scenario& scenario);

// Replications per point: sweep.replications, else run.replications (at least 1).
int sweep_replication_count(const Scenario& scenario);

// Checks that `out_dir` holds this sweep or none (else throws ScenarioError), removes
// temporary files left by killed writers, and writes the manifest (which records
// `shard_count`). Throws OutputError when the folder cannot be made.
void prepare_sweep_folder(const Scenario& scenario, const std::string& out_dir,
                          int shard_count);

// Which steps run_sweep_steps takes; run_sweep takes them all.
struct SweepSteps {
  bool prepare_folder = true;  // prepare_sweep_folder first
  bool write_outputs = true;   // when every point is present, write the combined outputs
};

// run_sweep, taking only the chosen steps. Throws like run_sweep.
SweepResult run_sweep_steps(const Scenario& scenario, const SweepOptions& options,
                            const SweepSteps& steps);

// Loads every point of the sweep held in `out_dir`; when all are there, writes the combined
// outputs and returns them with complete = true, else returns the points found. The outputs
// are written point by point as each file is read (through temporary names renamed when
// whole), so only `detail` of each point stays in memory.
SweepResult finish_sweep(const Scenario& scenario, const std::string& out_dir,
                         PointDetail detail = PointDetail::kFull);

// The scenario a sweep folder was made from (its manifest's text and overrides, loaded
// again). Throws Error if the folder holds no manifest or one from another version.
Scenario scenario_of_sweep_folder(const std::string& dir);

}  // namespace escalsim
