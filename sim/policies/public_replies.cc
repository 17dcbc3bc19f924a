// Public replies (executives answering complaints on social media): the executive answers
// a share of public complaints in public when they arrive. Answered customers get
// executive attention (the customer model makes them more satisfied, and unanswered
// public ones less); every public reply makes the company more visible, which draws new
// demand, fading with a half-life.
//
// Parameters (defaults are assumptions unless a source is named; see scenarios/README.md):
//   executive             desk   the only executive desk   who answers
//   share                 share  30%                       public complaints answered
//   time_per_reply        time   15 min                    executive time per public answer
//   visibility_per_reply  share  0.2%                      demand added by each recent reply
//   half_life             time   2 weeks                   how fast that visibility fades
//   max_visibility        share  50%                       demand rises by at most this
//
// The answer is charged with PolicyContext::spend_executive_time; with no budget left the
// complaint goes unanswered. The public answer is a reply, not a resolution: the complaint
// still follows its normal path. Demand of every stream is multiplied by
// 1 + min(max_visibility, boost(t)).
//
// Figures: public_replies, unanswered_public, skipped_no_budget (picked but no budget),
// mean_visibility (time-average extra demand over the measured span, 0..max_visibility).
#include <memory>

#include "policies/catalogue.h"
#include "policies/decaying_boost.h"
#include "policies/measured_average.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

struct PublicRepliesSettings {
  int executive = -1;
  double share = 0.3;
  Duration time_per_reply = Duration::minutes(15);
  double visibility_per_reply = 0.002;
  Duration half_life = Duration::weeks(2);
  double max_visibility = 0.5;
};

class PublicReplies final : public Policy {
 public:
  explicit PublicReplies(PublicRepliesSettings settings)
      : settings_(settings), visibility_(settings_.half_life, 0.0, settings_.max_visibility) {}

  std::string_view name() const override { return "public_replies"; }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "public_replies", 0.0);
    ctx.count(*this, "unanswered_public", 0.0);
    ctx.count(*this, "skipped_no_budget", 0.0);
    average_.start(ctx, *this);
  }

  void on_timer(PolicyContext& ctx, std::uint32_t tag) override {
    if (tag != average_.tag()) return;
    visibility_.advance_to(ctx.now_min());
    average_.tick(ctx, *this, visibility_.take_integral());
  }

  double demand_factor(PolicyContext& ctx, const ComplaintAttributes&, int) override {
    visibility_.advance_to(ctx.now_min());
    return 1.0 + visibility_.shown();
  }
  // Without visibility per reply demand never rises, and the run needs no extra stream.
  double max_demand_factor() const override {
    return settings_.visibility_per_reply > 0.0 ? 1.0 + settings_.max_visibility : 1.0;
  }

  int entry_desk(PolicyContext& ctx, Complaint& c, int desk) override {
    if (!c.is_public) return desk;
    if (ctx.uniform_for(c, "public_replies answer") >= settings_.share) {
      ctx.count(*this, "unanswered_public");
      return desk;
    }
    if (!ctx.spend_executive_time(settings_.executive, settings_.time_per_reply.in_minutes())) {
      ctx.count(*this, "skipped_no_budget");
      ctx.count(*this, "unanswered_public");
      return desk;
    }
    c.executive_attention = true;
    c.answered_in_public = true;
    visibility_.advance_to(ctx.now_min());
    visibility_.add(settings_.visibility_per_reply);
    ctx.count(*this, "public_replies");
    return desk;
  }

 private:
  PublicRepliesSettings settings_;
  DecayingBoost visibility_;
  MeasuredAverage average_{"mean_visibility", 0};
};

}  // namespace

std::unique_ptr<Policy> make_public_replies(const PolicyConfig& config, const Scenario& scenario) {
  PolicyParams params(config, scenario);
  PublicRepliesSettings s;
  s.executive = params.executive_desk("executive");
  s.share = params.share("share", s.share);
  s.time_per_reply = params.duration("time_per_reply", s.time_per_reply);
  s.visibility_per_reply = params.share("visibility_per_reply", s.visibility_per_reply);
  s.half_life = params.duration("half_life", s.half_life);
  s.max_visibility = params.share("max_visibility", s.max_visibility);
  params.finish();
  if (s.half_life.in_minutes() <= 0.0) params.fail("half_life", "expected a half-life above 0");
  return std::make_unique<PublicReplies>(s);
}

}  // namespace escalsim
