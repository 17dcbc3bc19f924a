// Paired and unpaired (Welch) intervals for the difference of two experiments.
#include "escalsim/comparison.h"

#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include <boost/math/distributions/students_t.hpp>

#include "escalsim/errors.h"
#include "escalsim/metric_names.h"

namespace escalsim {
namespace {

using MetricKey = std::pair<std::string, std::string>;

// Each metric's values over the replications, in flatten() order of first appearance.
std::vector<std::pair<MetricKey, std::vector<double>>> by_metric(const ExperimentResult& e) {
  std::vector<std::pair<MetricKey, std::vector<double>>> columns;
  std::map<MetricKey, std::size_t> index;
  for (const RunResult& run : e.runs) {
    for (const Metric& m : flatten(run)) {
      MetricKey key{m.scope, m.name};
      auto [it, added] = index.emplace(key, columns.size());
      if (added) columns.push_back({key, {}});
      columns[it->second].second.push_back(m.value);
    }
  }
  return columns;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0.0;
  for (double x : v) sum += x;
  return v.empty() ? 0.0 : sum / v.size();
}

double variance_of(const std::vector<double>& v) {
  if (v.size() < 2) return 0.0;
  double m = mean_of(v), sq = 0.0;
  for (double x : v) sq += (x - m) * (x - m);
  return sq / (v.size() - 1);
}

double t_quantile(double degrees_of_freedom) {
  boost::math::students_t t(degrees_of_freedom);
  return boost::math::quantile(boost::math::complement(t, 0.025));
}

template <typename Interval>
std::vector<Difference> differences(const ExperimentResult& a, const ExperimentResult& b,
                                    Interval interval) {
  auto columns_b = by_metric(b);
  std::map<MetricKey, const std::vector<double>*> lookup;
  for (const auto& [key, values] : columns_b) lookup[key] = &values;
  std::vector<Difference> out;
  for (const auto& [key, values_a] : by_metric(a)) {
    auto found = lookup.find(key);
    if (found == lookup.end()) continue;
    const std::vector<double>& values_b = *found->second;
    Difference d;
    d.scope = key.first;
    d.name = key.second;
    d.mean_a = mean_of(values_a);
    d.mean_b = mean_of(values_b);
    d.difference = d.mean_b - d.mean_a;
    d.half_width = interval(values_a, values_b);
    d.significant = std::abs(d.difference) > d.half_width && values_a.size() > 1;
    out.push_back(d);
  }
  return out;
}

// The column of `scope`/`name`, or null.
const std::vector<double>* column(
    const std::vector<std::pair<MetricKey, std::vector<double>>>& columns, const char* scope,
    const char* name) {
  for (const auto& [key, values] : columns) {
    if (key.first == scope && key.second == name) return &values;
  }
  return nullptr;
}

// Loyal customers gained per extra executive hour, b against a (see comparison.h).
std::optional<Difference> loyal_gained_per_executive_hour(const ExperimentResult& a,
                                                          const ExperimentResult& b) {
  const auto columns_a = by_metric(a);
  const auto columns_b = by_metric(b);
  using metric::kComplaintsCount, metric::kCustomers, metric::kEconomics,
      metric::kExecutiveHours, metric::kLoyaltyMean;
  const std::vector<double>* complaints_a = column(columns_a, kCustomers, kComplaintsCount);
  const std::vector<double>* loyalty_a = column(columns_a, kCustomers, kLoyaltyMean);
  const std::vector<double>* hours_a = column(columns_a, kEconomics, kExecutiveHours);
  const std::vector<double>* complaints_b = column(columns_b, kCustomers, kComplaintsCount);
  const std::vector<double>* loyalty_b = column(columns_b, kCustomers, kLoyaltyMean);
  const std::vector<double>* hours_b = column(columns_b, kEconomics, kExecutiveHours);
  if (!complaints_a || !loyalty_a || !hours_a || !complaints_b || !loyalty_b || !hours_b) {
    return std::nullopt;
  }
  const std::size_t n = complaints_a->size();
  if (n < 2) return std::nullopt;
  std::vector<double> gained(n), extra_hours(n);
  for (std::size_t r = 0; r < n; ++r) {
    gained[r] = (*complaints_b)[r] * (*loyalty_b)[r] - (*complaints_a)[r] * (*loyalty_a)[r];
    extra_hours[r] = (*hours_b)[r] - (*hours_a)[r];
  }
  const Estimate hours = estimate(extra_hours);
  if (!(hours.mean > 0.0) || hours.half_width >= hours.mean) return std::nullopt;
  const double ratio = mean_of(gained) / hours.mean;
  // Delta method for a ratio of means: the residuals gained - ratio x hours carry its spread.
  std::vector<double> residual(n);
  for (std::size_t r = 0; r < n; ++r) residual[r] = gained[r] - ratio * extra_hours[r];
  const double se = std::sqrt(variance_of(residual) / static_cast<double>(n)) / hours.mean;
  Difference d;
  d.scope = "economics";
  d.name = kLoyalGainedPerExecutiveHour;
  d.mean_b = ratio;
  d.difference = ratio;
  d.half_width = t_quantile(static_cast<double>(n - 1)) * se;
  d.significant = std::abs(ratio) > d.half_width;
  return d;
}

// The cost per churned customer avoided, b against a (see comparison.h): the paired mean
// difference of the cost per year over that of the churn per year avoided.
std::optional<Difference> cost_per_churned_avoided(const ExperimentResult& a,
                                                   const ExperimentResult& b) {
  const auto columns_a = by_metric(a);
  const auto columns_b = by_metric(b);
  using metric::kChurnPerYear, metric::kCostPerYear, metric::kCustomers, metric::kEconomics;
  const std::vector<double>* cost_a = column(columns_a, kEconomics, kCostPerYear);
  const std::vector<double>* churn_a = column(columns_a, kCustomers, kChurnPerYear);
  const std::vector<double>* cost_b = column(columns_b, kEconomics, kCostPerYear);
  const std::vector<double>* churn_b = column(columns_b, kCustomers, kChurnPerYear);
  if (!cost_a || !churn_a || !cost_b || !churn_b) return std::nullopt;
  const std::size_t n = cost_a->size();
  std::vector<double> extra_cost(n), avoided(n);
  for (std::size_t r = 0; r < n; ++r) {
    extra_cost[r] = (*cost_b)[r] - (*cost_a)[r];
    avoided[r] = (*churn_a)[r] - (*churn_b)[r];
  }
  Difference d;
  d.scope = metric::kEconomics;
  d.name = kCostPerChurnedAvoided;
  const double avoided_mean = mean_of(avoided);
  if (!(avoided_mean > 0.0)) {
    d.applicable = false;
    return d;
  }
  const double ratio = mean_of(extra_cost) / avoided_mean;
  d.mean_b = ratio;
  d.difference = ratio;
  if (n >= 2) {
    // Delta method for a ratio of means, as for the loyal customers per executive hour.
    std::vector<double> residual(n);
    for (std::size_t r = 0; r < n; ++r) residual[r] = extra_cost[r] - ratio * avoided[r];
    const double se = std::sqrt(variance_of(residual) / static_cast<double>(n)) / avoided_mean;
    d.half_width = t_quantile(static_cast<double>(n - 1)) * se;
    d.significant = std::abs(ratio) > d.half_width;
  }
  return d;
}

}  // namespace

std::vector<Difference> paired_differences(const ExperimentResult& a, const ExperimentResult& b) {
  if (a.runs.size() != b.runs.size()) {
    throw Error("paired comparison needs the same number of replications on both sides");
  }
  std::vector<Difference> out =
      differences(a, b, [](const std::vector<double>& x, const std::vector<double>& y) {
        std::vector<double> diff;
        for (std::size_t i = 0; i < x.size(); ++i) diff.push_back(y[i] - x[i]);
        Estimate e = estimate(diff);
        return e.half_width;
      });
  if (auto d = loyal_gained_per_executive_hour(a, b)) out.push_back(std::move(*d));
  if (auto d = cost_per_churned_avoided(a, b)) out.push_back(std::move(*d));
  return out;
}

std::vector<Difference> unpaired_differences(const ExperimentResult& a, const ExperimentResult& b) {
  return differences(a, b, [](const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() < 2 || y.size() < 2) return 0.0;
    double va = variance_of(x) / x.size();
    double vb = variance_of(y) / y.size();
    double se2 = va + vb;
    if (se2 <= 0.0) return 0.0;
    // Welch-Satterthwaite degrees of freedom.
    double df = se2 * se2 / (va * va / (x.size() - 1) + vb * vb / (y.size() - 1));
    return t_quantile(df) * std::sqrt(se2);
  });
}

}  // namespace escalsim
