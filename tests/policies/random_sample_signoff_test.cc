// Random-sample sign-off: sampled resolved replies cost executive time, raise frontline
// quality while active, lower direct writing to the executive, and never overspend.
#include <cmath>
#include <memory>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "policies/fake_policy_context.h"
#include "policies/policy.h"
#include "policies/policy_checks.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::FakePolicyContext;
using testing::fixed;
using testing::policy;
using testing::policy_figure;
using testing::ScenarioBuilder;

const double kWeekMin = Duration::weeks(1).in_minutes();

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

TEST_CASE("RandomSampleSignoff: k per month signs the first k resolved replies of each month") {
  Scenario s = company().build();
  auto p = make_policy(policy("random_sample_signoff", {{"per_month", "3 per month"}}), s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  int signed_first = 0;
  for (int i = 0; i < 10; ++i) {
    Complaint c;
    p->route_after_service(ctx, c, 0, true);
    signed_first += c.executive_attention;
  }
  CHECK(signed_first == 3);
  SUBCASE("unresolved replies and other desks are not sampled") {
    ctx.set_now(kMonth.in_minutes() + 1.0);
    Complaint unresolved, at_ceo;
    CHECK(p->route_after_service(ctx, unresolved, 0, false) == kFollowRoutes);
    CHECK(p->route_after_service(ctx, at_ceo, 1, true) == kFollowRoutes);
    CHECK_FALSE(unresolved.executive_attention);
    CHECK_FALSE(at_ceo.executive_attention);
  }
  SUBCASE("a new month signs k more") {
    ctx.set_now(kMonth.in_minutes() + 1.0);
    int signed_second = 0;
    for (int i = 0; i < 10; ++i) {
      Complaint c;
      p->route_after_service(ctx, c, 0, true);
      signed_second += c.executive_attention;
    }
    CHECK(signed_second == 3);
    CHECK(ctx.figures["signed"] == 6);
    CHECK(ctx.figures["signoff_hours"] == doctest::Approx(1.0));  // 6 x 10 min
    CHECK(ctx.spent_min[1] == doctest::Approx(60.0));
  }
}

TEST_CASE("RandomSampleSignoff: with no budget left the sign-off is skipped and uses one of the month's k") {
  Scenario s = company().build();
  auto p = make_policy(policy("random_sample_signoff", {{"per_month", "2 per month"}}), s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  ctx.budget_left = false;
  Complaint a, b, c;
  p->route_after_service(ctx, a, 0, true);
  CHECK_FALSE(a.executive_attention);
  CHECK(ctx.figures["skipped_no_budget"] == 1);
  ctx.budget_left = true;
  p->route_after_service(ctx, b, 0, true);
  p->route_after_service(ctx, c, 0, true);
  CHECK(b.executive_attention);
  CHECK_FALSE(c.executive_attention);  // the month's 2 are used: one skipped, one signed
  CHECK(ctx.figures["signed"] == 1);
  CHECK(ctx.figures["skipped_no_budget"] == 1);
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

TEST_CASE("RandomSampleSignoff: in a run, quality rises and direct writing falls") {
  Scenario base = company(10.0).build();
  Scenario signing = base;
  signing.policies = {policy("random_sample_signoff", {{"per_month", "8 per month"},
                                                       {"quality_gain", "10%"},
                                                       {"direct_stream", "demand1"},
                                                       {"direct_reduction", "50%"}})};
  RunResult before = run_once(base, 0, EngineOptions{.check_invariants = true});
  RunResult after = run_once(signing, 0, EngineOptions{.check_invariants = true});
  double resolved_before = double(before.desks[0].resolved) / before.desks[0].served;
  double resolved_after = double(after.desks[0].resolved) / after.desks[0].served;
  CHECK(resolved_before == doctest::Approx(0.7).epsilon(0.03));
  CHECK(resolved_after == doctest::Approx(0.8).epsilon(0.03));
  // With budget to spare, the first 8 resolved replies of each month are signed within
  // hours of its start: month 0's before the warm-up ends (2 weeks), then months 1 to 4
  // (from day 30.4, 60.9, 91.3 and 121.75 of a 140-day run): 32 signed, 10 minutes each.
  double signed_count = policy_figure(after, "random_sample_signoff", "signed");
  CHECK(signed_count == 32);
  CHECK(policy_figure(after, "random_sample_signoff", "signoff_hours") ==
        doctest::Approx(signed_count / 6.0));
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
