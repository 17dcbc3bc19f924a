// One run of a scenario: the discrete-event engine's public face.
#pragma once

#include <atomic>
#include <cstdint>

#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {

class RunObserver;

struct EngineOptions {
  // Check invariants (monotone clock, conservation, busy staff within capacity) as the run
  // goes and throw ModelError on the first breach. Always on in debug builds.
  bool check_invariants = false;
  // Stop the run early, reporting it as unstable, when this many complaints are in the
  // system at once (memory is bounded by what is in the system, so this bounds memory).
  std::int64_t max_in_system = 5'000'000;
  // Watches the run (escalsim/run_observer.h), e.g. a TraceWriter, when set; not owned.
  // Costs nothing measurable when null.
  RunObserver* trace = nullptr;
  // When set, the engine stores its clock (simulated minutes) here every 65,536 events and
  // when the run ends, so that another thread can show how far a long run has come (relaxed
  // stores; the run's figures do not depend on it). Not owned.
  std::atomic<double>* clock_min = nullptr;
};

// The seed of one run, mixed from the scenario seed, the sweep point and the replication.
std::uint64_t derive_run_seed(std::uint64_t scenario_seed, std::uint64_t point, int replication);

// Runs replication `replication` (0-based) of `scenario` at sweep point `point`.
// REQUIRES: scenario is valid (as load_scenario returns it).
// Deterministic: the same arguments give the same RunResult on any machine and thread.
RunResult run_once(const Scenario& scenario, int replication, const EngineOptions& options = {},
                   std::uint64_t point = 0);

}  // namespace escalsim
