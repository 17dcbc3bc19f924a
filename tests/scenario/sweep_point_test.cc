// scenario_at: the scenario at one sweep point is the base with the point's settings applied
// exactly as --set would apply them, and the demand multiplier applied to every stream.
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/results.h"
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

std::string describe(const SweepPoint& point) {
  std::string out;
  for (const auto& [key, value] : point.settings) out += key + "=" + value + " ";
  return out;
}

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

// A model where each swept parameter is written once, so that a point's values can be written
// in by hand: the front line's staff and handle time, the touch-and-delegate policy's touch
// time (on the complaints the front line leaves to the CEO, passed to the specialists), and
// the demand rate (which a demand multiplier of 0.5 or 2 scales exactly: halving and
// doubling a double lose nothing).
std::string written_model(const std::string& staff, const std::string& handle_time,
                          const std::string& touch_time, const std::string& rate) {
  return fmt::format(
      "run: {{name: by-hand, horizon: 3 days, seed: 17, replications: 2}}\n"
      "demand: {{rate: {}, enters: frontline}}\n"
      "desks:\n"
      "  frontline: {{staff: {}, resolution: 0.7,\n"
      "              handle_time: {{distribution: exponential, mean: {}}}}}\n"
      "  specialists: {{staff: 1, handle_time: 40 min}}\n"
      "  ceo: {{budget: 20 h per week, handle_time: 30 min}}\n"
      "routes:\n"
      "  - {{from: frontline, to: ceo, when: unresolved, probability: 0.3}}\n"
      "policies:\n"
      "  - touch_and_delegate: {{touch_time: {}, delegate_to: specialists}}\n",
      rate, staff, handle_time, touch_time);
}

void check_same_runs(const Scenario& built, const Scenario& by_hand) {
  for (int r = 0; r < by_hand.run.replications; ++r) {
    CAPTURE(r);
    const std::vector<Metric> got = flatten(run_once(built, r));
    const std::vector<Metric> want = flatten(run_once(by_hand, r));
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CAPTURE(want[i].scope);
      CAPTURE(want[i].name);
      CHECK(got[i].name == want[i].name);
      // Bit for bit: a faster way to build the point may not round a figure differently.
      CHECK((got[i].value == want[i].value ||
             (std::isnan(got[i].value) && std::isnan(want[i].value))));
    }
  }
}

TEST_CASE("SweepPoint: each point's scenario runs exactly as a file with its values written in by "
          "hand") {
  const std::map<std::string, std::string> rate_at = {{"0.5", "3 per hour"},
                                                      {"2", "12 per hour"}};
  const std::string text =
      written_model("1", "20 min", "5 min", "6 per hour") +
      "sweep:\n"
      "  parameters:\n"
      "    desks.frontline.staff: [1, 3]\n"
      "    desks.frontline.handle_time.mean: [10 min, 30 min]\n"
      "    policies.0.touch_and_delegate.touch_time: [2 min, 9 min]\n"
      "    demand_multiplier: [0.5, 2]\n";
  const Scenario base = load_scenario_text(text, "by-hand.yaml");
  REQUIRE(base.sweep->points.size() == 16);
  const PointScenarios points(base);
  // Every point, the last first: a point may not depend on those built before it.
  for (auto it = base.sweep->points.rbegin(); it != base.sweep->points.rend(); ++it) {
    const SweepPoint& point = *it;
    CAPTURE(describe(point));
    REQUIRE(point.settings.size() == 4);
    const Scenario by_hand = load_scenario_text(
        written_model(point.settings[0].second, point.settings[1].second,
                      point.settings[2].second, rate_at.at(point.settings[3].second)),
        "by-hand.yaml");
    check_same_runs(points.at(point), by_hand);
    check_same_runs(scenario_at(base, point), by_hand);
  }
  SUBCASE("the values change the runs (the comparison can fail)") {
    const Scenario first = points.at(base.sweep->points.front());
    const Scenario by_hand = load_scenario_text(
        written_model("3", "30 min", "9 min", "12 per hour"), "by-hand.yaml");
    // The first point (staff 1, 10 min, 2 min, half demand) against the last's values.
    const std::vector<Metric> a = flatten(run_once(first, 0));
    const std::vector<Metric> b = flatten(run_once(by_hand, 0));
    REQUIRE(a.size() == b.size());
    int differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i) differ += a[i].value != b[i].value ? 1 : 0;
    CHECK(differ > 0);
  }
}

TEST_CASE("SweepPoint: PointScenarios reports a bad value where scenario_at does") {
  const Scenario base = load_scenario_text(kText, "s.yaml", {"run.seed=9"});
  const PointScenarios points(base);
  Scenario edited = base;
  edited.sweep->parameters[1].values[0] = "ten";  // as if the file said so
  const PointScenarios edited_points(edited);
  const auto message = [](const auto& build) {
    try {
      build();
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  for (const SweepPoint& point :
       {point_of({{"desks.frontline.staff", "0"}}, 7), point_of({{"desks.frontline.staff", "ten"}}),
        point_of({{"demand_multiplier", "-1"}}, 2), point_of({{"desks.nobody.staff", "3"}}, 4)}) {
    CAPTURE(describe(point));
    const std::string want = message([&] { scenario_at(base, point); });
    CHECK(want != "no error");
    CHECK(message([&] { points.at(point); }) == want);
    CHECK(message([&] { edited_points.at(point); }) ==
          message([&] { scenario_at(edited, point); }));
  }
  CHECK(message([&] { edited_points.at(point_of({{"desks.frontline.staff", "ten"}})); }) ==
        "s.yaml:19:28: expected a whole number, got 'ten' "
        "(sweep.parameters.desks.frontline.staff[0])");
}

}  // namespace
}  // namespace escalsim
