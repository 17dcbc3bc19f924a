// Common random numbers keyed per complaint, and what they buy: narrow paired intervals.
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

}  // namespace
}  // namespace escalsim
