// The open inbox: a share bypasses the front line, each public executive reply raises it
// (or each reply, or each service, as raised_by says), and the
// rise fades with a half-life; at 4x demand the executive becomes a silo.
#include <cmath>
#include <memory>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/verdict.h"
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

ExecutiveBudget hours_per_week(double hours) {
  ExecutiveBudget b;
  b.per_week = Duration::hours(hours);
  return b;
}

// A front line (desk 0) and a CEO (desk 1) with 6 hours a week and 20-minute replies.
ScenarioBuilder company(Rate demand) {
  ScenarioBuilder b("open-inbox");
  b.horizon(Duration::weeks(26)).warmup(Duration::weeks(4)).seed(11)
      .desk("frontline", 4, exponential(Duration::minutes(30)))
      .desk("ceo", 1, fixed(Duration::minutes(20)))
      .executive(hours_per_week(6))
      .demand("frontline", demand);
  return b;
}

TEST_CASE("OpenInbox: a reply's rise in the share halves after exactly one half-life") {
  Scenario s = company(Rate::per_week(100)).build();
  auto p = make_policy(policy("open_inbox", {{"initial_share", "0"},
                                             {"share_per_reply", "40%"},
                                             {"half_life", "1 week"},
                                             {"max_share", "100%"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  Complaint c;
  c.is_public = true;
  SUBCASE("before any reply nothing bypasses") {
    ctx.draws = {0.0};
    CHECK(p->entry_desk(ctx, c, 0) == 0);
  }
  SUBCASE("one reply: 40% at once, 20% a half-life later") {
    p->on_served(ctx, c, 1, true);
    ctx.draws = {0.399, 0.401};
    CHECK(p->entry_desk(ctx, c, 0) == 1);
    CHECK(c.bypassed);
    Complaint d;
    CHECK(p->entry_desk(ctx, d, 0) == 0);
    CHECK_FALSE(d.bypassed);
    ctx.run_until(*p, kWeekMin);
    ctx.draws = {0.199, 0.201};
    Complaint e, f;
    CHECK(p->entry_desk(ctx, e, 0) == 1);
    CHECK(p->entry_desk(ctx, f, 0) == 0);
    CHECK(ctx.figures["bypassed"] == 2);
    CHECK(ctx.figures["executive_replies"] == 1);
  }
  SUBCASE("services at other desks do not raise the share") {
    p->on_served(ctx, c, 0, true);
    ctx.draws = {0.001};
    CHECK(p->entry_desk(ctx, c, 0) == 0);
    CHECK(ctx.figures["executive_replies"] == 0);
  }
}

TEST_CASE("OpenInbox: raised_by says which executive services raise the share") {
  // Four services at the executive desk: public resolved, public unresolved (a touch),
  // private resolved, private unresolved; and one public resolved service at the front line.
  Scenario s = company(Rate::per_week(100)).build();
  auto raised = [&](const char* raised_by) {
    std::vector<std::pair<std::string, std::string>> params = {
        {"initial_share", "0"}, {"share_per_reply", "10%"}, {"max_share", "100%"}};
    if (raised_by) params.emplace_back("raised_by", raised_by);
    auto p = make_policy(policy("open_inbox", params), s);
    FakePolicyContext ctx(s);
    p->start(ctx);
    Complaint pub, priv;
    pub.is_public = true;
    p->on_served(ctx, pub, 1, true);
    p->on_served(ctx, pub, 1, false);
    p->on_served(ctx, priv, 1, true);
    p->on_served(ctx, priv, 1, false);
    p->on_served(ctx, pub, 0, true);
    return ctx.figures["executive_replies"];
  };
  CHECK(raised(nullptr) == 1);  // DESIGN.md: each public executive reply
  CHECK(raised("public_replies") == 1);
  CHECK(raised("replies") == 2);
  CHECK(raised("services") == 4);
  CHECK_THROWS_WITH_AS(make_policy(policy("open_inbox", {{"raised_by", "everything"}}), s),
                       doctest::Contains("unknown value 'everything'; values: public_replies, "
                                         "replies, services (policies[0]"),
                       ScenarioError);
}

TEST_CASE("OpenInbox: in a run, only resolved public replies at the executive raise the share") {
  // Everything goes to the CEO (initial share 100%); half the complaints are public and
  // the CEO resolves 60%. The policy's count of share-raising replies must equal the
  // public complaints the CEO resolved, counted from the trace of the same run.
  Scenario s = ScenarioBuilder("open-inbox").horizon(Duration::weeks(6)).seed(5)
                   .desk("frontline", 4, exponential(Duration::minutes(30)))
                   .desk("ceo", 1, fixed(Duration::minutes(20))).resolution(0.6)
                   .executive(hours_per_week(40))
                   .demand("frontline", Rate::per_week(60), {1, 0, 0, 0}, 0.5)
                   .build();
  s.policies = {policy("open_inbox", {{"initial_share", "100%"}, {"max_share", "100%"}})};
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  const double replies = policy_figure(r, "open_inbox", "executive_replies");
  // Binomial(served, 0.5 x 0.6) around the expected count, and well below every resolved one.
  const double served = static_cast<double>(r.desks[1].served);
  CHECK(served > 250);
  CHECK(std::fabs(replies - 0.3 * served) < 5.0 * std::sqrt(served * 0.3 * 0.7));
  CHECK(replies < static_cast<double>(r.desks[1].resolved));
  s.policies = {policy("open_inbox", {{"initial_share", "100%"}, {"max_share", "100%"},
                                      {"raised_by", "replies"}})};
  RunResult every = run_once(s, 0, EngineOptions{.check_invariants = true});
  CHECK(policy_figure(every, "open_inbox", "executive_replies") ==
        static_cast<double>(every.desks[1].resolved));
}

TEST_CASE("OpenInbox: the share never rises above max_share") {
  Scenario s = company(Rate::per_week(100)).build();
  auto p = make_policy(policy("open_inbox", {{"initial_share", "10%"},
                                             {"share_per_reply", "50%"},
                                             {"max_share", "30%"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  Complaint c, d;
  c.is_public = true;
  for (int i = 0; i < 5; ++i) p->on_served(ctx, c, 1, true);
  ctx.draws = {0.299, 0.301};
  CHECK(p->entry_desk(ctx, c, 0) == 1);
  CHECK(p->entry_desk(ctx, d, 0) == 0);
}

TEST_CASE("OpenInbox: only the named channels bypass") {
  Scenario s = company(Rate::per_week(100)).build();
  s.channels = {"email", "social"};
  auto p = make_policy(policy("open_inbox", {{"initial_share", "100%"},
                                             {"max_share", "100%"},
                                             {"channels", "social"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  Complaint email, social;
  social.channel = 1;
  ctx.default_draw = 0.0;
  CHECK(p->entry_desk(ctx, email, 0) == 0);
  CHECK(p->entry_desk(ctx, social, 0) == 1);
}

TEST_CASE("OpenInbox: mean_share is the exact time average over the measured span") {
  // One reply at time 0 with a one-week half-life and a 4-week run: the share is
  // 0.5 * 2^-t, whose average over 4 weeks is 0.5 (15/16) / (4 ln 2).
  Scenario s = company(Rate::per_week(100)).horizon(Duration::weeks(4)).warmup(Duration{}).build();
  auto p = make_policy(policy("open_inbox", {{"initial_share", "0"},
                                             {"share_per_reply", "50%"},
                                             {"half_life", "1 week"},
                                             {"max_share", "100%"}}),
                       s);
  FakePolicyContext ctx(s);
  p->start(ctx);
  Complaint c;
  c.is_public = true;
  p->on_served(ctx, c, 1, true);
  ctx.run_until(*p, 4 * kWeekMin);
  CHECK(ctx.figures["mean_share"] == doctest::Approx(0.5 * (15.0 / 16.0) / (4 * std::log(2.0))));
  CHECK(ctx.timers.empty());  // the last tick is at the horizon
}

TEST_CASE("OpenInbox: with initial_share 100% and no feedback every complaint goes to the executive") {
  Scenario s = company(Rate::per_week(10)).build();
  s.policies = {policy("open_inbox", {{"initial_share", "100%"},
                                      {"share_per_reply", "0"},
                                      {"max_share", "100%"}})};
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  CHECK(r.complaints.arrived > 150);
  CHECK(r.desks[0].arrivals == 0);
  CHECK(r.desks[1].arrivals == r.complaints.arrived);
  CHECK(policy_figure(r, "open_inbox", "bypassed") == doctest::Approx(r.complaints.arrived));
  CHECK(policy_figure(r, "open_inbox", "mean_share") == doctest::Approx(1.0));
  testing::check_conservation_and_little(r);
}

TEST_CASE("OpenInbox: with initial_share 0 and no feedback nothing reaches the executive") {
  Scenario s = company(Rate::per_week(100)).build();
  s.policies = {policy("open_inbox", {{"initial_share", "0"}, {"share_per_reply", "0"}})};
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  CHECK(r.desks[1].arrivals == 0);
  CHECK(policy_figure(r, "open_inbox", "bypassed") == 0);
  CHECK(policy_figure(r, "open_inbox", "executive_replies") == 0);
  CHECK(policy_figure(r, "open_inbox", "mean_share") == 0);
  testing::check_conservation_and_little(r);
}

TEST_CASE("OpenInbox: at 4x demand the executive backlog grows and is a silo, at 1x it does not") {
  // Loop gain at 1x: 100 a week x 0.5% a reply x (1 week / ln 2) = 0.72 < 1, so the share
  // settles near 7%, about 7 replies a week against a capacity of 18. At 4x the gain is
  // 2.9: the share climbs until the CEO is full, then bypass alone brings ~60 a week.
  // Every executive service raises the share here (the company's complaints are private).
  const auto open_inbox = policy("open_inbox", {{"initial_share", "2%"},
                                                {"share_per_reply", "0.5%"},
                                                {"half_life", "1 week"},
                                                {"raised_by", "services"}});
  Scenario one = company(Rate::per_week(100)).build();
  one.policies = {open_inbox};
  Scenario four = company(Rate::per_week(400)).build();
  four.policies = {open_inbox};
  ExperimentOptions options;
  options.replications = 4;
  options.threads = 1;
  options.engine.check_invariants = true;
  ExperimentResult x1 = run_experiment(one, options);
  ExperimentResult x4 = run_experiment(four, options);
  for (int replication = 0; replication < 4; ++replication) {
    CAPTURE(replication);
    const RunResult& r1 = x1.runs[replication];
    const RunResult& r4 = x4.runs[replication];
    const ExecutiveResult& e1 = r1.executives.at(0);
    const ExecutiveResult& e4 = r4.executives.at(0);
    CHECK(std::fabs(e1.backlog_growth_per_week) < 0.5);
    CHECK(e1.used.in_hours() < 0.7 * e1.budget.in_hours());
    CHECK(e4.backlog_growth_per_week > 20.0);
    // Most of the executive's work came by bypass, and the front line has room to spare.
    CHECK(policy_figure(r4, "open_inbox", "bypassed") > 0.9 * r4.desks[1].arrivals);
    CHECK(r4.desks[0].utilisation < 0.5);
    testing::check_conservation_and_little(r1);
    testing::check_conservation_and_little(r4);
  }
  SiloVerdict silo1 = silo_verdict(x1, predict(one));
  SiloVerdict silo4 = silo_verdict(x4, predict(four));
  CAPTURE(fmt::format("{}", fmt::join(silo1.evidence, " | ")));
  CAPTURE(fmt::format("{}", fmt::join(silo4.evidence, " | ")));
  CHECK_FALSE(silo1.silo);
  CHECK(silo4.silo);
  CHECK(silo4.desk == "ceo");
}

TEST_CASE("OpenInbox: bad parameters are errors at the parameter") {
  Scenario s = company(Rate::per_week(100)).build();
  CHECK_THROWS_WITH_AS(make_policy(policy("open_inbox", {{"half_lif", "2 weeks"}}), s),
                       doctest::Contains("unknown parameter 'half_lif'"), ScenarioError);
  CHECK_THROWS_WITH_AS(make_policy(policy("open_inbox", {{"initial_share", "60%"}}), s),
                       doctest::Contains("initial_share must not exceed max_share"), ScenarioError);
  CHECK_THROWS_WITH_AS(make_policy(policy("open_inbox", {{"executive", "frontline"}}), s),
                       doctest::Contains("not an executive desk"), ScenarioError);
}

}  // namespace
}  // namespace escalsim
