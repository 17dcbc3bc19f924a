// escalation_chain: each trigger on a scenario where the outcome follows by hand, the
// `from`, `when` and `probability` settings, and the parameter errors.
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

using testing::fixed;
using testing::ScenarioBuilder;

const EngineOptions kChecked{.check_invariants = true};

double figure(const RunResult& r, const std::string& name) {
  return testing::policy_figure(r, "escalation_chain", name);
}

PolicyConfig chain(std::vector<std::pair<std::string, std::string>> params) {
  PolicyConfig config{"escalation_chain", {}, SourceLocation{"s.yaml", 30, 5, "policies[0]"}};
  int column = 20;
  for (auto& [key, value] : params) {
    config.params.push_back(
        PolicyParam{key, value, SourceLocation{"s.yaml", 30, column, "policies[0]." + key}});
    column += 10;
  }
  return config;
}

ExecutiveBudget ample_budget() {
  ExecutiveBudget b;
  b.per_week = Duration::hours(100);
  return b;
}

// The front line resolves nothing (or everything) and has far more staff than it needs, so
// no one waits; the CEO resolves everything. Without the policy, every complaint closes
// unresolved at the front line: nothing routes to the CEO.
Scenario front_line(double resolution = 0.0) {
  return ScenarioBuilder("chain").horizon(Duration::weeks(6)).seed(5)
      .desk("frontline", 60, fixed(Duration::minutes(10)))
      .resolution(resolution)
      .desk("ceo", 1, fixed(Duration::minutes(1)))
      .executive(ample_budget())
      .demand("frontline", Rate::per_hour(3.0), {0.4, 0.3, 0.2, 0.1})
      .build();
}

// Two staff desks in a row with fixed handle times and no waiting: a complaint leaves
// intake 30 min after arriving and frontline 40 min after arriving.
Scenario two_stages() {
  return ScenarioBuilder("stages").horizon(Duration::weeks(4)).seed(6)
      .desk("intake", 60, fixed(Duration::minutes(30)))
      .resolution(0.0)
      .desk("frontline", 60, fixed(Duration::minutes(10)))
      .resolution(0.0)
      .desk("ceo", 1, fixed(Duration::minutes(1)))
      .executive(ample_budget())
      .demand("intake", Rate::per_hour(3.0))
      .route("intake", "frontline", 1.0)
      .build();
}

RunResult run_with(Scenario s, PolicyConfig config) {
  s.policies.push_back(std::move(config));
  return run_once(s, 0, kChecked);
}

TEST_CASE("EscalationChain: complaints at or above the severity go to the executive, others close") {
  RunResult r = run_with(front_line(), chain({{"severity_at_least", "serious"}}));
  const DeskResult& frontline = r.desks[0];
  const DeskResult& ceo = r.desks[1];
  double escalated = figure(r, "escalated");

  CHECK(escalated > 100);
  CHECK(escalated == ceo.arrivals);
  CHECK(figure(r, "escalated_by_severity") == escalated);
  CHECK(figure(r, "escalated_by_sla") == 0.0);
  CHECK(figure(r, "escalated_by_value") == 0.0);
  CHECK(figure(r, "escalated_by_repeat") == 0.0);
  // The CEO sees serious and critical complaints only.
  CHECK(ceo.wait_count_by_severity[0] == 0);
  CHECK(ceo.wait_count_by_severity[1] == 0);
  CHECK(ceo.wait_count_by_severity[2] + ceo.wait_count_by_severity[3] == ceo.arrivals);
  // What the front line served either went to the CEO or closed unresolved there.
  CHECK(frontline.served == static_cast<std::int64_t>(escalated) + r.complaints.closed_unresolved);
  // About 30% of complaints are serious or critical.
  CHECK(escalated / frontline.served == doctest::Approx(0.3).epsilon(0.1));
}

TEST_CASE("EscalationChain: `when` decides whether resolved complaints escalate too") {
  SUBCASE("unresolved (the default): a front line that resolves everything escalates nothing") {
    RunResult r = run_with(front_line(1.0), chain({{"severity_at_least", "minor"}}));
    CHECK(figure(r, "escalated") == 0.0);
    CHECK(r.desks[1].arrivals == 0);
  }
  SUBCASE("always: every complaint that matches escalates, resolved or not") {
    RunResult r = run_with(front_line(1.0), chain({{"severity_at_least", "minor"}, {"when", "always"}}));
    CHECK(figure(r, "escalated") == r.desks[0].served);
    CHECK(r.desks[1].arrivals == r.desks[0].served);
  }
}

TEST_CASE("EscalationChain: an SLA breach is time since first arrival, checked at the `from` desks") {
  // A complaint leaves intake at 30 min and frontline at 40 min after its arrival.
  SUBCASE("waited longer than 35 min: caught at frontline, every one") {
    RunResult r = run_with(two_stages(), chain({{"waited_longer_than", "35 min"}}));
    CHECK(figure(r, "escalated") == r.desks[1].served);
    CHECK(figure(r, "escalated_by_sla") == r.desks[1].served);
    CHECK(r.desks[2].arrivals == r.desks[1].served);
  }
  SUBCASE("waited longer than 45 min: no one") {
    RunResult r = run_with(two_stages(), chain({{"waited_longer_than", "45 min"}}));
    CHECK(figure(r, "escalated") == 0.0);
  }
  SUBCASE("from intake, longer than 25 min: every one, before frontline sees it") {
    RunResult r = run_with(two_stages(),
                           chain({{"waited_longer_than", "25 min"}, {"from", "intake"}}));
    CHECK(figure(r, "escalated") == r.desks[0].served);
    CHECK(r.desks[1].arrivals == 0);
  }
  SUBCASE("from intake, longer than 35 min: no one, though frontline would breach") {
    RunResult r = run_with(two_stages(),
                           chain({{"waited_longer_than", "35 min"}, {"from", "intake"}}));
    CHECK(figure(r, "escalated") == 0.0);
    CHECK(r.desks[1].arrivals == r.desks[0].served);
  }
}

TEST_CASE("EscalationChain: customers worth at least the value go to the executive") {
  Scenario s = front_line();
  s.segments = {Segment{"consumer", 300.0}, Segment{"business", 6000.0}};
  s.demand[0].segment_share = {0.8, 0.2};

  SUBCASE("5000 per year: business customers only, a fifth") {
    RunResult r = run_with(s, chain({{"value_at_least", "5000 per year"}}));
    double escalated = figure(r, "escalated");
    CHECK(figure(r, "escalated_by_value") == escalated);
    CHECK(escalated / r.desks[0].served == doctest::Approx(0.2).epsilon(0.15));
  }
  SUBCASE("300 per year: the threshold is inclusive, so everyone") {
    RunResult r = run_with(s, chain({{"value_at_least", "300 per year"}}));
    CHECK(figure(r, "escalated") == r.desks[0].served);
  }
  SUBCASE("25 per month is 300 per year") {
    RunResult r = run_with(s, chain({{"value_at_least", "25 per month"}}));
    CHECK(figure(r, "escalated") == r.desks[0].served);
  }
}

TEST_CASE("EscalationChain: a customer who came back k times goes to the executive") {
  // Every complaint closes unresolved at the front line and its customer returns a day or so
  // later, up to three contacts; the CEO resolves what reaches it.
  Scenario s = front_line();
  s.customers.return_probability = 1.0;
  s.customers.return_delay = Duration::days(1);
  s.customers.max_contacts = 3;

  SUBCASE("k = 1: the second contact escalates, so no one comes a third time") {
    RunResult r = run_with(s, chain({{"repeat_contacts_at_least", "1"}}));
    double escalated = figure(r, "escalated");
    CHECK(figure(r, "escalated_by_repeat") == escalated);
    CHECK(escalated == r.desks[1].arrivals);
    // Every first contact closes unresolved and returns (unless past the horizon).
    CHECK(escalated <= r.complaints.closed_unresolved);
    CHECK(escalated > 0.9 * r.complaints.closed_unresolved);
    CHECK(r.desks[1].resolved == r.desks[1].served);
  }
  SUBCASE("k = 2: only third contacts escalate") {
    RunResult r = run_with(s, chain({{"repeat_contacts_at_least", "2"}}));
    double escalated = figure(r, "escalated");
    // First and second contacts close unresolved: about two closures per escalation.
    CHECK(r.complaints.closed_unresolved / escalated == doctest::Approx(2.0).epsilon(0.1));
  }
}

TEST_CASE("EscalationChain: a complaint matching several triggers counts in each") {
  Scenario s = front_line();
  s.segments = {Segment{"consumer", 300.0}, Segment{"business", 6000.0}};
  s.demand[0].segment_share = {0.5, 0.5};
  RunResult r = run_with(s, chain({{"severity_at_least", "serious"},
                                   {"value_at_least", "5000 per year"}}));
  double escalated = figure(r, "escalated");
  double by_severity = figure(r, "escalated_by_severity");
  double by_value = figure(r, "escalated_by_value");
  CHECK(escalated < by_severity + by_value);  // some are serious business complaints
  CHECK(escalated >= by_severity);
  CHECK(escalated >= by_value);
  // P(serious or business) = 1 - 0.7 * 0.5.
  CHECK(escalated / r.desks[0].served == doctest::Approx(0.65).epsilon(0.05));
}

TEST_CASE("EscalationChain: a probability escalates that share of the matches, the same ones in every run") {
  RunResult half = run_with(front_line(), chain({{"severity_at_least", "minor"}, {"probability", "50%"}}));
  RunResult again = run_with(front_line(), chain({{"severity_at_least", "minor"}, {"probability", "0.5"}}));
  double escalated = figure(half, "escalated");
  double served = static_cast<double>(half.desks[0].served);
  CHECK(std::abs(escalated - served / 2) < 4.0 * std::sqrt(served / 4));
  CHECK(figure(again, "escalated") == escalated);
}

TEST_CASE("EscalationChain: a complaint the executive has seen is not escalated again") {
  // The CEO resolves nothing and sends everything back to the front line, which escalates
  // everything it cannot resolve: without the guard this would loop for ever.
  Scenario s = front_line();
  s.desks[1].resolution_probability.fill(0.0);
  s.routes.push_back(Route{1, 0, RouteCondition::kAlways, Severity::kMinor, {}, 1.0, {}});
  RunResult r = run_with(s, chain({{"severity_at_least", "minor"}}));
  double escalated = figure(r, "escalated");
  CHECK(escalated == r.desks[1].arrivals);
  CHECK(escalated <= r.complaints.arrived);  // once each at most
  CHECK(r.desks[0].arrivals == r.complaints.arrived + r.desks[1].served);
  CHECK(r.complaints.closed_unresolved <= r.desks[1].served);
  CHECK(r.complaints.closed_unresolved > 0.99 * r.desks[1].served);
}

TEST_CASE("EscalationChain: bad parameters are errors at the parameter") {
  auto error_of = [](PolicyConfig config) -> std::string {
    Scenario s = front_line();
    s.policies.push_back(std::move(config));
    try {
      run_once(s, 0);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  SUBCASE("no trigger") {
    CHECK(error_of(chain({{"probability", "50%"}})) ==
          "s.yaml:30:5: policy 'escalation_chain' needs at least one trigger: severity_at_least, "
          "waited_longer_than, value_at_least or repeat_contacts_at_least (policies[0])");
  }
  SUBCASE("an unknown `when`") {
    CHECK(error_of(chain({{"severity_at_least", "serious"}, {"when", "sometimes"}})) ==
          "s.yaml:30:30: expected when an escalation applies, got 'sometimes'; accepted: "
          "unresolved, always (policies[0].when)");
  }
  SUBCASE("a value without 'per year'") {
    std::string e = error_of(chain({{"value_at_least", "5000"}}));
    CHECK(e.rfind("s.yaml:30:20: ", 0) == 0);
    CHECK(e.find("(policies[0].value_at_least)") != std::string::npos);
  }
  SUBCASE("`from` an executive desk") {
    CHECK(error_of(chain({{"severity_at_least", "serious"}, {"from", "ceo"}})) ==
          "s.yaml:30:30: 'from' must be a staff desk; 'ceo' is an executive desk "
          "(policies[0].from)");
  }
  SUBCASE("a misspelt key, with a suggestion") {
    std::string e = error_of(chain({{"severity_at_least", "serious"}, {"whn", "always"}}));
    CHECK(e.find("unknown parameter 'whn'") != std::string::npos);
    CHECK(e.find("when") != std::string::npos);
  }
  SUBCASE("repeat contacts of 0") {
    std::string e = error_of(chain({{"repeat_contacts_at_least", "0"}}));
    CHECK(e.find("(policies[0].repeat_contacts_at_least)") != std::string::npos);
  }
}

}  // namespace
}  // namespace escalsim
