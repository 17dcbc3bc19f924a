// Differences between two experiments run on common random numbers.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "escalsim/experiment.h"

namespace escalsim {

// b - a for one metric, with the half-width of its 95% interval.
struct Difference {
  std::string scope;
  std::string name;
  double mean_a = 0.0;
  double mean_b = 0.0;
  double difference = 0.0;  // mean of b - a
  double half_width = 0.0;
  bool significant = false;  // the interval excludes 0
  bool applicable = true;    // false: a derived figure that does not apply (see below)
};

// Paired by replication: replication r of both experiments saw the same complaints (same
// seed, draws keyed per complaint), so the spread of b - a is that of the policy effect
// alone. Metrics present in only one experiment are skipped.
//
// One derived figure follows them: satisfaction per executive hour, the marginal effect
// of b's executive time (scope "economics", kLoyalGainedPerExecutiveHour): loyal customers
// gained against a (complaints x loyalty_mean) per extra executive hour
// (economics executive_hours), the ratio of the paired mean differences, with the
// delta-method interval of that ratio (Student t, n - 1 degrees of freedom). mean_a is 0
// and mean_b the ratio. Present only when b uses significantly more executive hours than a
// (the paired interval of the extra hours excludes 0 and they are positive): without
// extra hours there is no "per extra hour".
// REQUIRES: both have the same number of runs.
std::vector<Difference> paired_differences(const ExperimentResult& a, const ExperimentResult& b);
inline constexpr const char* kLoyalGainedPerExecutiveHour = "loyal_gained_per_executive_hour";
// A second derived figure (scope "economics"), always present when both sides have the
// per-year figures: the cost per churned customer avoided, b's extra cost per year
// (economics cost_per_year, b - a) over the churned customers per year it avoids (customers
// churn_expected_per_year, a - b), the ratio of the paired mean differences with its
// delta-method interval as above; mean_a is 0, mean_b the ratio. When b does not churn
// fewer customers (the mean difference is not below 0) it does not apply: `applicable` is
// false and the writers say "not applicable".
inline constexpr const char* kCostPerChurnedAvoided = "cost_per_churned_customer_avoided";

// Unpaired (Welch): as if the two had independent random numbers. For comparison only.
std::vector<Difference> unpaired_differences(const ExperimentResult& a, const ExperimentResult& b);

// One policy variant of a comparison (`escalsim compare`).
struct ComparedVariant {
  std::string name;  // unique within the comparison; a column of the table
  // The settings that made this variant from the first file (`--variant NAME:K=V;...`);
  // empty for a variant that is a file of its own.
  std::vector<std::string> variant_overrides;
  ExperimentResult result;
  // paired_differences(baseline, this): this variant minus the first. Empty for the first.
  std::vector<Difference> against_baseline;
};

// Several variants run on common random numbers: the same seed and number of replications,
// so replication r of every variant saw the same complaints. variants[0] is the baseline.
struct Comparison {
  std::vector<ComparedVariant> variants;
};

// A comparison of `results` (REQUIRES: as many as `names`, at least one, every one with the
// same number of runs), each paired with the first. Throws Error when the run counts differ.
inline Comparison make_comparison(std::vector<std::string> names,
                                  std::vector<ExperimentResult> results) {
  Comparison comparison;
  for (std::size_t i = 0; i < results.size(); ++i) {
    ComparedVariant variant;
    variant.name = std::move(names[i]);
    variant.result = std::move(results[i]);
    if (i > 0) {
      variant.against_baseline =
          paired_differences(comparison.variants.front().result, variant.result);
    }
    comparison.variants.push_back(std::move(variant));
  }
  return comparison;
}

}  // namespace escalsim
