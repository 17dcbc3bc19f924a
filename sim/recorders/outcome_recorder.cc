// PLACEHOLDER: the customer model, economics and fairness figures are being written.
#include "recorders/outcome_recorder.h"

namespace escalsim {

OutcomeRecorder::OutcomeRecorder(const Scenario& scenario) : scenario_(scenario) {}
void OutcomeRecorder::complaint_ended(const Complaint&, FinalState, double) {}
void OutcomeRecorder::executive_replied(const Complaint&, double) {}
std::vector<Metric> OutcomeRecorder::metrics(const RunResult&) const { return {}; }

}  // namespace escalsim
