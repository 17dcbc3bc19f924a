// Tests of DeskState (start-up state, can_start, executive budget accounting).
#include "engine/desk.h"

#include <doctest/doctest.h>

#include "escalsim/scenario.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

ExecutiveBudget budget(std::optional<Duration> per_week, std::optional<int> items_per_month) {
  ExecutiveBudget b;
  b.per_week = per_week;
  b.items_per_month = items_per_month;
  return b;
}

Scenario executive_scenario(ExecutiveBudget b) {
  return ScenarioBuilder("exec")
      .desk("frontline", 2, exponential(Duration::minutes(10)))
      .desk("ceo", 1, exponential(Duration::minutes(30)))
      .executive(std::move(b))
      .build();
}

}  // namespace

TEST_CASE("DeskState: a desk starts with its Monday 00:00 staff, nobody busy, nobody waiting") {
  Shift night;
  night.days = {true, false, false, false, false, false, false};
  night.from = Duration::hours(0);
  night.to = Duration::hours(6);
  night.staff = 3;
  Scenario s = ScenarioBuilder()
                   .desk("fixed", 4, exponential(Duration::minutes(10)))
                   .desk("shifted", 1, exponential(Duration::minutes(10)))
                   .shifts({night})
                   .route("fixed", "shifted", 0.5)
                   .route("shifted", "exit", 1.0)
                   .route("fixed", "exit", 0.5)
                   .build();
  DeskState fixed(s, 0, 1);
  DeskState shifted(s, 1, 1);
  CHECK(fixed.staff == 4);
  CHECK(shifted.staff == 3);
  CHECK(fixed.busy == 0);
  CHECK(fixed.waiting == 0);
  CHECK(fixed.backlog() == 0);
  CHECK(fixed.can_start());
  CHECK_FALSE(fixed.is_executive());

  SUBCASE("the desk holds its own routes, in file order") {
    REQUIRE(fixed.routes.size() == 2);
    CHECK(fixed.routes[0]->to == 1);
    CHECK(fixed.routes[1]->to == kExit);
    REQUIRE(shifted.routes.size() == 1);
    CHECK(shifted.routes[0]->to == kExit);
  }
  SUBCASE("work cannot start once every member of staff is busy") {
    fixed.busy = 4;
    CHECK_FALSE(fixed.can_start());
    fixed.waiting = 2;
    CHECK(fixed.backlog() == 6);
  }
}

TEST_CASE("DeskState: the executive budget charges whole items and reports the overrun") {
  Scenario s = executive_scenario(budget(Duration::minutes(60), std::nullopt));
  DeskState ceo(s, 1, 1);
  REQUIRE(ceo.is_executive());
  CHECK(ceo.budget_left());
  CHECK(ceo.can_start());

  SUBCASE("an item within the budget has no overrun") {
    CHECK(ceo.charge(50.0) == 0.0);
    CHECK(ceo.budget_left());
  }
  SUBCASE("budget 60 min, used 50, item 30: the overrun is 20 and no budget is left") {
    CHECK(ceo.charge(50.0) == 0.0);
    CHECK(ceo.charge(30.0) == doctest::Approx(20.0));
    CHECK_FALSE(ceo.budget_left());
    CHECK_FALSE(ceo.can_start());

    SUBCASE("a further item is overrun in full") {
      CHECK(ceo.charge(15.0) == doctest::Approx(15.0));
    }
    SUBCASE("a new week restores the budget") {
      ceo.start_week();
      CHECK(ceo.budget_left());
      CHECK(ceo.can_start());
      CHECK(ceo.charge(60.0) == 0.0);
      CHECK_FALSE(ceo.budget_left());
    }
    SUBCASE("a new month does not restore the week's hours") {
      ceo.start_month();
      CHECK_FALSE(ceo.budget_left());
    }
  }
  SUBCASE("using the budget exactly leaves none") {
    CHECK(ceo.charge(60.0) == 0.0);
    CHECK_FALSE(ceo.budget_left());
  }
  SUBCASE("a closed window stops work even with budget left") {
    ceo.window_open = false;
    CHECK(ceo.budget_left());
    CHECK_FALSE(ceo.can_start());
  }
}

TEST_CASE("DeskState: the executive's items per month are counted and restored monthly") {
  Scenario s = executive_scenario(budget(std::nullopt, 2));
  DeskState ceo(s, 1, 1);
  CHECK(ceo.charge(500.0) == 0.0);  // no hours budget: never an overrun
  CHECK(ceo.budget_left());
  CHECK(ceo.charge(500.0) == 0.0);
  CHECK_FALSE(ceo.budget_left());

  SUBCASE("a new week does not restore the month's items") {
    ceo.start_week();
    CHECK_FALSE(ceo.budget_left());
  }
  SUBCASE("a new month does") {
    ceo.start_month();
    CHECK(ceo.budget_left());
    ceo.charge(1.0);
    CHECK(ceo.budget_left());
    ceo.charge(1.0);
    CHECK_FALSE(ceo.budget_left());
  }
}

TEST_CASE("DeskState: with both budgets, either one running out stops work") {
  Scenario s = executive_scenario(budget(Duration::hours(2), 3));

  SUBCASE("the items run out first") {
    DeskState ceo(s, 1, 1);
    for (int i = 0; i < 3; ++i) CHECK(ceo.charge(10.0) == 0.0);
    CHECK_FALSE(ceo.budget_left());
  }
  SUBCASE("the hours run out first") {
    DeskState ceo(s, 1, 1);
    CHECK(ceo.charge(100.0) == 0.0);
    CHECK(ceo.charge(50.0) == doctest::Approx(30.0));
    CHECK_FALSE(ceo.budget_left());
    ceo.start_month();
    CHECK_FALSE(ceo.budget_left());
    ceo.start_week();
    CHECK(ceo.budget_left());
  }
}

TEST_CASE("DeskState: the budget left is what a trace reports, never below zero") {
  SUBCASE("a weekly budget counts minutes; no monthly limit means no item count") {
    Scenario s = executive_scenario(budget(Duration::minutes(60), std::nullopt));
    DeskState ceo(s, 1, 7);
    CHECK(ceo.week_left_min() == std::optional<double>(60.0));
    CHECK_FALSE(ceo.month_items_left().has_value());
    ceo.charge(45.0);
    CHECK(ceo.week_left_min() == std::optional<double>(15.0));
    ceo.charge(30.0);  // 15 min over
    CHECK(ceo.week_left_min() == std::optional<double>(0.0));
    ceo.start_week();
    CHECK(ceo.week_left_min() == std::optional<double>(60.0));
  }
  SUBCASE("a monthly item limit counts items; no weekly budget means no minutes") {
    Scenario s = executive_scenario(budget(std::nullopt, 2));
    DeskState ceo(s, 1, 7);
    CHECK_FALSE(ceo.week_left_min().has_value());
    CHECK(ceo.month_items_left() == std::optional<int>(2));
    ceo.charge(10.0);
    ceo.charge(10.0);
    CHECK(ceo.month_items_left() == std::optional<int>(0));
    ceo.start_month();
    CHECK(ceo.month_items_left() == std::optional<int>(2));
  }
}

}  // namespace escalsim
