// The flat list of metrics: the one place that names every reported figure.
#include "escalsim/results.h"

#include "escalsim/metric_names.h"
#include "recorders/metric_list.h"

namespace escalsim {

std::vector<Metric> flatten(const RunResult& run) {
  std::vector<Metric> metrics;
  detail::MetricList m(metrics);
  for (const DeskResult& d : run.desks) {
    m.scope(metric::kDeskPrefix + d.name);
    m.add(metric::kArrivals, d.arrivals);
    m.add(metric::kServed, d.served);
    m.add(metric::kAbandoned, d.abandoned);
    m.add(metric::kRefused, d.refused);
    m.add(metric::kHandedBack, d.handed_back);
    m.add(metric::kDeclined, d.declined);
    m.add(metric::kResolved, d.resolved);
    m.add(metric::kUtilisation, d.utilisation);
    m.add(metric::kMeanStaff, d.mean_staff);
    m.add_min(metric::kWaitMeanMin, d.wait.mean);
    m.add_min(metric::kWaitP50Min, d.wait.p50);
    m.add_min(metric::kWaitP90Min, d.wait.p90);
    m.add_min(metric::kWaitP99Min, d.wait.p99);
    m.add(metric::kWaitedShare, d.waited_share);
    m.add(metric::kMeanQueue, d.mean_queue);
    m.add(metric::kMeanInDesk, d.mean_in_desk);
    m.add_min(metric::kSojournMeanMin, d.sojourn_mean);
    m.add(metric::kBacklogAtEnd, d.backlog_at_end);
    m.add_min(metric::kOpenAgeP50Min, d.open_age.p50);
    m.add_min(metric::kOpenAgeP90Min, d.open_age.p90);
    m.add(metric::kBacklogGrowthPerWeek, d.backlog_growth_per_week);
  }
  const ComplaintResult& c = run.complaints;
  m.scope(metric::kComplaints);
  m.add(metric::kArrived, c.arrived);
  m.add(metric::kResolved, c.resolved);
  m.add(metric::kClosedUnresolved, c.closed_unresolved);
  m.add(metric::kAbandoned, c.abandoned);
  m.add(metric::kRefused, c.refused);
  m.add(metric::kOpenAtEnd, c.open_at_end);
  m.add_min(metric::kOpenAgeP50Min, c.open_age.p50);
  m.add_min(metric::kOpenAgeP90Min, c.open_age.p90);
  m.add_min(metric::kTimeToResolutionMeanMin, c.time_to_resolution.mean);
  m.add_min(metric::kTimeToResolutionP90Min, c.time_to_resolution.p90);
  m.add_min(metric::kTimeInSystemMeanMin, c.time_in_system.mean);
  m.add(metric::kResolutionRate, c.resolution_rate);
  m.add(metric::kEscalationRate, c.escalation_rate);
  m.add(metric::kExecutiveShare, c.executive_share);
  for (const ExecutiveResult& e : run.executives) {
    m.scope(metric::kExecutivePrefix + e.desk);
    m.add_h(metric::kBudgetH, e.budget);
    m.add_h(metric::kUsedH, e.used);
    m.add_h(metric::kOverrunH, e.overrun);
    m.add(metric::kItems, e.items);
    m.add(metric::kBudgetUsedShare, e.budget_used_share);
    m.add(metric::kWindowUtilisation, e.window_utilisation);
    const auto& way = e.arrivals_by_way;
    const auto count = [&way](ArrivalWay w) { return way[static_cast<std::size_t>(w)]; };
    // Straight to the top: no desk served it first. Escalated: sent up after service.
    const std::int64_t straight = count(ArrivalWay::kDemand) + count(ArrivalWay::kReturn) +
                                  count(ArrivalWay::kBypass);
    const std::int64_t escalated = count(ArrivalWay::kRoute) +
                                   count(ArrivalWay::kPolicyEscalation) +
                                   count(ArrivalWay::kHandBack);
    const std::int64_t total = straight + escalated;
    const auto share = [total](std::int64_t n) {
      return total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0.0;
    };
    m.add(metric::kArrivedByPolicyBypass, count(ArrivalWay::kBypass));
    m.add(metric::kArrivedByDemand, count(ArrivalWay::kDemand));
    m.add(metric::kArrivedByReturn, count(ArrivalWay::kReturn));
    m.add(metric::kArrivedByRoute, count(ArrivalWay::kRoute));
    m.add(metric::kArrivedByPolicyEscalation, count(ArrivalWay::kPolicyEscalation));
    m.add(metric::kArrivedByHandBack, count(ArrivalWay::kHandBack));
    m.add(metric::kStraightToTopShare, share(straight));
    m.add(metric::kPolicyBypassShare, share(count(ArrivalWay::kBypass)));
    m.add(metric::kEscalatedShare, share(escalated));
    m.add_min(metric::kReplyMeanMin, e.reply.mean);
    m.add_min(metric::kReplyP90Min, e.reply.p90);
    m.add(metric::kBacklogGrowthPerWeek, e.backlog_growth_per_week);
  }
  metrics.insert(metrics.end(), run.extra.begin(), run.extra.end());
  return metrics;
}

}  // namespace escalsim
