// The `optimise:` section: what it reads, that the simulated scenario ignores it, and its
// errors at their place in the file (more broken files in tests/data/optimise_*.yaml).
#include <string>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/optimise.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"

namespace escalsim {
namespace {

const std::string kBase =
    "run: {horizon: 4 weeks}\n"
    "demand: {rate: 120 per day}\n"
    "desks:\n"
    "  frontline: {staff: 20, handle_time: 25 min}\n"
    "  ceo: {budget: 2 h per week, handle_time: 30 min}\n"
    "routes:\n"
    "  - {from: frontline, to: ceo, when: unresolved, probability: 0.1}\n"
    "service_level: {within: 20 s}\n";

std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "s.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(loaded without error)";
}

TEST_CASE("optimise section: variables, constraints, objective and settings as written") {
  const Scenario s = load_scenario_text(
      kBase +
          "optimise:\n"
          "  vary:\n"
          "    desks.frontline.staff: {from: 10, to: 14, step: 2}\n"
          "    desks.ceo.budget: [1 h per week, 3 h per week]\n"
          "  constraints:\n"
          "    - desks.frontline.service_level_20s >= 80%\n"
          "    - verdict.silo == no\n"
          "  maximise: customers.loyalty_mean\n"
          "  indifference: 0.01\n"
          "  replications: 4\n"
          "  max_replications: 40\n",
      "s.yaml");
  const std::optional<OptimiseSection> section = load_optimise_section(s);
  REQUIRE(section.has_value());
  REQUIRE(section->variables.size() == 2);
  CHECK(section->variables[0].key == "desks.frontline.staff");
  CHECK(section->variables[0].values == std::vector<std::string>{"10", "12", "14"});
  CHECK(section->variables[1].values ==
        std::vector<std::string>{"1 h per week", "3 h per week"});
  REQUIRE(section->constraints.size() == 2);
  CHECK(section->constraints[0].scope == "desk:frontline");
  CHECK(section->constraints[0].metric_names.front() == "service_level_20s");
  CHECK(section->constraints[0].value == doctest::Approx(0.8));
  CHECK(section->constraints[1].on_verdict);
  CHECK(section->objective == "customers.loyalty_mean");
  CHECK(section->maximise);
  CHECK(section->indifference == 0.01);
  CHECK(section->replications == 4);
  CHECK(section->max_replications == 40);
  // The simulated scenario is the same as without the section, and a point of it loads.
  const Scenario plain = load_scenario_text(kBase, "s.yaml");
  CHECK(s.desks.size() == plain.desks.size());
  SweepPoint at;
  at.settings.emplace_back("desks.frontline.staff", "12");
  CHECK(scenario_at(s, at).desks[0].staff == 12);
}

TEST_CASE("optimise section: none, nothing") {
  CHECK_FALSE(load_optimise_section(load_scenario_text(kBase, "s.yaml")).has_value());
}

TEST_CASE("optimise section: errors at their line and column") {
  CHECK(error_of(kBase + "optimise:\n  vary:\n    desks.frontline.staff: {from: 1, to: 3, stp: 1}\n") ==
        "s.yaml:11:45: unknown key 'stp', did you mean 'step'? (optimise.vary.desks.frontline.staff.stp)");
  CHECK(error_of(kBase + "optimise:\n  vary:\n    desks.frontline.staff: 12\n") ==
        "s.yaml:11:28: expected {from: A, to: B, step: S} or a list of values, got '12' "
        "(optimise.vary.desks.frontline.staff)");
  CHECK(error_of(kBase + "optimise:\n  vary:\n    desks.frontline.staff: [10, 12]\n"
                         "  constraints: [verdict.silo == maybe]\n")
            ==
        "s.yaml:12:17: \"verdict.silo == maybe\": a verdict is yes or no, got \"maybe\" "
        "(optimise.constraints[0])");
  CHECK(error_of(kBase + "optimise:\n  vary:\n    desks.frontline.staff: [10, 12]\n"
                         "  minimise: verdict.silo\n")
            .rfind("s.yaml:12:13: 'verdict.silo' is not a figure", 0) == 0);
  CHECK(error_of(kBase + "optimise:\n  vary:\n    desks.frontline.staff: [10, 12]\n"
                         "  replications: 1\n") ==
        "s.yaml:12:17: expected a whole number from 2 to 10000, got '1' (optimise.replications)");
  CHECK(error_of(kBase + "optimise: 3\n").rfind("s.yaml:9:11: expected a map with keys vary", 0) == 0);
}

}  // namespace
}  // namespace escalsim
