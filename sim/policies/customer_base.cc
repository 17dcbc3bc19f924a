// customer_base: the customers behind the complaints, over years. Churned customers stop
// complaining and stop paying; new customers join at a rate; demand follows the size of
// the base. Memory is one number per segment, whatever the horizon.
//
// Segment s starts with `customers` × its share of demand (segment shares weighted by the
// streams' rates) customers, B_s(0). Each complaint of s that
// ends takes away the share of a customer the customer model expects to leave after its
// outcome (1 - loyalty, from the loyalty table, with the executive-attention bonus; small
// or large loss by the segment's value), and customers join at `joining` per year, split
// like the base. Demand of segment s runs at B_s(t) / B_s(0) times the scenario's rate
// (each customer complains as often as before), at most `max_growth`.
// Figures: customers_end_<segment> (the base at the horizon), joined, churned (customers,
// over the measured span) and revenue (the base's value per year, integrated over the
// measured span; a year is 365.25 days).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "policies/catalogue.h"
#include "policies/policy_params.h"
#include "recorders/quickly.h"

namespace escalsim {
namespace {

enum Timer : std::uint32_t { kHorizon, kWarmupEnds };

class CustomerBase final : public Policy {
 public:
  CustomerBase(const Scenario& scenario, double customers, double joining_per_year,
               double max_growth)
      : max_growth_(max_growth), share_(scenario.segments.size(), 0.0) {
    double total = 0.0;
    for (const DemandStream& d : scenario.demand) {
      for (std::size_t i = 0; i < share_.size() && i < d.segment_share.size(); ++i) {
        share_[i] += d.rate.in_per_hour() * d.segment_share[i];
        total += d.rate.in_per_hour() * d.segment_share[i];
      }
    }
    for (double& s : share_) s = total > 0.0 ? s / total : 1.0 / share_.size();
    for (double s : share_) initial_.push_back(customers * s);
    base_ = initial_;
    joining_per_min_ = joining_per_year / (365.25 * 24 * 60);
  }

  std::string_view name() const override { return "customer_base"; }

  void start(PolicyContext& ctx) override {
    const Scenario& sc = ctx.scenario();
    for (const Segment& seg : sc.segments) ctx.count(*this, "customers_end_" + seg.name, 0.0);
    ctx.count(*this, "joined", 0.0);
    ctx.count(*this, "churned", 0.0);
    ctx.count(*this, "revenue", 0.0);
    ctx.schedule(*this, sc.run.warmup.in_minutes(), kWarmupEnds);
    ctx.schedule(*this, sc.run.horizon.in_minutes(), kHorizon);
  }

  void on_timer(PolicyContext& ctx, std::uint32_t tag) override {
    advance(ctx);
    if (tag == kHorizon) {
      const Scenario& sc = ctx.scenario();
      for (std::size_t i = 0; i < base_.size(); ++i) {
        ctx.count(*this, "customers_end_" + sc.segments[i].name, base_[i]);
      }
    }
  }

  double demand_factor(PolicyContext& ctx, const ComplaintAttributes& a, int) override {
    if (a.segment >= base_.size() || initial_[a.segment] <= 0.0) return 1.0;
    advance(ctx);
    return std::clamp(base_[a.segment] / initial_[a.segment], 0.0, max_growth_);
  }
  double max_demand_factor() const override { return max_growth_; }

  void on_complaint_end(PolicyContext& ctx, const Complaint& c, FinalState state) override {
    if (c.segment >= base_.size()) return;
    advance(ctx);
    const double lost = std::min(base_[c.segment], 1.0 - loyalty(ctx, c, state));
    base_[c.segment] -= lost;
    ctx.count(*this, "churned", lost);
  }

 private:
  // Joining and revenue from the last update to now.
  void advance(PolicyContext& ctx) {
    const double now = ctx.now_min();
    if (now <= last_min_) return;
    const double dt = now - last_min_;
    const Scenario& sc = ctx.scenario();
    double revenue = 0.0;
    for (std::size_t i = 0; i < base_.size(); ++i) {
      const double joined = joining_per_min_ * share_[i] * dt;
      // The base grows linearly over dt: its mean is the midpoint.
      revenue += (base_[i] + joined / 2.0) * sc.segments[i].value_per_year * dt /
                 (365.25 * 24 * 60);
      base_[i] += joined;
    }
    ctx.count(*this, "joined", joining_per_min_ * dt);
    ctx.count(*this, "revenue", revenue);
    last_min_ = now;
  }

  // The share of the customer still loyal after `c`'s outcome, as the customer model's
  // table gives it (with the executive-attention bonus).
  static double loyalty(const PolicyContext& ctx, const Complaint& c, FinalState state) {
    const Scenario& sc = ctx.scenario();
    const CustomerModel& model = sc.customers;
    Outcome outcome = Outcome::kAbandoned;
    if (state == FinalState::kResolved) {
      outcome = ctx.now_min() - c.arrived_min <= quickly_threshold_min(model, c)
                    ? Outcome::kResolvedQuickly
                    : Outcome::kResolvedSlowly;
    } else if (state == FinalState::kClosedUnresolved) {
      outcome = Outcome::kUnresolved;
    }
    const bool large = c.segment < sc.segments.size() &&
                       sc.segments[c.segment].value_per_year > model.large_loss_above_per_year;
    double kept = (large ? model.loyal_large : model.loyal_small)[static_cast<int>(outcome)];
    if (c.touched_executive || c.executive_attention) kept += model.executive_attention_bonus;
    return std::clamp(kept, 0.0, 1.0);
  }

  double max_growth_;
  std::vector<double> share_;    // per segment: its share of demand, of joiners and of the base
  std::vector<double> initial_;  // per segment: customers at the start
  std::vector<double> base_;     // per segment: customers now (at last_min_)
  double joining_per_min_ = 0.0;
  double last_min_ = 0.0;
};

}  // namespace

std::unique_ptr<Policy> make_customer_base(const PolicyConfig& config, const Scenario& scenario) {
  PolicyParams params(config, scenario);
  const double customers = params.number("customers", 100000.0, 1.0, 1e12);
  const double joining = params.number("joining_per_year", 0.0, 0.0, 1e12);
  const double max_growth = params.number("max_growth", 2.0, 1.0, 100.0);
  params.finish();
  return std::make_unique<CustomerBase>(scenario, customers, joining, max_growth);
}

}  // namespace escalsim
