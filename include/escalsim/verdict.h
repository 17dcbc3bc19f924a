// Verdicts a report states in plain words: is the executive a new silo at the top?
#pragma once

#include <string>
#include <vector>

#include "escalsim/analysis.h"
#include "escalsim/experiment.h"

namespace escalsim {

// The silo verdict. An executive desk is a new silo at the top when, in the simulation:
// it is the bottleneck (the highest load of all desks, or a backlog growing significantly
// while no staff desk's does), its demand is driven by bypass or feedback (most of its
// work came by a policy's bypass, or its arrivals exceed what the scenario's routes
// alone would send it). Whether the front line has capacity to spare is a second finding
// reported beside it (front_line_overloaded), never a reason for "no". Evidence lists each
// test with its figures, whether it held or not.
struct SiloVerdict {
  bool silo = false;
  bool front_line_overloaded = false;  // busy kSpareUtilisation or more, or a growing backlog
  std::string desk;                   // the executive desk judged ("" if there is none)
  std::vector<std::string> evidence;  // plain sentences with figures and intervals
};

SiloVerdict silo_verdict(const ExperimentResult& result, const Prediction& prediction);

}  // namespace escalsim
