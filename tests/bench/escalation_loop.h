// The escalation benchmark model (scenarios/bench/escalation.yaml) written as one
// single-purpose loop: the baseline that BM_Escalation is measured against (issue: "as fast
// as a hand-written loop"). It does what a careful programmer would write for this model
// and nothing more: a binary heap of 16-byte events, a ring buffer per desk, patience as a
// lazily cancelled event, exponential draws by inversion from one Mersenne Twister.
#pragma once

#include <cstdint>
#include <limits>

namespace escalsim::bench {

// The model, as in scenarios/bench/escalation.yaml. Times in minutes. With no onward
// routing and infinite patience it is scenarios/bench/mmc.yaml's M/M/c (mmc_model()).
struct EscalationModel {
  double arrivals_per_min = 18.0 / 60.0;
  int frontline_staff = 20;
  double frontline_handle_min = 60.0;
  double patience_min = 30.0;  // frontline only; infinity: no one gives up
  double to_specialists = 0.15;
  int specialist_staff = 3;
  double specialist_handle_min = 60.0;
  double to_ceo = 0.2;
  int ceo_staff = 1;
  double ceo_handle_min = 30.0;
};

// M/M/10 at load 0.9, as in scenarios/bench/mmc.yaml.
inline EscalationModel mmc_model() {
  EscalationModel m;
  m.arrivals_per_min = 9.0 / 60.0;
  m.frontline_staff = 10;
  m.frontline_handle_min = 60.0;
  m.patience_min = std::numeric_limits<double>::infinity();
  m.to_specialists = 0.0;
  return m;
}

// What the loop counts: enough to see that it simulates the same system as escalsim
// (arrivals, abandonment share, each desk's mean wait), not the engine's full report.
struct EscalationLoopResult {
  std::int64_t arrived = 0;
  std::int64_t abandoned = 0;
  std::int64_t events = 0;
  std::int64_t served[3] = {0, 0, 0};          // frontline, specialists, CEO
  double wait_sum_min[3] = {0.0, 0.0, 0.0};    // of the served, per desk
};

// Runs the model from empty for `horizon_min` minutes of arrivals.
EscalationLoopResult run_escalation_loop(const EscalationModel& model, double horizon_min,
                                         std::uint64_t seed);

}  // namespace escalsim::bench
