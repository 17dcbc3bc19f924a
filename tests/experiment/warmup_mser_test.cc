// MSER-5 truncation on synthetic series, and the auto warm-up of one replication.
#include "experiment/warmup_mser.h"

#include <cmath>
#include <cstddef>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

// `length` observations: a transient that starts `transient` above the steady level and
// decays linearly to it over the first `transient_length` observations, plus N(0, 1) noise
// from a fixed seed.
std::vector<double> series_with_transient(std::size_t length, double transient,
                                          std::size_t transient_length, unsigned seed) {
  boost::random::mt19937 engine(seed);
  boost::random::normal_distribution<double> noise(0.0, 1.0);
  std::vector<double> series;
  for (std::size_t k = 0; k < length; ++k) {
    double bias = 0.0;
    if (k < transient_length) {
      bias = transient * (1.0 - static_cast<double>(k) / static_cast<double>(transient_length));
    }
    series.push_back(10.0 + bias + noise(engine));
  }
  return series;
}

TEST_CASE("MSER-5: the truncation lands near the end of a decaying transient") {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const std::vector<double> series = series_with_transient(2000, 20.0, 300, seed);
    const std::size_t d = mser5_truncation(series);
    CHECK(d % 5 == 0);
    CHECK(d >= 200);
    CHECK(d <= 400);
    CHECK_FALSE(mser5_at_boundary(d, series.size()));
  }
}

TEST_CASE("MSER-5: a stationary series is truncated little or not at all") {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const std::vector<double> series = series_with_transient(2000, 0.0, 0, seed);
    CHECK(mser5_truncation(series) <= 100);
  }
}

TEST_CASE("MSER-5: edge cases") {
  SUBCASE("a constant series needs no truncation (ties go to the smallest)") {
    CHECK(mser5_truncation(std::vector<double>(100, 3.0)) == 0);
  }
  SUBCASE("fewer than two batches: nothing to choose") {
    CHECK(mser5_truncation({}) == 0);
    CHECK(mser5_truncation({1, 2, 3, 4, 5, 6, 7, 8, 9}) == 0);
  }
  SUBCASE("an incomplete last batch is dropped") {
    // 10 observations and a wild 11th: the 11th is not in any batch.
    std::vector<double> series(10, 1.0);
    series.push_back(1000.0);
    CHECK(mser5_truncation(series) == 0);
  }
  SUBCASE("a series that never settles ends at the n/2 boundary, and says so") {
    std::vector<double> rising;
    for (int k = 0; k < 203; ++k) rising.push_back(k);  // 40 batches, 3 dropped
    const std::size_t d = mser5_truncation(rising);
    CHECK(d == 100);
    CHECK(mser5_at_boundary(d, rising.size()));
  }
}

TEST_CASE("MSER-5 warm-up: the measured run is the pilot's trajectory from the truncation") {
  Scenario s = ScenarioBuilder("busy").horizon(Duration::weeks(8)).seed(11)
                   .sample_interval(Duration::hours(4))
                   .desk("frontline", 1, exponential(Duration::minutes(19)))
                   .demand("frontline", Rate::per_hour(3.0))
                   .build();
  s.run.warmup_auto = true;
  const AutoWarmupRun run = run_once_auto_warmup(s, 0);
  // The same trajectory: the backlog samples of the measured run are the pilot's from the
  // warm-up on.
  Scenario pilot_scenario = s;
  pilot_scenario.run.warmup_auto = false;
  const RunResult pilot = run_once(pilot_scenario, 0);
  const double interval = s.run.sample_interval.in_minutes();
  const auto skip = static_cast<std::size_t>(std::llround(run.run.measured_from.in_minutes() / interval));
  CHECK(run.run.measured_from.in_minutes() == doctest::Approx(skip * interval));
  REQUIRE(run.run.backlog.by_desk.size() == 1);
  const auto& measured = run.run.backlog.by_desk[0];
  const auto& whole = pilot.backlog.by_desk[0];
  REQUIRE(whole.size() >= skip + measured.size());
  for (std::size_t k = 0; k < measured.size(); ++k) {
    CAPTURE(k);
    CHECK(measured[k] == whole[skip + k]);
  }
  CHECK(run.run.complaints.arrived <= pilot.complaints.arrived);
  CHECK(run.run.seed == pilot.seed);
}

}  // namespace
}  // namespace escalsim
