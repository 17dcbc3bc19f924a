// frontline_stint: the executive on the desk's staff for the stint (in its opening hours,
// or a working week on a desk open all week), slower at first, away from the executive
// desk meanwhile and charged to its budget as executive time; complaint types falling
// after the lag.
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/trace.h"
#include "policies/policy_checks.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::fixed;
using testing::ScenarioBuilder;

const EngineOptions kChecked{.check_invariants = true};

double figure(const RunResult& r, const std::string& name) {
  return testing::policy_figure(r, "frontline_stint", name);
}

PolicyConfig stint(std::vector<std::pair<std::string, std::string>> params) {
  PolicyConfig config{"frontline_stint", {}, SourceLocation{"s.yaml", 30, 5, "policies[0]"}};
  for (auto& [key, value] : params) {
    config.params.push_back(
        PolicyParam{key, value, SourceLocation{"s.yaml", 31, 7, "policies[0]." + key}});
  }
  return config;
}

ExecutiveBudget three_hours_a_week() {
  ExecutiveBudget b;
  b.per_week = Duration::hours(3);
  return b;
}

// A front line of fixed staff and a CEO desk that nothing is routed to.
Scenario fixed_staff(int staff, Rate rate, std::array<double, kSeverityCount> severity = {1, 0, 0, 0}) {
  return ScenarioBuilder("stint").horizon(Duration::weeks(4)).seed(8)
      .desk("frontline", staff, fixed(Duration::minutes(10)))
      .desk("ceo", 1, fixed(Duration::minutes(30)))
      .executive(three_hours_a_week())
      .demand("frontline", rate, severity)
      .build();
}

RunResult run_with(Scenario s, PolicyConfig config) {
  s.policies.push_back(std::move(config));
  return run_once(s, 0, kChecked);
}

TEST_CASE("FrontlineStint: the executive joins the desk's staff for the stint") {
  SUBCASE("a desk open all week: a working week, Monday to Friday 09:00-17:00") {
    RunResult r = run_with(fixed_staff(2, Rate::per_hour(3.0)),
                           stint({{"start", "1 week"}, {"duration", "1 week"}}));
    CHECK(figure(r, "stint_hours") == doctest::Approx(40.0));
    // 2 staff for 4 weeks plus the executive for 40 hours.
    CHECK(r.desks[0].mean_staff * 4 * 168 == doctest::Approx(2 * 4 * 168 + 40.0));
  }
  SUBCASE("a desk with shifts: only its opening hours, Monday to Friday 09:00-17:00") {
    Scenario s = fixed_staff(2, Rate::per_hour(1.0));
    Shift office;
    office.days = {true, true, true, true, true, false, false};
    office.from = Duration::hours(9);
    office.to = Duration::hours(17);
    office.staff = 2;
    s.desks[0].shifts = {office};
    RunResult r = run_with(s, stint({{"start", "1 week"}, {"duration", "1 week"}}));
    CHECK(figure(r, "stint_hours") == doctest::Approx(40.0));
    // 80 staff-hours a week for 4 weeks, plus the executive's 40.
    CHECK(r.desks[0].mean_staff * 4 * 168 == doctest::Approx(4 * 80.0 + 40.0));
  }
  SUBCASE("a stint that starts mid-shift and ends mid-shift counts the hours in between") {
    Scenario s = fixed_staff(2, Rate::per_hour(1.0));
    Shift office;
    office.days = {true, true, true, true, true, false, false};
    office.from = Duration::hours(9);
    office.to = Duration::hours(17);
    office.staff = 2;
    s.desks[0].shifts = {office};
    // Monday of week 1, 12:00, for two days: Mon 12-17, Tue 9-17, Wed 9-12 = 5 + 8 + 3 h.
    RunResult r = run_with(s, stint({{"start", "180 h"}, {"duration", "2 days"}}));
    CHECK(figure(r, "stint_hours") == doctest::Approx(16.0));
  }
}

double economics(const RunResult& r, const std::string& name) {
  for (const Metric& m : r.extra) {
    if (m.scope == "economics" && m.name == name) return m.value;
  }
  FAIL("no economics figure " << name);
  return 0.0;
}

// Counts the services started at desk `desk` inside [from, to) minutes.
class StartsBetween final : public TraceObserver {
 public:
  StartsBetween(int desk, double from_min, double to_min)
      : desk_(desk), from_(from_min), to_(to_min) {}
  void on_event(const TraceEvent& e) override {
    if (e.kind == TraceKind::kStart && e.desk == desk_ && e.time_min >= from_ && e.time_min < to_) {
      ++starts;
    }
  }
  int starts = 0;

 private:
  int desk_;
  double from_, to_;
};

TEST_CASE("FrontlineStint: the executive is in one place, and the stint is executive time") {
  // A front line of 2 open all week; a tenth of its complaints go on to the CEO, who
  // works any hour with 30 hours a week: without the stint the CEO serves throughout.
  Scenario s = fixed_staff(2, Rate::per_hour(3.0));
  s.desks[1].executive->per_week = Duration::hours(30);
  s.routes.push_back(Route{});
  s.routes.back().from = 0;
  s.routes.back().to = 1;
  s.routes.back().probability = 0.1;
  // Monday of week 1, 09:00 to 17:00: the stint's first working day.
  const double monday_9 = 10080.0 + 9 * 60.0;
  StartsBetween base_starts(1, monday_9, monday_9 + 8 * 60.0);
  StartsBetween stint_starts(1, monday_9, monday_9 + 8 * 60.0);
  RunResult base = run_once(s, 0, EngineOptions{.check_invariants = true, .trace = &base_starts});
  s.policies.push_back(stint({{"start", "1 week"}, {"duration", "1 week"}}));
  RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true, .trace = &stint_starts});
  REQUIRE(base_starts.starts > 0);
  CHECK(stint_starts.starts == 0);  // no executive service while on the front line

  const ExecutiveResult& e = r.executives.at(0);
  // 40 stint hours, counted as the executive's, in week 1 and beyond its 30-hour budget.
  CHECK(e.elsewhere.in_hours() == doctest::Approx(40.0));
  CHECK(e.used_by_week.at(1).in_hours() >= 40.0);
  CHECK(e.overrun.in_hours() >= 10.0 - 1e-9);
  // Costs: staff hours are the 2 members of staff over 4 weeks, exactly; the stint's 40
  // hours are priced at the executive's rate with the rest of the executive's time.
  CHECK(economics(r, "staff_hours") == doctest::Approx(2.0 * 4 * 168));
  CHECK(economics(r, "executive_hours") == doctest::Approx(e.used.in_hours()));
  CHECK(economics(r, "executive_cost") ==
        doctest::Approx(e.used.in_hours() * s.customers.executive_cost_per_hour));
  CHECK(economics(base, "staff_hours") == doctest::Approx(2.0 * 4 * 168));
}

TEST_CASE("FrontlineStint: about one service in staff is the executive's, and it takes longer") {
  // One trained member of staff plus the executive: half the services in the stint's 40
  // working hours (the desk is open all week: Monday to Friday, 09:00-17:00).
  Scenario s = fixed_staff(1, Rate::per_hour(2.0));
  s.run.horizon = Duration::weeks(3);
  RunResult slow = run_with(s, stint({{"start", "1 week"}, {"initial_slowdown", "3"}}));
  RunResult trained = run_with(s, stint({{"start", "1 week"}, {"initial_slowdown", "1"}}));
  double services = figure(slow, "executive_services");
  double in_week = 2.0 * 40;  // services starting in the stint's working hours, expected
  CHECK(std::abs(services - in_week / 2) < 5.0 * std::sqrt(in_week / 4));
  // Common random numbers: the same services are the executive's whatever the slowdown.
  CHECK(figure(trained, "executive_services") == services);
  // Busy time: 10 min a service, plus on average (3 + 1) / 2 - 1 = 1 extra 10 min for each
  // of the executive's services (the slowdown falls linearly over the hours worked).
  auto busy_min = [](const RunResult& r) {
    return r.desks[0].utilisation * r.desks[0].mean_staff * 3 * 10080.0;
  };
  CHECK(busy_min(trained) == doctest::Approx(10.0 * trained.desks[0].served).epsilon(0.01));
  CHECK(busy_min(slow) - busy_min(trained) ==
        doctest::Approx(10.0 * services).epsilon(0.1));
}

TEST_CASE("FrontlineStint: after the lag, the chosen complaint types arrive less often") {
  // Half minor, half serious; stint in week 1, lag 1 week: from week 3 minor falls by half.
  Scenario s = fixed_staff(10, Rate::per_hour(30.0), {0.5, 0.0, 0.5, 0.0});
  s.run.horizon = Duration::weeks(8);
  s.run.warmup = Duration::weeks(3);
  PolicyConfig config = stint({{"start", "1 week"}, {"lag", "1 week"}, {"reduction", "50%"}});
  RunResult without = run_once(s, 0, kChecked);
  RunResult with = run_with(s, config);

  auto arrived = [](const RunResult& r, int severity) {
    return static_cast<double>(r.desks[0].wait_count_by_severity[severity]);
  };
  // Serious complaints are never thinned: the same ones arrive.
  CHECK(arrived(with, 2) == arrived(without, 2));
  double minor = arrived(without, 0);
  CHECK(std::abs(arrived(with, 0) - minor / 2) < 5.0 * std::sqrt(minor / 4));

  SUBCASE("before the lag is over, nothing falls") {
    s.run.warmup = Duration{};
    s.run.horizon = Duration::weeks(3);
    RunResult early_without = run_once(s, 0, kChecked);
    RunResult early_with = run_with(s, config);
    CHECK(early_with.complaints.arrived == early_without.complaints.arrived);
  }
  SUBCASE("channels name the types that fall; with channels only, every severity of them") {
    Scenario two = s;
    two.channels = {"email", "phone"};
    two.demand[0].channel_share = {0.5, 0.5};
    RunResult base = run_once(two, 0, kChecked);
    RunResult phone = run_with(two, stint({{"start", "1 week"}, {"lag", "1 week"},
                                           {"reduction", "100%"}, {"channels", "phone"}}));
    double before = static_cast<double>(base.complaints.arrived);
    CHECK(std::abs(phone.complaints.arrived - before / 2) < 5.0 * std::sqrt(before / 4));
  }
}

TEST_CASE("FrontlineStint: bad parameters are errors at the parameter") {
  auto error_of = [](PolicyConfig config) -> std::string {
    Scenario s = fixed_staff(2, Rate::per_hour(1.0));
    s.policies.push_back(std::move(config));
    try {
      run_once(s, 0);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of(stint({{"desk", "ceo"}})) ==
        "s.yaml:31:7: the stint's 'desk' must be a staff desk; 'ceo' is an executive desk "
        "(policies[0].desk)");
  CHECK(error_of(stint({{"initial_slowdown", "0.5"}})).find("expected a number from 1 to 100") !=
        std::string::npos);
  CHECK(error_of(stint({{"severities", "minr"}})).find("unknown severity 'minr'") !=
        std::string::npos);
  CHECK(error_of(stint({{"lagg", "1 week"}})).find("unknown parameter 'lagg'") != std::string::npos);
}

}  // namespace
}  // namespace escalsim
