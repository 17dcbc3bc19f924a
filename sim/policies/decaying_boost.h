// A boost that jumps up and fades with a half-life, exact in continuous time, and the
// exact integral of its capped value (for the time averages policies report).
//
// The value shown is min(cap, floor + boost(t)), where boost(t) = boost(t0) * 2^-((t-t0)/h).
// Used by the open inbox (the share that bypasses), public replies (visibility) and
// solicit feedback (the reduction of demand).
#pragma once

#include <algorithm>
#include <cmath>

#include "escalsim/units.h"

namespace escalsim {

class DecayingBoost {
 public:
  // REQUIRES: half_life > 0, cap >= 0.
  DecayingBoost(Duration half_life, double floor, double cap)
      : rate_per_min_(std::log(2.0) / half_life.in_minutes()), floor_(floor), cap_(cap) {}

  // Moves the clock to `t_min`, decaying the boost and adding the integral of the shown
  // value over the step. Times before the current one are ignored.
  void advance_to(double t_min) {
    if (t_min <= now_min_) return;
    const double span = t_min - now_min_;
    integral_ += capped_integral(boost_, span);
    boost_ *= std::exp(-rate_per_min_ * span);
    now_min_ = t_min;
  }

  // Adds `amount` to the boost at the current time.
  void add(double amount) { boost_ += amount; }

  double now_min() const { return now_min_; }
  double boost() const { return boost_; }
  // min(cap, floor + boost) at the current time.
  double shown() const { return std::min(cap_, floor_ + boost_); }

  // The integral of the shown value (value x minutes) since the last call; resets it.
  double take_integral() {
    double out = integral_;
    integral_ = 0.0;
    return out;
  }

 private:
  // Integral over [0, span] of min(cap, floor + b e^{-r u}).
  double capped_integral(double b, double span) const {
    const double r = rate_per_min_;
    const double headroom = cap_ - floor_;
    if (headroom <= 0.0) return cap_ * span;
    // The time at which floor + b e^{-r u} falls to the cap (0 if it starts below).
    double capped_for = b > headroom ? std::log(b / headroom) / r : 0.0;
    if (capped_for >= span) return cap_ * span;
    double rest = span - capped_for;
    double b_then = std::min(b, headroom);  // the boost when the cap stops binding
    return cap_ * capped_for + floor_ * rest + b_then * (-std::expm1(-r * rest)) / r;
  }

  double rate_per_min_;
  double floor_;
  double cap_;
  double boost_ = 0.0;
  double now_min_ = 0.0;
  double integral_ = 0.0;
};

}  // namespace escalsim
