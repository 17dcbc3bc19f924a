// Quantiles from the bins: the bin index comes straight from the exponent and top mantissa
// bits (no log() per sample), in the header.
#include "recorders/duration_histogram.h"

#include <algorithm>
#include <cmath>

namespace escalsim {

double DurationHistogram::lower_edge(int bin) {
  int exponent = bin / kSubBins + kMinExponent;
  int sub = bin % kSubBins;
  return std::ldexp(1.0 + static_cast<double>(sub) / kSubBins, exponent);
}

double DurationHistogram::quantile_min(double q) const {
  if (count_ == 0) return 0.0;
  // The rank of the wanted observation, 1-based, as in the nearest-rank definition;
  // interpolation inside the bin places the ranks evenly across it.
  double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(count_);
  if (zeros_ > 0 && rank <= static_cast<double>(zeros_)) return 0.0;
  double seen = static_cast<double>(zeros_);
  for (int b = 0; b < kBins; ++b) {
    if (bins_[b] == 0) continue;
    double next = seen + static_cast<double>(bins_[b]);
    if (rank <= next) {
      double low = lower_edge(b);
      double high = b + 1 < kBins ? lower_edge(b + 1) : low * 2.0;
      double within = (rank - seen) / static_cast<double>(bins_[b]);
      return std::min(low + (high - low) * within, max_min_);
    }
    seen = next;
  }
  return max_min_;
}

DurationSummary DurationHistogram::summary() const {
  DurationSummary s;
  s.count = count_;
  s.mean = Duration::minutes(mean_min());
  s.p50 = Duration::minutes(quantile_min(0.50));
  s.p90 = Duration::minutes(quantile_min(0.90));
  s.p99 = Duration::minutes(quantile_min(0.99));
  return s;
}

}  // namespace escalsim
