// raised_expectations: the CEO's visible involvement creates an expectation that any
// complaint will be handled thoroughly and promptly; the complainers it does not reach are
// judged against that raised bar (the practitioner writing in DESIGN.md).
//
// The visible share v is the share of recently ended complaints whose executive attention
// others could see: answered in public (public_replies), or public complaints the
// executive served or gave attention to. "Recently": both counts decay with `half_life`.
// A complaint arriving when the visible share is v judges "resolved quickly" by its
// channel's threshold times 1 - bar_raise × v (Complaint::quickly_factor, multiplied in,
// so several such policies compose), unless the executive's attention reaches it, which
// meets the raised expectation (recorders/quickly.h). The customer model's outcome, and so
// loyalty and churn, follow.
#include <cmath>
#include <memory>
#include <string>

#include "policies/catalogue.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

class RaisedExpectations final : public Policy {
 public:
  RaisedExpectations(double half_life_min, double bar_raise)
      : half_life_min_(half_life_min), bar_raise_(bar_raise) {}

  std::string_view name() const override { return "raised_expectations"; }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "arrivals", 0.0);
    ctx.count(*this, "threshold_cut", 0.0);
  }

  int entry_desk(PolicyContext& ctx, Complaint& c, int desk) override {
    decay_to(ctx.now_min());
    const double visible = ended_ > 0.0 ? seen_ / ended_ : 0.0;
    const double factor = 1.0 - bar_raise_ * visible;
    c.quickly_factor = static_cast<float>(static_cast<double>(c.quickly_factor) * factor);
    ctx.count(*this, "arrivals");
    // Summed over arrivals: over `arrivals`, the mean share the threshold was cut by.
    ctx.count(*this, "threshold_cut", 1.0 - factor);
    return desk;
  }

  void on_complaint_end(PolicyContext& ctx, const Complaint& c, FinalState) override {
    decay_to(ctx.now_min());
    ended_ += 1.0;
    const bool attended = c.touched_executive || c.executive_attention;
    if (c.answered_in_public || (c.is_public && attended)) seen_ += 1.0;
  }

 private:
  void decay_to(double now_min) {
    if (now_min <= last_min_) return;
    const double keep = std::exp2(-(now_min - last_min_) / half_life_min_);
    seen_ *= keep;
    ended_ *= keep;
    last_min_ = now_min;
  }

  double half_life_min_;
  double bar_raise_;
  double seen_ = 0.0;   // complaints ended with visible executive attention, decayed
  double ended_ = 0.0;  // complaints ended, decayed
  double last_min_ = 0.0;
};

}  // namespace

std::unique_ptr<Policy> make_raised_expectations(const PolicyConfig& config,
                                                 const Scenario& scenario) {
  PolicyParams params(config, scenario);
  const Duration half_life = params.duration("half_life", Duration::weeks(4));
  if (half_life.in_minutes() <= 0.0) params.fail("half_life", "'half_life' must be above 0");
  const double bar_raise = params.share("bar_raise", 0.5);
  params.finish();
  return std::make_unique<RaisedExpectations>(half_life.in_minutes(), bar_raise);
}

}  // namespace escalsim
