// Fixed bins for the distributions of durations a report draws (waiting time, time to
// resolution): the same bins in every run, so counts from replications can be summed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace escalsim {

// Bin edges in minutes: 0, 1 and 5 min, 1/4, 1/2, 1, 2, 4 and 8 h, 1, 2 and 4 days, 1 and 2
// weeks.
inline constexpr std::array<double, 14> kDurationBinEdgesMin{
    0, 1, 5, 15, 30, 60, 120, 240, 480, 1440, 2880, 5760, 10080, 20160};

// One count per bin. Bin 0 holds durations of exactly zero (a visit that did not wait);
// bin i >= 1 holds [kDurationBinEdgesMin[i-1], kDurationBinEdgesMin[i]), so bin 1 is (0, 1)
// and bin 2 is [1, 5); the last bin, 14, is [20160, infinity).
inline constexpr std::size_t kDurationBinCount = kDurationBinEdgesMin.size() + 1;
using DurationBinCounts = std::array<std::int64_t, kDurationBinCount>;

// The bin of a duration in minutes; zero, negative and NaN durations go to bin 0.
// Counts the edges at or below `minutes` without branches: waits fall in any bin, so a
// search would mispredict on most of them, once per visit.
constexpr std::size_t duration_bin(double minutes) {
  if (!(minutes > 0.0)) return 0;
  std::size_t i = 1;
  for (std::size_t k = 1; k < kDurationBinEdgesMin.size(); ++k) {
    i += minutes >= kDurationBinEdgesMin[k] ? 1 : 0;
  }
  return i;
}

}  // namespace escalsim
