// contradicting_replies: a share of executive replies to complaints that had an earlier
// answer send the customer back to a staff desk. Checked by hand on a fake context, by a
// count on a run (every contradiction is one more front-line arrival), and through the
// escalsim program against the closed-form number of front-line visits per complaint.
#include <cmath>
#include <sstream>
#include <numeric>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "policies/fake_policy_context.h"
#include "policies/policy_checks.h"
#include "testutil.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

const EngineOptions kChecked{.check_invariants = true};

// Half the front line's answers fail and go up to the CEO, who resolves everything;
// `direct_per_hour` more complaints write to the CEO straight away.
Scenario company(std::uint64_t seed, double direct_per_hour = 0.0) {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(168);
  ScenarioBuilder b("contradicting");
  b.horizon(Duration::weeks(6)).seed(seed)
      .desk("frontline", 3, exponential(Duration::minutes(10)))
      .resolution(0.5)
      .desk("ceo", 1, exponential(Duration::minutes(5)))
      .executive(budget)
      .demand("frontline", Rate::per_hour(6.0))
      .route("frontline", "ceo", 1.0, RouteCondition::kUnresolved);
  if (direct_per_hour > 0.0) b.demand("ceo", Rate::per_hour(direct_per_hour));
  return b.build();
}

TEST_CASE("ContradictingReplies: by hand, who is sent back") {
  Scenario s = company(1);
  auto policy = make_policy(testing::policy("contradicting_replies", {{"share", "20%"}}), s);
  testing::FakePolicyContext ctx(s);
  policy->start(ctx);
  Complaint c;
  c.visits = 1;  // came straight to the CEO: nothing to contradict, no draw taken
  ctx.draws = {0.0};
  CHECK(policy->route_after_service(ctx, c, 1, true) == kFollowRoutes);
  CHECK(ctx.draws.size() == 1);
  c.visits = 2;  // answered at the front line first
  ctx.draws = {0.19, 0.2, 0.0};
  CHECK(policy->route_after_service(ctx, c, 1, true) == 0);  // 0.19 < 20%: back
  CHECK(policy->route_after_service(ctx, c, 1, false) == kFollowRoutes);  // 0.2: not below
  CHECK(policy->route_after_service(ctx, c, 0, false) == kFollowRoutes);  // not the CEO
  CHECK(ctx.draws.size() == 1);
  c.visits = 1;
  c.contacts = 2;  // a return: the customer was answered before
  CHECK(policy->route_after_service(ctx, c, 1, true) == 0);
  CHECK(ctx.figures["replies_after_an_answer"] == 3.0);
  CHECK(ctx.figures["contradicted"] == 2.0);
  REQUIRE(policy->flows().size() == 1);
  CHECK(policy->flows()[0].from == 1);
  CHECK(policy->flows()[0].to == 0);
}

TEST_CASE("ContradictingReplies: every contradiction is one more front-line visit") {
  for (std::uint64_t seed : {1u, 2u}) {
    CAPTURE(seed);
    Scenario s = company(seed, 1.0);
    s.policies.push_back(testing::policy("contradicting_replies", {{"share", "30%"}}));
    RunResult r = run_once(s, 0, kChecked);
    const double contradicted = testing::policy_figure(r, "contradicting_replies", "contradicted");
    const double after_answer =
        testing::policy_figure(r, "contradicting_replies", "replies_after_an_answer");
    const std::int64_t straight =
        r.executives[0].arrivals_by_way[static_cast<std::size_t>(ArrivalWay::kDemand)];
    CHECK(contradicted > 200);
    // Front-line arrivals: the demand that enters there, plus each contradicted reply.
    const std::int64_t frontline_demand = r.complaints.arrived - straight;
    CHECK(r.desks[0].arrivals == frontline_demand + static_cast<std::int64_t>(contradicted));
    // Executive replies after an answer: every CEO service but those of complaints that
    // came straight to it (served there once: the CEO resolves everything).
    CHECK(after_answer == doctest::Approx(r.desks[1].served - straight).epsilon(0.002));
    testing::check_conservation_and_little(r);
  }
}

TEST_CASE("ContradictingReplies: bad parameters are errors at the parameter") {
  auto error_of = [](std::vector<std::pair<std::string, std::string>> params) -> std::string {
    try {
      make_policy(testing::policy("contradicting_replies", std::move(params)), company(1));
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of({{"back_to", "ceo"}}) ==
        "test.yaml:2:5: 'back_to' must be a staff desk; 'ceo' is an executive desk "
        "(policies[0].contradicting_replies.back_to)");
  CHECK(error_of({{"back_to", "front"}}).find("unknown desk 'front'") != std::string::npos);
  CHECK(error_of({{"share", "130%"}}).find("share") != std::string::npos);
  CHECK(error_of({{"shares", "10%"}}).find("did you mean 'share'") != std::string::npos);
}

// The sum over replications of results.csv's (scope, metric).
double total(const std::string& csv, const std::string& scope, const std::string& metric) {
  const std::vector<double> values = testing::figure_per_replication(csv, scope, metric);
  return std::accumulate(values.begin(), values.end(), 0.0);
}

TEST_CASE("escalsim run: contradicted replies bring customers back to the front line") {
  // The front line resolves r = 50%; the rest go to the CEO, who resolves all but
  // contradicts s = 30%, sending them back. Front-line visits per complaint are geometric:
  // 1 / (1 - s (1 - r)) = 1/0.85 on average (variance s(1-r) / (1 - s(1-r))^2), against 1
  // without the policy.
  testing::TempDir dir;
  testing::write_file(dir.path() / "contradicting.yaml",
                      "run: {name: contradicting, horizon: 4 weeks, seed: 5, replications: 10}\n"
                      "demand: {rate: 12 per hour}\n"
                      "desks:\n"
                      "  frontline: {staff: 4, handle_time: {distribution: exponential, mean: 10 min},\n"
                      "              resolution: 0.5}\n"
                      "  ceo: {handle_time: {distribution: exponential, mean: 5 min},\n"
                      "        budget: 168 h per week, resolution: 1}\n"
                      "routes: [{from: frontline, to: ceo, when: unresolved, probability: 1}]\n"
                      "policies:\n"
                      "  - contradicting_replies: {share: 30%, back_to: frontline}\n");
  const testing::Outcome o = testing::run_program(dir.path(), "run contradicting.yaml --out r");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::string csv = testing::read_file(dir.path() / "r" / "results.csv");
  const double complaints = total(csv, "complaints", "arrived");
  const double open = total(csv, "complaints", "open_at_end");
  const double visits = total(csv, "desk:frontline", "arrivals");
  REQUIRE(complaints > 50000);
  const double q = 0.3 * 0.5;
  const double sd_mean = std::sqrt(q / ((1 - q) * (1 - q)) / complaints);
  // Complaints still open at the horizon have not finished their visits: at most one
  // missing each.
  CHECK(visits / complaints <= 1.0 / (1.0 - q) + 4.0 * sd_mean);
  CHECK((visits + open) / complaints >= 1.0 / (1.0 - q) - 4.0 * sd_mean);
  CHECK(visits / complaints > 1.1);
  CHECK(total(csv, "policy:contradicting_replies", "contradicted") == visits - complaints);
}

}  // namespace
}  // namespace escalsim
