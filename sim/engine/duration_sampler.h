// Draws durations (in minutes) from a scenario Distribution, parameters prepared once.
#pragma once

#include <vector>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "escalsim/scenario.h"
#include "engine/random_streams.h"
#include "engine/unit_exponential.h"

namespace escalsim {

class DurationSampler {
 public:
  DurationSampler() = default;
  // REQUIRES: `d` is valid (positive mean, sd >= 0, low <= high, values not empty).
  explicit DurationSampler(const Distribution& d);

  // One draw, in minutes (>= 0), from any Boost.Random-compatible generator.
  template <typename Generator>
  double sample_min(Generator& generator) const;
  double sample_min(RandomStream& stream) const { return sample_min(stream.engine()); }

 private:
  Distribution::Kind kind_ = Distribution::Kind::kFixed;
  double a_ = 0.0;  // exponential/fixed: mean; uniform: low; lognormal: mu; gamma: shape
  double b_ = 0.0;  // uniform: high; lognormal: sigma; gamma: scale
  std::vector<double> values_min_;
};

template <typename Generator>
double DurationSampler::sample_min(Generator& generator) const {
  switch (kind_) {
    case Distribution::Kind::kExponential:
      return a_ * unit_exponential(generator);
    case Distribution::Kind::kFixed:
      return a_;
    case Distribution::Kind::kUniform:
      return boost::random::uniform_real_distribution<double>(a_, b_)(generator);
    case Distribution::Kind::kLognormal:
      return boost::random::lognormal_distribution<double>(a_, b_)(generator);
    case Distribution::Kind::kGamma:
    case Distribution::Kind::kErlang:
      return boost::random::gamma_distribution<double>(a_, b_)(generator);
    case Distribution::Kind::kEmpirical: {
      boost::random::uniform_int_distribution<std::size_t> pick(0, values_min_.size() - 1);
      return values_min_[pick(generator)];
    }
  }
  return a_;
}

}  // namespace escalsim
