// Arrival times and attributes of one demand stream.
//
// The rate is piecewise constant: the weekly pattern changes it on the hour, surges at
// their start and end. The next arrival is found by inverting the integrated rate: one
// Exp(1) draw is spent across pieces (memorylessness makes this exact), so no candidate
// is thrown away as with thinning against a peak rate.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "escalsim/scenario.h"
#include "engine/random_streams.h"

namespace escalsim {

// Attributes drawn for a new complaint.
struct ComplaintAttributes {
  std::uint8_t channel = 0;
  Severity severity = Severity::kMinor;
  std::uint8_t segment = 0;
  bool is_public = false;
};

class DemandProcess {
 public:
  // Which candidates: the stream's own, or the superposed stream of extra demand that
  // policies raising demand thin down to what they ask for. Each has its own random streams
  // and candidate count, so the extra candidates never shift the stream's own.
  enum Space { kBase, kExtra };

  // Candidates of `stream` (Scenario::demand[stream_index]) at its rate times `rate_factor`.
  DemandProcess(const DemandStream& stream, std::uint64_t run_seed, int stream_index,
                Space space = kBase, double rate_factor = 1.0);

  // The time of the next arrival strictly after `now_min`, or +infinity if none comes
  // before `until_min`.
  double next_arrival_min(double now_min, double until_min);

  // The rate in force at `t_min`, per minute.
  double rate_per_min_at(double t_min) const;

  // The next candidate's attributes: call once per candidate, kept or not.
  ComplaintAttributes draw_attributes();

  // The next candidate's index (0, 1, ...): call once per candidate, kept or not.
  std::uint64_t take_candidate() { return next_candidate_++; }

  int enters_desk() const { return enters_desk_; }
  int stream_index() const { return stream_index_; }
  bool extra() const { return extra_; }

 private:
  // The end of the constant-rate piece containing t.
  double piece_end_min(double t_min) const;

  double base_per_min_;
  std::array<double, 168> weight_;
  std::vector<Surge> surges_;
  std::vector<double> channel_cdf_;
  std::array<double, kSeverityCount> severity_cdf_{};
  std::vector<double> segment_cdf_;
  double public_share_;
  int enters_desk_;
  int stream_index_;
  bool extra_;
  std::uint64_t next_candidate_ = 0;
  // The constant-rate piece last used: [piece_from_min_, piece_end_min_) at this rate.
  double piece_from_min_ = std::numeric_limits<double>::infinity();
  double piece_end_min_ = -std::numeric_limits<double>::infinity();
  double piece_rate_per_min_ = 0.0;
  RandomStream times_;
  RandomStream attributes_;
  // Every attribute has one possible value (one channel, one segment, one severity, public
  // share 0 or 1): those values, drawn with no random number.
  bool attributes_certain_ = false;
  ComplaintAttributes certain_attributes_;
};

}  // namespace escalsim
