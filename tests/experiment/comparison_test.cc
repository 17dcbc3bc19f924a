// Common random numbers keyed per complaint, and what they buy: narrow paired intervals.
#include <algorithm>
#include <cmath>

#include <doctest/doctest.h>

#include "escalsim/comparison.h"
#include "escalsim/engine.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

Scenario chain(int frontline_staff) {
  return ScenarioBuilder("crn").horizon(Duration::weeks(8)).warmup(Duration::weeks(1)).seed(31)
      .desk("frontline", frontline_staff, exponential(Duration::minutes(20)))
      .resolution(0.8)
      .desk("specialists", 3, exponential(Duration::minutes(40)))
      .demand("frontline", Rate::per_hour(12.0))
      .route("frontline", "specialists", 1.0, RouteCondition::kUnresolved)
      .build();
}

const Difference& find(const std::vector<Difference>& all, const std::string& scope,
                       const std::string& name) {
  for (const Difference& d : all) {
    if (d.scope == scope && d.name == name) return d;
  }
  FAIL("no such metric: " << scope << " " << name);
  return all.front();
}

TEST_CASE("Comparison: a complaint meets the same fate at a desk whatever happened upstream") {
  // More front-line staff change every waiting time, but not which complaints the front
  // line resolves: those draws are keyed by the complaint's visit, not by event order. So
  // the specialists receive the same complaints, up to the few still in service at either
  // end of the window (independent draws would differ by about 70).
  RunResult five = run_once(chain(5), 0);
  RunResult six = run_once(chain(6), 0);
  CHECK(five.desks[0].wait.mean != six.desks[0].wait.mean);
  CHECK(five.desks[1].arrivals > 2000);
  CHECK(std::abs(five.desks[1].arrivals - six.desks[1].arrivals) <= 10);
}

TEST_CASE("Comparison: paired intervals on common random numbers are narrower than unpaired ones") {
  ExperimentOptions options;
  options.replications = 20;
  ExperimentResult a = run_experiment(chain(5), options);
  ExperimentResult b = run_experiment(chain(6), options);
  auto paired = paired_differences(a, b);
  auto unpaired = unpaired_differences(a, b);

  const Difference& p = find(paired, "complaints", "time_in_system_mean_min");
  const Difference& u = find(unpaired, "complaints", "time_in_system_mean_min");
  MESSAGE("time in system, 6 vs 5 staff: paired ", p.difference, " +- ", p.half_width,
          ", unpaired +- ", u.half_width);
  CHECK(p.difference == doctest::Approx(u.difference));
  CHECK(p.difference < 0.0);  // more staff, shorter time in system
  CHECK(p.significant);
  // Both variants' times rise and fall with the same arrival bursts, so pairing removes
  // that shared noise; the 6-staff variant varies less, so not all of it (here ~30%).
  CHECK(p.half_width < u.half_width);

  // Which complaints reach the specialists is keyed per complaint, so it hardly depends
  // on the front line's staffing: paired, the difference is nearly exact.
  const Difference& pe = find(paired, "desk:specialists", "arrivals");
  const Difference& ue = find(unpaired, "desk:specialists", "arrivals");
  MESSAGE("specialists' arrivals: paired +- ", pe.half_width, ", unpaired +- ", ue.half_width);
  CHECK(pe.half_width < 0.2 * ue.half_width);

  SUBCASE("a metric that does not change has a zero-width paired interval") {
    const Difference& arrivals = find(paired, "complaints", "arrived");
    CHECK(arrivals.difference == 0.0);
    CHECK(arrivals.half_width == 0.0);
    CHECK_FALSE(arrivals.significant);
  }
}

// A run that reports only the customer model's complaints and loyalty and the executive's
// hours, for the marginal effect below.
RunResult outcome_run(double complaints, double loyalty, double executive_hours) {
  RunResult run;
  run.extra = {{"customers", "complaints", complaints},
               {"customers", "loyalty_mean", loyalty},
               {"economics", "executive_hours", executive_hours}};
  return run;
}

TEST_CASE("Comparison: satisfaction per executive hour is the paired marginal effect") {
  // Loyal customers (complaints x loyalty): baseline 500 each replication; the variant
  // gains 10, 12, 8, 10 for 2 extra executive hours each. By hand: ratio 40 / 8 = 5; the
  // residuals 10 - 5 x 2, ... are 0, 2, -2, 0 (variance 8/3), so the half-width is
  // t(3) x sqrt(8/3 / 4) / 2.
  ExperimentResult a, b;
  const double gained[] = {10, 12, 8, 10};
  for (double g : gained) {
    a.runs.push_back(outcome_run(1000, 0.5, 3));
    b.runs.push_back(outcome_run(1000, (500 + g) / 1000, 5));
  }
  const auto paired = paired_differences(a, b);
  const Difference& d = find(paired, "economics", kLoyalGainedPerExecutiveHour);
  CHECK(d.difference == doctest::Approx(5.0));
  CHECK(d.half_width == doctest::Approx(3.182446305 * std::sqrt(8.0 / 3.0 / 4.0) / 2.0));
  CHECK(d.significant);

  SUBCASE("no extra executive hours: no figure per extra hour") {
    ExperimentResult same;
    for (double g : gained) same.runs.push_back(outcome_run(1000, (500 + g) / 1000, 3));
    const auto none = paired_differences(a, same);
    CHECK(std::none_of(none.begin(), none.end(), [](const Difference& x) {
      return x.name == kLoyalGainedPerExecutiveHour;
    }));
  }
}

}  // namespace
}  // namespace escalsim
