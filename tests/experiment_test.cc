// Replications and their aggregation into Student-t intervals.
#include <cmath>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

ExperimentOptions replications_on_threads(int replications, int threads) {
  ExperimentOptions options;
  options.replications = replications;
  options.threads = threads;
  return options;
}

TEST_CASE("Experiment: an estimate is the mean with a 95% Student-t half-width") {
  // Sample 1..5: mean 3, sd sqrt(2.5), t(0.975, 4 df) = 2.776445.
  Estimate e = estimate({1, 2, 3, 4, 5});
  CHECK(e.n == 5);
  CHECK(e.mean == doctest::Approx(3.0));
  CHECK(e.sd == doctest::Approx(std::sqrt(2.5)));
  CHECK(e.half_width == doctest::Approx(2.776445 * std::sqrt(2.5) / std::sqrt(5.0)));

  SUBCASE("a single replication has no interval") {
    Estimate one = estimate({7.5});
    CHECK(one.mean == 7.5);
    CHECK(one.half_width == 0.0);
  }
}

TEST_CASE("Experiment: replications are aggregated metric by metric, in flatten order") {
  Scenario s = ScenarioBuilder("reps").horizon(Duration::weeks(3)).seed(5)
                   .desk("frontline", 2, exponential(Duration::minutes(20)))
                   .demand("frontline", Rate::per_hour(4.0))
                   .build();
  ExperimentResult result = run_experiment(s, replications_on_threads(4, 2));
  REQUIRE(result.runs.size() == 4);
  for (int r = 0; r < 4; ++r) CHECK(result.runs[r].replication == r);
  auto first = flatten(result.runs[0]);
  REQUIRE(result.summary.size() == first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(result.summary[i].scope == first[i].scope);
    CHECK(result.summary[i].name == first[i].name);
    CHECK(result.summary[i].n == 4);
  }
  // The mean of arrivals is the mean of the four runs' arrivals.
  double sum = 0.0;
  for (const RunResult& run : result.runs) sum += static_cast<double>(run.complaints.arrived);
  bool found = false;
  for (const Estimate& e : result.summary) {
    if (e.scope == "complaints" && e.name == "arrived") {
      CHECK(e.mean == doctest::Approx(sum / 4));
      CHECK(e.half_width > 0.0);
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("Experiment: results do not depend on the number of threads") {
  Scenario s = ScenarioBuilder("threads").horizon(Duration::weeks(4)).warmup(Duration::weeks(1)).seed(77)
                   .desk("frontline", 3, exponential(Duration::minutes(15)))
                   .patience(exponential(Duration::minutes(20)))
                   .desk("ceo", 1, exponential(Duration::minutes(30)))
                   .demand("frontline", Rate::per_hour(10.0))
                   .route("frontline", "ceo", 0.1)
                   .build();
  auto values = [&](int threads) {
    ExperimentResult r = run_experiment(s, replications_on_threads(8, threads));
    std::vector<double> all;
    for (const RunResult& run : r.runs) {
      for (const Metric& m : flatten(run)) all.push_back(m.value);
    }
    for (const Estimate& e : r.summary) {
      all.push_back(e.mean);
      all.push_back(e.half_width);
    }
    return all;
  };
  auto one = values(1);
  CHECK(one == values(2));
  CHECK(one == values(8));
}

TEST_CASE("Experiment: a failing run is reported, not swallowed") {
  Scenario s = ScenarioBuilder("broken").horizon(Duration::weeks(1))
                   .desk("frontline", 1, exponential(Duration::minutes(5)))
                   .desk("ceo", 1, exponential(Duration::minutes(5)))
                   .demand("frontline", Rate::per_hour(1.0))
                   .build();
  ExecutiveBudget b;
  b.per_week = Duration::hours(1);
  b.when_spent = WhenBudgetSpent::kHandBack;
  b.hand_back_desk = 1;  // itself: not a staff desk
  s.desks[1].executive = b;
  CHECK_THROWS_AS(run_experiment(s, replications_on_threads(3, 2)), ModelError);
}

}  // namespace
}  // namespace escalsim
