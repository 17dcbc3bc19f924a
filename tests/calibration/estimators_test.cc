// The estimators against their closed forms, on synthetic samples with known parameters.
#include "calibration/estimators.h"

#include <cmath>
#include <vector>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <doctest/doctest.h>

using namespace escalsim::detail;

namespace {

constexpr int kN = 20000;

// The 1% critical value of the Kolmogorov-Smirnov distance for n draws (a fit with its
// parameters estimated from the same data lies below it more often still).
double ks_critical(std::int64_t n) { return 1.63 / std::sqrt(static_cast<double>(n)); }

template <class Distribution>
std::vector<double> draw(Distribution dist, unsigned seed) {
  boost::random::mt19937 engine(seed);
  std::vector<double> xs;
  for (int i = 0; i < kN; ++i) xs.push_back(dist(engine));
  return xs;
}

DurationSample sample_of(const std::vector<double>& xs) {
  DurationSample s;
  for (double x : xs) s.add(x);
  return s;
}

}  // namespace

TEST_CASE("Estimators: the exponential MLE is the sample mean, within its standard error of the truth") {
  const std::vector<double> xs = draw(boost::random::exponential_distribution<double>(1.0 / 120.0), 7);
  double sum = 0;
  for (double x : xs) sum += x;
  const DurationFit fit = fit_exponential(sample_of(xs));
  CHECK(fit.mean_s == doctest::Approx(sum / kN).epsilon(1e-12));
  CHECK(fit.mean_se_s == doctest::Approx(fit.mean_s / std::sqrt(kN)).epsilon(1e-12));
  CHECK(std::abs(fit.mean_s - 120.0) < 3.0 * fit.mean_se_s);
  CHECK(fit.ks_distance < ks_critical(kN));
  SUBCASE("and the AIC chooses the exponential or a gamma of shape near 1, never the lognormal") {
    const std::vector<DurationFit> fits = fit_all(sample_of(xs));
    CHECK(fits.front().family != Family::kLognormal);
    CHECK(fit_gamma(sample_of(xs)).shape == doctest::Approx(1.0).epsilon(0.05));
  }
}

TEST_CASE("Estimators: the gamma MLE solves log k - digamma(k) = log(mean) - mean(log x) and recovers the shape") {
  const double shape = 2.5, scale = 60.0;
  const std::vector<double> xs = draw(boost::random::gamma_distribution<double>(shape, scale), 11);
  double sum = 0, sum_log = 0;
  for (double x : xs) {
    sum += x;
    sum_log += std::log(x);
  }
  const DurationFit fit = fit_gamma(sample_of(xs));
  const double s = std::log(sum / kN) - sum_log / kN;
  CHECK(std::log(fit.shape) - boost::math::digamma(fit.shape) == doctest::Approx(s).epsilon(1e-9));
  CHECK(fit.mean_s == doctest::Approx(sum / kN).epsilon(1e-12));
  CHECK(std::abs(fit.shape - shape) < 3.0 * fit.shape_se);
  CHECK(std::abs(fit.mean_s - shape * scale) < 3.0 * fit.mean_se_s);
  CHECK(fit.ks_distance < ks_critical(kN));
  CHECK(fit_all(sample_of(xs)).front().family == Family::kGamma);
}

TEST_CASE("Estimators: the lognormal MLE is the mean and the (1/n) sd of the logs") {
  const double mu = 4.5, sigma = 1.1;
  const std::vector<double> xs = draw(boost::random::lognormal_distribution<double>(mu, sigma), 13);
  double sum_log = 0;
  for (double x : xs) sum_log += std::log(x);
  const double m = sum_log / kN;
  double ss = 0;
  for (double x : xs) ss += (std::log(x) - m) * (std::log(x) - m);
  const DurationFit fit = fit_lognormal(sample_of(xs));
  CHECK(fit.mu == doctest::Approx(m).epsilon(1e-12));
  CHECK(fit.sigma == doctest::Approx(std::sqrt(ss / kN)).epsilon(1e-9));
  CHECK(std::abs(fit.mu - mu) < 3.0 * sigma / std::sqrt(kN));
  CHECK(fit.mean_s == doctest::Approx(std::exp(fit.mu + fit.sigma * fit.sigma / 2)).epsilon(1e-12));
  CHECK(std::abs(fit.mean_s - std::exp(mu + sigma * sigma / 2)) < 3.0 * fit.mean_se_s);
  CHECK(fit.ks_distance < ks_critical(kN));
  CHECK(fit_all(sample_of(xs)).front().family == Family::kLognormal);
}

TEST_CASE("Estimators: AIC is 2 parameters minus twice the log-likelihood summed by hand") {
  const std::vector<double> xs{30, 45, 45, 60, 200, 12};
  const DurationFit fit = fit_exponential(sample_of(xs));
  double ll = 0;
  const double mean = (30 + 45 + 45 + 60 + 200 + 12) / 6.0;
  for (double x : xs) ll += -std::log(mean) - x / mean;
  CHECK(fit.log_likelihood == doctest::Approx(ll).epsilon(1e-12));
  CHECK(fit.aic == doctest::Approx(2.0 - 2.0 * ll).epsilon(1e-12));
}

TEST_CASE("Estimators: censored patience gives abandonments / time waited, near the true mean") {
  // Patience exponential (mean 300 s); a caller is served after an offer time (exponential,
  // mean 200 s) unless the patience runs out first.
  boost::random::mt19937 engine(17);
  boost::random::exponential_distribution<double> patience(1.0 / 300.0), offer(1.0 / 200.0);
  CensoredSample sample;
  std::int64_t events = 0;
  double exposure = 0, abandoners_waited = 0;
  for (int i = 0; i < kN; ++i) {
    const double p = patience(engine), o = offer(engine);
    const double wait = std::min(p, o);
    sample.add(wait, p < o);
    events += p < o;
    exposure += wait;
    if (p < o) abandoners_waited += wait;
  }
  CHECK(sample.events() == events);
  CHECK(sample.exponential_mean_s() == doctest::Approx(exposure / events).epsilon(1e-12));
  CHECK(std::abs(sample.exponential_mean_s() - 300.0) < 3.0 * sample.exponential_mean_se_s());
  SUBCASE("and Kaplan-Meier follows the true survival exp(-t/300)") {
    for (double t : {60.0, 150.0, 300.0}) {
      CHECK(std::abs(sample.kaplan_meier(t) - std::exp(-t / 300.0)) < 0.02);
    }
    CHECK(std::abs(sample.kaplan_meier_median_s() - 300.0 * std::log(2.0)) < 20.0);
  }
  SUBCASE("while the naive mean of the abandoners' waits is far too short") {
    // The reason to use the censored estimator: the served callers' patience is unseen.
    // The abandoners' mean wait is 1 / (1/300 + 1/200) = 120 s.
    CHECK(abandoners_waited / static_cast<double>(events) == doctest::Approx(120.0).epsilon(0.05));
  }
}

TEST_CASE("Estimators: Kaplan-Meier on four waits by hand") {
  CensoredSample s;
  s.add(1, true);
  s.add(2, false);  // served after 2 s: still patient
  s.add(3, true);
  s.add(4, true);
  CHECK(s.kaplan_meier(0.5) == 1.0);
  CHECK(s.kaplan_meier(1) == doctest::Approx(0.75));
  CHECK(s.kaplan_meier(2.5) == doctest::Approx(0.75));
  CHECK(s.kaplan_meier(3) == doctest::Approx(0.375));   // 0.75 x (1 - 1/2)
  CHECK(s.kaplan_meier(4) == doctest::Approx(0.0));
  CHECK(s.kaplan_meier_median_s() == 3);
  CHECK(s.exponential_mean_s() == doctest::Approx(10.0 / 3.0));
}

TEST_CASE("Estimators: a fit's quantile inverts its cdf, and its density is the cdf's slope (the fit page's QQ plot and histogram)") {
  const DurationSample s = sample_of(draw(boost::random::gamma_distribution<double>(2.0, 60.0), 11));
  for (const DurationFit& f : fit_all(s)) {
    INFO(family_name(f.family));
    for (double p : {0.01, 0.25, 0.5, 0.9, 0.99}) CHECK(f.cdf(f.quantile(p)) == doctest::Approx(p).epsilon(1e-9));
    for (double x : {5.0, 60.0, 200.0, 600.0}) {
      const double slope = (f.cdf(x + 0.01) - f.cdf(x - 0.01)) / 0.02;
      CHECK(f.density(x) == doctest::Approx(slope).epsilon(1e-5));
    }
  }
  // The exponential's median in closed form: mean * ln 2.
  const DurationFit e = fit_exponential(s);
  CHECK(e.quantile(0.5) == doctest::Approx(e.mean_s * std::log(2.0)).epsilon(1e-12));
}
