// The `economy:` section: periods of good or bad times, their checks, and what they do to
// the customer model (the share lost after an outcome, times the period's factor).
#include <sstream>
#include <numeric>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"
#include "scenario/loader_test_helpers.h"
#include "tools/program_runner.h"

using namespace escalsim;
using namespace escalsim::loader_test;

TEST_CASE("ScenarioLoader: economy periods read good, bad and factors") {
  Scenario s = load_scenario_text(kMinimal + R"(economy:
  - {from: 0 weeks, to: 1 week, times: good}
  - {from: 1 week, to: 2 weeks, times: bad}
  - {from: 3 weeks, to: 4 weeks, times: 1.5}
)",
                                  "s.yaml");
  REQUIRE(s.economy.size() == 3);
  CHECK(s.economy[0].outcome_factor == 1.25);
  CHECK(s.economy[1].outcome_factor == 0.8);
  CHECK(s.economy[2].outcome_factor == 1.5);
  CHECK(s.economy[2].from.in_weeks() == doctest::Approx(3));
  const double week = 7 * 24 * 60.0;
  CHECK(economy_outcome_factor(s.economy, 0.0) == 1.25);
  CHECK(economy_outcome_factor(s.economy, week) == 0.8);  // from is inside, to is not
  CHECK(economy_outcome_factor(s.economy, 2.5 * week) == 1.0);  // ordinary times between
  CHECK(economy_outcome_factor(s.economy, 3.5 * week) == 1.5);
  CHECK(economy_outcome_factor(s.economy, 4 * week) == 1.0);
  CHECK(load_scenario_text(kMinimal, "s.yaml").economy.empty());
}

TEST_CASE("ScenarioLoader: economy periods are checked like the rest of the file") {
  CHECK(error_of(kMinimal + "economy:\n  - {from: 2 weeks, to: 1 week, times: good}\n") ==
        "s.yaml:10:25: a period's 'to' must be after its 'from', got '1 week' (economy[0].to)");
  CHECK(error_of(kMinimal + "economy:\n  - {from: 0 weeks, to: 1 week, times: great}\n") ==
        "s.yaml:10:40: 'times' must be good, bad, or a factor above 0 and at most 10, got "
        "'great' (economy[0].times)");
  CHECK(error_of(kMinimal + "economy:\n  - {from: 0 weeks, to: 1 week, times: 0}\n")
            .find("'times' must be good, bad") != std::string::npos);
  CHECK(error_of(kMinimal + "economy:\n  - {from: 0 weeks, to: 2 weeks, times: good}\n"
                            "  - {from: 1 week, to: 3 weeks, times: bad}\n") ==
        "s.yaml:11:5: this period overlaps economy[0]; economic periods must not overlap "
        "(economy[1])");
  CHECK(error_of(kMinimal + "economy:\n  - {from: 0 weeks, to: 1 week, time: good}\n")
            .find("did you mean 'times'") != std::string::npos);
  CHECK(error_of(kMinimal + "economy:\n  - {from: 0 weeks, to: 1 week}\n").find("times") !=
        std::string::npos);
  CHECK(error_of(kMinimal + "economy: good\n").find("a list of periods") != std::string::npos);
}

namespace {

double figure(const RunResult& r, const std::string& scope, const std::string& name) {
  for (const Metric& m : flatten(r)) {
    if (m.scope == scope && m.name == name) return m.value;
  }
  FAIL("no figure " << scope << "/" << name);
  return 0.0;
}

}  // namespace

TEST_CASE("Economy: an outcome loses the period's factor times the share it would") {
  // Every complaint is resolved within minutes: resolved quickly, 95% still loyal (TARP,
  // small loss), so 5% of each is lost in ordinary times; in good times 1.25 × 5%, in bad
  // 0.8 × 5%, counted by when the complaint ends.
  const std::string company = R"(run: {horizon: 2 weeks, seed: 4}
demand: {rate: 30 per hour}
desks:
  frontline: {staff: 10, handle_time: 5 min}
)";
  const auto churn_per_complaint = [&](const std::string& economy) {
    RunResult r = run_once(load_scenario_text(company + economy, "s.yaml"), 0);
    const double complaints = figure(r, "customers", "complaints");
    REQUIRE(complaints > 10000);
    CHECK(figure(r, "customers", "resolved_quickly_share") == 1.0);
    return figure(r, "customers", "churn_expected") / complaints;
  };
  CHECK(churn_per_complaint("") == doctest::Approx(0.05));
  CHECK(churn_per_complaint("economy:\n  - {from: 0 weeks, to: 2 weeks, times: good}\n") ==
        doctest::Approx(0.0625));
  CHECK(churn_per_complaint("economy:\n  - {from: 0 weeks, to: 2 weeks, times: bad}\n") ==
        doctest::Approx(0.04));
  // Half and half: the mean of the two, as complaints arrive evenly.
  const double mixed = churn_per_complaint(
      "economy:\n  - {from: 0 weeks, to: 1 week, times: good}\n"
      "  - {from: 1 week, to: 2 weeks, times: bad}\n");
  CHECK(mixed == doctest::Approx((0.0625 + 0.04) / 2).epsilon(0.01));
  // A period the run never reaches changes nothing, to the last bit.
  RunResult plain = run_once(load_scenario_text(company, "s.yaml"), 0);
  RunResult later = run_once(
      load_scenario_text(company + "economy:\n  - {from: 3 weeks, to: 4 weeks, times: good}\n",
                         "s.yaml"),
      0);
  CHECK(figure(plain, "customers", "churn_expected") ==
        figure(later, "customers", "churn_expected"));
}

namespace {

// The sum over replications of results.csv's (scope, metric).
double csv_total(const std::string& csv, const std::string& scope, const std::string& metric) {
  const std::vector<double> values = testing::figure_per_replication(csv, scope, metric);
  return std::accumulate(values.begin(), values.end(), 0.0);
}

}  // namespace

TEST_CASE("escalsim run: the CEO's time is worth 1.25/0.8 times more in good times than bad") {
  // The CEO resolves (95%) what the front line could not (30%); without the CEO
  // (frontline_only) those close unresolved. Every segment is a small loss, where no
  // factor pushes a loss past 100%: the churn the CEO saves is the ordinary saving times
  // the period's factor, on the same complaints with the same outcomes (the economy
  // changes no draw). So good against bad is 1.25 / 0.8, to rounding, in every replication.
  testing::TempDir dir;
  testing::write_file(dir.path() / "times.yaml",
                      "run: {name: times, horizon: 6 weeks, warmup: 1 week, seed: 9,\n"
                      "      replications: 4}\n"
                      "demand: {rate: 6 per hour}\n"
                      "desks:\n"
                      "  frontline: {staff: 3, handle_time: {distribution: exponential, mean: 20 min},\n"
                      "              resolution: 0.7}\n"
                      "  ceo: {handle_time: {distribution: exponential, mean: 10 min},\n"
                      "        budget: 168 h per week, resolution: 0.95}\n"
                      "routes: [{from: frontline, to: ceo, when: unresolved, probability: 1}]\n");
  const auto churn = [&](const std::string& times, bool ceo) {
    const std::string out = times + (ceo ? "-ceo" : "-alone");
    std::string args = "run times.yaml --out " + out +
                       " --set 'economy=[{from: 0 weeks, to: 6 weeks, times: " + times + "}]'";
    if (!ceo) args += " --set 'policies=[frontline_only]'";
    const testing::Outcome o = testing::run_program(dir.path(), args);
    INFO(o.err);
    REQUIRE(o.status == 0);
    return csv_total(testing::read_file(dir.path() / out / "results.csv"), "customers",
                     "churn_expected");
  };
  const double saved_good = churn("good", false) - churn("good", true);
  const double saved_bad = churn("bad", false) - churn("bad", true);
  const double saved_ordinary = churn("1", false) - churn("1", true);
  CHECK(saved_ordinary > 500);
  CHECK(saved_good == doctest::Approx(1.25 * saved_ordinary).epsilon(1e-9));
  CHECK(saved_bad == doctest::Approx(0.8 * saved_ordinary).epsilon(1e-9));
  CHECK(saved_good / saved_bad == doctest::Approx(1.5625).epsilon(1e-9));
}
