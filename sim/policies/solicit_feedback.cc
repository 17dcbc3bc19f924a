// Solicit feedback (an airline founder asking passengers what went wrong): proactive
// executive time each week that lowers the future rate of some complaint types, after a
// lag, fading with a half-life.
//
// Parameters (defaults are assumptions unless a source is named; see scenarios/README.md):
//   executive           desk        the only executive desk   whose time is spent
//   hours_per_week      time        1 h (or "1 h per week")   spent each Monday 09:00
//   severities          severities  minor, moderate           complaints that fall...
//   channels            names       every channel             ...and of these channels
//   reduction_per_hour  share       2%                        fewer such complaints per hour spent
//   max_reduction       share       30%                       they never fall by more than this
//   lag                 time        4 weeks                   the effect starts this long after
//   half_life           time        26 weeks                  and then fades with this half-life
//
// Each Monday 09:00 the hours are charged with PolicyContext::spend_executive_time (all or
// nothing; skipped with no budget left). Hours spent at time s add
// hours * reduction_per_hour to an effect from s + lag, decaying from then on. Matching
// complaints arrive at the scenario's rate times 1 - min(max_reduction, effect(t)).
//
// Figures: feedback_hours, skipped_no_budget (weekly sessions skipped),
// mean_reduction (the time-average reduction over the measured span, 0..max_reduction).
#include <array>
#include <deque>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "policies/catalogue.h"
#include "policies/decaying_boost.h"
#include "policies/measured_average.h"
#include "policies/policy_params.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

constexpr std::uint32_t kAverageTick = 0;
constexpr std::uint32_t kSession = 1;
constexpr double kFirstSessionMin = 9 * 60.0;  // Monday 09:00 of week 0

struct SolicitSettings {
  int executive = -1;
  Duration per_week = Duration::hours(1);
  std::array<bool, kSeverityCount> severity_falls{true, true, false, false};
  std::vector<bool> channel_falls;  // indexed like Scenario::channels
  double reduction_per_hour = 0.02;
  double max_reduction = 0.3;
  Duration lag = Duration::weeks(4);
  Duration half_life = Duration::weeks(26);
};

class SolicitFeedback final : public Policy {
 public:
  explicit SolicitFeedback(SolicitSettings settings)
      : settings_(std::move(settings)), effect_(settings_.half_life, 0.0, settings_.max_reduction) {}

  std::string_view name() const override { return "solicit_feedback"; }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "feedback_hours", 0.0);
    ctx.count(*this, "skipped_no_budget", 0.0);
    average_.start(ctx, *this);
    ctx.schedule(*this, kFirstSessionMin, kSession);
  }

  void on_timer(PolicyContext& ctx, std::uint32_t tag) override {
    advance(ctx.now_min());
    if (tag == kAverageTick) {
      average_.tick(ctx, *this, effect_.take_integral());
      return;
    }
    const double minutes = settings_.per_week.in_minutes();
    if (ctx.spend_executive_time(settings_.executive, minutes)) {
      ctx.count(*this, "feedback_hours", minutes / 60.0);
      pending_.emplace_back(ctx.now_min() + settings_.lag.in_minutes(),
                            settings_.per_week.in_hours() * settings_.reduction_per_hour);
    } else {
      ctx.count(*this, "skipped_no_budget");
    }
    ctx.schedule(*this, ctx.now_min() + kWeek.in_minutes(), kSession);
  }

  double demand_factor(PolicyContext& ctx, const ComplaintAttributes& a, int) override {
    if (!settings_.severity_falls[static_cast<int>(a.severity)] ||
        a.channel >= settings_.channel_falls.size() || !settings_.channel_falls[a.channel]) {
      return 1.0;
    }
    advance(ctx.now_min());
    return 1.0 - effect_.shown();
  }

 private:
  // Brings the effect to `now_min`, starting each pending contribution at its own time.
  void advance(double now_min) {
    while (!pending_.empty() && pending_.front().first <= now_min) {
      effect_.advance_to(pending_.front().first);
      effect_.add(pending_.front().second);
      pending_.pop_front();
    }
    effect_.advance_to(now_min);
  }

  SolicitSettings settings_;
  DecayingBoost effect_;
  std::deque<std::pair<double, double>> pending_;  // (starts at, minutes; amount)
  MeasuredAverage average_{"mean_reduction", kAverageTick};
};

}  // namespace

std::unique_ptr<Policy> make_solicit_feedback(const PolicyConfig& config, const Scenario& scenario) {
  // hours_per_week may be written "1 h" or "1 h per week": turn the second into the first.
  PolicyConfig written = config;
  for (PolicyParam& p : written.params) {
    if (p.key != "hours_per_week") continue;
    auto budget = detail::parse_budget_per_week(p.value);
    if (budget.ok()) p.value = fmt::format("{} min", budget.value->in_minutes());
  }
  PolicyParams params(written, scenario);
  SolicitSettings s;
  s.executive = params.executive_desk("executive");
  s.per_week = params.duration("hours_per_week", s.per_week);
  std::vector<Severity> severities =
      params.severities("severities", {Severity::kMinor, Severity::kModerate});
  s.severity_falls.fill(false);
  for (Severity v : severities) s.severity_falls[static_cast<int>(v)] = true;
  std::vector<int> all(scenario.channels.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  s.channel_falls.assign(scenario.channels.size(), false);
  for (int ch : params.channels("channels", all)) s.channel_falls[ch] = true;
  s.reduction_per_hour = params.share("reduction_per_hour", s.reduction_per_hour);
  s.max_reduction = params.share("max_reduction", s.max_reduction);
  s.lag = params.duration("lag", s.lag);
  s.half_life = params.duration("half_life", s.half_life);
  params.finish();
  if (s.per_week.in_minutes() <= 0.0) params.fail("hours_per_week", "expected a time above 0");
  if (s.half_life.in_minutes() <= 0.0) params.fail("half_life", "expected a half-life above 0");
  return std::make_unique<SolicitFeedback>(std::move(s));
}

}  // namespace escalsim
