// The open inbox (Carphone Warehouse: a chairman's published email address): a share of
// new complaints bypasses the front line and goes straight to the executive; each public
// executive reply raises that share (DESIGN.md's catalogue), and the rise fades with a
// half-life. This feedback loop is what builds the silo at the top.
//
// Parameters (defaults are assumptions unless a source is named; see scenarios/README.md):
//   executive        desk   the only executive desk   the desk the inbox reaches
//   initial_share    share  2%                        share that writes to the executive anyway
//   share_per_reply  share  0.5%                      added to the share by each executive reply
//   half_life        time   4 weeks                   how fast a reply's effect fades
//   max_share        share  50%                       the share never rises above this
//   channels         names  every channel             channels whose complaints may bypass
//   raised_by        choice public_replies            which executive services raise the share:
//     public_replies: a service at the executive desk that resolves a public complaint (the
//                     reply others can see: word of the chairman's answers spreads);
//     replies:        a service there that resolves any complaint;
//     services:       every service there, touches and unresolved ones included.
//
// share(t) = min(max_share, initial_share + boost(t)); each service counted by raised_by
// (whatever brought the complaint to the executive) adds share_per_reply to boost, which
// decays exponentially, exactly in continuous time.
//
// Figures: bypassed (complaints sent straight to the executive), executive_replies (the
// services that raised the share), mean_share (the time-average share over the measured
// span, 0..1).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "policies/catalogue.h"
#include "policies/decaying_boost.h"
#include "policies/measured_average.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

// Which executive services raise the share; in the order of kRaisedByNames.
enum class RaisedBy { kPublicReplies, kReplies, kServices };
const std::vector<std::string> kRaisedByNames = {"public_replies", "replies", "services"};

struct OpenInboxSettings {
  int executive = -1;
  double initial_share = 0.02;
  double share_per_reply = 0.005;
  Duration half_life = Duration::weeks(4);
  double max_share = 0.5;
  std::vector<bool> channel_may_bypass;  // indexed like Scenario::channels
  RaisedBy raised_by = RaisedBy::kPublicReplies;
};

class OpenInbox final : public Policy {
 public:
  explicit OpenInbox(OpenInboxSettings settings)
      : settings_(std::move(settings)),
        share_(settings_.half_life, settings_.initial_share, settings_.max_share) {}

  std::string_view name() const override { return "open_inbox"; }
  std::vector<PolicyFlow> flows() const override {
    return {{kFromDemand, settings_.executive,
             fmt::format("open inbox bypass: {:g}%, up to {:g}%", settings_.initial_share * 100.0,
                         settings_.max_share * 100.0)}};
  }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "bypassed", 0.0);
    ctx.count(*this, "executive_replies", 0.0);
    average_.start(ctx, *this);
  }

  void on_timer(PolicyContext& ctx, std::uint32_t tag) override {
    if (tag != average_.tag()) return;
    share_.advance_to(ctx.now_min());
    average_.tick(ctx, *this, share_.take_integral());
  }

  int entry_desk(PolicyContext& ctx, Complaint& c, int desk) override {
    if (desk == settings_.executive || c.channel >= settings_.channel_may_bypass.size() ||
        !settings_.channel_may_bypass[c.channel]) {
      return desk;
    }
    share_.advance_to(ctx.now_min());
    if (ctx.uniform_for(c, "open_inbox bypass") >= share_.shown()) return desk;
    c.bypassed = true;
    ctx.count(*this, "bypassed");
    return settings_.executive;
  }

  void on_served(PolicyContext& ctx, const Complaint& c, int desk, bool resolved) override {
    if (desk != settings_.executive) return;
    switch (settings_.raised_by) {
      case RaisedBy::kPublicReplies:
        if (!resolved || !c.is_public) return;
        break;
      case RaisedBy::kReplies:
        if (!resolved) return;
        break;
      case RaisedBy::kServices: break;
    }
    share_.advance_to(ctx.now_min());
    share_.add(settings_.share_per_reply);
    ctx.count(*this, "executive_replies");
  }

 private:
  OpenInboxSettings settings_;
  DecayingBoost share_;
  MeasuredAverage average_{"mean_share", 0};
};

}  // namespace

std::unique_ptr<Policy> make_open_inbox(const PolicyConfig& config, const Scenario& scenario) {
  PolicyParams params(config, scenario);
  OpenInboxSettings s;
  s.executive = params.executive_desk("executive");
  s.initial_share = params.share("initial_share", s.initial_share);
  s.share_per_reply = params.share("share_per_reply", s.share_per_reply);
  s.half_life = params.duration("half_life", s.half_life);
  s.max_share = params.share("max_share", s.max_share);
  std::vector<int> all(scenario.channels.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  s.channel_may_bypass.assign(scenario.channels.size(), false);
  for (int ch : params.channels("channels", all)) s.channel_may_bypass[ch] = true;
  s.raised_by = static_cast<RaisedBy>(params.choice("raised_by", kRaisedByNames, 0));
  params.finish();
  if (s.half_life.in_minutes() <= 0.0) params.fail("half_life", "expected a half-life above 0");
  if (s.initial_share > s.max_share) {
    params.fail("initial_share", "initial_share must not exceed max_share");
  }
  return std::make_unique<OpenInbox>(std::move(s));
}

}  // namespace escalsim
