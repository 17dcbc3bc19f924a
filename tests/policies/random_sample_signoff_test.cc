// Random-sample sign-off: sampled resolved replies cost executive time, raise frontline
// quality while active, lower direct writing to the executive, and never overspend.
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/trace.h"
#include "policies/fake_policy_context.h"
#include "policies/policy.h"
#include "policies/policy_checks.h"
#include "testutil.h"
#include "escalsim/units.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::FakePolicyContext;
using testing::fixed;
using testing::policy;
using testing::policy_figure;
using testing::ScenarioBuilder;

// A front line (desk 0, resolving 70%) whose unresolved complaints go to the CEO (desk 1,
// `budget_hours` a week, 20-minute replies); a second stream writes to the CEO directly.
ScenarioBuilder company(double budget_hours = 1.0) {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(budget_hours);
  ScenarioBuilder b("signoff");
  b.horizon(Duration::weeks(20)).warmup(Duration::weeks(2)).seed(5)
      .desk("frontline", 4, exponential(Duration::minutes(20)))
      .resolution(0.7)
      .desk("ceo", 1, fixed(Duration::minutes(20)))
      .executive(budget)
      .demand("frontline", Rate::per_week(300))
      .demand("ceo", Rate::per_week(1))
      .route("frontline", "ceo", 0.02, RouteCondition::kUnresolved);
  return b;
}

TEST_CASE("RandomSampleSignoff: per_month signs each resolved reply with probability k / N") {
  // Month 0: N is predicted: 300 a week reach the front line, which resolves 70%:
  // 300 / 168 h x 730.5 h x 0.7 = 913.125 a month. From then on N is last month's count.
  Scenario s = company().build();
  auto p = make_policy(policy("random_sample_signoff", {{"per_month", "3 per month"}}), s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  const double p0 = 3.0 / (300.0 / 168.0 * kMonth.in_hours() * 0.7);
  auto sign = [&](double draw, int desk = 0, bool resolved = true) {
    Complaint c;
    ctx.draws = {draw};
    p->route_after_service(ctx, c, desk, resolved);
    return c.executive_attention;
  };
  CHECK(sign(p0 * 0.999));
  CHECK_FALSE(sign(p0 * 1.001));
  for (int i = 0; i < 8; ++i) sign(0.9);  // 10 resolved in month 0
  SUBCASE("the next month samples 3 in 10") {
    ctx.set_now(kMonth.in_minutes() + 1.0);
    CHECK(sign(0.299));
    CHECK_FALSE(sign(0.301));
    CHECK(ctx.figures["signed"] == 2);
    CHECK(ctx.figures["signoff_hours"] == doctest::Approx(20.0 / 60.0));
    CHECK(ctx.spent_min[1] == doctest::Approx(20.0));
  }
  SUBCASE("unresolved replies and other desks are not sampled") {
    ctx.set_now(kMonth.in_minutes() + 1.0);
    CHECK_FALSE(sign(0.0, 0, false));
    CHECK_FALSE(sign(0.0, 1, true));
  }
  SUBCASE("after an empty month, N is the prediction again") {
    ctx.set_now(2 * kMonth.in_minutes() + 1.0);
    CHECK_FALSE(sign(p0 * 1.001));
  }
}

TEST_CASE("RandomSampleSignoff: with no budget left a picked sign-off is skipped") {
  Scenario s = company().build();
  auto p = make_policy(policy("random_sample_signoff", {{"share", "50%"}}), s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  ctx.budget_left = false;
  Complaint a, b;
  ctx.draws = {0.1, 0.1};
  p->route_after_service(ctx, a, 0, true);
  CHECK_FALSE(a.executive_attention);
  CHECK(ctx.figures["skipped_no_budget"] == 1);
  ctx.budget_left = true;
  p->route_after_service(ctx, b, 0, true);
  CHECK(b.executive_attention);
  CHECK(ctx.figures["signed"] == 1);
}

TEST_CASE("RandomSampleSignoff: a share samples each resolved reply with that probability") {
  Scenario s = company().build();
  auto p = make_policy(policy("random_sample_signoff", {{"share", "10%"}}), s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  ctx.draws = {0.099, 0.101};
  Complaint a, b;
  p->route_after_service(ctx, a, 0, true);
  p->route_after_service(ctx, b, 0, true);
  CHECK(a.executive_attention);
  CHECK_FALSE(b.executive_attention);
}

TEST_CASE("RandomSampleSignoff: quality rises and direct writing falls while sign-off is active") {
  Scenario s = company().build();
  auto p = make_policy(policy("random_sample_signoff", {{"quality_gain", "5%"},
                                                        {"active_for", "4 weeks"},
                                                        {"share", "100%"},
                                                        {"direct_stream", "demand1"},
                                                        {"direct_reduction", "20%"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  Complaint c;
  ComplaintAttributes a;
  SUBCASE("inactive before the first sign-off") {
    CHECK(p->resolution_probability(ctx, c, 0, 0.7) == doctest::Approx(0.7));
    CHECK(p->demand_factor(ctx, a, 1) == 1.0);
  }
  SUBCASE("active for exactly active_for after the last sign-off") {
    ctx.set_now(kWeekMin);
    p->route_after_service(ctx, c, 0, true);
    ctx.set_now(5 * kWeekMin - 1.0);
    CHECK(p->resolution_probability(ctx, c, 0, 0.7) == doctest::Approx(0.75));
    CHECK(p->resolution_probability(ctx, c, 0, 0.98) == doctest::Approx(1.0));  // capped
    CHECK(p->resolution_probability(ctx, c, 1, 0.7) == doctest::Approx(0.7));   // other desk
    CHECK(p->demand_factor(ctx, a, 1) == doctest::Approx(0.8));
    CHECK(p->demand_factor(ctx, a, 0) == 1.0);  // other stream
    ctx.set_now(5 * kWeekMin);
    CHECK(p->resolution_probability(ctx, c, 0, 0.7) == doctest::Approx(0.7));
    CHECK(p->demand_factor(ctx, a, 1) == 1.0);
  }
}

// Counts the sign-offs (executive time spent by the policy) by their time in the month.
class SignoffTimes final : public TraceObserver {
 public:
  void on_event(const TraceEvent& e) override {
    if (e.kind != TraceKind::kExecutiveTime || e.policy != "random_sample_signoff") return;
    const double in_month = std::fmod(e.time_min, kMonth.in_minutes()) / kMonth.in_minutes();
    ++by_quarter[std::min(3, static_cast<int>(in_month * 4))];
  }
  std::array<int, 4> by_quarter{};
};

TEST_CASE("RandomSampleSignoff: in a run, about k a month at random, quality rises and "
          "direct writing falls") {
  // The front line resolves 70%; customers also write to the CEO directly (demand1, 40 a
  // week, the only way to the CEO here, so the CEO desk's arrivals are that stream's).
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(40);
  Scenario base = ScenarioBuilder("signoff").horizon(Duration::weeks(54)).warmup(Duration::weeks(2))
                      .seed(5)
                      .desk("frontline", 4, exponential(Duration::minutes(20))).resolution(0.7)
                      .desk("ceo", 1, fixed(Duration::minutes(20))).executive(budget)
                      .demand("frontline", Rate::per_week(300))
                      .demand("ceo", Rate::per_week(40))
                      .build();
  Scenario signing = base;
  signing.policies = {policy("random_sample_signoff", {{"per_month", "8 per month"},
                                                       {"quality_gain", "10%"},
                                                       {"direct_stream", "demand1"},
                                                       {"direct_reduction", "50%"}})};
  SignoffTimes times;
  RunResult before = run_once(base, 0, EngineOptions{.check_invariants = true});
  RunResult after = run_once(signing, 0, EngineOptions{.check_invariants = true, .trace = &times});
  double resolved_before = double(before.desks[0].resolved) / before.desks[0].served;
  double resolved_after = double(after.desks[0].resolved) / after.desks[0].served;
  CHECK(resolved_before == doctest::Approx(0.7).epsilon(0.03));
  CHECK(resolved_after == doctest::Approx(0.8).epsilon(0.03));
  // Direct writing to the CEO halves for the whole measured span (the first sign-off comes
  // within the warm-up): the thinned stream against the baseline's, within 5 sd of
  // binomial thinning (Poisson counts of the two runs if they do not share arrivals).
  const double direct_before = static_cast<double>(before.desks[1].arrivals);
  const double direct_after = static_cast<double>(after.desks[1].arrivals);
  CHECK(direct_before > 1500);
  CHECK(std::fabs(direct_after - 0.5 * direct_before) < 5.0 * std::sqrt(0.75 * direct_before));
  // About 8 a month over the 52 measured weeks (11.96 months): Poisson-like around 95.7.
  const double expected = 8.0 * 52 * 7 / (365.25 / 12.0);
  double signed_count = policy_figure(after, "random_sample_signoff", "signed");
  CHECK(std::fabs(signed_count - expected) < 5.0 * std::sqrt(expected));
  CHECK(policy_figure(after, "random_sample_signoff", "skipped_no_budget") == 0);
  CHECK(policy_figure(after, "random_sample_signoff", "signoff_hours") ==
        doctest::Approx(signed_count / 6.0));
  // Spread over the month: each quarter of a month holds about a quarter of the sign-offs
  // (the whole run's, warm-up included), not all of them in its first hours.
  const int total = times.by_quarter[0] + times.by_quarter[1] + times.by_quarter[2] +
                    times.by_quarter[3];
  for (int q = 0; q < 4; ++q) {
    CAPTURE(q);
    CHECK(std::fabs(times.by_quarter[q] - total / 4.0) < 5.0 * std::sqrt(total * 0.25 * 0.75));
  }
  testing::check_conservation_and_little(after);
}

TEST_CASE("RandomSampleSignoff: never exceeds the executive budget by more than one item a week") {
  // A budget of 1 hour a week, CEO replies of 20 minutes, sign-offs of 10 minutes and a
  // share large enough to ask for far more than the budget: over many runs, the hours used
  // stay within the budget plus one item (the longest, 20 minutes) per week.
  Scenario s = company().build();
  s.policies = {policy("random_sample_signoff", {{"share", "5%"}})};
  for (int replication = 0; replication < 20; ++replication) {
    CAPTURE(replication);
    RunResult r = run_once(s, replication, EngineOptions{.check_invariants = true});
    const ExecutiveResult& e = r.executives.at(0);
    double weeks = (r.measured_to - r.measured_from).in_weeks();
    CHECK(policy_figure(r, "random_sample_signoff", "skipped_no_budget") > 0);
    CHECK(e.used.in_hours() <= e.budget.in_hours() + weeks * (20.0 / 60.0) + 1e-9);
    CHECK(e.used.in_hours() >= 0.9 * e.budget.in_hours());  // the budget is in use
  }
}

TEST_CASE("RandomSampleSignoff: bad parameters are errors at the parameter") {
  Scenario s = company().build();
  CHECK_THROWS_WITH_AS(
      make_policy(policy("random_sample_signoff", {{"per_month", "8 per month"}, {"share", "5%"}}), s),
      doctest::Contains("either 'per_month' or 'share'"), ScenarioError);
  CHECK_THROWS_WITH_AS(
      make_policy(policy("random_sample_signoff", {{"direct_stream", "demand2"}}), s),
      doctest::Contains("unknown demand stream 'demand2'"), ScenarioError);
  CHECK_THROWS_WITH_AS(make_policy(policy("random_sample_signoff", {{"desk", "ceo"}}), s),
                       doctest::Contains("is an executive desk"), ScenarioError);
}

}  // namespace
}  // namespace escalsim
