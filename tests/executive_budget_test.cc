// The executive desk's budget accounting, on scripted scenarios computed by hand.
//
// Complaints arrive only in the first hour of each week (Monday 00:00-01:00), far more of
// them than the executive can take, and the executive works Wednesday 10:00 onwards with
// fixed handle times. So what the executive does each week is fixed whatever the number
// of arrivals, and every figure below follows by hand from the budget rules documented in
// escalsim/scenario.h (ExecutiveBudget).
#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::fixed;
using testing::ScenarioBuilder;

ExecutiveBudget wednesday_budget(Duration per_week, Duration window_length) {
  ExecutiveBudget b;
  b.per_week = per_week;
  b.windows.push_back(AvailabilityWindow{2, Duration::hours(10), Duration::hours(10) + window_length});
  return b;
}

// Demand of `per_week` complaints a week, all in Monday's first hour, entering `desk`.
Scenario with_monday_demand(ScenarioBuilder builder, const std::string& desk, double per_week) {
  Scenario s = builder.demand(desk, Rate::per_week(per_week)).build();
  s.demand[0].pattern.name = "table";
  s.demand[0].pattern.weight.fill(0.0);
  s.demand[0].pattern.weight[0] = 168.0;  // normalised to mean 1 over the week
  return s;
}

const ExecutiveResult& executive(const RunResult& r) {
  REQUIRE(r.executives.size() == 1);
  return r.executives.front();
}

TEST_CASE("ExecutiveBudget: an item that starts with budget left finishes, and the excess is overrun") {
  // Budget 1 h a week, items of 25 min, a window long enough for all of them: items start at
  // 10:00 (0 used), 10:25 (25 used), 10:50 (50 used; 10 min left, takes 25: overrun 15).
  // At 11:15 75 min are used, the budget is spent, nothing more starts until next week.
  Scenario s = with_monday_demand(
      ScenarioBuilder("budget").horizon(Duration::weeks(4)).seed(3)
          .desk("ceo", 1, fixed(Duration::minutes(25)))
          .executive(wednesday_budget(Duration::hours(1), Duration::hours(6))),
      "ceo", 40);
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  const ExecutiveResult& e = executive(r);

  CHECK(e.items == 12);                                        // 3 a week for 4 weeks
  CHECK(e.used.in_minutes() == doctest::Approx(12 * 25.0));    // 5 h
  CHECK(e.overrun.in_minutes() == doctest::Approx(4 * 15.0));  // 15 min a week
  CHECK(e.budget.in_hours() == doctest::Approx(4.0));
  CHECK(r.desks[0].served == 12);
  CHECK(e.reply.count == 12);
}

TEST_CASE("ExecutiveBudget: work in progress at the end of a window is finished, nothing new starts") {
  // A one-hour window (10:00-11:00) and a 2-hour budget: items start at 10:00, 10:25 and
  // 10:50; the third ends at 11:15, after the window; none starts at 11:15.
  Scenario s = with_monday_demand(
      ScenarioBuilder("window").horizon(Duration::weeks(3)).seed(5)
          .desk("ceo", 1, fixed(Duration::minutes(25)))
          .executive(wednesday_budget(Duration::hours(2), Duration::hours(1))),
      "ceo", 40);
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  const ExecutiveResult& e = executive(r);

  CHECK(e.items == 9);
  CHECK(e.used.in_minutes() == doctest::Approx(9 * 25.0));
  CHECK(e.overrun.in_minutes() == doctest::Approx(0.0));
  // Busy 75 min in a 60-minute window each week: utilisation counts window time only.
  CHECK(r.desks[0].utilisation == doctest::Approx(75.0 / 60.0));
}

TEST_CASE("ExecutiveBudget: items per month cap the work however much time is left") {
  // Two items a month, any time, 10-minute items; months start at 0, 30.4375 and 60.875
  // days, so a 10-week (70-day) run has three months and six items.
  ExecutiveBudget b;
  b.items_per_month = 2;
  Scenario s = with_monday_demand(
      ScenarioBuilder("items").horizon(Duration::weeks(10)).seed(9)
          .desk("ceo", 1, fixed(Duration::minutes(10)))
          .executive(b),
      "ceo", 20);
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  CHECK(executive(r).items == 6);
  CHECK(executive(r).overrun.in_minutes() == doctest::Approx(0.0));
}

TEST_CASE("ExecutiveBudget: when the budget is spent") {
  ScenarioBuilder builder = ScenarioBuilder("spent").horizon(Duration::weeks(4)).seed(11)
                                .desk("frontline", 2, fixed(Duration::minutes(5)))
                                .desk("ceo", 1, fixed(Duration::minutes(25)));

  SUBCASE("decline closes every waiting and new complaint unresolved until the next week") {
    ExecutiveBudget b = wednesday_budget(Duration::hours(1), Duration::hours(6));
    b.when_spent = WhenBudgetSpent::kDecline;
    Scenario s = with_monday_demand(builder.executive(b), "ceo", 40);
    RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
    const DeskResult& ceo = r.desks[1];
    CHECK(ceo.served == 12);
    CHECK(ceo.declined == ceo.arrivals - 12);  // all others were declined
    CHECK(r.complaints.closed_unresolved == ceo.declined);
    CHECK(r.complaints.resolved == 12);
    CHECK(r.complaints.open_at_end == 0);
    // The queue is cleared every week, so each reply ends at Wednesday 10:25, 10:50 or
    // 11:15 after an arrival in that Monday's first hour: between 2 d 9 h 25 min and
    // 2 d 11 h 15 min.
    const ExecutiveResult& e = executive(r);
    CHECK(e.reply.count == 12);
    CHECK(e.reply.mean.in_minutes() > 2 * 1440 + 9 * 60 + 25);
    CHECK(e.reply.mean.in_minutes() < 2 * 1440 + 11 * 60 + 15);
  }

  SUBCASE("hand back sends every waiting and new complaint to the named desk") {
    ExecutiveBudget b = wednesday_budget(Duration::hours(1), Duration::hours(6));
    b.when_spent = WhenBudgetSpent::kHandBack;
    b.hand_back_desk = 0;
    Scenario s = with_monday_demand(builder.executive(b), "ceo", 40);
    RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
    const DeskResult& ceo = r.desks[1];
    const DeskResult& frontline = r.desks[0];
    CHECK(ceo.served == 12);
    CHECK(ceo.handed_back == ceo.arrivals - 12);
    CHECK(frontline.arrivals == ceo.handed_back);
    CHECK(frontline.served == frontline.arrivals);  // the front line has time for them all
    CHECK(r.complaints.resolved == r.complaints.arrived);
  }

  SUBCASE("wait keeps them in the executive's queue for the next week") {
    ExecutiveBudget b = wednesday_budget(Duration::hours(1), Duration::hours(6));
    Scenario s = with_monday_demand(builder.executive(b), "ceo", 40);
    RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
    const DeskResult& ceo = r.desks[1];
    CHECK(ceo.served == 12);
    CHECK(ceo.declined == 0);
    CHECK(ceo.handed_back == 0);
    CHECK(ceo.backlog_at_end == ceo.arrivals - 12);
    CHECK(r.complaints.open_at_end == ceo.arrivals - 12);
    CHECK(ceo.backlog_growth_per_week > 30.0);  // about 40 arrive and 3 leave each week
  }
}

}  // namespace
}  // namespace escalsim
