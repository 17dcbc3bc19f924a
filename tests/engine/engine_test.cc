// The engine's behaviour on small scenarios: lifecycle, statistics windows, overload.
#include <atomic>
#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::fixed;
using testing::ScenarioBuilder;

// Poisson count check: |observed - expected| within 5 standard deviations.
void check_poisson_count(double observed, double expected) {
  CHECK(std::abs(observed - expected) < 5.0 * std::sqrt(expected));
}

Scenario escalation_chain() {
  return ScenarioBuilder("chain").horizon(Duration::weeks(20)).warmup(Duration::weeks(2)).seed(4)
      .desk("frontline", 5, exponential(Duration::minutes(20)))
      .patience(exponential(Duration::minutes(30)))
      .resolution(0.8)
      .desk("specialists", 2, exponential(Duration::minutes(40)))
      .queue_limit(5)
      .resolution(0.7)
      .desk("ceo", 1, exponential(Duration::minutes(30)))
      .demand("frontline", Rate::per_hour(13.0))
      .route("frontline", "specialists", 1.0, RouteCondition::kUnresolved)
      .route("specialists", "ceo", 0.5, RouteCondition::kUnresolved)
      .build();
}

// The loader refuses such parameters; a Scenario built in code (or a loader bound missed)
// reaches the engine anyway, and must not end the run silently with zeros.
TEST_CASE("Engine: a NaN event time is a ModelError even without --check-invariants") {
  Distribution nan_times;
  nan_times.kind = Distribution::Kind::kLognormal;
  nan_times.mean = Duration::minutes(25);
  nan_times.sd = Duration::hours(1e160);  // sigma overflows: every draw is NaN
  Scenario s = ScenarioBuilder()
                   .horizon(Duration::weeks(1))
                   .desk("frontline", 2, nan_times)
                   .demand("frontline", Rate::per_hour(10))
                   .build();
  std::string message;
  try {
    run_once(s, 0, EngineOptions{.check_invariants = false});
  } catch (const ModelError& e) {
    message = e.what();
  }
  CHECK(message.find("a service end was scheduled at NaN min") != std::string::npos);
  CHECK(message.find("replication 0") != std::string::npos);
}

TEST_CASE("Engine: an infinite event time is a ModelError too") {
  const Duration infinite = Duration::minutes(1e308) * 10.0;
  Scenario s = ScenarioBuilder()
                   .horizon(Duration::weeks(1))
                   .desk("frontline", 1, fixed(Duration::minutes(5)))
                   .patience(fixed(infinite))  // a queue forms: load 5
                   .demand("frontline", Rate::per_hour(60))
                   .build();
  CHECK_THROWS_WITH_AS(run_once(s, 0, EngineOptions{}),
                       doctest::Contains("a patience end was scheduled at inf min"), ModelError);
}

TEST_CASE("Engine: an event before the run's start is a ModelError, not a misplaced event") {
  // The loader refuses negative durations; built in code, a handle time of -10 min at the
  // first arrivals (within 10 min of the start) would put a service end before time 0,
  // where the queue's order does not reach.
  Scenario s = ScenarioBuilder()
                   .horizon(Duration::weeks(1))
                   .desk("frontline", 2, fixed(Duration::minutes(-1e6)))
                   .demand("frontline", Rate::per_hour(10))
                   .build();
  CHECK_THROWS_WITH_AS(run_once(s, 0, EngineOptions{.check_invariants = false}),
                       doctest::Contains("a service end was scheduled at -"), ModelError);
  CHECK_THROWS_WITH_AS(run_once(s, 0, EngineOptions{.check_invariants = false}),
                       doctest::Contains("no event comes before the run's start"), ModelError);
}

TEST_CASE("Engine: the clock it publishes for progress ends at the horizon and changes no figure") {
  std::atomic<double> clock{-1.0};
  const Scenario s = escalation_chain();
  const RunResult watched = run_once(s, 0, EngineOptions{.clock_min = &clock});
  const RunResult plain = run_once(s, 0, EngineOptions{});
  CHECK(clock.load() == s.run.horizon.in_minutes());
  CHECK(watched.complaints.arrived == plain.complaints.arrived);
  CHECK(watched.complaints.resolved == plain.complaints.resolved);
  CHECK(watched.events == plain.events);
}

TEST_CASE("Engine: every complaint ends in exactly one final state or is still open") {
  RunResult r = run_once(escalation_chain(), 0, EngineOptions{.check_invariants = true});
  const ComplaintResult& c = r.complaints;
  CHECK(c.arrived > 10000);
  CHECK(c.resolved + c.closed_unresolved + c.abandoned + c.refused + c.open_at_end == c.arrived);
  CHECK(c.abandoned > 0);
  CHECK(c.refused > 0);
  CHECK(c.closed_unresolved > 0);
  CHECK(r.invariants.conservation);
  CHECK(r.invariants.clock_monotone);
  CHECK(r.invariants.capacity_respected);
}

TEST_CASE("Engine: Little's law holds on every desk") {
  RunResult r = run_once(escalation_chain(), 1);
  double span_min = (r.measured_to - r.measured_from).in_minutes();
  for (const DeskResult& d : r.desks) {
    CAPTURE(d.name);
    double lambda_per_min = d.arrivals / span_min;
    // Edge effects (visits straddling the warm-up or horizon) are a few visits in tens of
    // thousands; 2% covers them, while a missed integral or sojourn would be far off.
    CHECK(d.mean_in_desk == doctest::Approx(lambda_per_min * d.sojourn_mean.in_minutes()).epsilon(0.02));
  }
}

TEST_CASE("Engine: the queue sampled never exceeds the backlog, nor falls below it by more than the staff") {
  RunResult r = run_once(escalation_chain(), 2);
  const int staff[] = {5, 2, 1};
  REQUIRE(r.backlog.queue_by_desk.size() == 3);
  int waiting_samples = 0;
  for (std::size_t d = 0; d < 3; ++d) {
    CAPTURE(d);
    const auto& backlog = r.backlog.by_desk[d];
    const auto& queue = r.backlog.queue_by_desk[d];
    REQUIRE(queue.size() == backlog.size());
    for (std::size_t k = 0; k < queue.size(); ++k) {
      CHECK(queue[k] >= 0);
      CHECK(queue[k] <= backlog[k]);
      CHECK(backlog[k] - queue[k] <= staff[d]);
      if (queue[k] > 0) ++waiting_samples;
    }
  }
  CHECK(waiting_samples > 0);
}

TEST_CASE("Engine: the fixed-bin distributions count every wait and every resolution") {
  RunResult r = run_once(escalation_chain(), 3);
  for (const DeskResult& d : r.desks) {
    CAPTURE(d.name);
    std::int64_t total = 0;
    for (std::int64_t n : d.wait_bins) total += n;
    CHECK(total == d.wait.count);
    // Bin 0 holds the visits that did not wait.
    CHECK(static_cast<double>(d.wait_bins[0]) ==
          doctest::Approx(d.wait.count * (1.0 - d.waited_share)));
  }
  std::int64_t resolved = 0;
  for (std::int64_t n : r.complaints.time_to_resolution_bins) resolved += n;
  CHECK(resolved == r.complaints.time_to_resolution.count);
  CHECK(resolved == r.complaints.resolved);
}

TEST_CASE("Engine: the warm-up is excluded from every statistic") {
  Scenario s = ScenarioBuilder("warmup").horizon(Duration::weeks(10)).warmup(Duration::weeks(6)).seed(2)
                   .desk("frontline", 3, exponential(Duration::minutes(10)))
                   .demand("frontline", Rate::per_hour(12.0))
                   .build();
  RunResult r = run_once(s, 0);
  check_poisson_count(static_cast<double>(r.complaints.arrived), 12.0 * 24 * 7 * 4);
  check_poisson_count(static_cast<double>(r.desks[0].arrivals), 12.0 * 24 * 7 * 4);
  CHECK(r.measured_from.in_weeks() == doctest::Approx(6.0));
  CHECK(r.measured_to.in_weeks() == doctest::Approx(10.0));
  // Backlog samples every day from the end of the warm-up to the horizon, both included.
  CHECK(r.backlog.by_desk[0].size() == 29);
  CHECK(r.backlog.first.in_weeks() == doctest::Approx(6.0));
}

TEST_CASE("Engine: a full queue refuses arrivals and never holds more than its limit") {
  Scenario s = ScenarioBuilder("limit").horizon(Duration::weeks(4)).seed(8)
                   .desk("frontline", 1, exponential(Duration::minutes(10)))
                   .queue_limit(3)
                   .demand("frontline", Rate::per_hour(9.0))
                   .build();
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  const DeskResult& d = r.desks[0];
  CHECK(d.refused > 0);
  CHECK(d.mean_queue <= 3.0);
  CHECK(d.backlog_at_end <= 4);
  CHECK(d.arrivals == d.served + d.refused + d.backlog_at_end);
}

TEST_CASE("Engine: staff work only on their shifts and finish what they started") {
  Shift weekdays;
  weekdays.days = {true, true, true, true, true, false, false};
  weekdays.from = Duration::hours(9);
  weekdays.to = Duration::hours(17);
  weekdays.staff = 4;
  Scenario s = ScenarioBuilder("shifts").horizon(Duration::weeks(8)).seed(6)
                   .desk("frontline", 1, exponential(Duration::minutes(30)))
                   .shifts({weekdays})
                   .patience(exponential(Duration::days(10)))
                   .demand("frontline", Rate::per_hour(1.0))
                   .build();
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});
  const DeskResult& d = r.desks[0];
  CHECK(d.mean_staff == doctest::Approx(4.0 * 40.0 / 168.0));
  // 168 arrivals a week need 84 staff-hours of the 160 on offer.
  CHECK(d.utilisation == doctest::Approx(84.0 / 160.0).epsilon(0.05));
  // Complaints arriving at night wait for the morning.
  CHECK(d.wait.mean.in_hours() > 3.0);
  CHECK(r.invariants.capacity_respected);
}

TEST_CASE("Engine: an overloaded desk runs to the horizon and reports its growing backlog") {
  // 12 an hour against capacity for 6 an hour: the backlog grows by about 6 x 168 a week.
  Scenario s = ScenarioBuilder("overload").horizon(Duration::weeks(10)).seed(12)
                   .desk("ceo", 1, exponential(Duration::minutes(10)))
                   .demand("ceo", Rate::per_hour(12.0))
                   .build();
  RunResult r = run_once(s, 0);
  const DeskResult& d = r.desks[0];
  CHECK_FALSE(r.stopped_early);
  CHECK(r.measured_to.in_weeks() == doctest::Approx(10.0));
  CHECK(d.utilisation > 0.99);
  CHECK(d.backlog_growth_per_week == doctest::Approx(6.0 * 168).epsilon(0.1));
  CHECK(d.backlog_at_end == doctest::Approx(6.0 * 168 * 10).epsilon(0.1));
  CHECK(r.complaints.open_at_end == d.backlog_at_end);
}

TEST_CASE("Engine: a run stops early, reported, when the system outgrows its memory bound") {
  Scenario s = ScenarioBuilder("runaway").horizon(Duration::weeks(52)).seed(12)
                   .desk("ceo", 1, exponential(Duration::minutes(10)))
                   .demand("ceo", Rate::per_hour(60.0))
                   .build();
  RunResult r = run_once(s, 0, EngineOptions{.max_in_system = 5000});
  CHECK(r.stopped_early);
  CHECK(r.measured_to.in_weeks() < 1.0);
  CHECK(r.complaints.open_at_end == doctest::Approx(5000).epsilon(0.01));
}

TEST_CASE("Engine: routes follow their conditions") {
  // Half the complaints are serious; only serious ones go on, with probability 1.
  Scenario s = ScenarioBuilder("severity").horizon(Duration::weeks(6)).seed(21)
                   .desk("frontline", 4, exponential(Duration::minutes(10)))
                   .desk("specialists", 4, exponential(Duration::minutes(10)))
                   .demand("frontline", Rate::per_hour(6.0), {0.5, 0.0, 0.5, 0.0})
                   .route("frontline", "specialists", 1.0, RouteCondition::kSeverityAtLeast)
                   .build();
  s.routes[0].min_severity = Severity::kSerious;

  SUBCASE("severity at least serious") {
    RunResult r = run_once(s, 0);
    double share = static_cast<double>(r.desks[1].arrivals) / r.desks[0].arrivals;
    CHECK(share == doctest::Approx(0.5).epsilon(0.05));
  }
  SUBCASE("unresolved, with a probability") {
    s.routes[0].condition = RouteCondition::kUnresolved;
    s.routes[0].probability = 0.5;
    s.desks[0].resolution_probability.fill(0.6);
    RunResult r = run_once(s, 0);
    double share = static_cast<double>(r.desks[1].arrivals) / r.desks[0].arrivals;
    CHECK(share == doctest::Approx(0.4 * 0.5).epsilon(0.05));
    CHECK(r.complaints.escalation_rate == doctest::Approx(0.2).epsilon(0.05));
    // Complaints the front line could not resolve and did not escalate close unresolved.
    double closed = static_cast<double>(r.complaints.closed_unresolved) / r.complaints.arrived;
    CHECK(closed == doctest::Approx(0.4 * 0.5).epsilon(0.05));
  }
  SUBCASE("waited longer than an SLA") {
    // The front line is slow for everyone (fixed 2 h), so every complaint breaches a 1 h SLA.
    s.desks[0].handle_time = fixed(Duration::hours(2));
    s.desks[0].staff = 20;
    s.routes[0].condition = RouteCondition::kWaitedLongerThan;
    s.routes[0].waited = Duration::hours(1);
    RunResult r = run_once(s, 0);
    CHECK(r.desks[1].arrivals == doctest::Approx(r.desks[0].served).epsilon(0.01));
  }
}

TEST_CASE("Engine: the same seed gives the same run, another seed another") {
  Scenario s = escalation_chain();
  auto a = flatten(run_once(s, 0));
  auto b = flatten(run_once(s, 0));
  auto c = flatten(run_once(s, 1));
  REQUIRE(a.size() == b.size());
  bool all_equal = true;
  bool any_differs_from_c = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    all_equal = all_equal && a[i].value == b[i].value;
    any_differs_from_c = any_differs_from_c || a[i].value != c[i].value;
  }
  CHECK(all_equal);
  CHECK(any_differs_from_c);
}

TEST_CASE("Engine: a policy variant sees the same complaints (common random numbers)") {
  // Changing the executive's handle time must not change what arrives at the front line.
  Scenario base = escalation_chain();
  Scenario variant = base;
  variant.desks[2].handle_time = exponential(Duration::minutes(90));
  RunResult a = run_once(base, 3);
  RunResult b = run_once(variant, 3);
  CHECK(a.complaints.arrived == b.complaints.arrived);
  CHECK(a.desks[0].arrivals == b.desks[0].arrivals);
  CHECK(a.desks[2].sojourn_mean != b.desks[2].sojourn_mean);
}

}  // namespace
}  // namespace escalsim

namespace escalsim {
namespace {

TEST_CASE("Engine: customers left unresolved come back, by the channel and desk the model names") {
  // Nobody is ever resolved, every customer returns once (two contacts at most), by the
  // "ceo_email" channel into the CEO's desk; no first contact uses that channel.
  Scenario s = testing::ScenarioBuilder("returns").horizon(Duration::weeks(6)).seed(17)
                   .desk("frontline", 4, testing::exponential(Duration::minutes(10)))
                   .resolution(0.0)
                   .desk("ceo", 1, testing::exponential(Duration::minutes(5)))
                   .demand("frontline", Rate::per_hour(6.0))
                   .build();
  s.channels = {"email", "ceo_email"};
  s.demand[0].channel_share = {1.0, 0.0};
  s.customers.return_probability = 1.0;
  s.customers.return_delay = Duration::hours(2);
  s.customers.return_desk = 1;
  s.customers.return_channel = 1;
  s.customers.max_contacts = 2;
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});

  double first_contacts = 0, returns_by_ceo_email = 0, repeat = 0;
  for (const Metric& m : r.extra) {
    if (m.scope == "fairness:channel:email" && m.name == "complaints") first_contacts = m.value;
    if (m.scope == "fairness:channel:ceo_email" && m.name == "complaints") returns_by_ceo_email = m.value;
    if (m.scope == "customers" && m.name == "repeat_contacts") repeat = m.value;
  }
  CHECK(first_contacts > 1000);
  // Every first contact ends unresolved and returns, except those whose return falls past
  // the horizon (about 2 h of 6 weeks' worth).
  CHECK(returns_by_ceo_email == doctest::Approx(first_contacts).epsilon(0.02));
  CHECK(repeat == returns_by_ceo_email);
  CHECK(r.desks[1].arrivals == doctest::Approx(first_contacts).epsilon(0.02));
}

}  // namespace
}  // namespace escalsim
