// An executive desk: budget, windows, the spent rule, and keys only it may have.
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
