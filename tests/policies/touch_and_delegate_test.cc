// touch_and_delegate: the executive's touch replaces the answer (a fixed short time, never
// a resolution), and the delegated complaint jumps the line at the staff desk.
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
  return testing::policy_figure(r, "touch_and_delegate", name);
}

PolicyConfig touch(std::vector<std::pair<std::string, std::string>> params) {
  PolicyConfig config{"touch_and_delegate", {}, SourceLocation{"s.yaml", 30, 5, "policies[0]"}};
  for (auto& [key, value] : params) {
    config.params.push_back(
        PolicyParam{key, value, SourceLocation{"s.yaml", 31, 7, "policies[0]." + key}});
  }
  return config;
}

// Critical complaints (3%) go from the front line to the CEO, who answers them in full in
// 30 minutes; unresolved minor ones go to the specialists, who are busy (load about 0.7).
Scenario company(std::uint64_t seed) {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(60);
  Scenario s = ScenarioBuilder("touch").horizon(Duration::weeks(12)).warmup(Duration::weeks(1))
                   .seed(seed)
                   .desk("frontline", 5, exponential(Duration::minutes(12)))
                   .resolution(0.7)
                   .desk("specialists", 4, exponential(Duration::minutes(30)))
                   .desk("ceo", 1, fixed(Duration::minutes(30)))
                   .executive(budget)
                   .demand("frontline", Rate::per_minute(0.3), {0.97, 0.0, 0.0, 0.03})
                   .route("frontline", "ceo", 1.0, RouteCondition::kSeverityAtLeast)
                   .route("frontline", "specialists", 1.0, RouteCondition::kUnresolved)
                   .build();
  s.routes[0].min_severity = Severity::kCritical;
  s.desks[0].resolution_probability[static_cast<int>(Severity::kCritical)] = 0.0;
  return s;
}

RunResult run_with(Scenario s, PolicyConfig config) {
  s.policies.push_back(std::move(config));
  return run_once(s, 0, kChecked);
}

TEST_CASE("TouchAndDelegate: delegate uses less executive time than answering in full") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    RunResult full = run_once(company(seed), 0, kChecked);
    RunResult delegated = run_with(company(seed), touch({{"delegate_to", "specialists"}}));
    const ExecutiveResult& full_ceo = full.executives[0];
    const ExecutiveResult& touch_ceo = delegated.executives[0];

    SUBCASE("the executive spends 5 min a complaint instead of 30") {
      CHECK(touch_ceo.items > 500);
      CHECK(touch_ceo.used.in_minutes() == doctest::Approx(5.0 * touch_ceo.items));
      CHECK(full_ceo.used.in_minutes() == doctest::Approx(30.0 * full_ceo.items));
      CHECK(touch_ceo.used < full_ceo.used * 0.25);
    }
    SUBCASE("the touch resolves nothing: every touched complaint is delegated") {
      CHECK(delegated.desks[2].resolved == 0);
      CHECK(figure(delegated, "touched") == delegated.desks[2].served);
      CHECK(figure(delegated, "delegated") == figure(delegated, "touched"));
    }
    SUBCASE("delegated complaints wait less at the staff desk than the others") {
      // At the specialists, critical complaints are exactly the delegated ones.
      const DeskResult& specialists = delegated.desks[1];
      CHECK(specialists.wait_count_by_severity[3] > 500);
      CHECK(specialists.wait_mean_by_severity[3].in_minutes() <
            specialists.wait_mean_by_severity[0].in_minutes() * 0.5);
      CHECK(full.desks[1].wait_count_by_severity[3] == 0);
    }
    SUBCASE("conservation still holds") {
      const ComplaintResult& c = delegated.complaints;
      CHECK(c.resolved + c.closed_unresolved + c.abandoned + c.refused + c.open_at_end == c.arrived);
    }
  }
}

TEST_CASE("TouchAndDelegate: priority lasts for one line only") {
  // Delegated complaints that the specialists cannot resolve go back to the front line,
  // where they queue like anyone else: their wait there is the front line's usual wait.
  Scenario s = company(4);
  s.desks[1].resolution_probability.fill(0.5);
  s.routes.push_back(Route{1, 0, RouteCondition::kUnresolved, Severity::kMinor, {}, 1.0, {}});
  s.desks[0].discipline = QueueDiscipline::kFifo;
  RunResult r = run_with(s, touch({{"delegate_to", "specialists"}}));
  const DeskResult& frontline = r.desks[0];
  // Critical complaints at the front line: the first visit and returns from the specialists.
  CHECK(frontline.wait_count_by_severity[3] > 500);
  CHECK(frontline.wait_mean_by_severity[3].in_minutes() ==
        doctest::Approx(frontline.wait_mean_by_severity[0].in_minutes()).epsilon(0.3));
}

TEST_CASE("TouchAndDelegate: a touch time replaces the executive's handle time") {
  RunResult r = run_with(company(5), touch({{"delegate_to", "specialists"}, {"touch_time", "2 min"}}));
  CHECK(r.executives[0].used.in_minutes() == doctest::Approx(2.0 * r.executives[0].items));
}

TEST_CASE("TouchAndDelegate: bad parameters are errors at the parameter") {
  auto error_of = [](PolicyConfig config) -> std::string {
    Scenario s = company(1);
    s.policies.push_back(std::move(config));
    try {
      run_once(s, 0);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of(touch({})) ==
        "s.yaml:30:5: policy 'touch_and_delegate' needs 'delegate_to': the name of a desk "
        "(policies[0])");
  CHECK(error_of(touch({{"delegate_to", "ceo"}})) ==
        "s.yaml:31:7: 'delegate_to' must be a staff desk; 'ceo' is an executive desk "
        "(policies[0].delegate_to)");
  CHECK(error_of(touch({{"delegate_to", "specialist"}})).find("unknown desk 'specialist'") !=
        std::string::npos);
  CHECK(error_of(touch({{"delegate_to", "specialists"}, {"touch_time", "0 min"}})) ==
        "s.yaml:31:7: 'touch_time' must be above 0 (policies[0].touch_time)");
}

}  // namespace
}  // namespace escalsim
