// Replications and their aggregation into Student-t intervals.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "testutil.h"
#include "experiment/warmup_mser.h"

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


// --- target precision -------------------------------------------------------------------

Scenario small_mm1() {
  return ScenarioBuilder("mm1").horizon(Duration::weeks(2)).warmup(Duration::days(1)).seed(3)
      .desk("frontline", 1, exponential(Duration::minutes(10)))
      .demand("frontline", Rate::per_hour(3.0))
      .build();
}

ExperimentOptions with_precision(double precision, int first, int cap, int threads = 2) {
  ExperimentOptions options = replications_on_threads(first, threads);
  options.precision = precision;
  options.max_replications = cap;
  return options;
}

TEST_CASE("Experiment: the headline figures are per desk wait and utilisation, complaints' "
          "time in system and resolution rate, the executive's hours used") {
  Estimate e;
  auto headline = [&](const char* scope, const char* name) {
    e.scope = scope;
    e.name = name;
    return is_headline(e);
  };
  CHECK(headline("desk:frontline", "wait_mean_min"));
  CHECK(headline("desk:ceo", "utilisation"));
  CHECK(headline("complaints", "time_in_system_mean_min"));
  CHECK(headline("complaints", "resolution_rate"));
  CHECK(headline("executive:ceo", "used_h"));
  CHECK_FALSE(headline("desk:frontline", "wait_p99_min"));
  CHECK_FALSE(headline("desk:frontline", "arrivals"));
  CHECK_FALSE(headline("complaints", "arrived"));
  CHECK_FALSE(headline("executive:ceo", "budget_h"));
}

TEST_CASE("Experiment: a target precision adds replications until every headline figure "
          "is within it") {
  const ExperimentResult result = run_experiment(small_mm1(), with_precision(0.05, 3, 1000));
  CHECK(result.precision_reached);
  REQUIRE(result.precision.has_value());
  CHECK(*result.precision == 0.05);
  CHECK(result.runs.size() > 3);
  CHECK(result.runs.size() < 1000);
  int headlines = 0;
  for (const Estimate& e : result.summary) {
    CHECK(e.n == static_cast<int>(result.runs.size()));
    if (!is_headline(e) || e.mean == 0.0) continue;
    ++headlines;
    CAPTURE(e.scope);
    CAPTURE(e.name);
    CHECK(e.half_width <= 0.05 * std::fabs(e.mean));
  }
  CHECK(headlines >= 3);
  // Replication r keeps its seed however many batches it took.
  for (std::size_t r = 0; r < result.runs.size(); ++r) {
    CHECK(result.runs[r].replication == static_cast<int>(r));
    CHECK(result.runs[r].seed == derive_run_seed(3, 0, static_cast<int>(r)));
  }

  SUBCASE("a precision already met by the first batch adds nothing") {
    const ExperimentResult loose = run_experiment(small_mm1(), with_precision(0.9, 5, 1000));
    CHECK(loose.precision_reached);
    CHECK(loose.runs.size() == 5);
  }
}

TEST_CASE("Experiment: the replication cap stops a target precision out of reach") {
  const ExperimentResult result = run_experiment(small_mm1(), with_precision(0.0001, 3, 6));
  CHECK_FALSE(result.precision_reached);
  CHECK(result.runs.size() == 6);
  CHECK(result.max_replications == 6);

  SUBCASE("a cap below the first batch bounds it") {
    const ExperimentResult capped = run_experiment(small_mm1(), with_precision(0.0001, 10, 4));
    CHECK_FALSE(capped.precision_reached);
    CHECK(capped.runs.size() == 4);
  }
}

TEST_CASE("Experiment: with a target precision, results do not depend on the number of "
          "threads") {
  auto values = [&](int threads) {
    const ExperimentResult r = run_experiment(small_mm1(), with_precision(0.05, 3, 1000, threads));
    std::vector<double> all;
    all.push_back(static_cast<double>(r.runs.size()));
    all.push_back(r.precision_reached ? 1.0 : 0.0);
    for (const RunResult& run : r.runs) {
      all.push_back(static_cast<double>(run.seed));
      for (const Metric& m : flatten(run)) all.push_back(m.value);
    }
    for (const Estimate& e : r.summary) {
      all.push_back(e.mean);
      all.push_back(e.half_width);
    }
    return all;
  };
  const auto one = values(1);
  CHECK(one == values(2));
  CHECK(one == values(4));
}

TEST_CASE("Experiment: without a target precision the replication count is as asked") {
  ExperimentOptions options = replications_on_threads(2, 1);
  options.max_replications = 1;  // ignored without a precision
  const ExperimentResult result = run_experiment(small_mm1(), options);
  CHECK(result.runs.size() == 2);
  CHECK_FALSE(result.precision.has_value());
  CHECK_FALSE(result.precision_reached);
}

// --- MSER-5 warm-up ---------------------------------------------------------------------

// One desk at `load`, starting empty, over 12 weeks sampled every 2 hours.
Scenario one_desk_at(double load, int staff, Duration handle_time, std::uint64_t seed) {
  Scenario s = ScenarioBuilder("auto warm-up").horizon(Duration::weeks(12)).seed(seed)
                   .sample_interval(Duration::hours(2))
                   .desk("frontline", staff, exponential(handle_time))
                   .demand("frontline", Rate::per_minute(load * staff / handle_time.in_minutes()))
                   .build();
  s.run.warmup_auto = true;
  return s;
}

// The MSER-5 warm-up of replication r computed by hand: a run without warm-up, the total
// backlog per sample, the truncation.
Duration hand_mser_warmup(const Scenario& s, int r) {
  Scenario pilot = s;
  pilot.run.warmup_auto = false;
  pilot.run.warmup = Duration{};
  const RunResult run = run_once(pilot, r);
  std::vector<double> total(run.backlog.by_desk.front().size(), 0.0);
  for (const auto& desk : run.backlog.by_desk) {
    for (std::size_t k = 0; k < desk.size(); ++k) total[k] += desk[k];
  }
  return s.run.sample_interval * static_cast<double>(mser5_truncation(total));
}

TEST_CASE("Experiment: warmup auto measures each replication from its MSER-5 truncation") {
  const Scenario s = one_desk_at(0.95, 20, Duration::hours(8), 21);
  const ExperimentResult result = run_experiment(s, replications_on_threads(4, 2));
  REQUIRE(result.runs.size() == 4);
  for (int r = 0; r < 4; ++r) {
    CAPTURE(r);
    CHECK(result.runs[r].measured_from.in_minutes() ==
          doctest::Approx(hand_mser_warmup(s, r).in_minutes()));
    CHECK(result.runs[r].backlog.first.in_minutes() ==
          doctest::Approx(result.runs[r].measured_from.in_minutes()));
  }
}

TEST_CASE("Experiment: warmup auto cuts the empty start of a loaded desk, and little of a "
          "light one") {
  // 20 staff at load 0.95 with 8-hour handle times: some 19 complaints in the system at
  // steady state, none at the start, and a day or more to fill up. Two staff at load 0.3
  // with 10-minute handle times settle within the first sample.
  constexpr int kReplications = 10;
  for (std::uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    const ExperimentResult heavy = run_experiment(
        one_desk_at(0.95, 20, Duration::hours(8), seed), replications_on_threads(kReplications, 2));
    const ExperimentResult light = run_experiment(
        one_desk_at(0.3, 2, Duration::minutes(10), seed), replications_on_threads(kReplications, 2));
    int heavy_cut = 0, light_cut = 0;
    double heavy_mean_days = 0.0, light_mean_days = 0.0;
    for (const RunResult& run : heavy.runs) {
      if (run.measured_from.in_minutes() > 0.0) ++heavy_cut;
      heavy_mean_days += run.measured_from.in_days() / kReplications;
    }
    for (const RunResult& run : light.runs) {
      if (run.measured_from.in_minutes() > 0.0) ++light_cut;
      light_mean_days += run.measured_from.in_days() / kReplications;
    }
    CHECK(heavy_cut >= 8);
    CHECK(light_cut <= kReplications / 2);  // the median light warm-up is 0
    CHECK(light_mean_days < 3.0);
    CHECK(light_mean_days < heavy_mean_days);
    CHECK(heavy.warmup_no_steady_state.empty());
    CHECK(light.warmup_no_steady_state.empty());
  }
}

TEST_CASE("Experiment: warmup auto reports replications that found no steady state") {
  // Load 1.5: the backlog grows to the horizon, so MSER-5 runs into its n/2 boundary.
  const ExperimentResult result = run_experiment(one_desk_at(1.5, 1, Duration::minutes(20), 9),
                                                 replications_on_threads(3, 1));
  CHECK(result.warmup_no_steady_state == std::vector<int>{0, 1, 2});
}

// --- progress ---------------------------------------------------------------------------

TEST_CASE("Experiment: progress moves within one long replication, not only when it ends") {
  // One replication of 3,000 weeks (about 3 million complaints): it runs for well over the
  // quarter-second between progress calls, so some calls come while it is under way.
  const Scenario s = ScenarioBuilder("long").horizon(Duration::weeks(3000)).seed(11)
      .desk("frontline", 2, exponential(Duration::minutes(10)))
      .demand("frontline", Rate::per_hour(6.0))
      .build();
  ExperimentOptions options = replications_on_threads(1, 1);
  std::vector<Progress> calls;
  options.progress = [&calls](const Progress& p) { calls.push_back(p); };
  run_experiment(s, options);

  REQUIRE(calls.size() >= 2);
  const auto under_way = std::count_if(calls.begin(), calls.end(), [](const Progress& p) {
    return !p.finished && p.runs_done == 0 && p.simulated_weeks_done > 0.0 &&
           p.simulated_weeks_done < 3000.0;
  });
  CHECK(under_way >= 1);
  for (std::size_t i = 1; i < calls.size(); ++i) {
    CHECK(calls[i].simulated_weeks_done >= calls[i - 1].simulated_weeks_done);
  }
  CHECK(calls.back().finished);
  CHECK(calls.back().runs_done == 1);
  CHECK(calls.back().simulated_weeks_done == doctest::Approx(3000.0));
  CHECK(calls.back().simulated_weeks_total == doctest::Approx(3000.0));
}

}  // namespace
}  // namespace escalsim
