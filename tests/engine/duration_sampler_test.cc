// Tests of DurationSampler: for every kind, draws have the moments the Distribution states.
#include "engine/duration_sampler.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <doctest/doctest.h>

#include "escalsim/scenario.h"
#include "engine/random_streams.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::erlang;
using testing::exponential;
using testing::fixed;
using testing::gamma;
using testing::lognormal;
using testing::uniform;

Distribution empirical(std::vector<double> minutes) {
  Distribution d;
  d.kind = Distribution::Kind::kEmpirical;
  for (double m : minutes) d.values.push_back(Duration::minutes(m));
  return d;
}

struct Moments {
  double mean = 0.0;
  double variance = 0.0;
  double low = 0.0;
  double high = 0.0;
};

Moments sample(const Distribution& d, int n, const std::string& stream_name) {
  DurationSampler sampler(d);
  RandomStream stream(31337, stream_name);
  double sum = 0.0, sum_sq = 0.0;
  Moments m;
  m.low = INFINITY;
  m.high = -INFINITY;
  for (int i = 0; i < n; ++i) {
    double x = sampler.sample_min(stream);
    sum += x;
    sum_sq += x * x;
    m.low = std::min(m.low, x);
    m.high = std::max(m.high, x);
  }
  m.mean = sum / n;
  m.variance = (sum_sq - n * m.mean * m.mean) / (n - 1);
  return m;
}

// The sample mean is within 5 standard errors of expected(), the sample variance within
// `variance_tolerance` (relative) of squared_cv * mean^2, and no draw is negative. The
// default 5% is over 5 standard errors of the sample variance for kurtosis up to ~20.
void check_moments(const Distribution& d, const std::string& label,
                   double variance_tolerance = 0.05) {
  constexpr int kDraws = 200000;
  CAPTURE(label);
  Moments m = sample(d, kDraws, label);
  double mean = d.expected().in_minutes();
  double variance = d.squared_cv() * mean * mean;
  double se = std::sqrt(variance / kDraws);
  CHECK(std::abs(m.mean - mean) < 5.0 * se);
  CHECK(m.variance == doctest::Approx(variance).epsilon(variance_tolerance));
  CHECK(m.low >= 0.0);
}

}  // namespace

TEST_CASE("DurationSampler: every kind draws with the mean and variance its Distribution states") {
  SUBCASE("exponential with mean 12 minutes") {
    check_moments(exponential(Duration::minutes(12)), "exponential");
  }
  SUBCASE("uniform from 5 to 25 minutes") {
    check_moments(uniform(Duration::minutes(5), Duration::minutes(25)), "uniform");
  }
  SUBCASE("lognormal with mean 30 and sd 15 minutes") {
    check_moments(lognormal(Duration::minutes(30), Duration::minutes(15)), "lognormal");
  }
  SUBCASE("lognormal with mean and sd 2 hours (heavy tail)") {
    // Kurtosis ~41 here: the sample variance's relative standard error is ~1.4%.
    check_moments(lognormal(Duration::hours(2), Duration::hours(2)), "lognormal-wide", 0.08);
  }
  SUBCASE("gamma with shape 2.5 and mean 40 minutes") {
    check_moments(gamma(2.5, Duration::minutes(40)), "gamma");
  }
  SUBCASE("gamma with shape 0.5 (more spread than exponential)") {
    check_moments(gamma(0.5, Duration::minutes(10)), "gamma-wide");
  }
  SUBCASE("erlang with 3 phases and mean 9 minutes") {
    check_moments(erlang(3, Duration::minutes(9)), "erlang");
  }
  SUBCASE("empirical over 5, 10, 20 and 45 minutes") {
    check_moments(empirical({5, 10, 20, 45}), "empirical");
  }
}

TEST_CASE("DurationSampler: a fixed distribution always gives exactly its value") {
  DurationSampler sampler(fixed(Duration::minutes(17.25)));
  RandomStream stream(1, "fixed");
  for (int i = 0; i < 1000; ++i) CHECK(sampler.sample_min(stream) == 17.25);
}

TEST_CASE("DurationSampler: a uniform distribution stays inside [low, high] and fills it") {
  Moments m = sample(uniform(Duration::minutes(5), Duration::minutes(25)), 200000, "bounds");
  CHECK(m.low >= 5.0);
  CHECK(m.high <= 25.0);
  // With 2e5 draws the extremes come within 0.01 minutes of the ends (miss chance e^-100).
  CHECK(m.low < 5.01);
  CHECK(m.high > 24.99);
}

TEST_CASE("DurationSampler: an empirical distribution returns only its listed values, each "
          "about equally often") {
  const std::vector<double> listed{3.0, 8.5, 15.0, 60.0, 240.0};
  DurationSampler sampler(empirical(listed));
  RandomStream stream(5, "empirical");
  constexpr int kDraws = 100000;
  std::map<double, int> counts;
  for (int i = 0; i < kDraws; ++i) ++counts[sampler.sample_min(stream)];

  CHECK(counts.size() == listed.size());
  for (double v : listed) {
    CAPTURE(v);
    double p = 1.0 / listed.size();
    double se = std::sqrt(p * (1.0 - p) * kDraws);
    CHECK(std::abs(counts[v] - p * kDraws) < 5.0 * se);
  }

  SUBCASE("a repeated value is drawn in proportion to how often it is listed") {
    DurationSampler twice(empirical({1.0, 1.0, 2.0}));
    int ones = 0;
    for (int i = 0; i < kDraws; ++i) ones += twice.sample_min(stream) == 1.0 ? 1 : 0;
    double se = std::sqrt(2.0 / 3.0 / 3.0 * kDraws);
    CHECK(std::abs(ones - 2.0 / 3.0 * kDraws) < 5.0 * se);
  }
  SUBCASE("a single value is always that value") {
    DurationSampler only(empirical({42.0}));
    for (int i = 0; i < 100; ++i) CHECK(only.sample_min(stream) == 42.0);
  }
}

TEST_CASE("DurationSampler: the same stream state gives the same draws") {
  DurationSampler sampler(lognormal(Duration::minutes(30), Duration::minutes(15)));
  RandomStream a(8, "repeat");
  RandomStream b(8, "repeat");
  for (int i = 0; i < 100; ++i) CHECK(sampler.sample_min(a) == sampler.sample_min(b));
}

}  // namespace escalsim
