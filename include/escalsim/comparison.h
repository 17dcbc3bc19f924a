// Differences between two experiments run on common random numbers.
#pragma once

#include <string>
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
};

// Paired by replication: replication r of both experiments saw the same complaints (same
// seed, draws keyed per complaint), so the spread of b - a is that of the policy effect
// alone. Metrics present in only one experiment are skipped.
// REQUIRES: both have the same number of runs.
std::vector<Difference> paired_differences(const ExperimentResult& a, const ExperimentResult& b);

// Unpaired (Welch): as if the two had independent random numbers. For comparison only.
std::vector<Difference> unpaired_differences(const ExperimentResult& a, const ExperimentResult& b);

}  // namespace escalsim
