// Draws durations (in minutes) from a scenario Distribution, parameters prepared once.
#pragma once

#include <vector>

#include "escalsim/scenario.h"
#include "random_streams.h"

namespace escalsim {

class DurationSampler {
 public:
  DurationSampler() = default;
  // REQUIRES: `d` is valid (positive mean, sd >= 0, low <= high, values not empty).
  explicit DurationSampler(const Distribution& d);

  // One draw, in minutes (>= 0).
  double sample_min(RandomStream& stream) const;

 private:
  Distribution::Kind kind_ = Distribution::Kind::kFixed;
  double a_ = 0.0;  // exponential/fixed: mean; uniform: low; lognormal: mu; gamma: shape
  double b_ = 0.0;  // uniform: high; lognormal: sigma; gamma: scale
  std::vector<double> values_min_;
};

}  // namespace escalsim
