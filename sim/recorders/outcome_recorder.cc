// The customer model, economics, the silo's figures and fairness, from complaints' ends.
#include "recorders/outcome_recorder.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

#include "escalsim/metric_names.h"
#include "recorders/metric_list.h"
#include "recorders/quickly.h"

namespace escalsim {
namespace {

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

OutcomeRecorder::OutcomeRecorder(const Scenario& scenario)
    : scenario_(scenario),
      cells_((scenario.segments.size() + 1) * kOutcomeCount * kAttentionKinds, 0),
      loyalty_shift_(scenario.segments.size() + 1, 0.0),
      fairness_(scenario.channels.size() + scenario.segments.size() + 2) {}

template <typename Visit>
void OutcomeRecorder::for_each_group(const Complaint& c, Visit visit) {
  const std::size_t channels = scenario_.channels.size();
  const std::size_t segments = scenario_.segments.size();
  if (c.channel < channels) visit(fairness_[c.channel]);
  if (c.segment < segments) visit(fairness_[channels + c.segment]);
  visit(fairness_[channels + segments + (c.is_public ? 0 : 1)]);
}

double OutcomeRecorder::quickly_min(const Complaint& c) const {
  return quickly_threshold_min(scenario_.customers, c);
}

double OutcomeRecorder::loyalty_for(bool large, Outcome outcome, int attention) const {
  const CustomerModel& model = scenario_.customers;
  double loyalty = (large ? model.loyal_large : model.loyal_small)[static_cast<int>(outcome)];
  if (attention == kAttended) loyalty += model.executive_attention_bonus;
  // Seeing the executive answer other public complaints but not yours.
  if (attention == kUnansweredPublic) loyalty -= model.unanswered_public_penalty;
  return std::clamp(loyalty, 0.0, 1.0);
}

double OutcomeRecorder::loyalty_of(const Complaint& c, Outcome outcome) const {
  const bool large = c.segment < scenario_.segments.size() &&
                     scenario_.segments[c.segment].value_per_year >
                         scenario_.customers.large_loss_above_per_year;
  const int attention = got_attention(c)                            ? kAttended
                        : (c.is_public && public_attention_seen_) ? kUnansweredPublic
                                                                    : kNoAttention;
  return loyalty_for(large, outcome, attention);
}

void OutcomeRecorder::on_complaint_end(const Complaint& c, FinalState state, double now_min) {
  if (c.answered_in_public) public_attention_seen_ = true;
  if (!c.measured) return;

  const Outcome outcome = judged_outcome(scenario_.customers, c, state, now_min);
  const bool attended = count_outcome(c, outcome, now_min);

  if (c.touched_executive || c.waited_executive_min > 0.0f) {
    ++reached_executive_;
    if (c.waited_executive_min > c.waited_staff_min) ++waited_executive_longer_;
  }
  for_each_group(c, [attended](Fairness& g) {
    ++g.complaints;
    if (attended) ++g.with_executive;
  });
}

bool OutcomeRecorder::count_outcome(const Complaint& c, Outcome outcome, double now_min) {
  const bool attended = got_attention(c);
  const int attention = attended                                    ? kAttended
                        : (c.is_public && public_attention_seen_) ? kUnansweredPublic
                                                                    : kNoAttention;
  const std::size_t segments = scenario_.segments.size();
  const std::size_t segment = c.segment < segments ? c.segment : segments;
  ++cells_[cell(segment, outcome, attention)];
  // Economic times scale the share lost; a policy's shift (goodwill) moves the share kept.
  const double times = economy_outcome_factor(scenario_.economy, now_min);
  if (c.loyalty_shift != 0.0f || times != 1.0) {
    const bool large = segment < segments && scenario_.segments[segment].value_per_year >
                                                 scenario_.customers.large_loss_above_per_year;
    const double base = loyalty_for(large, outcome, attention);
    const double kept = std::clamp(base + static_cast<double>(c.loyalty_shift), 0.0, 1.0);
    loyalty_shift_[segment] += 1.0 - std::clamp(times * (1.0 - kept), 0.0, 1.0) - base;
    shifted_ = true;
  }
  ++complaints_;
  ++outcomes_[static_cast<int>(outcome)];
  if (c.contacts >= 2) ++repeat_contacts_;
  return attended;
}

void OutcomeRecorder::on_complaint_open(const Complaint& c, double end_min) {
  if (!c.measured) return;
  // Open past the time in which it could still be resolved quickly: by the horizon the
  // customer has complained and not been satisfied (TARP's "not satisfied"), and in a silo
  // this is the backlog that is never served. A younger one's outcome is still open.
  if (end_min - c.arrived_min > quickly_min(c)) {
    count_outcome(c, Outcome::kUnresolved, end_min);
    ++open_counted_;
  }
}

void OutcomeRecorder::on_executive_reply(const Complaint& c, int /*desk*/, double now_min) {
  if (!c.measured) return;
  ++executive_replies_;
  if (c.bypassed) ++bypassed_replies_;
  const double reply_min = now_min - c.arrived_min;
  for_each_group(c, [reply_min](Fairness& g) {
    ++g.replies;
    g.reply_sum_min += reply_min;
  });
}

std::vector<Metric> OutcomeRecorder::metrics(const RunResult& run) const {
  const CustomerModel& model = scenario_.customers;
  std::vector<Metric> out;
  detail::MetricList m(out);

  // Loyalty, churn and revenue at risk from the counts per (segment, outcome, attention).
  const std::size_t segment_count = scenario_.segments.size();
  double loyalty_sum = 0.0, churn = 0.0, revenue_at_risk = 0.0;
  std::vector<std::int64_t> segment_complaints(segment_count, 0);
  std::vector<double> segment_churn(segment_count, 0.0), segment_revenue(segment_count, 0.0);
  for (std::size_t s = 0; s <= segment_count; ++s) {
    const double value = s < segment_count ? scenario_.segments[s].value_per_year : 0.0;
    const bool large = value > model.large_loss_above_per_year;
    for (int o = 0; o < kOutcomeCount; ++o) {
      for (int a = 0; a < kAttentionKinds; ++a) {
        const std::int64_t n = cells_[cell(s, static_cast<Outcome>(o), a)];
        if (n == 0) continue;
        const double loyalty = loyalty_for(large, static_cast<Outcome>(o), a);
        const double count = static_cast<double>(n);
        loyalty_sum += count * loyalty;
        churn += count * (1.0 - loyalty);
        revenue_at_risk += count * (1.0 - loyalty) * value;
        if (s < segment_count) {
          segment_complaints[s] += n;
          segment_churn[s] += count * (1.0 - loyalty);
          segment_revenue[s] += count * (1.0 - loyalty) * value;
        }
      }
    }
    if (shifted_) {
      // Policies' loyalty shifts (goodwill), summed per complaint when counted.
      const double shift = loyalty_shift_[s];
      loyalty_sum += shift;
      churn -= shift;
      revenue_at_risk -= shift * value;
      if (s < segment_count) {
        segment_churn[s] -= shift;
        segment_revenue[s] -= shift * value;
      }
    }
  }

  m.scope(metric::kCustomers);
  m.add(metric::kComplaintsCount, complaints_);
  m.add(metric::kResolvedQuicklyShare,
        share(outcomes_[static_cast<int>(Outcome::kResolvedQuickly)], complaints_));
  m.add(metric::kResolvedSlowlyShare,
        share(outcomes_[static_cast<int>(Outcome::kResolvedSlowly)], complaints_));
  m.add(metric::kUnresolvedShare,
        share(outcomes_[static_cast<int>(Outcome::kUnresolved)], complaints_));
  m.add(metric::kAbandonedShare,
        share(outcomes_[static_cast<int>(Outcome::kAbandoned)], complaints_));
  m.add(metric::kLoyaltyMean,
        complaints_ > 0 ? loyalty_sum / static_cast<double>(complaints_) : 0.0);
  m.add(metric::kChurnExpected, churn);
  m.add(metric::kRevenueAtRisk, revenue_at_risk);
  m.add(metric::kRepeatContacts, repeat_contacts_);
  m.add(metric::kOpenCountedUnresolved, open_counted_);
  // Annualised: the measured span's figures scaled to a year of 52 weeks.
  const double measured_h = (run.measured_to - run.measured_from).in_hours();
  const double per_year = measured_h > 0.0 ? Duration::weeks(52).in_hours() / measured_h : 0.0;
  m.add(metric::kChurnPerYear, churn * per_year);
  m.add(metric::kRevenueAtRiskPerYear, revenue_at_risk * per_year);

  for (std::size_t i = 0; i < scenario_.segments.size(); ++i) {
    m.scope(metric::kSegmentPrefix + scenario_.segments[i].name);
    m.add(metric::kComplaintsCount, segment_complaints[i]);
    m.add(metric::kChurnExpected, segment_churn[i]);
    m.add(metric::kRevenueAtRisk, segment_revenue[i]);
    m.add(metric::kRevenueAtRiskPerYear, segment_revenue[i] * per_year);
  }

  // Staff time on duty, whether busy or not: what the organisation pays for.
  const double span_h = measured_h;
  double staff_h = 0.0;
  for (const DeskResult& d : run.desks) {
    if (!d.executive) staff_h += d.mean_staff * span_h;
  }
  double executive_h = 0.0;
  for (const ExecutiveResult& e : run.executives) {
    executive_h += e.used.in_hours();
    // An executive on a staff desk's staff (a frontline stint) is executive time.
    staff_h -= e.elsewhere.in_hours();
  }
  const double staff_cost = staff_h * model.staff_cost_per_hour;
  const double executive_cost = executive_h * model.executive_cost_per_hour;
  m.scope(metric::kEconomics);
  m.add(metric::kStaffHours, staff_h);
  m.add(metric::kStaffCost, staff_cost);
  m.add(metric::kExecutiveHours, executive_h);
  m.add(metric::kExecutiveCost, executive_cost);
  m.add(metric::kTotalCost, staff_cost + executive_cost);
  m.add(metric::kStaffHoursPerYear, staff_h * per_year);
  m.add(metric::kStaffCostPerYear, staff_cost * per_year);
  m.add(metric::kExecutiveHoursPerYear, executive_h * per_year);
  m.add(metric::kExecutiveCostPerYear, executive_cost * per_year);
  m.add(metric::kCostPerYear, (staff_cost + executive_cost) * per_year);

  m.scope(metric::kSilo);
  m.add(metric::kBypassShare, share(bypassed_replies_, executive_replies_));
  m.add(metric::kWaitedOnExecutiveLonger, share(waited_executive_longer_, reached_executive_));

  auto add_fairness = [&m](std::string scope, const Fairness& g) {
    m.scope(std::move(scope));
    m.add(metric::kComplaintsCount, g.complaints);
    m.add(metric::kExecutiveShare, share(g.with_executive, g.complaints));
    m.add(metric::kReplyMeanMin,
          g.replies > 0 ? g.reply_sum_min / static_cast<double>(g.replies) : 0.0);
  };
  const std::size_t channels = scenario_.channels.size();
  const std::size_t segments = scenario_.segments.size();
  for (std::size_t i = 0; i < channels; ++i) {
    add_fairness(metric::kFairnessPrefix + std::string("channel:") + scenario_.channels[i],
                 fairness_[i]);
  }
  for (std::size_t i = 0; i < segments; ++i) {
    add_fairness(metric::kFairnessPrefix + std::string("segment:") + scenario_.segments[i].name,
                 fairness_[channels + i]);
  }
  add_fairness(metric::kFairnessPrefix + std::string("public"), fairness_[channels + segments]);
  add_fairness(metric::kFairnessPrefix + std::string("private"),
               fairness_[channels + segments + 1]);
  return out;
}

}  // namespace escalsim
