// The scenario loader as a whole: defaults, units, overrides, errors, hostile input, bounds
// and the checks across sections. Each section has its own test (load_<section>_test.cc).
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

TEST_CASE("ScenarioLoader: a minimal file gets every documented default") {
  Scenario s = load_scenario_text(kMinimal, "scenarios/my-case.yaml");
  CHECK(s.run.name == "my-case");
  CHECK(s.run.description.empty());
  CHECK(s.run.horizon.in_weeks() == doctest::Approx(4));
  CHECK(s.run.warmup.in_minutes() == 0);
  CHECK(s.run.seed == 1);
  CHECK(s.run.replications == 1);
  CHECK(s.run.sample_interval.in_days() == doctest::Approx(1));

  REQUIRE(s.demand.size() == 1);
  const auto& d = s.demand[0];
  CHECK(d.name == "demand");
  CHECK(d.enters_desk == 0);
  CHECK(d.rate.in_per_hour() == doctest::Approx(5.0));
  CHECK(d.pattern.name == "flat");
  CHECK(d.pattern.weight[0] == doctest::Approx(1.0));
  CHECK(d.surges.empty());
  REQUIRE(s.channels == std::vector<std::string>{"web"});
  CHECK(d.channel_share == std::vector<double>{1.0});
  CHECK(d.severity_share[0] == 1.0);
  CHECK(d.severity_share[3] == 0.0);
  CHECK(d.public_share == 0.0);
  REQUIRE(s.segments.size() == 1);
  CHECK(s.segments[0].name == "all");
  CHECK(s.segments[0].value_per_year == 0.0);
  CHECK(d.segment_share == std::vector<double>{1.0});

  REQUIRE(s.desks.size() == 1);
  const auto& desk = s.desks[0];
  CHECK(desk.name == "frontline");
  CHECK(desk.staff == 20);
  CHECK(desk.shifts.empty());
  CHECK(desk.handle_time.kind == Distribution::Kind::kExponential);
  CHECK(desk.handle_time.mean.in_minutes() == doctest::Approx(25));
  CHECK_FALSE(desk.patience.has_value());
  CHECK(desk.resolution_probability[2] == 1.0);
  CHECK(desk.discipline == QueueDiscipline::kFifo);
  CHECK_FALSE(desk.queue_limit.has_value());
  CHECK_FALSE(desk.is_executive());
  CHECK(desk.where.line == 6);
  CHECK(desk.where.column == 3);
  CHECK(desk.where.key_path == "desks.frontline");
  CHECK(s.routes.empty());

  CHECK(s.source_path == "scenarios/my-case.yaml");
  CHECK(s.source_text == kMinimal);
  CHECK(s.overrides.empty());
}

TEST_CASE("ScenarioLoader: every duration unit spelling converts to minutes") {
  struct Case {
    const char* text;
    double minutes;
  };
  const Case cases[] = {
      {"30 s", 0.5},        {"30 sec", 0.5},     {"90 seconds", 1.5},  {"1 second", 1.0 / 60},
      {"25 min", 25},       {"25min", 25},       {"1 minute", 1},      {"2 minutes", 2},
      {"2 h", 120},         {"1.5 hours", 90},   {"1 hour", 60},       {"2 hr", 120},
      {"1 day", 1440},      {"3 days", 4320},    {"1 week", 10080},    {"2 weeks", 20160},
      {"0.25 h", 15},       {"1e1 min", 10},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Scenario s = with_desk(std::string("    staff: 1\n    handle_time: ") + c.text + "\n");
    CHECK(s.desks[0].handle_time.mean.in_minutes() == doctest::Approx(c.minutes));
  }
}

TEST_CASE("ScenarioLoader: overrides change values before they are checked") {
  const std::string text = R"(run:
  horizon: 4 weeks
demand:
  rate: 120 per day
desks:
  frontline: {staff: 20, handle_time: 25 min}
  ceo:
    budget: 3 h per week
    handle_time: 30 min
routes:
  - {from: frontline, to: ceo, probability: 0.1}
)";
  SUBCASE("scalars anywhere, a new leaf key, and list items by index") {
    Scenario s = load_scenario_text(
        text, "s.yaml",
        {"desks.ceo.budget=5 h per week", "routes.0.probability=0.3", "run.seed=7",
         "run.warmup=1 week", "routes[0].when=unresolved", "desks.frontline.handle_time='10 min'"});
    CHECK(s.desks[1].executive->per_week->in_hours() == doctest::Approx(5));
    CHECK(s.routes[0].probability == doctest::Approx(0.3));
    CHECK(s.routes[0].condition == RouteCondition::kUnresolved);
    CHECK(s.run.seed == 7);
    CHECK(s.run.warmup.in_weeks() == doctest::Approx(1));
    CHECK(s.desks[0].handle_time.mean.in_minutes() == doctest::Approx(10));
    CHECK(s.overrides.size() == 6);
    CHECK(s.overrides[2] == "run.seed=7");
    CHECK(s.source_text == text);
  }
  SUBCASE("an executive budget sits on the desk and takes --set like any desk key") {
    Scenario s = load_scenario_text(text, "s.yaml", {"desks.ceo.budget=5 h per week"});
    REQUIRE(s.desks[1].is_executive());
    CHECK(s.desks[1].executive->per_week->in_hours() == doctest::Approx(5));
    CHECK(s.desks[1].staff == 1);
    CHECK(s.overrides == std::vector<std::string>{"desks.ceo.budget=5 h per week"});
  }
  SUBCASE("a bad executive budget from --set is checked like the file's") {
    CHECK(error_of(text, {"desks.ceo.budget=5 h per day"}) ==
          "--set:1:18: expected a time budget like '3 h per week', got '5 h per day' "
          "(desks.ceo.budget)");
    CHECK(error_of(text, {"desks.ceo.budgt=5 h per week"}) ==
          "--set:1:11: unknown key 'budgt', did you mean 'budget'? (desks.ceo.budgt)");
  }
  SUBCASE("--set can make a desk an executive desk by giving it a budget") {
    Scenario s = load_scenario_text(text, "s.yaml",
                                    {"desks.frontline.budget=2 h per week",
                                     "desks.frontline.staff=1"});
    REQUIRE(s.desks[0].is_executive());
    CHECK(s.desks[0].executive->per_week->in_hours() == doctest::Approx(2));
  }
  SUBCASE("a bad value is reported at the override with its column") {
    CHECK(error_of(text, {"run.seed=7", "desks.ceo.handle_time=30"}) ==
          "--set:2:23: expected a duration like '25 min' or '2 h', got '30' (desks.ceo.handle_time)");
  }
  SUBCASE("an unknown intermediate key gets a suggestion") {
    CHECK(error_of(text, {"desks.frontlin.staff=3"}) ==
          "--set:1:7: no key 'frontlin' in 'desks', did you mean 'frontline'? (desks.frontlin)");
  }
  SUBCASE("an unknown new leaf is caught like an unknown key in the file") {
    CHECK(error_of(text, {"run.warmpu=1 week"}) ==
          "--set:1:5: unknown key 'warmpu', did you mean 'warmup'? (run.warmpu)");
  }
  SUBCASE("an override without '=' is malformed") {
    CHECK(error_of(text, {"run.seed"}) ==
          "--set:1:1: expected key.path=value (e.g. run.seed=7), got 'run.seed'");
  }
  SUBCASE("an index past the end of a list") {
    CHECK(error_of(text, {"routes.3.probability=0.5"}) ==
          "--set:1:8: 'routes' is a list of 1; expected an index from 0 to 0, got '3' (routes)");
  }
  SUBCASE("a path through a single value") {
    CHECK(error_of(text, {"run.horizon.low=3"}) ==
          "--set:1:13: 'run.horizon' holds a single value, so it has no 'low' inside (run.horizon)");
  }
  SUBCASE("an unknown top-level key") {
    CHECK(error_of(text, {"rnu.seed=3"}) ==
          "--set:1:1: no key 'rnu' in the file, did you mean 'run'? (rnu)");
  }
  SUBCASE("a value with NaN is refused like in the file") {
    CHECK(error_of(text, {"routes.0.probability=.nan"}) ==
          "--set:1:22: not-a-number '.nan' is not allowed (routes[0].probability)");
  }
}

TEST_CASE("ScenarioLoader: hostile inputs give one-line errors and never hang or crash") {
  const char* inputs[] = {",", "[", "{", "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - x",
                          "a: *x", "&a [*a]", "\t", "a:\n\tb: 1", "", "hello", "1e999999",
                          "]", "}", "? ? ? ?", ": :", "'", "\"", "run: !!binary aGVsbG8=",
                          "%YAML 1.2\n---\n", "--- |\n  text\n", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]"};
  for (const char* input : inputs) {
    CAPTURE(input);
    std::string message = error_of(input);
    CHECK(!message.empty());
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.rfind("s.yaml:", 0) == 0);
  }
}

TEST_CASE("ScenarioLoader: errors point at the offending node with 1-based line and column") {
  CHECK(error_of(kMinimal + "  back:\n    staff: 1\n    handle_time: {distribution: gamma, mean: 1 h, shape: -1}\n") ==
        "s.yaml:11:58: the gamma shape must be between 0.001 and 1000000, got '-1' "
        "(desks.back.handle_time.shape)");
  CHECK(error_of("run: {horizon: 1 week}\ndemand: {rate: 1 per hour, severity: {minor: 0.5, serious: 0.6}}\n"
                 "desks: {a: {staff: 1, handle_time: 1 min}}\n") ==
        "s.yaml:2:38: severity shares must sum to 1, got 1.1 (demand.severity)");
  CHECK(error_of("run: {horizon: 1 week}\ndemand: {rate: 1 per hour}\n"
                 "desks: {a: {staff: 1.5, handle_time: 1 min}}\n") ==
        "s.yaml:3:20: expected a whole number, got '1.5' (desks.a.staff)");
  CHECK(error_of("run: {horizon: 1 week}\ndemand: {rate: -3 per hour}\n"
                 "desks: {a: {staff: 1, handle_time: 1 min}}\n") ==
        "s.yaml:2:16: a rate cannot be negative, got '-3 per hour' (demand.rate)");
}

TEST_CASE("ScenarioLoader: a file without policies or customers gets none and the defaults") {
  Scenario s = load_scenario_text(kWithCeo, "s.yaml");
  CHECK(s.policies.empty());
  const escalsim::CustomerModel defaults;
  const escalsim::CustomerModel& m = s.customers;
  CHECK(m.loyal_small == std::array<double, 4>{0.95, 0.70, 0.46, 0.46});
  CHECK(m.loyal_large == std::array<double, 4>{0.82, 0.54, 0.19, 0.19});
  CHECK(m.loyal_no_complaint_small == 0.37);
  CHECK(m.loyal_no_complaint_large == 0.09);
  CHECK(m.quickly_default.in_days() == doctest::Approx(1));
  CHECK(m.quickly_by_channel.empty());
  CHECK(m.executive_attention_bonus == doctest::Approx(0.10));
  CHECK(m.unanswered_public_penalty == doctest::Approx(0.05));
  CHECK(m.large_loss_above_per_year == doctest::Approx(100));
  CHECK(m.return_probability == 0.0);
  CHECK(m.return_delay.in_days() == doctest::Approx(3));
  CHECK(m.return_desk == -1);
  CHECK(m.max_contacts == 3);
  CHECK(m.staff_cost_per_hour == doctest::Approx(30));
  CHECK(m.executive_cost_per_hour == doctest::Approx(500));
  CHECK(m.loyal_small == defaults.loyal_small);
}

TEST_CASE("ScenarioLoader: a desk only a policy sends complaints to is reachable") {
  // No route leads to the CEO: only the open inbox does. Without the policy the same file
  // is rejected, so it is the policy's bypass that makes the desk reachable.
  const std::string base = R"(run: {horizon: 4 weeks}
demand: {rate: 10 per hour}
desks:
  frontline: {staff: 3, handle_time: 10 min}
  ceo: {budget: 3 h per week, handle_time: 30 min}
)";
  CHECK_THROWS_WITH_AS(load_scenario_text(base, "inbox.yaml"),
                       doctest::Contains("desk 'ceo' is unreachable"), ScenarioError);
  Scenario s = load_scenario_text(base + "policies: [{open_inbox: {initial_share: 5%}}]\n",
                                  "inbox.yaml");
  REQUIRE(s.policies.size() == 1);
  escalsim::RunResult r = escalsim::run_once(s, 0);
  CHECK(r.desks[1].arrivals > 0);
}

TEST_CASE("ScenarioLoader: an apostrophe inside a plain scalar is text, not a quote") {
  const std::string text = R"(run:
  horizon: 4 weeks
  description: the '90s call centre, "as it was"
  name: nineties
demand:
  rate: 120 per day
  channels: {web: 0.5, 'phone': 0.5}
desks:
  frontline:
    staff: 20
    handle_time: 25 min
)";
  const Scenario s = load_scenario_text(text, "s.yaml");
  CHECK(s.run.description == "the '90s call centre, \"as it was\"");
  CHECK(s.run.name == "nineties");
  CHECK(s.channels == std::vector<std::string>{"web", "phone"});
  SUBCASE("and a quoted value still hides what looks like a comment or a bracket") {
    const Scenario q = load_scenario_text(
        kMinimal + "  back:\n    staff: &n 2\n    handle_time: '25 min' # it's a comment\n"
                   "routes: [{from: frontline, to: back}]\n",
        "s.yaml", {"run.description=it's [not # a comment"});
    CHECK(q.desks[1].staff == 2);
    CHECK(q.run.description == "it's [not # a comment");
  }
}

TEST_CASE("ScenarioLoader: UTF-8 text loads, a stray Latin-1 byte is named where it is") {
  const Scenario s =
      load_scenario_text(kMinimal + "# Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n", "s.yaml");
  CHECK(s.desks.size() == 1);
  CHECK(error_of("run:\n  horizon: 4 weeks\n  description: caf\xe9\n") ==
        "s.yaml:3:19: the file is not UTF-8: byte 0xE9 starts no UTF-8 character (Latin-1 or "
        "Windows-1252 text?); save the scenario as UTF-8");
  // Columns count characters: the é before the bad byte is one.
  CHECK(error_of("# \xc3\xa9\xff\n").rfind("s.yaml:1:4: the file is not UTF-8: byte 0xFF", 0) == 0);
  // An overlong '/' and a UTF-16 surrogate are not UTF-8 either.
  CHECK(error_of("# \xc0\xaf\n").rfind("s.yaml:1:3: the file is not UTF-8: byte 0xC0", 0) == 0);
  CHECK(error_of("# \xed\xa0\x80\n").rfind("s.yaml:1:3: the file is not UTF-8: byte 0xED", 0) == 0);
}

TEST_CASE("ScenarioLoader: bounds hold exactly at their limits") {
  // At the bound a value loads; just past it, the message quotes the bound.
  const std::string desk = "desks:\n  frontline: ";
  const std::string run = "run: {horizon: 1 day}\ndemand: {rate: 10 per hour}\n";
  CHECK(error_of(run + desk + "{staff: 1000000, handle_time: 1 min}\n") == "");
  CHECK(error_of(run + desk + "{staff: 1000001, handle_time: 1 min}\n") ==
        "s.yaml:4:22: number '1000001' is out of range (at most 1000000) (desks.frontline.staff)");
  CHECK(error_of(run + desk + "{staff: 1, handle_time: {distribution: gamma, mean: 1 h, "
                              "shape: 0.001}}\n") == "");
  CHECK(error_of(run + desk + "{staff: 1, handle_time: {distribution: lognormal, mean: 1 min, "
                              "sd: 1000 min}}\n") == "");
  CHECK(error_of(run + desk + "{staff: 1, handle_time: {distribution: lognormal, mean: 1 min, "
                              "sd: 1001 min}}\n") ==
        "s.yaml:4:81: a lognormal's sd must be at most 1000 times its mean ('1 min'), got "
        "'1001 min' (desks.frontline.handle_time.sd)");
  const std::string horizon = "run:\n  horizon: ";
  const std::string rest = "\ndemand:\n  rate: 1 per week\ndesks:\n  a: {staff: 1, handle_time: 1 min}\n";
  CHECK(error_of(horizon + "100000 weeks" + rest) == "");
  CHECK(error_of(horizon + "100001 weeks" + rest) ==
        "s.yaml:2:12: the horizon must be at most 100000 weeks (about 1900 years), got '100001 "
        "weeks' (run.horizon)");
  // The rate bound, written per minute (no exact binary fraction), and the run's total.
  CHECK(error_of("run: {horizon: 1 day}\ndemand: {rate: 16666.666666666667 per minute}\n"
                 "desks: {a: {staff: 1000000, handle_time: 1 min}}\n") == "");
  CHECK(error_of("run: {horizon: 1 day}\ndemand: {rate: 1000001 per hour}\n"
                 "desks: {a: {staff: 1000000, handle_time: 1 min}}\n") ==
        "s.yaml:2:16: a rate must be at most 1000000 per hour, got '1000001 per hour' (demand.rate)");
  CHECK(error_of("run: {horizon: 100 hours}\ndemand: {rate: 1000000 per hour}\n"
                 "desks: {a: {staff: 1000000, handle_time: 1 min}}\n") == "");
  CHECK(error_of("run: {horizon: 101 hours}\ndemand: {rate: 1000000 per hour}\n"
                 "desks: {a: {staff: 1000000, handle_time: 1 min}}\n") ==
        "s.yaml:2:16: this rate brings about 1.01e+08 complaints in one run of the horizon "
        "(surges included); a run handles at most 100000000: lower the rate or shorten the "
        "horizon (demand.rate)");
}
