// A caller's RunObserver sees the same lifecycle the run's own statistics count: a hand
// count of the callbacks equals the figures of the result, and watching changes nothing.
#include <array>
#include <cstdint>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/run_observer.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

// Counts what a user's observer would count, from the callbacks alone, after the warm-up.
class CountingObserver final : public RunObserver {
 public:
  explicit CountingObserver(std::size_t desks) : desks_(desks) {}

  void on_measuring_start(double now_min) override {
    measuring_ = true;
    from_min_ = now_min;
    for (Desk& d : desks_) d.since_min = now_min;
  }
  void on_levels(int desk, double now_min, const DeskLevels& levels) override {
    Desk& d = desks_[desk];
    if (measuring_) d.waiting_area += d.levels.waiting * (now_min - d.since_min);
    d.since_min = now_min;
    d.levels = levels;
  }
  void on_complaint_arrival(const Complaint& c) override { arrived += c.measured ? 1 : 0; }
  void on_desk_arrival(const Complaint&, int desk, ArrivalWay) override {
    if (measuring_) ++desks_[desk].arrivals;
  }
  void on_visit_end(const Complaint&, int desk, VisitEnd how, bool, double) override {
    if (measuring_) ++desks_[desk].ended[static_cast<std::size_t>(how)];
  }
  void on_complaint_end(const Complaint& c, FinalState state, double) override {
    if (c.measured) ++ended[static_cast<std::size_t>(state)];
  }
  void on_complaint_open(const Complaint& c, double) override { open += c.measured ? 1 : 0; }
  void on_run_end(double end_min) override {
    for (Desk& d : desks_) d.waiting_area += d.levels.waiting * (end_min - d.since_min);
    to_min_ = end_min;
  }

  struct Desk {
    std::int64_t arrivals = 0;
    std::array<std::int64_t, 5> ended{};  // by VisitEnd
    DeskLevels levels;
    double since_min = 0.0;
    double waiting_area = 0.0;
  };
  const Desk& desk(int d) const { return desks_[d]; }
  double mean_queue(int d) const { return desks_[d].waiting_area / (to_min_ - from_min_); }

  std::int64_t arrived = 0;
  std::int64_t open = 0;
  std::array<std::int64_t, 4> ended{};  // by FinalState

 private:
  std::vector<Desk> desks_;
  bool measuring_ = false;
  double from_min_ = 0.0, to_min_ = 0.0;
};

// Every way a visit can end: served, abandoned (patience), refused (a full queue), and an
// executive desk that hands back or declines once its budget is spent.
Scenario every_ending() {
  return ScenarioBuilder("observed").horizon(Duration::weeks(6)).warmup(Duration::weeks(1))
      .seed(11)
      .desk("frontline", 4, exponential(Duration::minutes(20)))
      .patience(exponential(Duration::minutes(15)))
      .resolution(0.7)
      .desk("specialists", 1, exponential(Duration::minutes(45)))
      .queue_limit(3)
      .resolution(0.6)
      .desk("ceo", 1, exponential(Duration::minutes(30)))
      .executive(ExecutiveBudget{Duration::hours(2), std::nullopt, {}, WhenBudgetSpent::kHandBack, 1})
      .demand("frontline", Rate::per_hour(11.0))
      .route("frontline", "specialists", 1.0, RouteCondition::kUnresolved)
      .route("specialists", "ceo", 1.0, RouteCondition::kUnresolved)
      .build();
}

TEST_CASE("RunObserver: a caller's hand count of the callbacks equals the run's figures") {
  const Scenario s = every_ending();
  CountingObserver watcher(s.desks.size());
  const RunResult watched = run_once(s, 0, EngineOptions{.trace = &watcher});

  CHECK(watcher.arrived == watched.complaints.arrived);
  CHECK(watcher.open == watched.complaints.open_at_end);
  CHECK(watcher.ended[static_cast<int>(FinalState::kResolved)] == watched.complaints.resolved);
  CHECK(watcher.ended[static_cast<int>(FinalState::kAbandoned)] == watched.complaints.abandoned);
  CHECK(watcher.ended[static_cast<int>(FinalState::kRefused)] == watched.complaints.refused);
  CHECK(watcher.ended[static_cast<int>(FinalState::kClosedUnresolved)] ==
        watched.complaints.closed_unresolved);
  for (int d = 0; d < static_cast<int>(s.desks.size()); ++d) {
    CAPTURE(d);
    const DeskResult& r = watched.desks[d];
    const CountingObserver::Desk& seen = watcher.desk(d);
    CHECK(seen.arrivals == r.arrivals);
    CHECK(seen.ended[static_cast<int>(VisitEnd::kServed)] == r.served);
    CHECK(seen.ended[static_cast<int>(VisitEnd::kAbandoned)] == r.abandoned);
    CHECK(seen.ended[static_cast<int>(VisitEnd::kRefused)] == r.refused);
    CHECK(seen.ended[static_cast<int>(VisitEnd::kHandedBack)] == r.handed_back);
    CHECK(seen.ended[static_cast<int>(VisitEnd::kDeclined)] == r.declined);
    CHECK(watcher.mean_queue(d) == doctest::Approx(r.mean_queue).epsilon(1e-9));
  }
  // The scenario reaches every ending, so the counts above compared something.
  CHECK(watched.complaints.abandoned > 0);
  CHECK(watched.complaints.refused > 0);
  CHECK(watched.desks[2].handed_back + watched.desks[2].declined > 0);

  // Watching changes nothing: the same run unwatched gives the same figures.
  const RunResult alone = run_once(s, 0);
  CHECK(alone.events == watched.events);
  CHECK(alone.complaints.resolved == watched.complaints.resolved);
  CHECK(alone.complaints.time_in_system.mean.in_minutes() ==
        watched.complaints.time_in_system.mean.in_minutes());
  for (std::size_t d = 0; d < s.desks.size(); ++d) {
    CHECK(alone.desks[d].mean_queue == watched.desks[d].mean_queue);
    CHECK(alone.desks[d].wait.mean.in_minutes() == watched.desks[d].wait.mean.in_minutes());
  }
}

}  // namespace
}  // namespace escalsim
