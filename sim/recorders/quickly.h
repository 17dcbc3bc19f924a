// The "resolved quickly" threshold a customer judges by: the customer model's, for the
// complaint's channel, raised by policies (Complaint::quickly_factor) for customers the
// executive's attention did not reach. The customer model (OutcomeRecorder) and policies
// that judge outcomes (goodwill) both use it and judged_outcome, so they judge alike.
#pragma once

#include "escalsim/complaint.h"
#include "escalsim/scenario.h"

namespace escalsim {

// In minutes from the complaint's first arrival.
inline double quickly_threshold_min(const CustomerModel& model, const Complaint& c) {
  const Duration quickly = c.channel < model.quickly_by_channel.size()
                               ? model.quickly_by_channel[c.channel]
                               : model.quickly_default;
  // A factor of 1 (no policy raised the bar) leaves the threshold's bits as they were.
  // Attention from the executive meets the raised expectation: the customer judges by the
  // ordinary bar.
  const bool reached = c.touched_executive || c.executive_attention;
  if (c.quickly_factor == 1.0f || reached) return quickly.in_minutes();
  return quickly.in_minutes() * static_cast<double>(c.quickly_factor);
}

// The outcome a customer judges a complaint's end (`state` at `now_min`) by: resolved within
// the threshold above or not, closed unresolved, or given up (abandoned or refused).
inline Outcome judged_outcome(const CustomerModel& model, const Complaint& c, FinalState state,
                              double now_min) {
  switch (state) {
    case FinalState::kResolved:
      return now_min - c.arrived_min <= quickly_threshold_min(model, c)
                 ? Outcome::kResolvedQuickly
                 : Outcome::kResolvedSlowly;
    case FinalState::kClosedUnresolved:
      return Outcome::kUnresolved;
    case FinalState::kAbandoned:
    case FinalState::kRefused:
      break;
  }
  return Outcome::kAbandoned;
}

}  // namespace escalsim
