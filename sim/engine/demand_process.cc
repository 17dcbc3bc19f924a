// Inversion of the integrated piecewise-constant rate, and categorical attribute draws.
#include "engine/demand_process.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "escalsim/units.h"

namespace escalsim {
namespace {

constexpr double kHourMin = 60.0;

std::vector<double> cumulative(const std::vector<double>& shares) {
  std::vector<double> cdf;
  double sum = 0.0;
  for (double s : shares) cdf.push_back(sum += s);
  if (!cdf.empty()) cdf.back() = 1.0;  // guard against rounding: the last bucket catches all
  return cdf;
}

template <typename Cdf>
std::size_t pick(const Cdf& cdf, double u) {
  std::size_t i = 0;
  while (i + 1 < cdf.size() && u >= cdf[i]) ++i;
  return i;
}

}  // namespace

DemandProcess::DemandProcess(const DemandStream& stream, std::uint64_t run_seed, int stream_index,
                             Space space, double rate_factor)
    : base_per_min_(stream.rate.in_per_minute() * rate_factor),
      weight_(stream.pattern.weight),
      surges_(stream.surges),
      channel_cdf_(cumulative(stream.channel_share)),
      segment_cdf_(cumulative(stream.segment_share)),
      public_share_(stream.public_share),
      enters_desk_(stream.enters_desk),
      stream_index_(stream_index),
      extra_(space == kExtra),
      times_(run_seed, (extra_ ? "extra arrivals/" : "arrivals/") + std::to_string(stream_index)),
      attributes_(run_seed,
                  (extra_ ? "extra attributes/" : "attributes/") + std::to_string(stream_index)) {
  double sum = 0.0;
  for (int s = 0; s < kSeverityCount; ++s) severity_cdf_[s] = sum += stream.severity_share[s];
  severity_cdf_.back() = 1.0;
  // pick() is monotone in u, so an attribute is certain when the smallest and the largest
  // uniform pick the same value.
  constexpr double kLargestUniform = 1.0 - 0x1.0p-53;
  const auto certain = [&](const auto& cdf) {
    return pick(cdf, 0.0) == pick(cdf, kLargestUniform);
  };
  attributes_certain_ = certain(channel_cdf_) && certain(severity_cdf_) &&
                        certain(segment_cdf_) &&
                        (0.0 < public_share_) == (kLargestUniform < public_share_);
  if (attributes_certain_) {
    certain_attributes_.channel = static_cast<std::uint8_t>(pick(channel_cdf_, 0.0));
    certain_attributes_.severity = static_cast<Severity>(pick(severity_cdf_, 0.0));
    certain_attributes_.segment = static_cast<std::uint8_t>(pick(segment_cdf_, 0.0));
    certain_attributes_.is_public = 0.0 < public_share_;
  }
}

double DemandProcess::rate_per_min_at(double t_min) const {
  double rate = base_per_min_ * weight_[hour_of_week(t_min)];
  for (const Surge& s : surges_) {
    double start = s.start.in_minutes();
    if (t_min >= start && t_min < start + s.duration.in_minutes()) rate *= s.factor;
  }
  return rate;
}

double DemandProcess::piece_end_min(double t_min) const {
  double end = (std::floor(t_min / kHourMin) + 1.0) * kHourMin;
  for (const Surge& s : surges_) {
    double start = s.start.in_minutes();
    double stop = start + s.duration.in_minutes();
    if (start > t_min && start < end) end = start;
    if (stop > t_min && stop < end) end = stop;
  }
  return end;
}

double DemandProcess::next_arrival_min(double now_min, double until_min) {
  constexpr double kNever = std::numeric_limits<double>::infinity();
  if (base_per_min_ <= 0.0) return kNever;
  double work = times_.exponential();  // integrated rate to spend before the next arrival
  double t = now_min;
  while (t < until_min) {
    // Arrivals come many to an hour: the piece found for one serves those after it.
    if (!(t >= piece_from_min_ && t < piece_end_min_)) {
      piece_from_min_ = t;
      piece_end_min_ = piece_end_min(t);
      piece_rate_per_min_ = rate_per_min_at(t);
    }
    double end = std::min(piece_end_min_, until_min);
    double rate = piece_rate_per_min_;
    double span = end - t;
    if (rate > 0.0 && work < rate * span) return t + work / rate;
    work -= rate * span;
    t = end;
  }
  return kNever;
}

ComplaintAttributes DemandProcess::draw_attributes() {
  // Always the same number of draws per candidate, so the k-th candidate's attributes are
  // the same in every variant of a scenario (they are its candidate index's), also in
  // variants that differ only in shares. When every attribute is certain, the draws are
  // skipped: the stream serves nothing else, so no other number changes, and a variant
  // whose shares make them uncertain draws its own from the same stream as before.
  if (attributes_certain_) return certain_attributes_;
  ComplaintAttributes a;
  a.channel = static_cast<std::uint8_t>(pick(channel_cdf_, attributes_.uniform()));
  a.severity = static_cast<Severity>(pick(severity_cdf_, attributes_.uniform()));
  a.segment = static_cast<std::uint8_t>(pick(segment_cdf_, attributes_.uniform()));
  a.is_public = attributes_.uniform() < public_share_;
  return a;
}

}  // namespace escalsim
