// The estimators: closed-form MLEs where they exist (exponential, lognormal, censored
// exponential), Newton's method for the gamma shape, and Boost.Math for the special
// functions and the fitted distribution functions.
#include "calibration/estimators.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace escalsim::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The largest gap between the fitted cdf and the sample's step function, on both sides of
// each step.
double ks_distance(const DurationSample& sample, const DurationFit& fit) {
  double below = 0.0;
  double d = 0.0;
  const double n = static_cast<double>(sample.size());
  for (const auto& [value, count] : sample.counts()) {
    const double f = fit.cdf(value);
    const double above = below + static_cast<double>(count) / n;
    d = std::max({d, std::abs(f - below), std::abs(f - above)});
    below = above;
  }
  return d;
}

double sum_sq_log_dev(const DurationSample& sample, double mu) {
  double s = 0.0;
  for (const auto& [value, count] : sample.counts()) {
    const double e = std::log(value) - mu;
    s += static_cast<double>(count) * e * e;
  }
  return s;
}

DurationFit finish(DurationFit fit, const DurationSample& sample, int parameters) {
  fit.aic = 2.0 * parameters - 2.0 * fit.log_likelihood;
  fit.ks_distance = ks_distance(sample, fit);
  return fit;
}

}  // namespace

void DurationSample::add(double seconds, std::int64_t count) {
  counts_[seconds] += count;
  n_ += count;
  sum_ += seconds * static_cast<double>(count);
  sum_log_ += std::log(seconds) * static_cast<double>(count);
}

double DurationSample::quantile(double p) const {
  const double target = p * static_cast<double>(n_);
  double seen = 0.0;
  for (const auto& [value, count] : counts_) {
    seen += static_cast<double>(count);
    if (seen >= target) return value;
  }
  return counts_.empty() ? 0.0 : counts_.rbegin()->first;
}

std::string family_name(Family family) {
  switch (family) {
    case Family::kExponential: return "exponential";
    case Family::kGamma: return "gamma";
    case Family::kLognormal: return "lognormal";
  }
  return "?";
}

double DurationFit::cdf(double seconds) const {
  if (seconds <= 0) return 0.0;
  switch (family) {
    case Family::kExponential: return 1.0 - std::exp(-seconds / mean_s);
    case Family::kGamma:
      return boost::math::cdf(boost::math::gamma_distribution<double>(shape, mean_s / shape),
                              seconds);
    case Family::kLognormal:
      return boost::math::cdf(boost::math::lognormal_distribution<double>(mu, sigma), seconds);
  }
  return 0.0;
}

double DurationFit::density(double seconds) const {
  if (seconds <= 0) return 0.0;
  switch (family) {
    case Family::kExponential: return std::exp(-seconds / mean_s) / mean_s;
    case Family::kGamma:
      return boost::math::pdf(boost::math::gamma_distribution<double>(shape, mean_s / shape),
                              seconds);
    case Family::kLognormal:
      return boost::math::pdf(boost::math::lognormal_distribution<double>(mu, sigma), seconds);
  }
  return 0.0;
}

double DurationFit::quantile(double p) const {
  switch (family) {
    case Family::kExponential: return -mean_s * std::log1p(-p);
    case Family::kGamma:
      return boost::math::quantile(
          boost::math::gamma_distribution<double>(shape, mean_s / shape), p);
    case Family::kLognormal:
      return boost::math::quantile(boost::math::lognormal_distribution<double>(mu, sigma), p);
  }
  return 0.0;
}

DurationFit fit_exponential(const DurationSample& sample) {
  DurationFit fit;
  fit.family = Family::kExponential;
  const double n = static_cast<double>(sample.size());
  fit.mean_s = sample.mean();
  fit.mean_se_s = fit.mean_s / std::sqrt(n);
  fit.sd_s = fit.mean_s;
  fit.log_likelihood = -n * std::log(fit.mean_s) - n;
  return finish(fit, sample, 1);
}

DurationFit fit_gamma(const DurationSample& sample) {
  DurationFit fit;
  fit.family = Family::kGamma;
  const double n = static_cast<double>(sample.size());
  const double mean = sample.mean();
  // The shape solves log k - digamma(k) = s, s = log(mean) - mean(log x) > 0 (Jensen).
  const double s = std::max(std::log(mean) - sample.mean_log(), 1e-12);
  double k = (3.0 - s + std::sqrt((s - 3.0) * (s - 3.0) + 24.0 * s)) / (12.0 * s);
  for (int i = 0; i < 100; ++i) {
    const double g = std::log(k) - boost::math::digamma(k) - s;
    const double dg = 1.0 / k - boost::math::trigamma(k);
    const double next = std::max(k - g / dg, k / 10.0);
    if (std::abs(next - k) < 1e-12 * k) {
      k = next;
      break;
    }
    k = next;
  }
  const double theta = mean / k;
  fit.mean_s = mean;
  fit.shape = k;
  fit.sd_s = mean / std::sqrt(k);
  // Fisher information of (k, mean): the two are orthogonal; var(mean) = mean^2 / (n k),
  // var(k) = 1 / (n (trigamma(k) - 1/k)).
  fit.mean_se_s = mean / std::sqrt(n * k);
  fit.shape_se = 1.0 / std::sqrt(n * (boost::math::trigamma(k) - 1.0 / k));
  fit.log_likelihood = (k - 1.0) * n * sample.mean_log() - n * mean / theta -
                       n * k * std::log(theta) - n * std::lgamma(k);
  return finish(fit, sample, 2);
}

DurationFit fit_lognormal(const DurationSample& sample) {
  DurationFit fit;
  fit.family = Family::kLognormal;
  const double n = static_cast<double>(sample.size());
  fit.mu = sample.mean_log();
  fit.sigma = std::sqrt(sum_sq_log_dev(sample, fit.mu) / n);
  fit.mean_s = std::exp(fit.mu + fit.sigma * fit.sigma / 2.0);
  fit.sd_s = fit.mean_s * std::sqrt(std::expm1(fit.sigma * fit.sigma));
  // Delta method on mean = exp(mu + sigma^2/2): var(mu) = sigma^2/n, var(sigma^2) = 2 sigma^4/n.
  const double s2 = fit.sigma * fit.sigma;
  fit.mean_se_s = fit.mean_s * std::sqrt(s2 / n + s2 * s2 / (2.0 * n));
  fit.log_likelihood = -n * sample.mean_log() - n * std::log(fit.sigma) -
                       n / 2.0 * std::log(2.0 * kPi) - n / 2.0;
  return finish(fit, sample, 2);
}

std::vector<DurationFit> fit_all(const DurationSample& sample) {
  std::vector<DurationFit> fits{fit_exponential(sample), fit_gamma(sample),
                                fit_lognormal(sample)};
  std::stable_sort(fits.begin(), fits.end(),
                   [](const DurationFit& a, const DurationFit& b) { return a.aic < b.aic; });
  return fits;
}

void CensoredSample::add(double wait_s, bool abandoned) {
  Counts& c = counts_[wait_s];
  (abandoned ? c.events : c.censored) += 1;
  ++n_;
  if (abandoned) ++events_;
  exposure_ += wait_s;
}

double CensoredSample::exponential_mean_s() const {
  return events_ > 0 ? exposure_ / static_cast<double>(events_) : INFINITY;
}

double CensoredSample::exponential_mean_se_s() const {
  return events_ > 0 ? exponential_mean_s() / std::sqrt(static_cast<double>(events_)) : INFINITY;
}

double CensoredSample::kaplan_meier(double t_s) const {
  // At each time, events before censorings: a call served at the very second another
  // abandons was still at risk.
  double at_risk = static_cast<double>(n_);
  double survival = 1.0;
  for (const auto& [time, c] : counts_) {
    if (time > t_s) break;
    if (c.events > 0 && at_risk > 0) survival *= 1.0 - static_cast<double>(c.events) / at_risk;
    at_risk -= static_cast<double>(c.events + c.censored);
  }
  return survival;
}

double CensoredSample::kaplan_meier_median_s() const {
  double at_risk = static_cast<double>(n_);
  double survival = 1.0;
  for (const auto& [time, c] : counts_) {
    if (c.events > 0 && at_risk > 0) survival *= 1.0 - static_cast<double>(c.events) / at_risk;
    if (survival <= 0.5) return time;
    at_risk -= static_cast<double>(c.events + c.censored);
  }
  return -1.0;
}

}  // namespace escalsim::detail
