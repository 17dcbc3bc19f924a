// The `run:` section: settings with their units, the warm-up, the backlog sample interval.
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

TEST_CASE("ScenarioLoader: run settings are read with their units") {
  Scenario s = load_scenario_text(R"(run:
  name: big-week
  description: "A viral week"
  horizon: 52 weeks
  warmup: 4 weeks
  seed: 42
  replications: 10
  sample_interval: 6 h
demand: {rate: 5 per hour}
desks: {frontline: {staff: 1, handle_time: 5 min}}
)",
                                  "x.yaml");
  CHECK(s.run.name == "big-week");
  CHECK(s.run.description == "A viral week");
  CHECK(s.run.horizon.in_weeks() == doctest::Approx(52));
  CHECK(s.run.warmup.in_weeks() == doctest::Approx(4));
  CHECK(s.run.seed == 42);
  CHECK(s.run.replications == 10);
  CHECK(s.run.sample_interval.in_hours() == doctest::Approx(6));
}

TEST_CASE("ScenarioLoader: warmup is a duration or the word auto") {
  SUBCASE("auto asks for an automatic warm-up per replication and leaves warmup at 0") {
    Scenario s = load_scenario_text(
        "run: {horizon: 4 weeks, warmup: auto}\ndemand: {rate: 1 per hour}\n"
        "desks: {a: {staff: 1, handle_time: 1 min}}\n",
        "s.yaml");
    CHECK(s.run.warmup_auto);
    CHECK(s.run.warmup.in_minutes() == 0);
  }
  SUBCASE("a fixed warmup leaves warmup_auto off") {
    Scenario s = load_scenario_text(
        "run: {horizon: 4 weeks, warmup: 1 week}\ndemand: {rate: 1 per hour}\n"
        "desks: {a: {staff: 1, handle_time: 1 min}}\n",
        "s.yaml");
    CHECK_FALSE(s.run.warmup_auto);
    CHECK(s.run.warmup.in_weeks() == doctest::Approx(1));
  }
  SUBCASE("--set run.warmup=auto works like the file") {
    Scenario s = load_scenario_text(kMinimal, "s.yaml", {"run.warmup=auto"});
    CHECK(s.run.warmup_auto);
  }
  SUBCASE("a word that is neither says so, with a suggestion when close") {
    CHECK(error_of(kMinimal, {"run.warmup=automatic"}) ==
          "--set:1:12: expected a duration like '2 weeks', or 'auto', got 'automatic' (run.warmup)");
    CHECK(error_of(kMinimal, {"run.warmup=Auto"}) ==
          "--set:1:12: expected a duration like '2 weeks', or 'auto', got 'Auto', did you mean "
          "'auto'? (run.warmup)");
    CHECK(error_of(kMinimal, {"run.warmup=2 weks"}).find("--set:1:12: ") == 0);
  }
}

TEST_CASE("ScenarioLoader: a backlog series too fine for the horizon is coarsened, with a note") {
  SUBCASE("a tiny sample_interval (it used to run out of memory)") {
    const Scenario s = load_scenario_text(
        "run: {horizon: 4 weeks, sample_interval: 1e-300 s}\n" + kMinimal.substr(kMinimal.find("demand:")),
        "s.yaml");
    // 4 weeks / 10000 = 241.92 s: the next whole minute.
    CHECK(s.run.sample_interval == Duration::minutes(5));
    REQUIRE(s.notes.size() == 1);
    CHECK(s.notes[0] ==
          "s.yaml:1:42: sample_interval '1e-300 s' gives 2.42e+306 backlog samples over the "
          "horizon '4 weeks', more than the 10000 a run keeps; coarsened to 5 min "
          "(run.sample_interval)");
  }
  SUBCASE("the default interval on a long horizon") {
    const Scenario s = load_scenario_text(
        "run: {horizon: 10000 weeks}\ndemand: {rate: 1 per day}\n"
        "desks: {a: {staff: 1, handle_time: 1 min}}\n",
        "s.yaml");
    CHECK(s.run.sample_interval == Duration::weeks(1));
    REQUIRE(s.notes.size() == 1);
    CHECK(s.notes[0] ==
          "s.yaml:1:16: the default sample_interval of 1 day gives 70000 backlog samples over the "
          "horizon '10000 weeks', more than the 10000 a run keeps; coarsened to 1 week "
          "(run.sample_interval)");
  }
  SUBCASE("exactly 10000 samples are kept as asked, without a note") {
    const Scenario s = load_scenario_text(
        "run: {horizon: 10000 days}\ndemand: {rate: 1 per day}\n"
        "desks: {a: {staff: 1, handle_time: 1 min}}\n",
        "s.yaml");
    CHECK(s.run.sample_interval == Duration::days(1));
    CHECK(s.notes.empty());
  }
}
