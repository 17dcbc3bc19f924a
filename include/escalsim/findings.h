// What the analysis concludes about an experiment, computed once and handed to every writer
// (console table, JSON and the pages read from it, compare and sweep outputs), so that they
// say the same thing by construction: writers read a Findings, they never recompute one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "escalsim/analysis.h"
#include "escalsim/comparison.h"
#include "escalsim/experiment.h"
#include "escalsim/sweep.h"
#include "escalsim/verdict.h"

namespace escalsim {

// One experiment's conclusions (a run, or one variant of a comparison).
struct Findings {
  Prediction prediction;  // the traffic equations on the experiment's scenario; its bottleneck
  SiloVerdict verdict;    // is the executive a new silo at the top?
  // About the scenario as written, before any simulation: budget_fit_warnings, in order.
  std::vector<std::string> warnings;
};

// Computes the prediction, the silo verdict (from the result and that prediction) and the
// scenario's warnings for `result`.
Findings find_findings(const ExperimentResult& result);

// One Findings per variant of `comparison`, in variant order.
std::vector<Findings> find_findings(const Comparison& comparison);

// A sweep's conclusions (SweepFindings, escalsim/sweep.h): run_sweep and merge_sweeps compute
// them once the grid is complete and keep them in SweepResult::findings.
SweepFindings find_findings(const Scenario& scenario, const SweepResult& result);

// The parts of find_findings for a sweep read one point at a time (finish_sweep): the
// verdict at one point (nullopt when the point's settings do not make a valid scenario),
// from its summary and its scenario...
std::optional<SiloVerdict> find_point_verdict(const Scenario& scenario,
                                              const PointResult& point);
// The same, the point's scenario built by `points` (PointScenarios(scenario), read once for
// all the points rather than at each).
std::optional<SiloVerdict> find_point_verdict(const Scenario& scenario,
                                              const PointScenarios& points,
                                              const PointResult& point);
// ...and, once `findings.verdicts` holds every point's, the scale study's (scale_study,
// saturation, silo_onset). These read each point's settings and the figures
// sweep_table_reads keeps (escalsim/report.h), so a result of PointDetail::kHeadline points
// gives the same findings as the full one.
void find_scale_findings(const Scenario& scenario, const SweepResult& result,
                         SweepFindings& findings);

}  // namespace escalsim
