// The `demand:` section: rates, streams, channel/severity/segment shares, weekly patterns.
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
