// The `routes:` section: desks, conditions and probabilities.
#include <array>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "scenario/loader_test_helpers.h"

using namespace escalsim;
using namespace escalsim::loader_test;

TEST_CASE("ScenarioLoader: routes read desks, conditions and probabilities") {
  Scenario s = load_scenario_text(R"(run: {horizon: 8 weeks}
demand: {rate: 100 per day}
desks:
  frontline: {staff: 10, handle_time: 20 min}
  specialists: {staff: 3, handle_time: 1 h}
  ceo: {budget: 3 h per week, handle_time: 30 min}
routes:
  - {from: frontline, to: specialists, when: unresolved, probability: 0.15}
  - {from: specialists, to: ceo, when: {severity_at_least: serious}, probability: 20%}
  - {from: frontline, to: ceo, when: {waited_longer_than: 3 days}, probability: 0.05}
  - {from: specialists, to: exit, probability: 0.5}
  - {from: specialists, to: exit, when: resolved, probability: 0.3}
  - {from: ceo, to: exit, when: public, probability: 0.5}
  - {from: ceo, to: exit, when: always, probability: 0.5}
)",
                                  "s.yaml");
  REQUIRE(s.routes.size() == 7);
  CHECK(s.routes[0].from == 0);
  CHECK(s.routes[0].to == 1);
  CHECK(s.routes[0].condition == RouteCondition::kUnresolved);
  CHECK(s.routes[0].probability == doctest::Approx(0.15));
  CHECK(s.routes[1].condition == RouteCondition::kSeverityAtLeast);
  CHECK(s.routes[1].min_severity == Severity::kSerious);
  CHECK(s.routes[1].probability == doctest::Approx(0.2));
  CHECK(s.routes[2].condition == RouteCondition::kWaitedLongerThan);
  CHECK(s.routes[2].waited.in_days() == doctest::Approx(3));
  CHECK(s.routes[2].probability == doctest::Approx(0.05));
  CHECK(s.routes[3].from == 1);
  CHECK(s.routes[3].to == escalsim::kExit);
  CHECK(s.routes[3].condition == RouteCondition::kAlways);
  CHECK(s.routes[4].condition == RouteCondition::kResolved);
  CHECK(s.routes[5].condition == RouteCondition::kPublic);
  CHECK(s.routes[6].condition == RouteCondition::kAlways);
  CHECK(s.routes[2].where.key_path == "routes[2]");
  CHECK(s.routes[2].where.line == 10);
  CHECK(s.routes[2].where.column == 5);
}
