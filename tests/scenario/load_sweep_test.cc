// The `sweep:` section: grids, ranges, explicit points, each point checked at load.
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

TEST_CASE("ScenarioLoader: a scenario without a sweep section has no sweep") {
  CHECK_FALSE(load_scenario_text(kMinimal, "s.yaml").sweep.has_value());
}

TEST_CASE("ScenarioLoader: a sweep grid is the cartesian product, the last parameter fastest") {
  Scenario s = load_scenario_text(with_sweep(R"(sweep:
  parameters:
    desks.ceo.budget: ["1 h per week", "2 h per week", "4 h per week"]
    desks.frontline.staff: [10, 12]
)"),
                                  "s.yaml");
  REQUIRE(s.sweep.has_value());
  const escalsim::SweepSpec& sweep = *s.sweep;
  REQUIRE(sweep.parameters.size() == 2);
  CHECK(sweep.parameters[0].key == "desks.ceo.budget");
  CHECK(values_of(sweep.parameters[0]) ==
        std::vector<std::string>{"1 h per week", "2 h per week", "4 h per week"});
  CHECK(sweep.parameters[1].key == "desks.frontline.staff");
  CHECK(values_of(sweep.parameters[1]) == std::vector<std::string>{"10", "12"});
  REQUIRE(sweep.points.size() == 6);
  using Settings = std::vector<std::pair<std::string, std::string>>;
  CHECK(sweep.points[0].settings ==
        Settings{{"desks.ceo.budget", "1 h per week"}, {"desks.frontline.staff", "10"}});
  CHECK(sweep.points[1].settings ==
        Settings{{"desks.ceo.budget", "1 h per week"}, {"desks.frontline.staff", "12"}});
  CHECK(sweep.points[2].settings ==
        Settings{{"desks.ceo.budget", "2 h per week"}, {"desks.frontline.staff", "10"}});
  CHECK(sweep.points[5].settings ==
        Settings{{"desks.ceo.budget", "4 h per week"}, {"desks.frontline.staff", "12"}});
  for (std::size_t i = 0; i < sweep.points.size(); ++i) CHECK(sweep.points[i].index == static_cast<int>(i));
  SUBCASE("each value remembers where it was written, for messages") {
    const escalsim::SourceLocation& w = sweep.parameters[0].where.at(2);
    CHECK(w.file == "s.yaml");
    CHECK(w.line == 18);
    CHECK(w.column == 56);
    CHECK(w.key_path == "sweep.parameters.desks.ceo.budget[2]");
    CHECK(sweep.where.key_path == "sweep");
  }
  SUBCASE("the defaults: replications from run, common random numbers on") {
    CHECK_FALSE(sweep.replications.has_value());
    CHECK(sweep.common_random_numbers);
  }
  SUBCASE("the base scenario is the file without the sweep applied") {
    CHECK(s.desks[1].executive->per_week->in_hours() == doctest::Approx(2));
    CHECK(s.desks[0].staff == 20);
  }
}

TEST_CASE("ScenarioLoader: sweep replications and common random numbers are read") {
  Scenario s = load_scenario_text(with_sweep(R"(sweep:
  replications: 10
  common_random_numbers: false
  parameters:
    desks.frontline.staff: [10]
)"),
                                  "s.yaml");
  REQUIRE(s.sweep.has_value());
  CHECK(s.sweep->replications == 10);
  CHECK_FALSE(s.sweep->common_random_numbers);
  CHECK(s.run.replications == 4);
  CHECK(error_of(with_sweep("sweep:\n  replications: 0\n  parameters: {desks.frontline.staff: [10]}\n"))
            .find("s.yaml:17:17: ") == 0);
  CHECK(error_of(with_sweep("sweep:\n  common_random_numbers: \"true\"\n  parameters: {desks.frontline.staff: [10]}\n")) ==
        "s.yaml:17:26: expected true or false, got 'true' (sweep.common_random_numbers)");
}

TEST_CASE("ScenarioLoader: sweep ranges give exact decimals, with and without units") {
  auto values = [](const std::string& range) {
    Scenario s = load_scenario_text(
        with_sweep("sweep:\n  parameters:\n    " + range + "\n"), "s.yaml");
    return values_of(s.sweep->parameters.at(0));
  };
  SUBCASE("a whole-number step range is inclusive") {
    CHECK(values("desks.frontline.staff: {from: 10, to: 20, step: 2}") ==
          std::vector<std::string>{"10", "12", "14", "16", "18", "20"});
  }
  SUBCASE("a range that does not land on `to` stops before it") {
    CHECK(values("desks.frontline.staff: {from: 10, to: 15, step: 2}") ==
          std::vector<std::string>{"10", "12", "14"});
  }
  SUBCASE("decimal steps print as written, never 0.30000000000000004") {
    CHECK(values("routes.0.probability: {from: 0.1, to: 0.3, step: 0.1}") ==
          std::vector<std::string>{"0.1", "0.2", "0.3"});
    CHECK(values("routes.0.probability: {from: 0, to: 0.7, step: 0.07}").size() == 11);
    CHECK(values("routes.0.probability: {from: 0, to: 0.7, step: 0.07}").back() == "0.7");
  }
  SUBCASE("from, to and step with the same unit give values with that unit") {
    CHECK(values("desks.ceo.budget: {from: 1 h per week, to: 4 h per week, step: 1 h per week}") ==
          std::vector<std::string>{"1 h per week", "2 h per week", "3 h per week", "4 h per week"});
    CHECK(values("desks.ceo.budget: {from: 0.5 h per week, to: 1.5 h per week, step: 0.25 h per week}") ==
          std::vector<std::string>{"0.5 h per week", "0.75 h per week", "1 h per week",
                                   "1.25 h per week", "1.5 h per week"});
  }
  SUBCASE("a unit written without a space keeps that form") {
    CHECK(values("routes.0.probability: {from: 10%, to: 30%, step: 10%}") ==
          std::vector<std::string>{"10%", "20%", "30%"});
  }
  SUBCASE("from equal to to is one value") {
    CHECK(values("desks.frontline.staff: {from: 7, to: 7, step: 1}") == std::vector<std::string>{"7"});
  }
}

TEST_CASE("ScenarioLoader: geometric sweep ranges include both ends") {
  Scenario s = load_scenario_text(
      with_sweep("sweep:\n  parameters:\n    demand_multiplier: {from: 0.25, to: 16, factor: 2}\n"),
      "s.yaml");
  REQUIRE(s.sweep.has_value());
  CHECK(s.sweep->parameters.at(0).key == "demand_multiplier");
  CHECK(values_of(s.sweep->parameters.at(0)) ==
        std::vector<std::string>{"0.25", "0.5", "1", "2", "4", "8", "16"});
  CHECK(s.sweep->points.size() == 7);
  Scenario u = load_scenario_text(
      with_sweep("sweep:\n  parameters:\n    desks.ceo.budget: {from: 1 h per week, to: 16 h per week, "
                 "factor: 2}\n"),
      "s.yaml");
  CHECK(values_of(u.sweep->parameters.at(0)) ==
        std::vector<std::string>{"1 h per week", "2 h per week", "4 h per week", "8 h per week",
                                 "16 h per week"});
  Scenario t = load_scenario_text(
      with_sweep("sweep:\n  parameters:\n    demand_multiplier: {from: 1, to: 2, factor: 1.1}\n"), "s.yaml");
  CHECK(values_of(t.sweep->parameters.at(0)) ==
        std::vector<std::string>{"1", "1.1", "1.21", "1.331", "1.4641", "1.61051", "1.771561",
                                 "1.9487171"});
}

TEST_CASE("ScenarioLoader: explicit sweep points keep their keys in first-point order") {
  Scenario s = load_scenario_text(with_sweep(R"(sweep:
  points:
    - {desks.ceo.budget: "1 h per week", desks.frontline.staff: 12}
    - {desks.frontline.staff: 16, desks.ceo.budget: "4 h per week"}
    - {desks.ceo.budget: "1 h per week", desks.frontline.staff: 16}
)"),
                                  "s.yaml");
  REQUIRE(s.sweep.has_value());
  using Settings = std::vector<std::pair<std::string, std::string>>;
  REQUIRE(s.sweep->points.size() == 3);
  CHECK(s.sweep->points[1].index == 1);
  CHECK(s.sweep->points[1].settings ==
        Settings{{"desks.ceo.budget", "4 h per week"}, {"desks.frontline.staff", "16"}});
  REQUIRE(s.sweep->parameters.size() == 2);
  CHECK(s.sweep->parameters[0].key == "desks.ceo.budget");
  CHECK(values_of(s.sweep->parameters[0]) == std::vector<std::string>{"1 h per week", "4 h per week"});
  CHECK(values_of(s.sweep->parameters[1]) == std::vector<std::string>{"12", "16"});
  CHECK(s.sweep->parameters[1].where.at(1).key_path == "sweep.points[1].desks.frontline.staff");
}

TEST_CASE("ScenarioLoader: every sweep point is checked at load, errors at the value in the sweep") {
  SUBCASE("a bad listed value points at itself") {
    CHECK(error_of(with_sweep(
              "sweep:\n  parameters:\n    desks.ceo.budget: [\"1 h per week\", \"3 h per day\"]\n")) ==
          "s.yaml:18:40: expected a time budget like '3 h per week', got '3 h per day' "
          "(sweep.parameters.desks.ceo.budget[1])");
  }
  SUBCASE("a bad value from a range points at the range") {
    CHECK(error_of(with_sweep(
              "sweep:\n  parameters:\n    desks.frontline.staff: {from: 1, to: 2, step: 0.5}\n")) ==
          "s.yaml:18:28: expected a whole number, got '1.5' (sweep.parameters.desks.frontline.staff[1])");
  }
  SUBCASE("a bad value in a point points at it") {
    CHECK(error_of(with_sweep("sweep:\n  points:\n    - {desks.frontline.staff: 2}\n"
                              "    - {desks.frontline.staff: many}\n")) ==
          "s.yaml:19:31: expected a whole number, got 'many' (sweep.points[1].desks.frontline.staff)");
  }
  SUBCASE("an unknown key on the way gets did-you-mean at the parameter's key") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    desks.frontlne.staff: [2]\n")) ==
          "s.yaml:18:5: no key 'frontlne' in 'desks', did you mean 'frontline'? "
          "(sweep.parameters.desks.frontlne.staff)");
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    run.sede: [2]\n")) ==
          "s.yaml:18:5: unknown key 'sede', did you mean 'seed'? (sweep.parameters.run.sede)");
  }
  SUBCASE("a value that breaks a rule of the file, like warmup within the horizon") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    run.warmup: [1 week, 6 weeks]\n")) ==
          "s.yaml:18:26: the warmup ('6 weeks') must be shorter than the horizon ('4 weeks') "
          "(sweep.parameters.run.warmup[1])");
  }
  SUBCASE("base overrides still read --set, and the sweep's own are located in the file") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    desks.frontline.staff: [2, 0]\n"),
                   {"run.seed=3"}) ==
          "s.yaml:18:32: expected a whole number of at least 1, got '0' "
          "(sweep.parameters.desks.frontline.staff[1])");
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    desks.frontline.staff: [2]\n"),
                   {"run.seed=x"}) == "--set:1:10: expected a whole number, got 'x' (run.seed)");
  }
  SUBCASE("a combination that breaks the organisation graph names the point") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    routes.0.to: [ceo, frontline]\n")).find(
              "s.yaml:17:3: sweep point 1 (routes.0.to=frontline) is not a valid scenario: ") == 0);
  }
  SUBCASE("two spellings of one setting") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    routes.0.to: [ceo]\n    routes[0].to: [exit]\n")) ==
          "s.yaml:19:5: 'routes[0].to' names the same setting as 'routes.0.to' (sweep.parameters.routes[0].to)");
  }
  SUBCASE("a bare word that is not demand_multiplier") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    seed: [1, 2]\n")) ==
          "s.yaml:18:5: unknown parameter 'seed'; a parameter is a key path as for --set (like "
          "'desks.ceo.budget') or 'demand_multiplier' (sweep.parameters.seed)");
  }
  SUBCASE("a single value where a list or range is expected") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    desks.frontline.staff: 12\n")) ==
          "s.yaml:18:28: expected a list of values like [\"1 h per week\", \"2 h per week\"] or a "
          "range like {from: 1, to: 16, step: 1}, got '12' (sweep.parameters.desks.frontline.staff)");
  }
  SUBCASE("an endless geometric range") {
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    demand_multiplier: {from: 1, to: 2, factor: 1.0000001}\n")) ==
          "s.yaml:18:49: this range gives 6931473 values, more than the 100000 a sweep allows; use a "
          "larger factor (sweep.parameters.demand_multiplier.factor)");
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    demand_multiplier: {from: 0, to: 2, factor: 2}\n")) ==
          "s.yaml:18:31: a geometric range starts above 0, got '0' (sweep.parameters.demand_multiplier.from)");
  }
}

TEST_CASE("ScenarioLoader: a sweep over a policy parameter checks each value at its site") {
  const std::string text = kWithCeo + R"(policies:
  - open_inbox: {executive: ceo, half_life: 4 weeks}
sweep:
  parameters:
    policies.0.open_inbox.half_life: [1 week, 2 wekes]
)";
  CHECK(error_of(text).rfind("s.yaml:17:47: ", 0) == 0);
  CHECK(error_of(text).find("(sweep.parameters.policies.0.open_inbox.half_life[1])") !=
        std::string::npos);
}
