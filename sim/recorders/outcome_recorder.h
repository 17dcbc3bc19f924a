// What complaints' outcomes mean for customers and the business: loyalty and churn by
// outcome (the customer model), revenue at risk by segment, staff and executive cost, and
// who gets executive attention (fairness by channel, segment, public or not).
//
// Counting: a complaint counts once it ended, if it arrived after the warm-up
// (c.measured). A complaint still open at the horizon counts as "unresolved" (complained
// and not satisfied) once it has been open longer than its channel's "resolved quickly"
// threshold, as it can no longer be resolved quickly; a younger one is left out, its
// outcome still open. Fairness and the silo figures count only complaints that ended. A customer who comes
// back (a repeat contact) is a new complaint, so such a customer is counted at each
// contact: the outcome and loyalty of every contact, not of the customer's last one.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "escalsim/complaint.h"
#include "escalsim/results.h"
#include "escalsim/run_observer.h"
#include "escalsim/scenario.h"

namespace escalsim {

class OutcomeRecorder final : public RunObserver {
 public:
  // REQUIRES: `scenario` outlives the recorder.
  explicit OutcomeRecorder(const Scenario& scenario);

  // A complaint ended; counted only if it arrived after the warm-up (c.measured).
  void on_complaint_end(const Complaint& c, FinalState state, double now_min) override;
  // `c` is still in the system at the end of the run (`end_min`): counted by the rule above.
  void on_complaint_open(const Complaint& c, double end_min) override;
  // An executive desk finished serving `c` (for fairness: time to an executive reply).
  void on_executive_reply(const Complaint& c, int desk, double now_min) override;

  // The figures, in a fixed order for the scenario: appended to RunResult::extra. `run`
  // holds the desk and executive figures (for staff hours and executive hours).
  //
  //   customers          complaints, resolved_quickly_share, resolved_slowly_share,
  //                      unresolved_share, abandoned_share, loyalty_mean, churn_expected,
  //                      revenue_at_risk, repeat_contacts, open_counted_unresolved
  //   segment:<name>     complaints, churn_expected, revenue_at_risk (each segment)
  //   economics          staff_hours, staff_cost, executive_hours, executive_cost,
  //                      total_cost (satisfaction per executive hour is a comparison's
  //                      figure: paired_differences in escalsim/comparison.h)
  //   silo               bypass_share, waited_on_executive_longer
  //   fairness:channel:<name>, fairness:segment:<name>, fairness:public, fairness:private
  //                      complaints, executive_share, reply_mean_min
  //
  // Shares and means are 0 when their denominator is 0, so every replication reports the
  // same names whatever happened in it.
  std::vector<Metric> metrics(const RunResult& run) const;

  // The customer model for one complaint (exposed for tests): the share of customers still
  // loyal after `outcome` (judged_outcome in recorders/quickly.h judges it).
  double loyalty_of(const Complaint& c, Outcome outcome) const;

 private:
  // Who gets executive attention, for one group of complaints.
  struct Fairness {
    std::int64_t complaints = 0;      // measured complaints that ended
    std::int64_t with_executive = 0;  // of which the executive served or attended to
    std::int64_t replies = 0;         // executive replies to the group's complaints
    double reply_sum_min = 0.0;       // first arrival to each reply
  };
  // How executive attention bears on a complaint's loyalty.
  enum Attention { kAttended = 0, kUnansweredPublic = 1, kNoAttention = 2 };
  static constexpr int kAttentionKinds = 3;

  // Counts `c` with `outcome`, at `now_min` (for economic times), in the customer model;
  // returns whether it got attention.
  bool count_outcome(const Complaint& c, Outcome outcome, double now_min);
  // The "resolved quickly" threshold `c` is judged by, in minutes (recorders/quickly.h).
  double quickly_min(const Complaint& c) const;
  // Loyalty after `outcome` for a large- or small-loss customer, given the attention.
  double loyalty_for(bool large, Outcome outcome, int attention) const;
  // Index into cells_: (segment, outcome, attention); segment == segments.size() collects
  // complaints whose segment is out of range (value 0, small loss).
  std::size_t cell(std::size_t segment, Outcome outcome, int attention) const {
    return (segment * kOutcomeCount + static_cast<std::size_t>(outcome)) * kAttentionKinds +
           static_cast<std::size_t>(attention);
  }

  static bool got_attention(const Complaint& c) {
    return c.touched_executive || c.executive_attention;
  }
  // The fairness groups a complaint belongs to (channel, segment, public or private), as
  // indices into fairness_; out-of-range channels or segments are skipped.
  template <typename Visit>
  void for_each_group(const Complaint& c, Visit visit);

  const Scenario& scenario_;

  std::int64_t complaints_ = 0;
  std::array<std::int64_t, kOutcomeCount> outcomes_{};
  std::int64_t repeat_contacts_ = 0;
  std::int64_t open_counted_ = 0;  // measured complaints open at the horizon, counted unresolved
  // Complaints counted per (segment, outcome, attention): loyalty depends on nothing else,
  // so loyalty, churn and revenue at risk are computed from these counts at the end rather
  // than in double arithmetic for every complaint.
  std::vector<std::int64_t> cells_;
  // What policies' loyalty shifts (Complaint::loyalty_shift) and economic times changed
  // the share still loyal by, summed per segment (indexed like cells_' segments), after
  // clamping to [0, 1]; all zero unless `shifted_`.
  std::vector<double> loyalty_shift_;
  bool shifted_ = false;

  // Set once a complaint the executive answered in public (public_replies) has ended in
  // this run (warm-up included): from then on an unattended public complaint sees others
  // favoured. Executive services, sign-offs and touches of public complaints are not
  // public answers and do not set it.
  bool public_attention_seen_ = false;

  std::int64_t executive_replies_ = 0;   // measured complaints' executive replies
  std::int64_t bypassed_replies_ = 0;
  std::int64_t reached_executive_ = 0;   // measured complaints that reached an executive desk
  std::int64_t waited_executive_longer_ = 0;

  // Channels, then segments, then public, then private.
  std::vector<Fairness> fairness_;
};

}  // namespace escalsim
