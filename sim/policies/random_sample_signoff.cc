// Random-sample sign-off (the "I approve this message" practice: the CEO signs a few
// replies a month): a random sample of complaints resolved at a staff desk costs executive
// time; while sampling is active, that desk resolves more, and fewer customers write to the
// executive directly.
//
// Parameters (defaults are assumptions unless a source is named; see scenarios/README.md):
//   executive         desk        the only executive desk    whose time the sign-offs take
//   per_month         count       8 per month                sign about k resolved replies a
//                                                            month, at random over the month
//   share             share       (instead of per_month)     sign this fraction of resolved ones
//   time_per_signoff  time        10 min                     executive time per signed reply
//   desk              desk        entry desk of the first    whose resolved replies are sampled
//                                 demand stream
//   quality_gain      share       5%                         added to `desk`'s resolution
//                                                            probability while active (cap 1)
//   active_for        time        2 months                   active until this long after the
//                                                            last sign-off
//   direct_stream     stream name none                       complaints written to the executive
//   direct_reduction  share       20%                        that stream's rate falls by this
//                                                            while active
//
// Sampling is keyed per complaint (PolicyContext::uniform_for), so every variant of a
// scenario samples the same complaints. With per_month, each reply resolved at `desk` in
// month m (months are kMonth long from time 0) is signed with probability k / N, where N
// is the number of replies the desk resolved in month m - 1; in month 0 (or after a month
// with none), N is the traffic equations' prediction: arrivals at the desk in a month times
// its resolution probability averaged over the demand's severity mix. The sign-offs fall
// at random over the month, about k of them (binomial, so some months have a few more or
// fewer). The default active_for spans two months, so that the gaps between random
// sign-offs never switch the effect off while sampling goes on: it lapses only when the
// CEO stops signing (no budget left, or no replies to sign).
//
// A picked reply's sign-off is charged with PolicyContext::spend_executive_time when the
// complaint is resolved; with no budget left it is skipped (so the executive never goes
// beyond the budget by more than one item), and the next resolved reply is not picked in
// its place. A signed complaint gets executive_attention.
//
// Figures: signed, signoff_hours, skipped_no_budget (picked replies that found no
// executive budget left).
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "scenario/did_you_mean.h"
#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "policies/catalogue.h"
#include "policies/policy_params.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

struct SignoffSettings {
  int executive = -1;
  std::optional<int> per_month;  // exactly one of per_month and share
  std::optional<double> share;
  Duration time_per_signoff = Duration::minutes(10);
  int desk = 0;
  double quality_gain = 0.05;
  Duration active_for = Duration::minutes(2 * kMonth.in_minutes());
  // With per_month: the replies `desk` is expected to resolve in a month, before any month
  // has been seen.
  double predicted_resolved_per_month = 0.0;
  int direct_stream = -1;  // -1: none
  double direct_reduction = 0.2;
};

class RandomSampleSignoff final : public Policy {
 public:
  explicit RandomSampleSignoff(SignoffSettings settings) : settings_(settings) {}

  std::string_view name() const override { return "random_sample_signoff"; }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "signed", 0.0);
    ctx.count(*this, "signoff_hours", 0.0);
    ctx.count(*this, "skipped_no_budget", 0.0);
  }

  double demand_factor(PolicyContext& ctx, const ComplaintAttributes&, int stream) override {
    if (stream != settings_.direct_stream || !active(ctx.now_min())) return 1.0;
    return 1.0 - settings_.direct_reduction;
  }

  double resolution_probability(PolicyContext& ctx, const Complaint&, int desk,
                                double probability) override {
    if (desk != settings_.desk || !active(ctx.now_min())) return probability;
    return std::min(1.0, probability + settings_.quality_gain);
  }

  int route_after_service(PolicyContext& ctx, Complaint& c, int desk, bool resolved) override {
    if (desk != settings_.desk || !resolved || !picked(ctx, c)) return kFollowRoutes;
    const double minutes = settings_.time_per_signoff.in_minutes();
    if (!ctx.spend_executive_time(settings_.executive, minutes)) {
      ctx.count(*this, "skipped_no_budget");
      return kFollowRoutes;
    }
    c.executive_attention = true;
    last_signoff_min_ = ctx.now_min();
    ctx.count(*this, "signed");
    ctx.count(*this, "signoff_hours", minutes / 60.0);
    return kFollowRoutes;
  }

 private:
  bool active(double now_min) const {
    return last_signoff_min_ && now_min < *last_signoff_min_ + settings_.active_for.in_minutes();
  }

  // Whether this resolved complaint is in the sample.
  bool picked(PolicyContext& ctx, const Complaint& c) {
    const double u = ctx.uniform_for(c, "random_sample_signoff sample");
    if (settings_.share) return u < *settings_.share;
    auto month = static_cast<long>(std::floor(ctx.now_min() / kMonth.in_minutes()));
    if (month != month_) {
      // Only the month just ended tells the rate; after a gap of empty months, none does.
      last_month_resolved_ = month == month_ + 1 ? resolved_this_month_ : 0;
      month_ = month;
      resolved_this_month_ = 0;
    }
    ++resolved_this_month_;
    const double expected = last_month_resolved_ > 0
                                ? static_cast<double>(last_month_resolved_)
                                : settings_.predicted_resolved_per_month;
    const double k = *settings_.per_month;
    return expected <= k || u < k / expected;
  }

  SignoffSettings settings_;
  std::optional<double> last_signoff_min_;
  long month_ = 0;
  long resolved_this_month_ = 0;  // with per_month: replies resolved at `desk` this month
  long last_month_resolved_ = 0;  // and in the month before
};

// Replies `desk` resolves in a month by the traffic equations (arrivals there times its
// resolution probability, averaged over the demand's severity mix by rate).
double predicted_resolved_per_month(const Scenario& scenario, int desk) {
  const Prediction prediction = predict(scenario);
  double weight = 0.0;
  double resolve = 0.0;
  for (const DemandStream& d : scenario.demand) {
    const double rate = d.rate.in_per_minute();
    for (int v = 0; v < kSeverityCount; ++v) {
      weight += rate * d.severity_share[v];
      resolve += rate * d.severity_share[v] * scenario.desks[desk].resolution_probability[v];
    }
  }
  const double probability = weight > 0.0 ? resolve / weight : 1.0;
  return prediction.desks[desk].arrival_rate_per_hour * kMonth.in_hours() * probability;
}

}  // namespace

std::unique_ptr<Policy> make_random_sample_signoff(const PolicyConfig& config,
                                                   const Scenario& scenario) {
  // direct_stream names a demand stream, which PolicyParams does not read: take it out
  // and check it here, with the same error format.
  PolicyConfig rest = config;
  std::optional<PolicyParam> direct;
  std::erase_if(rest.params, [&](const PolicyParam& p) {
    if (p.key != "direct_stream") return false;
    direct = p;
    return true;
  });
  PolicyParams params(rest, scenario);
  SignoffSettings s;
  s.executive = params.executive_desk("executive");
  if (config.find("per_month") && config.find("share")) {
    params.fail("share", "give either 'per_month' or 'share', not both");
  }
  if (config.find("share")) {
    s.share = params.share("share", 0.0);
  } else {
    s.per_month = static_cast<int>(params.per_month("per_month", 8));
  }
  s.time_per_signoff = params.duration("time_per_signoff", s.time_per_signoff);
  int first_entry = scenario.demand.empty() ? 0 : scenario.demand.front().enters_desk;
  s.desk = params.desk("desk", first_entry);
  s.quality_gain = params.share("quality_gain", s.quality_gain);
  s.active_for = params.duration("active_for", s.active_for);
  s.direct_reduction = params.share("direct_reduction", s.direct_reduction);
  params.finish();
  if (s.per_month) s.predicted_resolved_per_month = predicted_resolved_per_month(scenario, s.desk);
  if (scenario.desks[s.desk].is_executive()) {
    params.fail("desk", fmt::format("desk '{}' is an executive desk: sign-offs sample a staff "
                                    "desk's resolved replies", scenario.desks[s.desk].name));
  }
  if (direct) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < scenario.demand.size(); ++i) {
      names.push_back(scenario.demand[i].name);
      if (scenario.demand[i].name == detail::trim(direct->value)) s.direct_stream = static_cast<int>(i);
    }
    if (s.direct_stream < 0) {
      const SourceLocation& at = direct->where;
      throw ScenarioError(at.file, at.line, at.column,
                          fmt::format("unknown demand stream '{}'{}", direct->value,
                                      detail::suggestion_tail(direct->value, names, "streams")),
                          at.key_path);
    }
  }
  return std::make_unique<RandomSampleSignoff>(s);
}

}  // namespace escalsim
