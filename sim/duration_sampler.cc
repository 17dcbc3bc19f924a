// Parameter conversion for each distribution kind: the YAML speaks in means and sds,
// Boost.Random in shapes and scales.
#include "duration_sampler.h"

#include <cmath>

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

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

double DurationSampler::sample_min(RandomStream& stream) const {
  auto& engine = stream.engine();
  switch (kind_) {
    case Distribution::Kind::kExponential:
      return a_ * stream.exponential();
    case Distribution::Kind::kFixed:
      return a_;
    case Distribution::Kind::kUniform:
      return boost::random::uniform_real_distribution<double>(a_, b_)(engine);
    case Distribution::Kind::kLognormal:
      return boost::random::lognormal_distribution<double>(a_, b_)(engine);
    case Distribution::Kind::kGamma:
    case Distribution::Kind::kErlang:
      return boost::random::gamma_distribution<double>(a_, b_)(engine);
    case Distribution::Kind::kEmpirical: {
      boost::random::uniform_int_distribution<std::size_t> pick(0, values_min_.size() - 1);
      return values_min_[pick(engine)];
    }
  }
  return a_;
}

}  // namespace escalsim
