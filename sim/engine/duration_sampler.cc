// Parameter conversion for each distribution kind: the YAML speaks in means and sds,
// Boost.Random in shapes and scales.
#include "engine/duration_sampler.h"

#include <cmath>


namespace escalsim {

DurationSampler::DurationSampler(const Distribution& d) : kind_(d.kind) {
  double mean = d.mean.in_minutes();
  switch (d.kind) {
    case Distribution::Kind::kExponential:
    case Distribution::Kind::kFixed:
      a_ = mean;
      break;
    case Distribution::Kind::kUniform:
      a_ = d.low.in_minutes();
      b_ = d.high.in_minutes();
      break;
    case Distribution::Kind::kLognormal: {
      // Mean M and sd S of the lognormal give the underlying normal's parameters.
      double cv2 = std::pow(d.sd.in_minutes() / mean, 2);
      b_ = std::sqrt(std::log1p(cv2));
      a_ = std::log(mean) - b_ * b_ / 2.0;
      break;
    }
    case Distribution::Kind::kGamma:
    case Distribution::Kind::kErlang:
      a_ = d.shape;
      b_ = mean / d.shape;
      break;
    case Distribution::Kind::kEmpirical:
      for (Duration v : d.values) values_min_.push_back(v.in_minutes());
      break;
  }
}

}  // namespace escalsim
