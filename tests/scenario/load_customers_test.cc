// The `customers:` section: every key with its units, defaults and checks.
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
