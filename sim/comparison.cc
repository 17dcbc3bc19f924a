// Paired and unpaired (Welch) intervals for the difference of two experiments.
#include "escalsim/comparison.h"

#include <cmath>
#include <map>
#include <utility>

#include <boost/math/distributions/students_t.hpp>

#include "escalsim/errors.h"

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

}  // namespace

std::vector<Difference> paired_differences(const ExperimentResult& a, const ExperimentResult& b) {
  if (a.runs.size() != b.runs.size()) {
    throw Error("paired comparison needs the same number of replications on both sides");
  }
  return differences(a, b, [](const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<double> diff;
    for (std::size_t i = 0; i < x.size(); ++i) diff.push_back(y[i] - x[i]);
    Estimate e = estimate(diff);
    return e.half_width;
  });
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
