// Streaming summary of durations: count, mean and quantiles in constant memory.
//
// Bins are log-spaced by the bits of the double: 128 per doubling from 2^-7 min (about half
// a second) to 2^23 min (about 16 years), so a quantile is within 0.4% of the truth inside
// that range. Zero is a bin of its own (most complaints never wait at a quiet desk).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

#include "escalsim/results.h"

namespace escalsim {

class DurationHistogram {
 public:
  // Records one duration in minutes (negative values count as zero). Inline: a run adds
  // about three durations a complaint.
  void add(double minutes) {
    ++count_;
    if (!(minutes > 0.0)) {
      ++zeros_;
      return;
    }
    sum_min_ += minutes;
    max_min_ = std::max(max_min_, minutes);
    ++bins_[bin_of(minutes)];
  }

  std::int64_t count() const { return count_; }
  double mean_min() const { return count_ ? sum_min_ / count_ : 0.0; }
  // The q-quantile (0 <= q <= 1) in minutes, interpolated inside its bin; 0 when empty.
  double quantile_min(double q) const;

  DurationSummary summary() const;
  void clear() { *this = DurationHistogram(); }

 private:
  static constexpr int kSubBins = 128;
  static constexpr int kMinExponent = -7;
  static constexpr int kMaxExponent = 23;
  static constexpr int kBins = (kMaxExponent - kMinExponent) * kSubBins;

  static int bin_of(double minutes) {
    const auto bits = std::bit_cast<std::uint64_t>(minutes);
    const int exponent = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
    if (exponent < kMinExponent) return 0;
    if (exponent >= kMaxExponent) return kBins - 1;
    const int sub = static_cast<int>((bits >> (52 - 7)) & (kSubBins - 1));
    return (exponent - kMinExponent) * kSubBins + sub;
  }
  static double lower_edge(int bin);

  std::int64_t count_ = 0;
  std::int64_t zeros_ = 0;
  double sum_min_ = 0.0;
  double max_min_ = 0.0;
  std::array<std::int64_t, kBins> bins_{};
};

}  // namespace escalsim
