// The names of the figures consumers ask for by name, each written once: the producers
// (flatten in sim/experiment/results.cc, the recorders) add them and the consumers (the verdict,
// saturation, the writers) look them up with these constants, so a rename is one edit here,
// a misspelt constant a compile error, and a name no recorder produces a failing
// tests/experiment/metric_lookup_test.cc. The strings are part of the output files' format
// (results/README.md): changing one changes every file that names it.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

namespace escalsim::metric {

// Scopes: "desk:<name>", "executive:<name>" (prefix + desk name), and fixed ones.
inline constexpr char kDeskPrefix[] = "desk:";
inline constexpr char kExecutivePrefix[] = "executive:";
inline constexpr char kComplaints[] = "complaints";
inline constexpr char kSilo[] = "silo";
inline constexpr char kCustomers[] = "customers";
inline constexpr char kEconomics[] = "economics";
inline constexpr char kSegmentPrefix[] = "segment:";    // + segment name
inline constexpr char kFairnessPrefix[] = "fairness:";  // + "channel:<c>", "segment:<s>", ...

// Desk scopes ("desk:<name>"), from flatten.
inline constexpr char kArrivals[] = "arrivals";
inline constexpr char kServed[] = "served";
inline constexpr char kAbandoned[] = "abandoned";
inline constexpr char kRefused[] = "refused";
inline constexpr char kHandedBack[] = "handed_back";
inline constexpr char kDeclined[] = "declined";
inline constexpr char kResolved[] = "resolved";
inline constexpr char kUtilisation[] = "utilisation";
inline constexpr char kMeanStaff[] = "mean_staff";
inline constexpr char kWaitMeanMin[] = "wait_mean_min";
inline constexpr char kWaitP50Min[] = "wait_p50_min";
inline constexpr char kWaitP90Min[] = "wait_p90_min";
inline constexpr char kWaitP99Min[] = "wait_p99_min";
inline constexpr char kWaitedShare[] = "waited_share";
inline constexpr char kMeanQueue[] = "mean_queue";
inline constexpr char kMeanInDesk[] = "mean_in_desk";
inline constexpr char kSojournMeanMin[] = "sojourn_mean_min";
inline constexpr char kBacklogAtEnd[] = "backlog_at_end";
inline constexpr char kOpenAgeP50Min[] = "open_age_p50_min";
inline constexpr char kOpenAgeP90Min[] = "open_age_p90_min";
inline constexpr char kBacklogGrowthPerWeek[] = "backlog_growth_per_week";

// Service levels, from the service recorder (sim/recorders/service_recorder.h), in the
// desk scopes and in "channel:<c>" and "stream:<s>" scopes (first visits).
inline constexpr char kChannelPrefix[] = "channel:";
inline constexpr char kStreamPrefix[] = "stream:";
inline constexpr char kSpeedOfAnswerMin[] = "speed_of_answer_min";  // mean wait of those answered
inline constexpr char kAbandonment[] = "abandonment";  // abandoned / (answered + abandoned)
inline constexpr char kAnswered[] = "answered";
inline constexpr char kServiceLevelPrefix[] = "service_level_";  // + service_level_label
inline constexpr char kWaitMeanMinPrefix[] = "wait_mean_min_";    // + severity name, desk scopes

// The label of a service-level target in its metric name ("service_level_" + label): the
// largest of d, h, min, s that divides it ("20s", "1min", "4h", "1d"); empty when the
// target is not a whole number of seconds (the loader refuses those).
inline std::string service_level_label(double within_min) {
  const double seconds = within_min * 60.0;
  const double whole = std::round(seconds);
  if (whole <= 0.0 || std::abs(seconds - whole) > 1e-6 * std::max(1.0, whole)) return "";
  const auto n = static_cast<long long>(whole);
  if (n % 86400 == 0) return std::to_string(n / 86400) + "d";
  if (n % 3600 == 0) return std::to_string(n / 3600) + "h";
  if (n % 60 == 0) return std::to_string(n / 60) + "min";
  return std::to_string(n) + "s";
}

// The "complaints" scope, from flatten (also arrived..., resolved, abandoned, refused, open_age_*).
inline constexpr char kArrived[] = "arrived";
inline constexpr char kClosedUnresolved[] = "closed_unresolved";
inline constexpr char kOpenAtEnd[] = "open_at_end";
inline constexpr char kTimeToResolutionMeanMin[] = "time_to_resolution_mean_min";
inline constexpr char kTimeToResolutionP90Min[] = "time_to_resolution_p90_min";
inline constexpr char kTimeInSystemMeanMin[] = "time_in_system_mean_min";
inline constexpr char kResolutionRate[] = "resolution_rate";
inline constexpr char kEscalationRate[] = "escalation_rate";
inline constexpr char kExecutiveShare[] = "executive_share";

// Executive scopes ("executive:<name>"), from flatten (also backlog_growth_per_week).
inline constexpr char kBudgetH[] = "budget_h";
inline constexpr char kUsedH[] = "used_h";
inline constexpr char kOverrunH[] = "overrun_h";
inline constexpr char kItems[] = "items";
inline constexpr char kBudgetUsedShare[] = "budget_used_share";
inline constexpr char kWindowUtilisation[] = "window_utilisation";
inline constexpr char kArrivedByPolicyBypass[] = "arrived_by_policy_bypass";
inline constexpr char kArrivedByDemand[] = "arrived_by_demand";
inline constexpr char kArrivedByReturn[] = "arrived_by_return";
inline constexpr char kArrivedByRoute[] = "arrived_by_route";
inline constexpr char kArrivedByPolicyEscalation[] = "arrived_by_policy_escalation";
inline constexpr char kArrivedByHandBack[] = "arrived_by_hand_back";
inline constexpr char kStraightToTopShare[] = "straight_to_top_share";
inline constexpr char kPolicyBypassShare[] = "policy_bypass_share";
inline constexpr char kEscalatedShare[] = "escalated_share";
inline constexpr char kReplyMeanMin[] = "reply_mean_min";
inline constexpr char kReplyP90Min[] = "reply_p90_min";

// The "silo" scope, from the outcome recorder.
inline constexpr char kBypassShare[] = "bypass_share";
inline constexpr char kWaitedOnExecutiveLonger[] = "waited_on_executive_longer";

// The "customers" scope, from the outcome recorder ("segment:<name>" has complaints,
// churn_expected and revenue_at_risk; "fairness:<group>" complaints, executive_share and
// reply_mean_min).
inline constexpr char kComplaintsCount[] = "complaints";
inline constexpr char kResolvedQuicklyShare[] = "resolved_quickly_share";
inline constexpr char kResolvedSlowlyShare[] = "resolved_slowly_share";
inline constexpr char kUnresolvedShare[] = "unresolved_share";
inline constexpr char kAbandonedShare[] = "abandoned_share";
inline constexpr char kLoyaltyMean[] = "loyalty_mean";
inline constexpr char kChurnExpected[] = "churn_expected";
inline constexpr char kRevenueAtRisk[] = "revenue_at_risk";
inline constexpr char kRepeatContacts[] = "repeat_contacts";
inline constexpr char kOpenCountedUnresolved[] = "open_counted_unresolved";

// The "economics" scope, from the outcome recorder.
inline constexpr char kStaffHours[] = "staff_hours";
inline constexpr char kStaffCost[] = "staff_cost";
inline constexpr char kExecutiveHours[] = "executive_hours";
inline constexpr char kExecutiveCost[] = "executive_cost";
inline constexpr char kTotalCost[] = "total_cost";
// The same, and churn and revenue at risk (scope "customers"), over one stated period: a
// year of 52 weeks, i.e. the measured span's figure x 52 weeks / the measured span. The
// per-run figures above stay for the conditions and sweeps that name them.
inline constexpr char kStaffHoursPerYear[] = "staff_hours_per_year";
inline constexpr char kStaffCostPerYear[] = "staff_cost_per_year";
inline constexpr char kExecutiveHoursPerYear[] = "executive_hours_per_year";
inline constexpr char kExecutiveCostPerYear[] = "executive_cost_per_year";
inline constexpr char kCostPerYear[] = "cost_per_year";
inline constexpr char kChurnPerYear[] = "churn_expected_per_year";
inline constexpr char kRevenueAtRiskPerYear[] = "revenue_at_risk_per_year";

}  // namespace escalsim::metric
