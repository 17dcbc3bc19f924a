// raised_expectations: the visible share of executive attention cuts the "quickly"
// threshold of complainers the executive does not reach. Checked by hand on a fake
// context, and through the escalsim program against the closed-form share resolved
// quickly.
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "escalsim/errors.h"
#include "policies/fake_policy_context.h"
#include "policies/policy_checks.h"
#include "recorders/quickly.h"
#include "testutil.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

Scenario one_desk() {
  return ScenarioBuilder("expectations").horizon(Duration::weeks(3))
      .desk("frontline", 1, exponential(Duration::minutes(10)))
      .demand("frontline", Rate::per_hour(1.0))
      .build();
}

TEST_CASE("RaisedExpectations: by hand, the visible share and the bar") {
  Scenario s = one_desk();
  auto policy = make_policy(testing::policy("raised_expectations", {{"half_life", "1 week"}}), s);
  testing::FakePolicyContext ctx(s);
  policy->start(ctx);
  Complaint first;
  CHECK(policy->entry_desk(ctx, first, 0) == 0);
  CHECK(first.quickly_factor == 1.0f);  // nothing seen yet

  Complaint answered;  // answered in public: visible
  answered.answered_in_public = true;
  policy->on_complaint_end(ctx, answered, FinalState::kResolved);
  Complaint served_private;  // the executive served it, but no one saw
  served_private.touched_executive = true;
  policy->on_complaint_end(ctx, served_private, FinalState::kResolved);
  Complaint served_public;  // a public complaint the executive served: visible
  served_public.is_public = true;
  served_public.touched_executive = true;
  policy->on_complaint_end(ctx, served_public, FinalState::kResolved);
  Complaint ignored;  // public, no attention
  ignored.is_public = true;
  policy->on_complaint_end(ctx, ignored, FinalState::kClosedUnresolved);
  // Visible 2 of 4: the bar is cut by 50% × 0.5.
  Complaint next;
  policy->entry_desk(ctx, next, 0);
  CHECK(next.quickly_factor == doctest::Approx(0.75));
  // A week (one half-life) later both counts halve: 1 of 2; then one more plain ending
  // makes it 1 of 3. A factor already set (another such policy) is multiplied.
  ctx.set_now(7 * 24 * 60.0);
  policy->on_complaint_end(ctx, first, FinalState::kResolved);
  Complaint later;
  later.quickly_factor = 0.5f;
  policy->entry_desk(ctx, later, 0);
  CHECK(later.quickly_factor == doctest::Approx(0.5 * (1.0 - 0.5 / 3.0)));
  CHECK(ctx.figures["arrivals"] == 3.0);
  CHECK(ctx.figures["threshold_cut"] == doctest::Approx(0.25 + 0.5 / 3.0));
}

TEST_CASE("RaisedExpectations: the raised bar spares those the executive reached") {
  CustomerModel model;  // quickly: 1 day
  Complaint c;
  c.quickly_factor = 0.75f;
  CHECK(quickly_threshold_min(model, c) == doctest::Approx(0.75 * 24 * 60));
  c.executive_attention = true;
  CHECK(quickly_threshold_min(model, c) == doctest::Approx(24 * 60));
  Complaint plain;
  CHECK(quickly_threshold_min(model, plain) == 24 * 60.0);
}

TEST_CASE("RaisedExpectations: bad parameters are errors at the parameter") {
  auto error_of = [](std::vector<std::pair<std::string, std::string>> params) -> std::string {
    try {
      make_policy(testing::policy("raised_expectations", std::move(params)), one_desk());
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of({{"half_life", "0 days"}}) ==
        "test.yaml:2:5: 'half_life' must be above 0 (policies[0].raised_expectations.half_life)");
  CHECK(error_of({{"bar_raise", "150%"}}).find("bar_raise") != std::string::npos);
  CHECK(error_of({{"bar_rise", "10%"}}).find("did you mean 'bar_raise'") != std::string::npos);
}

TEST_CASE("escalsim run: complainers judge by the bar the executive's public answers raise") {
  // Half the complaints are public and the CEO answers every one in public, so the visible
  // share is 1/2 and the others judge "quickly" by 24 min × (1 - 50% × 1/2) = 18 min. The
  // front line never queues (20 staff for 1.6 busy) and takes uniform 0-32 min: a public
  // complaint is quick with probability 24/32, a private one 18/32. Resolved quickly:
  // (0.75 + 0.5625) / 2 = 0.65625, against 0.75 without the policy.
  testing::TempDir dir;
  const std::string scenario =
      "run: {name: expectations, horizon: 12 weeks, warmup: 4 weeks, seed: 7, replications: 20}\n"
      "demand: {rate: 6 per hour, public_share: 50%}\n"
      "desks:\n"
      "  frontline: {staff: 20, handle_time: {distribution: uniform, min: 0 min, max: 32 min},\n"
      "              resolution: 1}\n"
      "  ceo: {handle_time: 30 min, budget: 168 h per week}\n"
      "routes: [{from: frontline, to: ceo, when: unresolved, probability: 1}]  # never taken\n"
      "customers: {quickly: 24 min}\n"
      "policies:\n"
      "  - public_replies: {executive: ceo, share: 100%, time_per_reply: 1 min,\n"
      "                     visibility_per_reply: 0}\n";
  testing::write_file(dir.path() / "plain.yaml", scenario);
  testing::write_file(dir.path() / "raised.yaml",
                      scenario + "  - raised_expectations: {bar_raise: 50%}\n");
  for (const char* name : {"plain", "raised"}) {
    const testing::Outcome o = testing::run_program(
        dir.path(), fmt::format("run {}.yaml --out {}", name, name));
    INFO(o.err);
    REQUIRE(o.status == 0);
  }
  const auto quick = [&](const char* name) {
    return testing::figure_per_replication(testing::read_file(dir.path() / name / "results.csv"), "customers",
                           "resolved_quickly_share");
  };
  for (const auto& variant :
       std::vector<std::pair<const char*, double>>{{"plain", 0.75}, {"raised", 0.65625}}) {
    const std::string name = variant.first;
    const double expected = variant.second;
    CAPTURE(name);
    const std::vector<double> shares = quick(name.c_str());
    REQUIRE(shares.size() == 20);
    double mean = 0.0, var = 0.0;
    for (double x : shares) mean += x / 20.0;
    for (double x : shares) var += (x - mean) * (x - mean) / 19.0;
    const double half_width = 3.88 * std::sqrt(var / 20.0);  // t, 19 df, 99.9%
    MESSAGE(name << ": " << mean << " +- " << half_width);
    CHECK(half_width < 0.01);
    CHECK(std::abs(mean - expected) < half_width);
  }
}

}  // namespace
}  // namespace escalsim
