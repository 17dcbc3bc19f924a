// The executive desk's budget accounting, on scripted scenarios computed by hand.
//
// Complaints arrive only in the first hour of each week (Monday 00:00-01:00), far more of
// them than the executive can take, and the executive works Wednesday 10:00 onwards with
// fixed handle times. So what the executive does each week is fixed whatever the number
// of arrivals, and every figure below follows by hand from the budget rules documented in
// escalsim/scenario.h (ExecutiveBudget).
#include <cmath>
#include <cstdint>
#include <vector>

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
  // Busy 75 min in a 60-minute window each week: window time only counts there.
  CHECK(e.window_utilisation == doctest::Approx(75.0 / 60.0));
  // The desk's utilisation is budget used over budget: 3 x 75 min of 3 x 2 h.
  CHECK(e.budget_used_share == doctest::Approx(225.0 / 360.0));
  CHECK(r.desks[0].utilisation == doctest::Approx(225.0 / 360.0));
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

// Minutes of each entry of a weekly series.
std::vector<double> minutes_of(const std::vector<Duration>& weeks) {
  std::vector<double> m;
  for (Duration d : weeks) m.push_back(d.in_minutes());
  return m;
}

double total_min(const std::vector<Duration>& weeks) {
  double total = 0.0;
  for (Duration d : weeks) total += d.in_minutes();
  return total;
}

TEST_CASE("ExecutiveBudget: hours used are reported per calendar week against the weekly budget") {
  // As above: each Wednesday items start at 10:00, 10:25 and 10:50, 75 min a week.
  ScenarioBuilder builder = ScenarioBuilder("weeks").horizon(Duration::weeks(4)).seed(3)
                                .desk("ceo", 1, fixed(Duration::minutes(25)))
                                .executive(wednesday_budget(Duration::hours(1), Duration::hours(6)));

  SUBCASE("every week of the run, the same") {
    RunResult r = run_once(with_monday_demand(builder, "ceo", 40), 0,
                           EngineOptions{.check_invariants = true});
    const ExecutiveResult& e = executive(r);
    CHECK(e.first_week == 0);
    CHECK(minutes_of(e.used_by_week) == std::vector<double>{75, 75, 75, 75});
    CHECK(e.items_by_week == std::vector<std::int64_t>{3, 3, 3, 3});
    REQUIRE(e.budget_per_week.has_value());
    CHECK(e.budget_per_week->in_hours() == 1.0);
    CHECK(total_min(e.used_by_week) == doctest::Approx(e.used.in_minutes()));
  }
  SUBCASE("a week cut by the warm-up counts only what was charged after it") {
    // The warm-up ends in week 1 on Wednesday 10:30, after the items of 10:00 and 10:25.
    builder.warmup(Duration::days(9) + Duration::hours(10) + Duration::minutes(30));
    RunResult r = run_once(with_monday_demand(builder, "ceo", 40), 0,
                           EngineOptions{.check_invariants = true});
    const ExecutiveResult& e = executive(r);
    CHECK(e.first_week == 1);
    CHECK(minutes_of(e.used_by_week) == std::vector<double>{25, 75, 75});
    CHECK(e.items_by_week == std::vector<std::int64_t>{1, 3, 3});
    CHECK(e.items == 7);
    CHECK(total_min(e.used_by_week) == doctest::Approx(e.used.in_minutes()));
  }
}

TEST_CASE("ExecutiveBudget: the queue sampled is the backlog less the item in service") {
  // Items are in service each Wednesday from 10:00 to 11:15 (three of 25 min) and at no
  // other time; the rest of the backlog waits. Samples every 50 min from 0 never fall on
  // 10:00, 10:25, 10:50 or 11:15 of a Wednesday in these four weeks, so each is plainly
  // inside or outside a service.
  ScenarioBuilder builder = ScenarioBuilder("queue").horizon(Duration::weeks(4)).seed(11)
                                .sample_interval(Duration::minutes(50))
                                .desk("ceo", 1, fixed(Duration::minutes(25)))
                                .executive(wednesday_budget(Duration::hours(1), Duration::hours(6)));
  RunResult r = run_once(with_monday_demand(builder, "ceo", 40), 0,
                         EngineOptions{.check_invariants = true});
  const std::vector<std::int32_t>& backlog = r.backlog.by_desk.at(0);
  const std::vector<std::int32_t>& queue = r.backlog.queue_by_desk.at(0);
  REQUIRE(queue.size() == backlog.size());
  CHECK(queue.size() == 4 * 10080 / 50 + 1);
  const double wednesday_10h = 2 * 1440 + 600;
  int in_service = 0;
  for (std::size_t k = 0; k < queue.size(); ++k) {
    const double t = r.backlog.first.in_minutes() + 50.0 * static_cast<double>(k);
    const double into_week = t - 10080.0 * std::floor(t / 10080.0);
    const bool serving = into_week > wednesday_10h && into_week < wednesday_10h + 75;
    CAPTURE(t);
    CHECK(queue[k] == backlog[k] - (serving ? 1 : 0));
    in_service += serving ? 1 : 0;
  }
  // Wednesday 10:20 and 11:10 in week 0; 10:40 in week 1; 10:10 and 11:00 in week 2;
  // 10:30 in week 3.
  CHECK(in_service == 6);
  CHECK(queue.back() > 100);  // about 40 arrive and 3 leave a week
}

TEST_CASE("ExecutiveBudget: an items-per-month budget shows in the weeks its months start in") {
  // As above: two 10-minute items at the start of each month (0, 30.4375 and 60.875 days:
  // weeks 0, 4 and 8), with complaints waiting for them; no weekly budget.
  ExecutiveBudget b;
  b.items_per_month = 2;
  Scenario s = with_monday_demand(
      ScenarioBuilder("items weeks").horizon(Duration::weeks(10)).seed(9)
          .desk("ceo", 1, fixed(Duration::minutes(10)))
          .executive(b),
      "ceo", 20);
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  const ExecutiveResult& e = executive(r);
  CHECK_FALSE(e.budget_per_week.has_value());
  CHECK(e.first_week == 0);
  CHECK(e.items_by_week == std::vector<std::int64_t>{2, 0, 0, 0, 2, 0, 0, 0, 2, 0});
  CHECK(minutes_of(e.used_by_week) == std::vector<double>{20, 0, 0, 0, 20, 0, 0, 0, 20, 0});
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
