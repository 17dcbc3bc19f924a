// Solicit feedback: proactive executive time each week that, after a lag, lowers the rate
// of some complaint types, fading with a half-life.
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

const double kHourMin = 60.0;

ScenarioBuilder company(double budget_hours) {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(budget_hours);
  ScenarioBuilder b("solicit-feedback");
  b.horizon(Duration::weeks(40)).warmup(Duration::weeks(20)).seed(13)
      .desk("frontline", 4, exponential(Duration::minutes(20)))
      .desk("ceo", 1, fixed(Duration::minutes(30)))
      .executive(budget)
      .demand("frontline", Rate::per_week(300), {0.5, 0.3, 0.2, 0.0});
  return b;
}

ComplaintAttributes of(Severity s) {
  ComplaintAttributes a;
  a.severity = s;
  return a;
}

TEST_CASE("SolicitFeedback: an hour spent lowers matching demand after the lag, then fades") {
  Scenario s = company(5).build();
  auto p = make_policy(policy("solicit_feedback", {{"hours_per_week", "2 h per week"},
                                                   {"reduction_per_hour", "5%"},
                                                   {"lag", "1 week"},
                                                   {"half_life", "1 week"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  // The first session is Monday 09:00 of week 0; run just past it, then take every later
  // session's budget away so that only the first one counts.
  ctx.run_until(*p, 9 * kHourMin);
  ctx.budget_left = false;
  CHECK(ctx.spent_min[1] == doctest::Approx(120.0));
  CHECK(ctx.figures["feedback_hours"] == doctest::Approx(2.0));
  const double start = 9 * kHourMin + kWeekMin;  // 2 h x 5% = 10% from here
  ctx.run_until(*p, start - 1.0);
  CHECK(p->demand_factor(ctx, of(Severity::kMinor), 0) == 1.0);
  ctx.run_until(*p, start);
  CHECK(p->demand_factor(ctx, of(Severity::kMinor), 0) == doctest::Approx(0.90));
  CHECK(p->demand_factor(ctx, of(Severity::kModerate), 0) == doctest::Approx(0.90));
  CHECK(p->demand_factor(ctx, of(Severity::kSerious), 0) == 1.0);  // not a falling type
  ctx.run_until(*p, start + kWeekMin);
  CHECK(p->demand_factor(ctx, of(Severity::kMinor), 0) == doctest::Approx(0.95));
  CHECK(ctx.figures["skipped_no_budget"] == 2);  // the sessions of weeks 1 and 2
}

TEST_CASE("SolicitFeedback: the reduction never exceeds max_reduction") {
  Scenario s = company(50).build();
  auto p = make_policy(policy("solicit_feedback", {{"hours_per_week", "10 h"},
                                                   {"reduction_per_hour", "5%"},
                                                   {"max_reduction", "30%"},
                                                   {"lag", "0 min"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  ctx.run_until(*p, 9 * kHourMin);
  CHECK(p->demand_factor(ctx, of(Severity::kMinor), 0) == doctest::Approx(0.70));
}

TEST_CASE("SolicitFeedback: only the named severities and channels fall") {
  Scenario s = company(5).build();
  s.channels = {"email", "phone"};
  auto p = make_policy(policy("solicit_feedback", {{"severities", "serious"},
                                                   {"channels", "phone"},
                                                   {"reduction_per_hour", "10%"},
                                                   {"lag", "0 min"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  ctx.run_until(*p, 9 * kHourMin);
  ComplaintAttributes serious_phone = of(Severity::kSerious);
  serious_phone.channel = 1;
  CHECK(p->demand_factor(ctx, serious_phone, 0) == doctest::Approx(0.9));
  CHECK(p->demand_factor(ctx, of(Severity::kSerious), 0) == 1.0);  // email
  ComplaintAttributes minor_phone = of(Severity::kMinor);
  minor_phone.channel = 1;
  CHECK(p->demand_factor(ctx, minor_phone, 0) == 1.0);
}

TEST_CASE("SolicitFeedback: in a run, minor and moderate complaints fall by mean_reduction") {
  // 1 h a week, 2% an hour, a 4-week lag and 26-week half-life: after 20 weeks the effect
  // is 2% x sum over 16 sessions of 2^-(age/26) ~ 26%, so the measured weeks 20-40 sit at
  // or near the 30% cap for the 80% of demand that is minor or moderate.
  Scenario base = company(5).build();
  Scenario asking = base;
  asking.policies = {policy("solicit_feedback")};
  RunResult before = run_once(base, 0, EngineOptions{.check_invariants = true});
  RunResult after = run_once(asking, 0, EngineOptions{.check_invariants = true});
  double reduction = policy_figure(after, "solicit_feedback", "mean_reduction");
  CHECK(reduction > 0.25);
  CHECK(reduction <= 0.30 + 1e-12);
  CHECK(policy_figure(after, "solicit_feedback", "feedback_hours") == doctest::Approx(20.0));
  CHECK(policy_figure(after, "solicit_feedback", "skipped_no_budget") == 0);
  double fall = 1.0 - double(after.complaints.arrived) / before.complaints.arrived;
  CHECK(fall == doctest::Approx(0.8 * reduction).epsilon(0.15));
  testing::check_conservation_and_little(after);
}

TEST_CASE("SolicitFeedback: a session that starts with budget left is charged in full") {
  // Budget 30 min a week, sessions of 1 h at Monday 09:00 with nothing else using the
  // budget: each starts with budget left and runs over by 30 min (one item's overrun).
  Scenario s = company(0.5).build();
  s.policies = {policy("solicit_feedback", {{"hours_per_week", "1 h"}})};
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  CHECK(policy_figure(r, "solicit_feedback", "feedback_hours") == doctest::Approx(20.0));
  CHECK(r.executives.at(0).overrun.in_hours() == doctest::Approx(10.0));
}

TEST_CASE("SolicitFeedback: a spent budget skips the week's session") {
  // One item a month: the first session of each month is charged, the rest are skipped.
  // Measured sessions fall on day 7k + 0.375 for k = 20..39; months start on days 121.75,
  // 152.19, 182.63, 213.06, 243.5 and 273.94, so sessions 22, 27, 31 and 35 are charged and
  // the other 16 skipped (20 and 21 fall in a month whose item session 18 took).
  Scenario s = company(5).build();
  s.desks[1].executive->per_week.reset();
  s.desks[1].executive->items_per_month = 1;
  s.policies = {policy("solicit_feedback")};
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  CHECK(policy_figure(r, "solicit_feedback", "feedback_hours") == doctest::Approx(4.0));
  CHECK(policy_figure(r, "solicit_feedback", "skipped_no_budget") == 16);
}

TEST_CASE("SolicitFeedback: bad parameters are errors at the parameter") {
  Scenario s = company(5).build();
  CHECK_THROWS_WITH_AS(make_policy(policy("solicit_feedback", {{"severities", "tiny"}}), s),
                       doctest::Contains("unknown severity 'tiny'"), ScenarioError);
  CHECK_THROWS_WITH_AS(make_policy(policy("solicit_feedback", {{"hours_per_week", "1 h per day"}}), s),
                       doctest::Contains("expected a duration"), ScenarioError);
}

}  // namespace
}  // namespace escalsim
