// Fixed bins for the distributions of durations a report draws (waiting time, time to
// resolution): the same bins in every run, so counts from replications can be summed.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>

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

namespace duration_bins_detail {

// The bin of `minutes` > 0 by counting the edges at or below it (13 comparisons).
constexpr std::size_t bin_by_counting(double minutes) {
  std::size_t i = 1;
  for (std::size_t k = 1; k < kDurationBinEdgesMin.size(); ++k) {
    i += minutes >= kDurationBinEdgesMin[k] ? 1 : 0;
  }
  return i;
}

// Every octave [2^e, 2^(e+1)) min from 1 min up holds at most one edge inside it, so a
// duration's binary exponent gives its bin but for one comparison. Octave e: the bin of
// 2^e and the edge inside the octave (infinity if none).
struct Octave {
  std::size_t bin_at_start;
  double edge_inside;
};
inline constexpr int kOctaves = 15;  // 2^15 min is beyond the last edge

constexpr std::array<Octave, kOctaves> make_octaves() {
  std::array<Octave, kOctaves> octaves{};
  double start = 1.0;
  for (Octave& o : octaves) {
    o.bin_at_start = bin_by_counting(start);
    o.edge_inside = std::numeric_limits<double>::infinity();
    int inside = 0;
    for (double edge : kDurationBinEdgesMin) {
      if (edge > start && edge < 2 * start) {
        o.edge_inside = edge;
        ++inside;
      }
    }
    if (inside > 1) throw "two edges in one octave: duration_bin needs another comparison";
    start *= 2;
  }
  return octaves;
}
inline constexpr std::array<Octave, kOctaves> kOctaveTable = make_octaves();
static_assert(kDurationBinEdgesMin[1] == 1.0 && kDurationBinEdgesMin.back() < 0x1p15,
              "the octaves start at the first edge and pass the last");

}  // namespace duration_bins_detail

// The bin of a duration in minutes; zero, negative and NaN durations go to bin 0.
// From the exponent of the double and one comparison, without a search: this runs once per
// visit and once per resolution, and waits fall in any bin.
constexpr std::size_t duration_bin(double minutes) {
  using namespace duration_bins_detail;
  if (!(minutes > 0.0)) return 0;
  if (minutes < 1.0) return 1;
  const int octave = static_cast<int>((std::bit_cast<std::uint64_t>(minutes) >> 52) & 0x7ff) - 1023;
  if (octave >= kOctaves) return kDurationBinCount - 1;
  const Octave& o = kOctaveTable[static_cast<std::size_t>(octave)];
  return o.bin_at_start + (minutes >= o.edge_inside ? 1 : 0);
}

}  // namespace escalsim
