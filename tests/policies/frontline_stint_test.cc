// frontline_stint: the executive on the desk's staff for the stint (in its opening hours),
// slower at first; complaint types falling after the lag; nothing charged to the budget.
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
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
  SUBCASE("a desk with fixed staff: the whole stint, day and night") {
    RunResult r = run_with(fixed_staff(2, Rate::per_hour(3.0)),
                           stint({{"start", "1 week"}, {"duration", "1 week"}}));
    CHECK(figure(r, "stint_hours") == doctest::Approx(168.0));
    // 2 staff for 4 weeks plus 1 for one of them.
    CHECK(r.desks[0].mean_staff == doctest::Approx(2.25));
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
  SUBCASE("nothing is charged to the executive desk's budget") {
    RunResult r = run_with(fixed_staff(2, Rate::per_hour(3.0)), stint({{"start", "1 week"}}));
    CHECK(r.executives[0].used.in_minutes() == 0.0);
    CHECK(r.executives[0].items == 0);
  }
}

TEST_CASE("FrontlineStint: about one service in staff is the executive's, and it takes longer") {
  // One trained member of staff plus the executive: half the services in the stint week.
  Scenario s = fixed_staff(1, Rate::per_hour(2.0));
  s.run.horizon = Duration::weeks(3);
  RunResult slow = run_with(s, stint({{"start", "1 week"}, {"initial_slowdown", "3"}}));
  RunResult trained = run_with(s, stint({{"start", "1 week"}, {"initial_slowdown", "1"}}));
  double services = figure(slow, "executive_services");
  double in_week = 2.0 * 168;  // services starting in the stint week, expected
  CHECK(std::abs(services - in_week / 2) < 5.0 * std::sqrt(in_week / 4));
  // Common random numbers: the same services are the executive's whatever the slowdown.
  CHECK(figure(trained, "executive_services") == services);
  // Busy time: 10 min a service, plus on average (3 + 1) / 2 - 1 = 1 extra 10 min for each
  // of the executive's services.
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
