// How far a batch of runs (a run's replications, a sweep's points) has come, for a program
// that wants to show it. The library itself prints nothing.
#pragma once

#include <functional>

namespace escalsim {

struct Progress {
  long runs_done = 0;   // replications finished, in this batch
  long runs_total = 0;  // replications to run in this batch (a target precision adds batches)
  int points_done = 0;  // sweeps: points finished, kept ones included; 0 for run
  int points_total = 0;  // sweeps: this shard's points; 0 for run
  double simulated_weeks_done = 0.0;   // simulated time of the finished runs, in weeks
  double simulated_weeks_total = 0.0;  // of every run in the batch
  double elapsed_s = 0.0;              // wall-clock seconds since the batch began
  bool finished = false;               // the last call of the batch: every run is done
};

// Called about four times a second while runs go, and once with `finished` set when the
// batch ends (also after a failure). Calls never overlap and come from the thread that
// started the batch. Must not throw.
using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace escalsim
