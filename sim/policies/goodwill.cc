// goodwill: a stock of customer-satisfaction goodwill per segment (the ACSI's phrase) that
// good outcomes and executive attention fill, failures drain, and time erodes; it shifts
// the loyalty of the segment's complainers and how often the segment complains.
//
// Each complaint of segment s that ends adds a score to the segment's stock S_s: by its
// outcome (resolved quickly, slowly, unresolved or abandoned, judged as the customer model
// judges it, quickly_factor included), plus `attention_gain` when the executive served it
// or gave it attention, or `public_attention_gain` instead when the executive answered it
// in public. The stock decays exponentially with `half_life`. Goodwill is the stock over
// the segment's expected complaints in a mean lifetime of the stock (rate × half_life /
// ln 2): under a steady rate it settles at the segment's mean score, whatever its size.
//
// Its effects, at goodwill G_s when a complaint of segment s arrives:
// - loyalty: the share still loyal after its outcome moves by loyalty_per_goodwill × G_s
//   (Complaint::loyalty_shift, clamped to [0, 1] with the table's value by the customer
//   model);
// - demand: the segment's candidates arrive at 1 - demand_per_goodwill × G_s times their
//   rate, within 1 ± max_demand_change (goodwill lowers complaining: the ACSI's model has
//   satisfaction lower complaints).
// Figures: goodwill_end_<segment> at the horizon, and goodwill_week_<k>_<segment> at the
// end of each week k (weeks counted from 0 at time 0) that ends after the warm-up: the
// series.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "policies/catalogue.h"
#include "policies/policy_params.h"
#include "recorders/quickly.h"

namespace escalsim {
namespace {

enum Timer : std::uint32_t { kWeekEnds, kHorizon };

struct GoodwillSettings {
  double half_life_min = 0.0;
  std::array<double, kOutcomeCount> score{1.0, 0.5, -1.0, -1.0};
  double attention_gain = 0.5;
  double public_attention_gain = 2.0;
  double loyalty_per_goodwill = 0.05;
  double demand_per_goodwill = 0.1;
  double max_demand_change = 0.2;
};

class Goodwill final : public Policy {
 public:
  Goodwill(GoodwillSettings settings, const Scenario& scenario)
      : s_(settings),
        stock_(scenario.segments.size(), 0.0),
        norm_(scenario.segments.size(), 0.0) {
    const double lifetime_min = s_.half_life_min / std::log(2.0);
    for (const DemandStream& d : scenario.demand) {
      for (std::size_t i = 0; i < norm_.size() && i < d.segment_share.size(); ++i) {
        norm_[i] += d.rate.in_per_hour() / 60.0 * d.segment_share[i] * lifetime_min;
      }
    }
    for (double& n : norm_) n = n > 0.0 ? n : 1.0;  // a segment no stream sends: the raw stock
  }

  std::string_view name() const override { return "goodwill"; }

  void start(PolicyContext& ctx) override {
    const Scenario& sc = ctx.scenario();
    for (const Segment& seg : sc.segments) ctx.count(*this, "goodwill_end_" + seg.name, 0.0);
    ctx.schedule(*this, Duration::weeks(1).in_minutes(), kWeekEnds);
    ctx.schedule(*this, sc.run.horizon.in_minutes(), kHorizon);
  }

  void on_timer(PolicyContext& ctx, std::uint32_t tag) override {
    const Scenario& sc = ctx.scenario();
    decay_to(ctx.now_min());
    if (tag == kWeekEnds) {
      const double week_min = Duration::weeks(1).in_minutes();
      const long week = std::lround(ctx.now_min() / week_min) - 1;
      // Weeks that end inside the warm-up are not reported (not even as 0).
      if (ctx.now_min() > sc.run.warmup.in_minutes()) {
        for (std::size_t i = 0; i < stock_.size(); ++i) {
          ctx.count(*this, fmt::format("goodwill_week_{}_{}", week, sc.segments[i].name),
                    goodwill(i));
        }
      }
      const double next = ctx.now_min() + week_min;
      if (next <= sc.run.horizon.in_minutes()) ctx.schedule(*this, next, kWeekEnds);
    } else {
      for (std::size_t i = 0; i < stock_.size(); ++i) {
        ctx.count(*this, "goodwill_end_" + sc.segments[i].name, goodwill(i));
      }
    }
  }

  double demand_factor(PolicyContext& ctx, const ComplaintAttributes& a, int) override {
    if (a.segment >= stock_.size()) return 1.0;
    decay_to(ctx.now_min());
    return std::clamp(1.0 - s_.demand_per_goodwill * goodwill(a.segment),
                      1.0 - s_.max_demand_change, 1.0 + s_.max_demand_change);
  }
  double max_demand_factor() const override { return 1.0 + s_.max_demand_change; }

  int entry_desk(PolicyContext& ctx, Complaint& c, int desk) override {
    if (c.segment < stock_.size()) {
      decay_to(ctx.now_min());
      c.loyalty_shift += static_cast<float>(s_.loyalty_per_goodwill * goodwill(c.segment));
    }
    return desk;
  }

  void on_complaint_end(PolicyContext& ctx, const Complaint& c, FinalState state) override {
    if (c.segment >= stock_.size()) return;
    decay_to(ctx.now_min());
    double score = s_.score[static_cast<int>(judged_outcome(ctx.scenario().customers, c, state, ctx.now_min()))];
    if (c.answered_in_public) {
      score += s_.public_attention_gain;
    } else if (c.touched_executive || c.executive_attention) {
      score += s_.attention_gain;
    }
    // Economic times: an outcome moves goodwill as much more (or less) as it moves loyalty.
    stock_[c.segment] += score * economy_outcome_factor(ctx.scenario().economy, ctx.now_min());
  }

 private:
  double goodwill(std::size_t segment) const { return stock_[segment] / norm_[segment]; }

  void decay_to(double now_min) {
    if (now_min <= last_min_) return;
    const double keep = std::exp2(-(now_min - last_min_) / s_.half_life_min);
    for (double& g : stock_) g *= keep;
    last_min_ = now_min;
  }

  GoodwillSettings s_;
  std::vector<double> stock_;  // per segment, decayed to last_min_
  std::vector<double> norm_;   // per segment: expected complaints in a mean lifetime
  double last_min_ = 0.0;
};

}  // namespace

std::unique_ptr<Policy> make_goodwill(const PolicyConfig& config, const Scenario& scenario) {
  PolicyParams params(config, scenario);
  GoodwillSettings s;
  s.half_life_min = params.duration("half_life", Duration::weeks(26)).in_minutes();
  if (s.half_life_min <= 0.0) params.fail("half_life", "'half_life' must be above 0");
  s.score[static_cast<int>(Outcome::kResolvedQuickly)] =
      params.number("resolved_quickly", 1.0, -10.0, 10.0);
  s.score[static_cast<int>(Outcome::kResolvedSlowly)] =
      params.number("resolved_slowly", 0.5, -10.0, 10.0);
  s.score[static_cast<int>(Outcome::kUnresolved)] = params.number("unresolved", -1.0, -10.0, 10.0);
  s.score[static_cast<int>(Outcome::kAbandoned)] = params.number("abandoned", -1.0, -10.0, 10.0);
  s.attention_gain = params.number("attention_gain", 0.5, -10.0, 10.0);
  s.public_attention_gain = params.number("public_attention_gain", 2.0, -10.0, 10.0);
  s.loyalty_per_goodwill = params.share("loyalty_per_goodwill", 0.05);
  s.demand_per_goodwill = params.share("demand_per_goodwill", 0.1);
  s.max_demand_change = params.share("max_demand_change", 0.2);
  params.finish();
  return std::make_unique<Goodwill>(s, scenario);
}

}  // namespace escalsim
