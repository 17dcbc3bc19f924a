// Reports a policy's time-average of a quantity over the measured span (warm-up to
// horizon) as one of its figures, from weekly ticks.
//
// The policy registers it in start(), and on the timer with this tag passes the integral
// (value x minutes) of the quantity since the previous tick. Ticks fall at the end of the
// warm-up, every week after it, and at the horizon; each adds integral / measured span to
// the figure, so the figure over the whole run is the time average. A run stopped early
// (unstable) reports the integral so far over the full span.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "policies/policy.h"

namespace escalsim {

class MeasuredAverage {
 public:
  MeasuredAverage(std::string metric, std::uint32_t tag) : metric_(std::move(metric)), tag_(tag) {}

  std::uint32_t tag() const { return tag_; }

  // Registers the figure and sets the first tick at the end of the warm-up.
  void start(PolicyContext& ctx, Policy& policy) {
    const RunSettings& run = ctx.scenario().run;
    warmup_min_ = run.warmup.in_minutes();
    horizon_min_ = run.horizon.in_minutes();
    ctx.count(policy, metric_, 0.0);
    ctx.schedule(policy, warmup_min_, tag_);
  }

  // On the tick: `integral` covers the time since the previous tick (the part before the
  // warm-up's end is dropped). Sets the next tick.
  void tick(PolicyContext& ctx, Policy& policy, double integral) {
    const double now = ctx.now_min();
    const double span = horizon_min_ - warmup_min_;
    if (now > warmup_min_ && span > 0.0) ctx.count(policy, metric_, integral / span);
    if (now < horizon_min_) {
      ctx.schedule(policy, std::min(now + kWeek.in_minutes(), horizon_min_), tag_);
    }
  }

 private:
  std::string metric_;
  std::uint32_t tag_;
  double warmup_min_ = 0.0;
  double horizon_min_ = 0.0;
};

}  // namespace escalsim
