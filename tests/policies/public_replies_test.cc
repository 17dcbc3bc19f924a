// Public replies: the executive answers a share of public complaints in public, each
// answer costs executive time and makes the company more visible, drawing new demand.
#include <cmath>
#include <memory>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
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

// A front line (desk 0) and a CEO (desk 1) with `budget_hours` a week; `public_share` of
// complaints are public.
ScenarioBuilder company(double budget_hours, double public_share) {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(budget_hours);
  ScenarioBuilder b("public-replies");
  b.horizon(Duration::weeks(20)).warmup(Duration::weeks(2)).seed(9)
      .desk("frontline", 4, exponential(Duration::minutes(20)))
      .desk("ceo", 1, fixed(Duration::minutes(30)))
      .executive(budget)
      .demand("frontline", Rate::per_week(200), {1.0, 0.0, 0.0, 0.0}, public_share);
  return b;
}

TEST_CASE("PublicReplies: a picked public complaint is answered in public and keeps its path") {
  Scenario s = company(10, 0.5).build();
  auto p = make_policy(policy("public_replies", {{"share", "30%"}, {"time_per_reply", "15 min"}}), s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  Complaint picked, not_picked, private_one;
  picked.is_public = not_picked.is_public = true;
  ctx.draws = {0.299, 0.301};
  CHECK(p->entry_desk(ctx, picked, 0) == 0);
  CHECK(p->entry_desk(ctx, not_picked, 0) == 0);
  CHECK(picked.executive_attention);
  CHECK_FALSE(not_picked.executive_attention);
  ctx.default_draw = 0.0;
  CHECK(p->entry_desk(ctx, private_one, 0) == 0);
  CHECK_FALSE(private_one.executive_attention);
  CHECK(ctx.spent_min[1] == doctest::Approx(15.0));
  CHECK(ctx.figures["public_replies"] == 1);
  CHECK(ctx.figures["unanswered_public"] == 1);
  SUBCASE("with no budget left a picked complaint goes unanswered") {
    ctx.budget_left = false;
    Complaint c;
    c.is_public = true;
    p->entry_desk(ctx, c, 0);
    CHECK_FALSE(c.executive_attention);
    CHECK(ctx.figures["skipped_no_budget"] == 1);
    CHECK(ctx.figures["unanswered_public"] == 2);
  }
}

TEST_CASE("PublicReplies: each reply draws demand that halves every half-life, up to the cap") {
  Scenario s = company(10, 0.5).build();
  auto p = make_policy(policy("public_replies", {{"share", "100%"},
                                                 {"visibility_per_reply", "10%"},
                                                 {"half_life", "2 weeks"},
                                                 {"max_visibility", "25%"}}),
                       s);
  CHECK(p->max_demand_factor() == doctest::Approx(1.25));
  // No visibility per reply: demand never rises, so the run needs no stream of extra demand.
  CHECK(make_policy(policy("public_replies", {{"visibility_per_reply", "0"}}), s)
            ->max_demand_factor() == 1.0);
  FakePolicyContext ctx(s);
  p->start(ctx);
  ComplaintAttributes a;
  CHECK(p->demand_factor(ctx, a, 0) == 1.0);
  Complaint c;
  c.is_public = true;
  p->entry_desk(ctx, c, 0);
  CHECK(p->demand_factor(ctx, a, 0) == doctest::Approx(1.10));
  ctx.run_until(*p, 2 * kWeekMin);
  CHECK(p->demand_factor(ctx, a, 0) == doctest::Approx(1.05));
  for (int i = 0; i < 5; ++i) p->entry_desk(ctx, c, 0);
  CHECK(p->demand_factor(ctx, a, 0) == doctest::Approx(1.25));  // 0.55 capped at 0.25
}

TEST_CASE("PublicReplies: in a run, visibility raises demand and answers stay within budget") {
  Scenario base = company(10, 0.3).build();
  Scenario answering = base;
  answering.policies = {policy("public_replies", {{"visibility_per_reply", "1%"},
                                                  {"half_life", "1 week"}})};
  RunResult before = run_once(base, 0, EngineOptions{.check_invariants = true});
  RunResult after = run_once(answering, 0, EngineOptions{.check_invariants = true});
  double replies = policy_figure(after, "public_replies", "public_replies");
  double unanswered = policy_figure(after, "public_replies", "unanswered_public");
  double visibility = policy_figure(after, "public_replies", "mean_visibility");
  // About 30% of public complaints answered (the budget of 10 h, 40 answers, is not hit).
  CHECK(replies / (replies + unanswered) == doctest::Approx(0.3).epsilon(0.1));
  CHECK(policy_figure(after, "public_replies", "skipped_no_budget") == 0);
  // About 20 replies a week x 1% x (1 week / ln 2): visibility near 0.29 (the loop gain
  // 200 x 0.3 x 0.3 x 1% x 1.44 = 0.26 raises it a little above the open-loop figure).
  CHECK(visibility > 0.2);
  CHECK(visibility < 0.5);
  double growth = double(after.complaints.arrived) / before.complaints.arrived - 1.0;
  CHECK(growth == doctest::Approx(visibility).epsilon(0.15));
  CHECK(after.executives.at(0).used.in_hours() ==
        doctest::Approx(replies * 0.25).epsilon(1e-9));  // nothing else reaches the CEO
  testing::check_conservation_and_little(after);
}

TEST_CASE("PublicReplies: bad parameters are errors at the parameter") {
  Scenario s = company(10, 0.3).build();
  CHECK_THROWS_WITH_AS(make_policy(policy("public_replies", {{"shar", "30%"}}), s),
                       doctest::Contains("unknown parameter 'shar'"), ScenarioError);
  CHECK_THROWS_WITH_AS(make_policy(policy("public_replies", {{"half_life", "0 min"}}), s),
                       doctest::Contains("half-life above 0"), ScenarioError);
}

}  // namespace
}  // namespace escalsim
