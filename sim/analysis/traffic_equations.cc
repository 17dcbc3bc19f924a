// The traffic equations on the organisation graph: predicted arrival rate, load and
// bottleneck per desk, before any simulation.
#include "analysis/traffic_equations.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <string>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "escalsim/analysis.h"
#include "analysis/org_graph.h"

namespace escalsim {
namespace detail {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kHoursPerWeek = 168.0;

}  // namespace

double average_surge_multiplier(const std::vector<Surge>& surges, Duration horizon) {
  const double end = horizon.in_minutes();
  if (surges.empty() || end <= 0.0) return 1.0;
  // Surges multiply where they overlap; integrate the product piece by piece.
  std::vector<double> cuts{0.0, end};
  for (const Surge& s : surges) {
    cuts.push_back(std::clamp(s.start.in_minutes(), 0.0, end));
    cuts.push_back(std::clamp((s.start + s.duration).in_minutes(), 0.0, end));
  }
  std::sort(cuts.begin(), cuts.end());
  double integral = 0.0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    double width = cuts[i + 1] - cuts[i];
    if (width <= 0.0) continue;
    double mid = (cuts[i] + cuts[i + 1]) / 2.0;
    double factor = 1.0;
    for (const Surge& s : surges) {
      if (mid >= s.start.in_minutes() && mid < (s.start + s.duration).in_minutes()) {
        factor *= s.factor;
      }
    }
    integral += factor * width;
  }
  return integral / end;
}

std::vector<ClassDemand> class_demand(const Scenario& scenario) {
  std::vector<ClassDemand> classes;
  for (int s = 0; s < kSeverityCount; ++s) {
    for (int pub = 0; pub < 2; ++pub) {
      ClassDemand c;
      c.severity = static_cast<Severity>(s);
      c.is_public = pub == 1;
      c.gamma_per_hour.assign(scenario.desks.size(), 0.0);
      for (const DemandStream& d : scenario.demand) {
        double rate = d.rate.in_per_hour() * average_surge_multiplier(d.surges, scenario.run.horizon);
        double share = d.severity_share[s] * (pub == 1 ? d.public_share : 1.0 - d.public_share);
        c.gamma_per_hour[d.enters_desk] += rate * share;
      }
      classes.push_back(std::move(c));
    }
  }
  return classes;
}

std::vector<std::vector<double>> routing_matrix(const Scenario& scenario, Severity severity,
                                                bool is_public,
                                                const std::vector<double>& breach_by_route) {
  const std::size_t n = scenario.desks.size();
  std::vector<std::vector<double>> p(n, std::vector<double>(n, 0.0));
  std::vector<std::vector<int>> routes_from(n);
  for (std::size_t k = 0; k < scenario.routes.size(); ++k) {
    routes_from[scenario.routes[k].from].push_back(static_cast<int>(k));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<int>& routes = routes_from[i];
    // The `waited` thresholds of this desk, ascending, with P(elapsed > threshold). The
    // elapsed state w (0..K) means the first w thresholds are exceeded and no others.
    std::map<double, double> breach;
    for (int k : routes) {
      const Route& r = scenario.routes[k];
      if (r.condition == RouteCondition::kWaitedLongerThan) {
        breach[r.waited.in_minutes()] = std::clamp(breach_by_route[k], 0.0, 1.0);
      }
    }
    std::vector<double> thresholds, exceed{1.0};
    for (const auto& [t, q] : breach) {
      thresholds.push_back(t);
      exceed.push_back(std::min(exceed.back(), q));
    }
    exceed.push_back(0.0);

    const double p_resolve = scenario.desks[i].resolution_probability[static_cast<int>(severity)];
    for (int res = 0; res < 2; ++res) {
      const double p_outcome = res == 1 ? p_resolve : 1.0 - p_resolve;
      if (p_outcome <= 0.0) continue;
      for (std::size_t w = 0; w <= thresholds.size(); ++w) {
        const double p_state = p_outcome * (exceed[w] - exceed[w + 1]);
        if (p_state <= 0.0) continue;
        // A time in the system in state w: just past the w-th threshold, so above the
        // first w and not above the next.
        const double in_system_min =
            w == 0 ? -kInfinity : std::nextafter(thresholds[w - 1], kInfinity);
        double cumulative = 0.0;
        for (int k : routes) {
          const Route& r = scenario.routes[k];
          if (!route_applies(r, severity, is_public, res == 1, in_system_min)) continue;
          double next = std::min(1.0, cumulative + std::max(0.0, r.probability));
          if (r.to != kExit) p[i][r.to] += p_state * (next - cumulative);
          cumulative = next;
        }
      }
    }
  }
  return p;
}

std::vector<double> solve_traffic(const std::vector<double>& gamma,
                                  const std::vector<std::vector<double>>& p) {
  const std::size_t n = gamma.size();
  if (n == 0) return {};
  // lambda (I - P) = gamma, a row vector; solve (I - P)^T lambda^T = gamma^T.
  Eigen::MatrixXd a(n, n);
  Eigen::VectorXd b(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) a(j, i) = (i == j ? 1.0 : 0.0) - p[i][j];
    b(i) = gamma[i];
  }
  // PartialPivLU assumes an invertible matrix and does not say when it is not: a loop with
  // no way out shows as an exact zero pivot on U's diagonal.
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(a);
  if ((lu.matrixLU().diagonal().array() == 0.0).any()) return std::vector<double>(n, kInfinity);
  const Eigen::VectorXd x = lu.solve(b);
  std::vector<double> lambda(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = x(i);
    // Round-off can leave -1e-17 where nothing arrives.
    lambda[i] = std::abs(v) < 1e-12 ? 0.0 : v;
    if (!std::isfinite(lambda[i]) || lambda[i] < 0.0) return std::vector<double>(n, kInfinity);
  }
  return lambda;
}

double capacity_hours_per_hour(const Desk& desk) {
  if (desk.is_executive()) {
    const ExecutiveBudget& budget = *desk.executive;
    double window_hours = desk.executive->windows.empty() ? kHoursPerWeek : 0.0;
    for (const AvailabilityWindow& w : budget.windows) {
      window_hours += std::max(0.0, (w.to - w.from).in_hours());
    }
    window_hours = std::min(window_hours, kHoursPerWeek);
    // Every member of the desk's staff works inside the windows (the engine's calendar
    // gives the desk `staff` servers while a window is open); the weekly budget caps the
    // hours they charge together.
    double hours = window_hours * std::max(0, desk.staff);
    if (budget.per_week) hours = std::min(hours, budget.per_week->in_hours());
    return hours / kHoursPerWeek;
  }
  if (!desk.shifts.empty()) {
    double staff_hours = 0.0;
    for (const Shift& s : desk.shifts) {
      int days = static_cast<int>(std::count(s.days.begin(), s.days.end(), true));
      staff_hours += days * std::max(0.0, (s.to - s.from).in_hours()) * s.staff;
    }
    return staff_hours / kHoursPerWeek;
  }
  return static_cast<double>(desk.staff);
}

double erlang_c_tail(double arrival_rate_per_hour, Duration mean_handle_time, double capacity,
                     Duration t) {
  const double h = mean_handle_time.in_hours();
  if (arrival_rate_per_hour <= 0.0 || h <= 0.0) return 0.0;
  if (capacity <= 0.0 || !std::isfinite(arrival_rate_per_hour)) return 1.0;
  const double load = arrival_rate_per_hour * h / capacity;
  if (load >= 1.0) return 1.0;
  const double servers = std::ceil(capacity);
  const double offered = load * servers;  // in servers' worth of work, at their speed
  // Erlang B by its stable recursion, then Erlang C from it.
  double erlang_b = 1.0;
  for (int k = 1; k <= static_cast<int>(servers); ++k) {
    erlang_b = offered * erlang_b / (k + offered * erlang_b);
  }
  const double erlang_c = erlang_b / (1.0 - load * (1.0 - erlang_b));
  // Total service rate capacity / h against arrivals: the rate at which the queue drains.
  const double drain_per_hour = capacity / h - arrival_rate_per_hour;
  return std::clamp(erlang_c * std::exp(-drain_per_hour * std::max(0.0, t.in_hours())), 0.0, 1.0);
}

}  // namespace detail

Prediction predict(const Scenario& scenario) {
  using namespace detail;
  const std::size_t n = scenario.desks.size();
  Prediction prediction;

  std::vector<double> capacity(n);
  for (std::size_t i = 0; i < n; ++i) capacity[i] = capacity_hours_per_hour(scenario.desks[i]);

  const std::vector<ClassDemand> classes = class_demand(scenario);
  const bool has_sla_routes =
      std::any_of(scenario.routes.begin(), scenario.routes.end(), [](const Route& r) {
        return r.condition == RouteCondition::kWaitedLongerThan;
      });

  // With SLA routes, P depends on waits, which depend on lambda: start with no breach and
  // iterate to a fixed point. Each step raises breaches only where load rose, so it
  // settles quickly in practice.
  constexpr int kMaxIterations = 100;
  std::vector<double> breach(scenario.routes.size(), 0.0);
  std::vector<double> lambda(n, 0.0);
  int iterations = 0;
  bool converged = false;
  for (; iterations < kMaxIterations && !converged; ++iterations) {
    std::vector<double> next(n, 0.0);
    for (const ClassDemand& c : classes) {
      std::vector<double> part = solve_traffic(
          c.gamma_per_hour, routing_matrix(scenario, c.severity, c.is_public, breach));
      for (std::size_t i = 0; i < n; ++i) next[i] += part[i];
    }
    converged = iterations > 0 || !has_sla_routes;
    for (std::size_t i = 0; i < n && converged; ++i) {
      if (std::isinf(next[i]) && std::isinf(lambda[i])) continue;
      if (std::abs(next[i] - lambda[i]) > 1e-10 * std::max(1.0, std::abs(next[i]))) {
        converged = false;
      }
    }
    lambda = next;
    for (std::size_t k = 0; k < scenario.routes.size(); ++k) {
      const Route& r = scenario.routes[k];
      if (r.condition != RouteCondition::kWaitedLongerThan) continue;
      const Desk& from = scenario.desks[r.from];
      breach[k] = erlang_c_tail(lambda[r.from], from.handle_time.expected(), capacity[r.from],
                                r.waited);
    }
  }

  const OrgGraph graph(scenario);
  const std::vector<bool> reachable = graph.reachable_from_demand();
  double worst = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const Desk& desk = scenario.desks[i];
    DeskPrediction d;
    d.desk = desk.name;
    d.arrival_rate_per_hour = lambda[i];
    d.offered_hours_per_hour =
        lambda[i] > 0.0 ? lambda[i] * desk.handle_time.expected().in_hours() : 0.0;
    d.capacity_hours_per_hour = capacity[i];
    if (d.offered_hours_per_hour <= 0.0) {
      d.load = 0.0;
    } else {
      d.load = capacity[i] > 0.0 ? d.offered_hours_per_hour / capacity[i] : kInfinity;
    }
    if (desk.is_executive() && desk.executive->items_per_month && lambda[i] > 0.0) {
      const double per_month = lambda[i] * kMonth.in_hours();
      const int items = *desk.executive->items_per_month;
      d.load = std::max(d.load, items > 0 ? per_month / items : kInfinity);
    }
    d.reachable = reachable[i];
    if (d.load > worst) {
      worst = d.load;
      prediction.bottleneck = static_cast<int>(i);
    }
    prediction.desks.push_back(std::move(d));
  }

  // What the numbers leave out, so a reader knows how far to trust them.
  auto& notes = prediction.notes;
  if (std::any_of(lambda.begin(), lambda.end(), [](double l) { return std::isinf(l); })) {
    notes.push_back(
        "some complaints can never leave (a routing loop with probability 1): their desks' "
        "arrival rates are infinite");
  }
  notes.push_back(
      "refusals (queue limits) and abandonment (patience) are ignored: every complaint is "
      "assumed served, so arrivals downstream of them are upper bounds");
  if (has_sla_routes) {
    notes.push_back(fmt::format(
        "routes on 'waited longer than T' use the Erlang C tail P(Wq > T) of the desk they "
        "leave, as an M/M/c queue, for the chance that a complaint's time since arrival "
        "exceeds T; the traffic equations were iterated to a fixed point ({} iterations{})",
        iterations, converged ? "" : ", not converged"));
  }
  for (const DemandStream& d : scenario.demand) {
    double m = average_surge_multiplier(d.surges, scenario.run.horizon);
    if (m != 1.0) {
      notes.push_back(fmt::format(
          "demand '{}' includes its surges averaged over the {:g}-week horizon (x{:.3f})",
          d.name, scenario.run.horizon.in_weeks(), m));
    }
  }
  bool varies = std::any_of(scenario.demand.begin(), scenario.demand.end(),
                            [](const DemandStream& d) { return d.pattern.name != "flat"; }) ||
                std::any_of(scenario.desks.begin(), scenario.desks.end(), [](const Desk& d) {
                  return !d.shifts.empty() || d.is_executive();
                });
  if (varies) {
    notes.push_back(
        "loads are averages over the week: with a weekly pattern, shifts or executive "
        "windows, some hours are busier than the average says");
  }
  return prediction;
}

}  // namespace escalsim
