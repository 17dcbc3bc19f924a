// scenario_at: the scenario at one sweep point is the base with the point's settings applied
// exactly as --set would apply them, and the demand multiplier applied to every stream.
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"

namespace escalsim {
namespace {

const std::string kText = R"(run:
  horizon: 4 weeks
  seed: 5
demand:
  - {name: web, rate: 120 per day, enters: frontline}
  - {name: vip, rate: 12 per day, enters: frontline}
desks:
  frontline:
    staff: 20
    handle_time: 25 min
  ceo:
    budget: 2 h per week
    handle_time: 30 min
routes:
  - {from: frontline, to: ceo, when: unresolved, probability: 0.1}
sweep:
  parameters:
    desks.ceo.budget: ["1 h per week", "4 h per week"]
    desks.frontline.staff: {from: 10, to: 14, step: 2}
    demand_multiplier: [0.5, 3]
)";

SweepPoint point_of(std::vector<std::pair<std::string, std::string>> settings, int index = 0) {
  SweepPoint p;
  p.index = index;
  p.settings = std::move(settings);
  return p;
}

// The fields a sweep parameter can change, compared one by one.
void check_same(const Scenario& a, const Scenario& b) {
  CHECK(a.run.name == b.run.name);
  CHECK(a.run.horizon == b.run.horizon);
  CHECK(a.run.warmup == b.run.warmup);
  CHECK(a.run.seed == b.run.seed);
  CHECK(a.run.replications == b.run.replications);
  REQUIRE(a.desks.size() == b.desks.size());
  for (std::size_t i = 0; i < a.desks.size(); ++i) {
    CHECK(a.desks[i].name == b.desks[i].name);
    CHECK(a.desks[i].staff == b.desks[i].staff);
    CHECK(a.desks[i].handle_time.mean == b.desks[i].handle_time.mean);
    CHECK(a.desks[i].is_executive() == b.desks[i].is_executive());
    if (a.desks[i].is_executive() && b.desks[i].is_executive()) {
      CHECK(a.desks[i].executive->per_week == b.desks[i].executive->per_week);
    }
  }
  REQUIRE(a.demand.size() == b.demand.size());
  for (std::size_t i = 0; i < a.demand.size(); ++i) {
    CHECK(a.demand[i].rate.in_per_hour() == doctest::Approx(b.demand[i].rate.in_per_hour()));
  }
  REQUIRE(a.routes.size() == b.routes.size());
  for (std::size_t i = 0; i < a.routes.size(); ++i) {
    CHECK(a.routes[i].probability == b.routes[i].probability);
    CHECK(a.routes[i].to == b.routes[i].to);
  }
}

TEST_CASE("SweepPoint: scenario_at gives the same scenario as --set with the point's settings") {
  const Scenario base = load_scenario_text(kText, "s.yaml");
  REQUIRE(base.sweep.has_value());
  REQUIRE(base.sweep->points.size() == 12);
  for (const SweepPoint& point : base.sweep->points) {
    CAPTURE(point.index);
    std::vector<std::string> overrides;
    double multiplier = 1.0;
    for (const auto& [key, value] : point.settings) {
      if (key == kDemandMultiplier) {
        multiplier = std::stod(value);
      } else {
        overrides.push_back(key + "=" + value);
      }
    }
    Scenario by_set = load_scenario_text(kText, "s.yaml", overrides);
    for (DemandStream& stream : by_set.demand) stream.rate = stream.rate * multiplier;
    check_same(scenario_at(base, point), by_set);
  }
  SUBCASE("the settings really change the scenario") {
    const Scenario last = scenario_at(base, base.sweep->points.back());
    CHECK(last.desks[1].executive->per_week->in_hours() == doctest::Approx(4));
    CHECK(last.desks[0].staff == 14);
    CHECK(last.demand[0].rate.in_per_hour() == doctest::Approx(5.0 * 3));
  }
}

TEST_CASE("SweepPoint: the demand multiplier multiplies every demand stream's rate") {
  const Scenario base = load_scenario_text(kText, "s.yaml");
  const Scenario half = scenario_at(base, point_of({{"demand_multiplier", "0.5"}}));
  REQUIRE(half.demand.size() == 2);
  CHECK(half.demand[0].rate.in_per_hour() == doctest::Approx(2.5));
  CHECK(half.demand[1].rate.in_per_hour() == doctest::Approx(0.25));
  const Scenario more = scenario_at(base, point_of({{"demand_multiplier", "16"}}));
  CHECK(more.demand[0].rate.in_per_hour() == doctest::Approx(80));
  CHECK(more.demand[1].rate.in_per_hour() == doctest::Approx(8));
  // Everything else is the base's.
  CHECK(more.desks[0].staff == 20);
  CHECK(more.desks[1].executive->per_week->in_hours() == doctest::Approx(2));
}

TEST_CASE("SweepPoint: the scenario at a point has no sweep and keeps the base's provenance") {
  const Scenario base = load_scenario_text(kText, "s.yaml", {"run.seed=9"});
  const Scenario at = scenario_at(base, base.sweep->points.at(3));
  CHECK_FALSE(at.sweep.has_value());
  CHECK(at.source_path == "s.yaml");
  CHECK(at.source_text == kText);
  CHECK(at.overrides == std::vector<std::string>{"run.seed=9"});
  SUBCASE("the base's overrides still apply") { CHECK(at.run.seed == 9); }
  SUBCASE("a point does not depend on the points before it") {
    const Scenario again = scenario_at(base, base.sweep->points.at(3));
    check_same(at, again);
  }
}

TEST_CASE("SweepPoint: a point made by hand is checked like --set, naming the point") {
  const Scenario base = load_scenario_text(kText, "s.yaml");
  try {
    scenario_at(base, point_of({{"desks.frontline.staff", "0"}}, 7));
    FAIL("expected an error");
  } catch (const ScenarioError& e) {
    const std::string message = e.what();
    CHECK(message.rfind("s.yaml:17:3: sweep point 7 (desks.frontline.staff=0) is not a valid scenario: "
                        "--set:1:23: ",
                        0) == 0);
  }
  SUBCASE("a value from the sweep section is reported there") {
    Scenario edited = base;
    edited.sweep->parameters[1].values[0] = "ten";  // as if the file said so
    try {
      scenario_at(edited, point_of({{"desks.frontline.staff", "ten"}}));
      FAIL("expected an error");
    } catch (const ScenarioError& e) {
      CHECK(std::string(e.what()) ==
            "s.yaml:19:28: expected a whole number, got 'ten' (sweep.parameters.desks.frontline.staff[0])");
    }
  }
  SUBCASE("a bad demand multiplier") {
    CHECK_THROWS_WITH_AS(scenario_at(base, point_of({{"demand_multiplier", "-1"}})),
                         doctest::Contains("a demand multiplier must be more than 0, got '-1'"),
                         ScenarioError);
  }
}

}  // namespace
}  // namespace escalsim
