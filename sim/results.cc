// The flat list of metrics: the one place that names every reported figure.
#include "escalsim/results.h"

namespace escalsim {
namespace {

class MetricList {
 public:
  explicit MetricList(std::vector<Metric>& out) : out_(out) {}
  void scope(std::string s) { scope_ = std::move(s); }
  void add(const char* name, double value) { out_.push_back(Metric{scope_, name, value}); }
  void add(const char* name, std::int64_t value) { add(name, static_cast<double>(value)); }
  void add_min(const char* name, Duration d) { add(name, d.in_minutes()); }
  void add_h(const char* name, Duration d) { add(name, d.in_hours()); }

 private:
  std::vector<Metric>& out_;
  std::string scope_;
};

}  // namespace

std::vector<Metric> flatten(const RunResult& run) {
  std::vector<Metric> metrics;
  MetricList m(metrics);
  for (const DeskResult& d : run.desks) {
    m.scope("desk:" + d.name);
    m.add("arrivals", d.arrivals);
    m.add("served", d.served);
    m.add("abandoned", d.abandoned);
    m.add("refused", d.refused);
    m.add("handed_back", d.handed_back);
    m.add("declined", d.declined);
    m.add("resolved", d.resolved);
    m.add("utilisation", d.utilisation);
    m.add("mean_staff", d.mean_staff);
    m.add_min("wait_mean_min", d.wait.mean);
    m.add_min("wait_p50_min", d.wait.p50);
    m.add_min("wait_p90_min", d.wait.p90);
    m.add_min("wait_p99_min", d.wait.p99);
    m.add("waited_share", d.waited_share);
    m.add("mean_queue", d.mean_queue);
    m.add("mean_in_desk", d.mean_in_desk);
    m.add_min("sojourn_mean_min", d.sojourn_mean);
    m.add("backlog_at_end", d.backlog_at_end);
    m.add_min("open_age_p50_min", d.open_age.p50);
    m.add_min("open_age_p90_min", d.open_age.p90);
    m.add("backlog_growth_per_week", d.backlog_growth_per_week);
  }
  const ComplaintResult& c = run.complaints;
  m.scope("complaints");
  m.add("arrived", c.arrived);
  m.add("resolved", c.resolved);
  m.add("closed_unresolved", c.closed_unresolved);
  m.add("abandoned", c.abandoned);
  m.add("refused", c.refused);
  m.add("open_at_end", c.open_at_end);
  m.add_min("open_age_p50_min", c.open_age.p50);
  m.add_min("open_age_p90_min", c.open_age.p90);
  m.add_min("time_to_resolution_mean_min", c.time_to_resolution.mean);
  m.add_min("time_to_resolution_p90_min", c.time_to_resolution.p90);
  m.add_min("time_in_system_mean_min", c.time_in_system.mean);
  m.add("resolution_rate", c.resolution_rate);
  m.add("escalation_rate", c.escalation_rate);
  m.add("executive_share", c.executive_share);
  for (const ExecutiveResult& e : run.executives) {
    m.scope("executive:" + e.desk);
    m.add_h("budget_h", e.budget);
    m.add_h("used_h", e.used);
    m.add_h("overrun_h", e.overrun);
    m.add("items", e.items);
    m.add("budget_used_share", e.budget_used_share);
    m.add("window_utilisation", e.window_utilisation);
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
    m.add("arrived_by_policy_bypass", count(ArrivalWay::kBypass));
    m.add("arrived_by_demand", count(ArrivalWay::kDemand));
    m.add("arrived_by_return", count(ArrivalWay::kReturn));
    m.add("arrived_by_route", count(ArrivalWay::kRoute));
    m.add("arrived_by_policy_escalation", count(ArrivalWay::kPolicyEscalation));
    m.add("arrived_by_hand_back", count(ArrivalWay::kHandBack));
    m.add("straight_to_top_share", share(straight));
    m.add("policy_bypass_share", share(count(ArrivalWay::kBypass)));
    m.add("escalated_share", share(escalated));
    m.add_min("reply_mean_min", e.reply.mean);
    m.add_min("reply_p90_min", e.reply.p90);
    m.add("backlog_growth_per_week", e.backlog_growth_per_week);
  }
  metrics.insert(metrics.end(), run.extra.begin(), run.extra.end());
  return metrics;
}

}  // namespace escalsim
