// What complaints' outcomes mean for customers and the business: loyalty and churn by
// outcome (the customer model), revenue at risk by segment, staff and executive cost, and
// who gets executive attention (fairness by channel, segment, public or not).
#pragma once

#include <vector>

#include "complaint.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {

class OutcomeRecorder {
 public:
  explicit OutcomeRecorder(const Scenario& scenario);

  // A complaint ended; counted only if it arrived after the warm-up (c.measured).
  void complaint_ended(const Complaint& c, FinalState state, double now_min);
  // An executive desk finished serving `c` (for fairness: time to an executive reply).
  void executive_replied(const Complaint& c, double now_min);

  // The figures, in a fixed order for the scenario: appended to RunResult::extra. `run`
  // holds the desk and executive figures (for staff hours and executive hours).
  std::vector<Metric> metrics(const RunResult& run) const;

 private:
  const Scenario& scenario_;
};

}  // namespace escalsim
