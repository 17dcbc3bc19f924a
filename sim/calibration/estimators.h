// Maximum-likelihood fits of durations (exponential, gamma, lognormal), the empirical
// distribution, and patience from censored waits. Samples are kept as counts per distinct
// value (logs record whole seconds), so memory grows with the distinct values, not the rows.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace escalsim::detail {

// Positive durations in seconds, as counts per value.
class DurationSample {
 public:
  void add(double seconds, std::int64_t count = 1);
  std::int64_t size() const { return n_; }
  double mean() const { return n_ > 0 ? sum_ / static_cast<double>(n_) : 0.0; }
  double mean_log() const { return n_ > 0 ? sum_log_ / static_cast<double>(n_) : 0.0; }
  const std::map<double, std::int64_t>& counts() const { return counts_; }
  // The value below which a share p of the sample lies (0 <= p <= 1).
  double quantile(double p) const;

 private:
  std::map<double, std::int64_t> counts_;
  std::int64_t n_ = 0;
  double sum_ = 0.0;
  double sum_log_ = 0.0;
};

enum class Family { kExponential, kGamma, kLognormal };
std::string family_name(Family family);

// A fitted distribution: parameters, their standard errors, the log-likelihood, Akaike's
// criterion (AIC = 2 parameters - 2 log-likelihood: the smaller, the better) and the
// Kolmogorov-Smirnov distance between the fitted and the sample's distribution function.
struct DurationFit {
  Family family = Family::kExponential;
  double mean_s = 0.0;      // every family
  double mean_se_s = 0.0;   // standard error of the mean (exponential: mean / sqrt(n))
  double shape = 0.0;       // gamma: k (scale = mean / k)
  double shape_se = 0.0;
  double mu = 0.0;          // lognormal: mean and sd of log(seconds)
  double sigma = 0.0;
  double sd_s = 0.0;        // sd of the fitted distribution, in seconds
  double log_likelihood = 0.0;
  double aic = 0.0;
  double ks_distance = 0.0;
  double cdf(double seconds) const;
  // The fitted density (per second) at `seconds`, and the value below which a share p
  // (0 < p < 1) of the fitted distribution lies: the fit report's histogram and QQ plot.
  double density(double seconds) const;
  double quantile(double p) const;
};

// REQUIRES: sample.size() >= 2 and every value > 0.
DurationFit fit_exponential(const DurationSample& sample);
DurationFit fit_gamma(const DurationSample& sample);   // Newton on log k - digamma(k) = s
DurationFit fit_lognormal(const DurationSample& sample);
// The three fits, best (smallest AIC) first.
std::vector<DurationFit> fit_all(const DurationSample& sample);

// Waits in a queue: an abandonment ends a patience (an event); a service ends the wait
// with the patience still running (censored: the patience was longer than the wait).
class CensoredSample {
 public:
  void add(double wait_s, bool abandoned);
  std::int64_t events() const { return events_; }
  std::int64_t size() const { return n_; }
  double exposure_s() const { return exposure_; }
  double longest_wait_s() const { return counts_.empty() ? 0.0 : counts_.rbegin()->first; }
  // Exponential MLE with censoring: rate = abandonments / total time waited.
  double exponential_mean_s() const;
  double exponential_mean_se_s() const;  // mean / sqrt(abandonments)
  // Kaplan-Meier survival S(t): the share whose patience exceeds t seconds.
  double kaplan_meier(double t_s) const;
  // The smallest t with S(t) <= 0.5, or -1 when S stays above 0.5 over the data.
  double kaplan_meier_median_s() const;

 private:
  struct Counts {
    std::int64_t events = 0;
    std::int64_t censored = 0;
  };
  std::map<double, Counts> counts_;
  std::int64_t n_ = 0;
  std::int64_t events_ = 0;
  double exposure_ = 0.0;
};

}  // namespace escalsim::detail
