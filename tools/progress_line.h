// The progress line of `run` and `sweep` on standard error: drawn from the library's
// ProgressCallback, never written to an output file.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "escalsim/progress.h"

namespace escalsim::tools {

// Whether to show progress: `forced` (--progress) shows it anywhere; else only when standard
// error is a terminal and not `quiet`.
bool progress_wanted(bool forced, bool quiet = false);

// One line of progress, e.g. "run: 3/10 replications, 78/260 simulated weeks, 2.1 runs/s,
// 3s left" (kind "run") or "sweep: 4/20 points, 1.5 runs/s, 10s left" (kind "sweep").
std::string progress_text(const std::string& kind, const Progress& progress);

// "under 1s", "42s", "3m 05s", "2h 07m"; "?" when not finite or negative.
std::string format_time_left(double seconds);

// Draws progress on `out`. On a terminal the line is redrawn in place and cleared at the end
// of a batch; elsewhere (a forced line into a file or a pipe) it is a plain line at most
// every 10 seconds, and a last one ("..., done") when the batch ends.
class ProgressLine {
 public:
  // REQUIRES: `out` outlives the line and every callback taken from it.
  ProgressLine(std::string kind, std::FILE* out);

  // The callback to hand to ExperimentOptions::progress or SweepOptions::progress; it
  // refers to this line, which must outlive the batch.
  ProgressCallback callback();

  void draw(const Progress& progress);

 private:
  std::string kind_;
  std::FILE* out_;
  bool terminal_;
  bool drawn_ = false;  // a line is on the terminal, to clear
  bool in_batch_ = false;  // plain lines: a batch has begun
  std::chrono::steady_clock::time_point last_plain_{};
};

}  // namespace escalsim::tools
