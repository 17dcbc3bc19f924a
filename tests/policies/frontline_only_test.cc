// frontline_only: routes into the executive desk are not taken; the scenario is refused
// when complaints would enter the executive desk directly.
#include <string>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::fixed;
using testing::ScenarioBuilder;

double figure(const RunResult& r, const std::string& scope, const std::string& name) {
  for (const Metric& m : r.extra) {
    if (m.scope == scope && m.name == name) return m.value;
  }
  FAIL("no figure " << scope << "/" << name);
  return 0.0;
}

ExecutiveBudget ten_hours_a_week() {
  ExecutiveBudget b;
  b.per_week = Duration::hours(10);
  return b;
}

// Half the front line's complaints are unresolved and every one of those is routed to the
// CEO, who has time for all of them.
Scenario with_route_to_ceo(RouteCondition condition = RouteCondition::kUnresolved) {
  return ScenarioBuilder("frontline-only").horizon(Duration::weeks(8)).seed(11)
      .desk("frontline", 3, exponential(Duration::minutes(10)))
      .resolution(0.5)
      .desk("ceo", 1, fixed(Duration::minutes(2)))
      .executive(ten_hours_a_week())
      .demand("frontline", Rate::per_hour(6.0))
      .route("frontline", "ceo", 1.0, condition)
      .build();
}

Scenario with_policy(Scenario s) {
  s.policies.push_back(PolicyConfig{"frontline_only", {}, {}});
  return s;
}

TEST_CASE("FrontlineOnly: frontline-only never touches the executive desk") {
  const EngineOptions checked{.check_invariants = true};
  RunResult without = run_once(with_route_to_ceo(), 0, checked);
  RunResult with = run_once(with_policy(with_route_to_ceo()), 0, checked);

  SUBCASE("without the policy the CEO answers what the front line could not") {
    CHECK(without.desks[1].served > 100);
    CHECK(without.complaints.executive_share > 0.3);
  }
  SUBCASE("with it the CEO sees nothing and spends nothing") {
    CHECK(with.desks[1].arrivals == 0);
    CHECK(with.desks[1].served == 0);
    CHECK(with.complaints.executive_share == 0.0);
    CHECK(with.executives[0].items == 0);
    CHECK(with.executives[0].used.in_minutes() == 0.0);
  }
  SUBCASE("every blocked escalation closes unresolved, and nothing else does") {
    double blocked = figure(with, "policy:frontline_only", "blocked_escalations");
    CHECK(blocked == doctest::Approx(without.desks[1].arrivals));
    CHECK(with.complaints.closed_unresolved == static_cast<std::int64_t>(blocked));
    CHECK(with.complaints.resolution_rate < without.complaints.resolution_rate);
  }
  SUBCASE("the front line sees the same complaints either way (common random numbers)") {
    CHECK(with.desks[0].served == without.desks[0].served);
    CHECK(with.desks[0].resolved == without.desks[0].resolved);
  }
  SUBCASE("conservation holds") {
    const ComplaintResult& c = with.complaints;
    CHECK(c.resolved + c.closed_unresolved + c.abandoned + c.refused + c.open_at_end == c.arrived);
    CHECK(with.invariants.conservation);
  }
}

TEST_CASE("FrontlineOnly: a resolved complaint routed to the executive leaves resolved") {
  Scenario s = with_policy(with_route_to_ceo(RouteCondition::kResolved));
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  CHECK(r.desks[1].arrivals == 0);
  CHECK(r.complaints.resolved == r.desks[0].resolved);
  CHECK(figure(r, "policy:frontline_only", "blocked_escalations") ==
        doctest::Approx(r.desks[0].resolved));
}

TEST_CASE("FrontlineOnly: reports its figure in every run, even with no executive route") {
  Scenario s = ScenarioBuilder("no-ceo").horizon(Duration::weeks(1)).seed(2)
                   .desk("frontline", 2, exponential(Duration::minutes(10)))
                   .demand("frontline", Rate::per_hour(3.0))
                   .build();
  RunResult r = run_once(with_policy(s), 0);
  CHECK(figure(r, "policy:frontline_only", "blocked_escalations") == 0.0);
}

TEST_CASE("FrontlineOnly: a scenario whose demand enters the executive desk is refused") {
  Scenario s = ScenarioBuilder("direct").horizon(Duration::weeks(1))
                   .desk("frontline", 2, exponential(Duration::minutes(10)))
                   .desk("ceo", 1, fixed(Duration::minutes(2)))
                   .executive(ten_hours_a_week())
                   .demand("ceo", Rate::per_hour(1.0))
                   .build();
  PolicyConfig config{"frontline_only", {}, SourceLocation{"s.yaml", 40, 5, "policies[0]"}};
  s.policies.push_back(config);
  CHECK_THROWS_WITH_AS(run_once(s, 0),
                       "s.yaml:40:5: frontline_only: demand 'demand' enters executive desk 'ceo' "
                       "(policies[0])",
                       ScenarioError);
}

TEST_CASE("FrontlineOnly: takes no parameters") {
  Scenario s = with_route_to_ceo();
  s.policies.push_back(PolicyConfig{
      "frontline_only", {PolicyParam{"executive", "ceo", SourceLocation{"s.yaml", 3, 20, "policies[0].executive"}}}, {}});
  CHECK_THROWS_WITH_AS(run_once(s, 0),
                       doctest::Contains("unknown parameter 'executive' of policy 'frontline_only'"),
                       ScenarioError);
}

TEST_CASE("FrontlineOnly: cannot be combined with a policy that escalates to the executive") {
  Scenario s = with_policy(with_route_to_ceo());
  s.policies.push_back(PolicyConfig{
      "escalation_chain", {PolicyParam{"severity_at_least", "serious", {}}}, {}});
  CHECK_THROWS_WITH_AS(run_once(s, 0), doctest::Contains("cannot be combined with 'escalation_chain'"),
                       ScenarioError);
}

}  // namespace
}  // namespace escalsim
