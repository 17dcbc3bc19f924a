// The scenario loader: every key and form of the YAML schema, defaults, overrides.
#include <array>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"

using escalsim::Distribution;
using escalsim::Duration;
using escalsim::load_scenario_text;
using escalsim::QueueDiscipline;
using escalsim::RouteCondition;
using escalsim::Scenario;
using escalsim::ScenarioError;
using escalsim::Severity;
using escalsim::WhenBudgetSpent;

namespace {

const std::string kMinimal = R"(run:
  horizon: 4 weeks
demand:
  rate: 120 per day
desks:
  frontline:
    staff: 20
    handle_time: 25 min
)";

// The message of the ScenarioError that loading `text` throws, or "" if it loads.
std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario_text(text, "s.yaml", overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

// kMinimal with one desk's text replaced, for desk-level tests.
Scenario with_desk(const std::string& desk_body) {
  return load_scenario_text(R"(run:
  horizon: 4 weeks
demand:
  rate: 120 per day
desks:
  frontline:
)" + desk_body,
                            "s.yaml");
}

constexpr double kEps = 1e-9;

}  // namespace

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

TEST_CASE("ScenarioLoader: every rate unit converts to events per hour") {
  struct Case {
    const char* text;
    double per_hour;
  };
  const Case cases[] = {
      {"2 per minute", 120},    {"5 per hour", 5},     {"120 per day", 5},
      {"168 per week", 1},      {"0 per day", 0},      {"24 per day", 1},
      {"730.5 per month", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Scenario s = load_scenario_text(std::string("run: {horizon: 1 week}\ndemand: {rate: ") + c.text +
                                        "}\ndesks: {a: {staff: 1, handle_time: 1 min}}\n",
                                    "s.yaml");
    CHECK(s.demand[0].rate.in_per_hour() == doctest::Approx(c.per_hour));
  }
}

TEST_CASE("ScenarioLoader: a full demand stream is read into the documented fields") {
  Scenario s = load_scenario_text(R"(run: {horizon: 20 weeks}
demand:
  name: customers
  enters: specialists
  rate: 120 per day
  pattern: business_hours
  surges:
    - {start: 10 weeks, duration: 1 week, factor: 3}
    - {start: 12 weeks, duration: 2 days, factor: 0}
  channels: {email: 0.5, phone: 0.3, social: 0.2}
  severity: {minor: 0.5, moderate: 0.3, serious: 0.15, critical: 0.05}
  public_share: 10%
  segments:
    consumer: {share: 0.8, value: 200 per year}
    business: {share: 0.2, value: 5000 per year}
desks:
  frontline: {staff: 2, handle_time: 5 min}
  specialists: {staff: 2, handle_time: 5 min}
routes:
  - {from: specialists, to: frontline, when: unresolved}
)",
                                  "s.yaml");
  const auto& d = s.demand.at(0);
  CHECK(d.name == "customers");
  CHECK(d.enters_desk == 1);
  CHECK(d.pattern.name == "business_hours");
  // 40 open hours a week, normalised to mean 1: each open hour weighs 168/40.
  CHECK(d.pattern.weight[9] == doctest::Approx(4.2));
  CHECK(d.pattern.weight[8] == 0.0);
  CHECK(d.pattern.weight[5 * 24 + 10] == 0.0);
  REQUIRE(d.surges.size() == 2);
  CHECK(d.surges[0].start.in_weeks() == doctest::Approx(10));
  CHECK(d.surges[0].duration.in_weeks() == doctest::Approx(1));
  CHECK(d.surges[0].factor == 3.0);
  CHECK(d.surges[1].factor == 0.0);
  CHECK(s.channels == std::vector<std::string>{"email", "phone", "social"});
  CHECK(d.channel_share == std::vector<double>{0.5, 0.3, 0.2});
  CHECK(d.severity_share[static_cast<int>(Severity::kSerious)] == doctest::Approx(0.15));
  CHECK(d.severity_share[static_cast<int>(Severity::kCritical)] == doctest::Approx(0.05));
  CHECK(d.public_share == doctest::Approx(0.1));
  REQUIRE(s.segments.size() == 2);
  CHECK(s.segments[1].name == "business");
  CHECK(s.segments[1].value_per_year == doctest::Approx(5000));
  CHECK(d.segment_share == std::vector<double>{0.8, 0.2});
  CHECK(d.where.key_path == "demand");
  CHECK(d.where.line == 3);
}

TEST_CASE("ScenarioLoader: a list of demand streams shares channel and segment indexes") {
  Scenario s = load_scenario_text(R"(run: {horizon: 2 weeks}
demand:
  - rate: 10 per day
    channels: {email: 1}
  - name: vip
    rate: 1 per day
    channels: {phone: 0.5, email: 0.5}
    severity: {serious: 1}
    segments: {gold: {share: 1, value: 100 per month}}
  - rate: 2 per day
desks: {frontline: {staff: 2, handle_time: 5 min}}
)",
                                  "s.yaml");
  REQUIRE(s.demand.size() == 3);
  CHECK(s.demand[0].name == "demand1");
  CHECK(s.demand[1].name == "vip");
  CHECK(s.demand[2].name == "demand3");
  CHECK(s.channels == std::vector<std::string>{"email", "phone", "web"});
  CHECK(s.demand[0].channel_share == std::vector<double>{1, 0, 0});
  CHECK(s.demand[1].channel_share == std::vector<double>{0.5, 0.5, 0});
  CHECK(s.demand[2].channel_share == std::vector<double>{0, 0, 1});
  CHECK(s.demand[1].severity_share[0] == 0.0);
  CHECK(s.demand[1].severity_share[2] == 1.0);
  REQUIRE(s.segments.size() == 2);
  CHECK(s.segments[0].name == "all");
  CHECK(s.segments[1].name == "gold");
  CHECK(s.segments[1].value_per_year == doctest::Approx(1200));
  CHECK(s.demand[0].segment_share == std::vector<double>{1, 0});
  CHECK(s.demand[1].segment_share == std::vector<double>{0, 1});
  CHECK(s.demand[1].where.key_path == "demand[1]");
}

TEST_CASE("ScenarioLoader: weekly patterns by name, by day table and by 168 hours") {
  auto pattern_of = [](const std::string& pattern) {
    return load_scenario_text("run: {horizon: 1 week}\ndemand:\n  rate: 1 per hour\n  pattern: " +
                                  pattern + "\ndesks: {a: {staff: 1, handle_time: 1 min}}\n",
                              "s.yaml")
        .demand[0]
        .pattern;
  };
  SUBCASE("flat weighs every hour 1") {
    auto p = pattern_of("flat");
    for (double w : p.weight) CHECK(w == doctest::Approx(1.0));
  }
  SUBCASE("extended hours are Monday to Friday 8 to 20 and Saturday 9 to 17") {
    auto p = pattern_of("extended_hours");
    const double open = 168.0 / (5 * 12 + 8);
    CHECK(p.weight[8] == doctest::Approx(open));
    CHECK(p.weight[19] == doctest::Approx(open));
    CHECK(p.weight[20] == 0.0);
    CHECK(p.weight[5 * 24 + 9] == doctest::Approx(open));
    CHECK(p.weight[5 * 24 + 17] == 0.0);
    CHECK(p.weight[6 * 24 + 12] == 0.0);
  }
  SUBCASE("weekdays are Monday to Friday all day") {
    auto p = pattern_of("weekdays");
    CHECK(p.weight[0] == doctest::Approx(168.0 / 120));
    CHECK(p.weight[5 * 24] == 0.0);
  }
  SUBCASE("a day table leaves missing days at 0 and normalises to mean 1") {
    std::string hours = "[";
    for (int h = 0; h < 24; ++h) hours += (h ? ", " : "") + std::string(h == 12 ? "2" : "1");
    hours += "]";
    auto p = pattern_of("{tue: " + hours + "}");
    CHECK(p.name == "table");
    // Tuesday sums to 25; mean 1 over 168 hours makes each weight w * 168 / 25.
    CHECK(p.weight[24 + 12] == doctest::Approx(2 * 168.0 / 25));
    CHECK(p.weight[24 + 11] == doctest::Approx(168.0 / 25));
    CHECK(p.weight[0] == 0.0);
  }
  SUBCASE("a list of 168 numbers starts at Monday 00:00") {
    std::string hours = "[";
    for (int h = 0; h < 168; ++h) hours += (h ? ", " : "") + std::string(h == 0 ? "1" : "0");
    hours += "]";
    auto p = pattern_of(hours);
    CHECK(p.weight[0] == doctest::Approx(168.0));
    CHECK(p.weight[1] == 0.0);
  }
}

TEST_CASE("ScenarioLoader: shares accept plain numbers and percentages") {
  Scenario s = load_scenario_text(R"(run: {horizon: 1 week}
demand:
  rate: 1 per hour
  channels: {email: 25%, phone: "75 %"}
  public_share: 0.3
desks: {a: {staff: 1, handle_time: 1 min, resolution: 80%}}
)",
                                  "s.yaml");
  CHECK(s.demand[0].channel_share == std::vector<double>{0.25, 0.75});
  CHECK(s.demand[0].public_share == doctest::Approx(0.3));
  CHECK(s.desks[0].resolution_probability[0] == doctest::Approx(0.8));
  CHECK(s.desks[0].resolution_probability[3] == doctest::Approx(0.8));
}

TEST_CASE("ScenarioLoader: every handle-time distribution is read by what a user knows") {
  SUBCASE("a bare duration is exponential with that mean") {
    auto d = with_desk("    staff: 1\n    handle_time: 2 h\n").desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kExponential);
    CHECK(d.mean.in_hours() == doctest::Approx(2));
  }
  SUBCASE("exponential") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: exponential, mean: 10 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kExponential);
    CHECK(d.mean.in_minutes() == doctest::Approx(10));
  }
  SUBCASE("fixed") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: fixed, value: 7 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kFixed);
    CHECK(d.mean.in_minutes() == doctest::Approx(7));
  }
  SUBCASE("uniform") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: uniform, min: 5 min, max: 15 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kUniform);
    CHECK(d.low.in_minutes() == doctest::Approx(5));
    CHECK(d.high.in_minutes() == doctest::Approx(15));
    CHECK(d.expected().in_minutes() == doctest::Approx(10));
  }
  SUBCASE("lognormal by mean and sd") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: lognormal, mean: 20 min, sd: 10 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kLognormal);
    CHECK(d.mean.in_minutes() == doctest::Approx(20));
    CHECK(d.sd.in_minutes() == doctest::Approx(10));
  }
  SUBCASE("gamma by mean and shape") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: gamma, mean: 1 h, shape: 0.5}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kGamma);
    CHECK(d.mean.in_minutes() == doctest::Approx(60));
    CHECK(d.shape == doctest::Approx(0.5));
  }
  SUBCASE("erlang by mean and k") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: erlang, mean: 1 h, k: 3}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kErlang);
    CHECK(d.shape == 3.0);
    CHECK(d.squared_cv() == doctest::Approx(1.0 / 3));
  }
  SUBCASE("empirical from a list") {
    auto d = with_desk("    staff: 1\n    handle_time:\n      distribution: empirical\n"
                       "      values: [5 min, 10 min, 1 h]\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kEmpirical);
    REQUIRE(d.values.size() == 3);
    CHECK(d.values[2].in_minutes() == doctest::Approx(60));
    CHECK(d.expected().in_minutes() == doctest::Approx(25));
  }
}

TEST_CASE("ScenarioLoader: desk options patience, resolution, discipline and queue limit") {
  SUBCASE("patience as a distribution") {
    auto desk = with_desk("    staff: 1\n    handle_time: 5 min\n    patience: 2 h\n").desks[0];
    REQUIRE(desk.patience.has_value());
    CHECK(desk.patience->mean.in_hours() == doctest::Approx(2));
  }
  SUBCASE("patience none") {
    auto desk = with_desk("    staff: 1\n    handle_time: 5 min\n    patience: none\n").desks[0];
    CHECK_FALSE(desk.patience.has_value());
  }
  SUBCASE("resolution per severity") {
    auto desk = with_desk("    staff: 1\n    handle_time: 5 min\n"
                          "    resolution: {minor: 0.9, moderate: 0.8, serious: 0.6, critical: 0.4}\n")
                    .desks[0];
    CHECK(desk.resolution_probability[0] == doctest::Approx(0.9));
    CHECK(desk.resolution_probability[3] == doctest::Approx(0.4));
  }
  SUBCASE("disciplines") {
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    discipline: priority\n").desks[0].discipline ==
          QueueDiscipline::kPriorityBySeverity);
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    discipline: oldest_first\n").desks[0].discipline ==
          QueueDiscipline::kOldestFirst);
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    discipline: fifo\n").desks[0].discipline ==
          QueueDiscipline::kFifo);
  }
  SUBCASE("queue limit, including 0 waiting places") {
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    queue_limit: 100\n").desks[0].queue_limit == 100);
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    queue_limit: 0\n").desks[0].queue_limit == 0);
    CHECK_FALSE(with_desk("    staff: 1\n    handle_time: 5 min\n    queue_limit: none\n").desks[0].queue_limit);
  }
}

TEST_CASE("ScenarioLoader: shifts give days, times of day and staff") {
  auto desk = with_desk(R"(    handle_time: 5 min
    shifts:
      - {days: mon-fri, from: "09:00", to: "17:00", staff: 12}
      - {days: sat, from: "10:00", to: "24:00", staff: 2}
      - {days: [mon, wed], from: "7:30", to: "09:00", staff: 1}
)").desks[0];
  REQUIRE(desk.shifts.size() == 3);
  CHECK(desk.shifts[0].days == std::array<bool, 7>{true, true, true, true, true, false, false});
  CHECK(desk.shifts[0].from.in_hours() == doctest::Approx(9));
  CHECK(desk.shifts[0].to.in_hours() == doctest::Approx(17));
  CHECK(desk.shifts[0].staff == 12);
  CHECK(desk.shifts[1].days == std::array<bool, 7>{false, false, false, false, false, true, false});
  CHECK(desk.shifts[1].to.in_hours() == doctest::Approx(24));
  CHECK(desk.shifts[2].days == std::array<bool, 7>{true, false, true, false, false, false, false});
  CHECK(desk.shifts[2].from.in_minutes() == doctest::Approx(450));
}

TEST_CASE("ScenarioLoader: an executive desk has a budget, windows and a spent rule") {
  Scenario s = load_scenario_text(R"(run: {horizon: 8 weeks}
demand: {rate: 10 per day}
desks:
  frontline: {staff: 3, handle_time: 20 min}
  ceo:
    budget: 3 h per week
    items: 10 per month
    windows: ["mon 08:00-09:00", "fri 16:00-18:00", "tue-thu 12:00-12:30"]
    when_spent: hand_back
    hand_back_to: frontline
    handle_time: 30 min
routes:
  - {from: frontline, to: ceo, when: unresolved, probability: 5%}
)",
                                  "s.yaml");
  const auto& ceo = s.desks.at(1);
  REQUIRE(ceo.is_executive());
  CHECK(ceo.staff == 1);
  CHECK(ceo.handle_time.mean.in_minutes() == doctest::Approx(30));
  const auto& e = *ceo.executive;
  REQUIRE(e.per_week.has_value());
  CHECK(e.per_week->in_hours() == doctest::Approx(3));
  CHECK(e.items_per_month == 10);
  REQUIRE(e.windows.size() == 5);
  CHECK(e.windows[0].day == 0);
  CHECK(e.windows[0].from.in_hours() == doctest::Approx(8));
  CHECK(e.windows[0].to.in_hours() == doctest::Approx(9));
  CHECK(e.windows[1].day == 4);
  CHECK(e.windows[1].to.in_hours() == doctest::Approx(18));
  CHECK(e.windows[2].day == 1);
  CHECK(e.windows[4].day == 3);
  CHECK(e.windows[4].to.in_minutes() == doctest::Approx(12 * 60 + 30));
  CHECK(e.when_spent == WhenBudgetSpent::kHandBack);
  CHECK(e.hand_back_desk == 0);

  SUBCASE("the defaults are any time and wait") {
    Scenario t = load_scenario_text(R"(run: {horizon: 8 weeks}
demand: {rate: 10 per day, enters: ceo}
desks:
  ceo: {items: 4 per month, handle_time: 30 min}
)",
                                    "s.yaml");
    const auto& b = *t.desks[0].executive;
    CHECK_FALSE(b.per_week.has_value());
    CHECK(b.items_per_month == 4);
    CHECK(b.windows.empty());
    CHECK(b.when_spent == WhenBudgetSpent::kWait);
    CHECK(b.hand_back_desk == -1);
    CHECK(t.demand[0].enters_desk == 0);
  }
  SUBCASE("decline") {
    Scenario t = load_scenario_text(R"(run: {horizon: 8 weeks}
demand: {rate: 10 per day}
desks:
  ceo: {budget: 90 min per week, when_spent: decline, handle_time: 30 min}
)",
                                    "s.yaml");
    CHECK(t.desks[0].executive->when_spent == WhenBudgetSpent::kDecline);
    CHECK(t.desks[0].executive->per_week->in_minutes() == doctest::Approx(90));
  }
}

TEST_CASE("ScenarioLoader: executive keys belong to a desk with a budget or items") {
  const std::string desks = R"(run: {horizon: 8 weeks}
demand: {rate: 10 per day}
desks:
  frontline: {staff: 3, handle_time: 20 min}
)";
  SUBCASE("windows, when_spent and hand_back_to need budget or items, at the key") {
    CHECK(error_of(desks + "  back: {staff: 1, handle_time: 1 h, windows: [\"mon 08:00-09:00\"]}\n") ==
          "s.yaml:5:38: 'windows' applies to an executive desk: give the desk a 'budget' or "
          "'items' (desks.back.windows)");
    CHECK(error_of(desks + "  back: {staff: 1, handle_time: 1 h, when_spent: wait}\n") ==
          "s.yaml:5:38: 'when_spent' applies to an executive desk: give the desk a 'budget' or "
          "'items' (desks.back.when_spent)");
    CHECK(error_of(desks + "  back: {staff: 1, handle_time: 1 h, hand_back_to: frontline}\n") ==
          "s.yaml:5:38: 'hand_back_to' applies to an executive desk: give the desk a 'budget' or "
          "'items' (desks.back.hand_back_to)");
  }
  SUBCASE("an executive desk may set staff but not shifts") {
    Scenario s = load_scenario_text(desks + "  ceo: {items: 4 per month, staff: 2, handle_time: 1 h}\n"
                                            "routes: [{from: frontline, to: ceo, probability: 0.1}]\n",
                                    "s.yaml");
    CHECK(s.desks[1].staff == 2);
    CHECK(error_of(desks + "  ceo: {items: 4 per month, handle_time: 1 h, shifts: "
                           "[{days: mon, from: \"09:00\", to: \"10:00\", staff: 1}]}\n") ==
          "s.yaml:5:55: an executive desk works in its windows, not in shifts (desks.ceo.shifts)");
  }
  SUBCASE("hand_back_to names a desk that is not an executive desk, before or after it") {
    CHECK(error_of(desks + "  ceo: {budget: 3 h per week, when_spent: hand_back, hand_back_to: board, "
                           "handle_time: 1 h}\n  board: {items: 1 per month, handle_time: 1 h}\n") ==
          "s.yaml:5:68: 'board' is an executive desk and cannot take complaints back; name a desk "
          "without 'budget' or 'items' (desks.ceo.hand_back_to)");
    CHECK(error_of(desks + "  ceo: {budget: 3 h per week, when_spent: hand_back, hand_back_to: ceo, "
                           "handle_time: 1 h}\n") ==
          "s.yaml:5:68: a desk cannot hand complaints back to itself (desks.ceo.hand_back_to)");
  }
  SUBCASE("a misspelt executive key gets a suggestion from the desk keys") {
    CHECK(error_of(desks + "  ceo: {budgt: 3 h per week, handle_time: 1 h}\n") ==
          "s.yaml:5:9: unknown key 'budgt', did you mean 'budget'? (desks.ceo.budgt)");
  }
}

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

namespace {

// A small company with an executive desk, for the sweep tests; `sweep` is appended.
std::string with_sweep(const std::string& sweep) {
  return R"(run:
  horizon: 4 weeks
  replications: 4
demand:
  - {name: web, rate: 120 per day}
  - {name: phone, rate: 24 per day}
desks:
  frontline:
    staff: 20
    handle_time: 25 min
  ceo:
    budget: 2 h per week
    handle_time: 30 min
routes:
  - {from: frontline, to: ceo, when: always, probability: 0.1}
)" + sweep;
}

std::vector<std::string> values_of(const escalsim::SweepParameter& p) { return p.values; }

}  // namespace

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
          "s.yaml:18:49: this range gives 6931473 values, more than the 10000 a sweep allows; use a "
          "larger factor (sweep.parameters.demand_multiplier.factor)");
    CHECK(error_of(with_sweep("sweep:\n  parameters:\n    demand_multiplier: {from: 0, to: 2, factor: 2}\n")) ==
          "s.yaml:18:31: a geometric range starts above 0, got '0' (sweep.parameters.demand_multiplier.from)");
  }
}

namespace {

// A company with an executive desk and two channels, for policy and customer tests.
const std::string kWithCeo = R"(run:
  horizon: 4 weeks
demand:
  rate: 120 per day
  channels: {email: 0.6, phone: 0.4}
desks:
  frontline: {staff: 20, handle_time: 25 min}
  ceo:
    budget: 3 h per week
    handle_time: 30 min
routes:
  - {from: frontline, to: ceo, when: unresolved, probability: 0.1}
)";

}  // namespace

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

TEST_CASE("ScenarioLoader: policies are bare names or a name mapped to its parameters, in order") {
  Scenario s = load_scenario_text(kWithCeo + R"(policies:
  - solicit_feedback
  - open_inbox: {executive: ceo, initial_share: 2%, share_per_reply: 0.5%, half_life: 4 weeks}
  - open_inbox:
      half_life: 2 weeks
      channels: [email, phone]
)",
                                  "s.yaml");
  REQUIRE(s.policies.size() == 3);

  SUBCASE("a bare name has no parameters and is located at the name") {
    const escalsim::PolicyConfig& p = s.policies[0];
    CHECK(p.name == "solicit_feedback");
    CHECK(p.params.empty());
    CHECK(p.where.file == "s.yaml");
    CHECK(p.where.line == 14);
    CHECK(p.where.column == 5);
    CHECK(p.where.key_path == "policies[0]");
  }
  SUBCASE("a flow map keeps each parameter as written, in order, with its value's location") {
    const escalsim::PolicyConfig& p = s.policies[1];
    CHECK(p.name == "open_inbox");
    CHECK(p.where.line == 15);
    CHECK(p.where.column == 5);
    CHECK(p.where.key_path == "policies[1].open_inbox");
    REQUIRE(p.params.size() == 4);
    CHECK(p.params[0].key == "executive");
    CHECK(p.params[0].value == "ceo");
    CHECK(p.params[1].value == "2%");
    CHECK(p.params[2].value == "0.5%");
    const escalsim::PolicyParam* half_life = p.find("half_life");
    REQUIRE(half_life != nullptr);
    CHECK(half_life->value == "4 weeks");
    CHECK(half_life->where.file == "s.yaml");
    CHECK(half_life->where.line == 15);
    CHECK(half_life->where.column == 87);
    CHECK(half_life->where.key_path == "policies[1].open_inbox.half_life");
    CHECK(p.find("max_share") == nullptr);
  }
  SUBCASE("a block map works the same, and a list value is joined with commas") {
    const escalsim::PolicyConfig& p = s.policies[2];
    CHECK(p.where.line == 16);
    REQUIRE(p.params.size() == 2);
    CHECK(p.params[0].where.line == 17);
    CHECK(p.params[0].where.column == 18);
    CHECK(p.params[1].key == "channels");
    CHECK(p.params[1].value == "email, phone");
    CHECK(p.params[1].where.key_path == "policies[2].open_inbox.channels");
  }
}

TEST_CASE("ScenarioLoader: an empty policies list, and a name with nothing after the colon") {
  CHECK(load_scenario_text(kWithCeo + "policies: []\n", "s.yaml").policies.empty());
  CHECK(load_scenario_text(kWithCeo + "policies:\n", "s.yaml").policies.empty());
  Scenario s = load_scenario_text(kWithCeo + "policies:\n  - frontline_only:\n", "s.yaml");
  REQUIRE(s.policies.size() == 1);
  CHECK(s.policies[0].params.empty());
  CHECK(s.policies[0].where.key_path == "policies[0].frontline_only");
  CHECK(error_of(kWithCeo + "policies:\n  - {}\n") ==
        "s.yaml:14:5: an empty map names no policy; write a name like frontline_only or "
        "{open_inbox: {half_life: 4 weeks}} (policies[0])");
}

TEST_CASE("ScenarioLoader: policies are built at load time, so bad parameters fail the load") {
  SUBCASE("a value the policy cannot parse is reported at the value") {
    CHECK(error_of(kWithCeo + "policies:\n  - open_inbox: {half_life: 4 wekes}\n") ==
          "s.yaml:14:29: expected a duration like '25 min' or '2 h', got '4 wekes' "
          "(policies[0].open_inbox.half_life)");
  }
  SUBCASE("an unknown parameter gets a did-you-mean among the policy's own") {
    CHECK(error_of(kWithCeo + "policies:\n  - open_inbox: {half_lfe: 4 weeks}\n") ==
          "s.yaml:14:28: unknown parameter 'half_lfe' of policy 'open_inbox', did you mean "
          "'half_life'? (policies[0].open_inbox.half_lfe)");
  }
  SUBCASE("a parameter naming an unknown channel, from a joined list") {
    CHECK(error_of(kWithCeo + "policies:\n  - open_inbox: {channels: [email, fax]}\n") ==
          "s.yaml:14:28: unknown channel 'fax'; channels: email, phone "
          "(policies[0].open_inbox.channels)");
  }
}

TEST_CASE("ScenarioLoader: --set reaches into a policy's parameters") {
  const std::string text = kWithCeo + R"(policies:
  - open_inbox: {executive: ceo, half_life: 4 weeks}
)";
  SUBCASE("an existing parameter is replaced, located at the override") {
    Scenario s = load_scenario_text(text, "s.yaml", {"policies.0.open_inbox.half_life=2 weeks"});
    const escalsim::PolicyParam* p = s.policies[0].find("half_life");
    REQUIRE(p != nullptr);
    CHECK(p->value == "2 weeks");
    CHECK(p->where.file == "--set");
    CHECK(p->where.line == 1);
    CHECK(p->where.column == 33);
    CHECK(p->where.key_path == "policies[0].open_inbox.half_life");
  }
  SUBCASE("a new parameter is added, with the bracket spelling too") {
    Scenario s = load_scenario_text(text, "s.yaml", {"policies[0].open_inbox.max_share=40%"});
    REQUIRE(s.policies[0].find("max_share") != nullptr);
    CHECK(s.policies[0].find("max_share")->value == "40%");
  }
  SUBCASE("a bad value from --set is reported at the override by the policy") {
    CHECK(error_of(text, {"policies.0.open_inbox.half_life=2"}) ==
          "--set:1:33: expected a duration like '25 min' or '2 h', got '2' "
          "(policies[0].open_inbox.half_life)");
  }
  SUBCASE("an unknown parameter from --set gets the policy's did-you-mean") {
    CHECK(error_of(text, {"policies.0.open_inbox.half_lif=2 weeks"}).rfind(
              "--set:1:32: unknown parameter 'half_lif' of policy 'open_inbox', did you mean "
              "'half_life'?", 0) == 0);
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

TEST_CASE("ScenarioLoader: the customer model reads every key with its units") {
  Scenario s = load_scenario_text(kWithCeo + R"(customers:
  loyalty:
    small_loss: {resolved_quickly: 90%, resolved_slowly: 0.6, unresolved: 40%, abandoned: 30%, no_complaint: 35%}
    large_loss: {resolved_quickly: 80%, resolved_slowly: 50%, unresolved: 20%, abandoned: 10%, no_complaint: 5%}
  quickly: {email: 2 days, phone: 4 h, default: 12 h}
  large_loss_above: 25 per month
  executive_attention_bonus: 15%
  unanswered_public_penalty: 0.02
  returns: {probability: 30%, delay: 5 days, desk: ceo, max_contacts: 4}
  costs: {staff_per_hour: 25.5, executive_per_hour: 800}
)",
                                  "s.yaml");
  const escalsim::CustomerModel& m = s.customers;
  CHECK(m.loyal_small[0] == doctest::Approx(0.90));
  CHECK(m.loyal_small[1] == doctest::Approx(0.60));
  CHECK(m.loyal_small[2] == doctest::Approx(0.40));
  CHECK(m.loyal_small[3] == doctest::Approx(0.30));
  CHECK(m.loyal_no_complaint_small == doctest::Approx(0.35));
  CHECK(m.loyal_large[0] == doctest::Approx(0.80));
  CHECK(m.loyal_large[1] == doctest::Approx(0.50));
  CHECK(m.loyal_large[2] == doctest::Approx(0.20));
  CHECK(m.loyal_large[3] == doctest::Approx(0.10));
  CHECK(m.loyal_no_complaint_large == doctest::Approx(0.05));
  CHECK(m.quickly_default.in_hours() == doctest::Approx(12));
  REQUIRE(s.channels == std::vector<std::string>{"email", "phone"});
  REQUIRE(m.quickly_by_channel.size() == 2);
  CHECK(m.quickly_by_channel[0].in_days() == doctest::Approx(2));
  CHECK(m.quickly_by_channel[1].in_hours() == doctest::Approx(4));
  CHECK(m.large_loss_above_per_year == doctest::Approx(300));
  CHECK(m.executive_attention_bonus == doctest::Approx(0.15));
  CHECK(m.unanswered_public_penalty == doctest::Approx(0.02));
  CHECK(m.return_probability == doctest::Approx(0.30));
  CHECK(m.return_delay.in_days() == doctest::Approx(5));
  CHECK(m.return_desk == 1);
  CHECK(m.max_contacts == 4);
  CHECK(m.staff_cost_per_hour == doctest::Approx(25.5));
  CHECK(m.executive_cost_per_hour == doctest::Approx(800));
}

TEST_CASE("ScenarioLoader: customer keys left out keep their defaults") {
  SUBCASE("part of a loyalty table") {
    Scenario s = load_scenario_text(
        kWithCeo + "customers:\n  loyalty:\n    large_loss: {unresolved: 25%}\n", "s.yaml");
    CHECK(s.customers.loyal_large == std::array<double, 4>{0.82, 0.54, 0.25, 0.19});
    CHECK(s.customers.loyal_small == std::array<double, 4>{0.95, 0.70, 0.46, 0.46});
    CHECK(s.customers.loyal_no_complaint_large == doctest::Approx(0.09));
  }
  SUBCASE("one quickly threshold for every channel") {
    Scenario s = load_scenario_text(kWithCeo + "customers:\n  quickly: 2 days\n", "s.yaml");
    CHECK(s.customers.quickly_default.in_days() == doctest::Approx(2));
    CHECK(s.customers.quickly_by_channel.empty());
  }
  SUBCASE("channels a quickly map leaves out use its default, or 1 day") {
    Scenario s = load_scenario_text(kWithCeo + "customers:\n  quickly: {phone: 4 h}\n", "s.yaml");
    CHECK(s.customers.quickly_default.in_days() == doctest::Approx(1));
    REQUIRE(s.customers.quickly_by_channel.size() == 2);
    CHECK(s.customers.quickly_by_channel[0].in_days() == doctest::Approx(1));
    CHECK(s.customers.quickly_by_channel[1].in_hours() == doctest::Approx(4));
  }
  SUBCASE("returns without a desk come back where the demand entered") {
    Scenario s = load_scenario_text(kWithCeo + "customers:\n  returns: {probability: 10%}\n",
                                    "s.yaml");
    CHECK(s.customers.return_probability == doctest::Approx(0.1));
    CHECK(s.customers.return_desk == -1);
    CHECK(s.customers.max_contacts == 3);
    CHECK(s.customers.return_delay.in_days() == doctest::Approx(3));
  }
  SUBCASE("an empty customers section") {
    Scenario s = load_scenario_text(kWithCeo + "customers:\n", "s.yaml");
    CHECK(s.customers.executive_cost_per_hour == doctest::Approx(500));
  }
  SUBCASE("a cost of zero is allowed") {
    Scenario s = load_scenario_text(kWithCeo + "customers:\n  costs: {executive_per_hour: 0}\n",
                                    "s.yaml");
    CHECK(s.customers.executive_cost_per_hour == 0.0);
    CHECK(s.customers.staff_cost_per_hour == doctest::Approx(30));
  }
}

TEST_CASE("ScenarioLoader: customer settings are checked like the rest of the file") {
  CHECK(error_of(kWithCeo + "customers:\n  executive_attention_bonus: 1.5\n").rfind(
            "s.yaml:14:30: ", 0) == 0);
  CHECK(error_of(kWithCeo + "customers:\n  returns: {max_contacts: 256}\n").rfind(
            "s.yaml:14:27: ", 0) == 0);
  CHECK(error_of(kWithCeo + "customers:\n  costs: {staff_per_hour: 30 per hour}\n").rfind(
            "s.yaml:14:27: ", 0) == 0);
  CHECK(error_of(kWithCeo + "customers:\n  returns: {desk: exit}\n") ==
        "s.yaml:14:19: 'exit' is not a desk here; name one of frontline, ceo "
        "(customers.returns.desk)");
  SUBCASE("and through --set") {
    Scenario s = load_scenario_text(kWithCeo + "customers:\n  costs: {staff_per_hour: 30}\n",
                                    "s.yaml", {"customers.costs.staff_per_hour=45"});
    CHECK(s.customers.staff_cost_per_hour == doctest::Approx(45));
    CHECK(error_of(kWithCeo + "customers:\n  costs: {staff_per_hour: 30}\n",
                   {"customers.costs.staff_per_hour=-1"}) ==
          "--set:1:32: a cost cannot be negative, got '-1' (customers.costs.staff_per_hour)");
  }
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

TEST_CASE("ScenarioLoader: returning customers may come back by another channel") {
  const std::string text = R"(run: {horizon: 4 weeks}
demand: {rate: 10 per hour, channels: {email: 0.7, ceo_email: 0.3}}
desks:
  frontline: {staff: 3, handle_time: 10 min}
customers:
  returns: {probability: 30%, channel: ceo_email}
)";
  escalsim::Scenario s = escalsim::load_scenario_text(text, "returns.yaml");
  CHECK(s.customers.return_channel == 1);
  CHECK(s.customers.return_probability == doctest::Approx(0.3));
  escalsim::Scenario same = escalsim::load_scenario_text(
      text.substr(0, text.find("  returns")) + "  returns: {probability: 30%}\n", "returns.yaml");
  CHECK(same.customers.return_channel == -1);
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
