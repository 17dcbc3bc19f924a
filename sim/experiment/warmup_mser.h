// MSER-5: the automatic warm-up of a replication, from its own output series.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "escalsim/engine.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {

// MSER-5 truncation point of `series`, in observations (a multiple of 5).
//
// The series is batched into means of 5 consecutive observations (an incomplete last batch
// is dropped); over d in [0, n/2] batches, the point minimising
//   MSER(d) = sum_{j>d} (b_j - mean_{>d})^2 / (n-d)^2
// is chosen (White 1997; Franklin and White 2008 for restricting d to the first half). Ties
// go to the smallest d. Returns 0 when there are fewer than 2 batches.
//
// A result at the boundary (mser5_at_boundary) means the series is too short or does not
// settle: the caller reports it rather than trusting the truncation.
std::size_t mser5_truncation(const std::vector<double>& series);

// Whether a truncation point returned by mser5_truncation for a series of `length`
// observations sits at the n/2 boundary of the search (with at least 2 batches).
bool mser5_at_boundary(std::size_t truncation, std::size_t length);

// One replication with its own MSER-5 warm-up (`warmup: auto`): a pilot run without
// warm-up records the total backlog over desks every sample_interval from time 0; its
// MSER-5 truncation d (in samples) gives the warm-up d * sample_interval; the replication is
// then run again with that warm-up and the same seed. The trajectory does not depend on
// the warm-up (it only switches statistics on), so the result is exactly the run measured
// from the truncation point. With d == 0 the pilot itself is returned.
// REQUIRES: scenario is valid. scenario.run.warmup and warmup_auto are ignored.
struct AutoWarmupRun {
  RunResult run;                 // run.measured_from is the chosen warm-up
  bool no_steady_state = false;  // the truncation hit the n/2 boundary (mser5_at_boundary)
};
AutoWarmupRun run_once_auto_warmup(const Scenario& scenario, int replication,
                                   const EngineOptions& options = {}, std::uint64_t point = 0);

// One replication as every experiment runs it (run, compare and sweep alike): with its own
// MSER-5 warm-up when scenario.run.warmup_auto, else run_once with the scenario's warm-up
// (no_steady_state false). REQUIRES: scenario is valid.
AutoWarmupRun run_replication(const Scenario& scenario, int replication,
                              const EngineOptions& options = {}, std::uint64_t point = 0);

}  // namespace escalsim
