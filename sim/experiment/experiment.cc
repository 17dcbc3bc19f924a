// Replications through parallel_for, aggregated into Student-t intervals.
//
// Each run's seed comes from (scenario seed, point, replication) and results are stored by
// replication index, so the outcome does not depend on the number of threads. A target
// precision adds replications in batches whose size depends only on the results so far,
// and replication r always has the same seed, so the batches do not change the outcome
// either.
#include "escalsim/experiment.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

#include <boost/math/distributions/students_t.hpp>

#include "escalsim/errors.h"
#include "escalsim/metric_names.h"
#include "experiment/parallel_for.h"
#include "experiment/warmup_mser.h"

namespace escalsim {

Estimate estimate(const std::vector<double>& sample) {
  Estimate e;
  e.n = static_cast<int>(sample.size());
  if (e.n == 0) return e;
  double sum = 0.0;
  for (double x : sample) sum += x;
  e.mean = sum / e.n;
  if (e.n < 2) return e;
  double sq = 0.0;
  for (double x : sample) sq += (x - e.mean) * (x - e.mean);
  e.sd = std::sqrt(sq / (e.n - 1));
  boost::math::students_t t(e.n - 1);
  e.half_width = boost::math::quantile(boost::math::complement(t, 0.025)) * e.sd / std::sqrt(e.n);
  return e;
}

std::vector<Estimate> summarise(const std::vector<RunResult>& runs) {
  std::vector<Estimate> summary;
  if (runs.empty()) return summary;
  std::vector<std::vector<Metric>> flat;
  for (const RunResult& r : runs) flat.push_back(flatten(r));
  for (std::size_t i = 0; i < flat.front().size(); ++i) {
    std::vector<double> sample;
    for (const auto& metrics : flat) {
      if (metrics.size() != flat.front().size() || metrics[i].name != flat.front()[i].name) {
        throw Error("summarise: runs do not report the same metrics");
      }
      sample.push_back(metrics[i].value);
    }
    Estimate e = estimate(sample);
    e.scope = flat.front()[i].scope;
    e.name = flat.front()[i].name;
    summary.push_back(e);
  }
  return summary;
}

bool is_headline(const Estimate& e) {
  if (e.scope.rfind(metric::kDeskPrefix, 0) == 0) {
    return e.name == metric::kWaitMeanMin || e.name == metric::kUtilisation;
  }
  if (e.scope == metric::kComplaints) {
    return e.name == metric::kTimeInSystemMeanMin || e.name == metric::kResolutionRate;
  }
  if (e.scope.rfind(metric::kExecutivePrefix, 0) == 0) return e.name == metric::kUsedH;
  return false;
}

namespace {

// Runs replications [first, last) into result.runs (already sized) through parallel_for.
// Each replication lands at its own index, so nothing depends on which thread ran it.
void run_replications(const Scenario& scenario, const ExperimentOptions& options, int first,
                      int last, ExperimentResult& result, std::vector<char>& no_steady_state) {
  std::atomic<long> done{0};
  const auto started = std::chrono::steady_clock::now();
  const double weeks_per_run = scenario.run.horizon.in_weeks();
  const double horizon_min = scenario.run.horizon.in_minutes();
  // Each replication's clock, published by the engine as it goes, so that progress moves
  // within a long replication too; a finished one counts its whole horizon.
  const long count = last - first;
  std::vector<std::atomic<double>> clocks(options.progress ? static_cast<std::size_t>(count) : 0);
  const auto report = [&](bool finished) {
    if (!options.progress) return;
    Progress progress;
    progress.runs_done = first + done;
    progress.runs_total = last;
    double minutes_running = 0.0;
    for (const std::atomic<double>& clock : clocks) {
      minutes_running += clock.load(std::memory_order_relaxed);
    }
    progress.simulated_weeks_done =
        weeks_per_run * static_cast<double>(first) + minutes_running / kWeekMin;
    progress.simulated_weeks_total = weeks_per_run * static_cast<double>(last);
    progress.elapsed_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    progress.finished = finished;
    options.progress(progress);
  };
  const int threads = runs_in_flight(options.threads, options.engine.max_in_system,
                                     options.memory_budget_bytes);
  try {
    detail::parallel_for(
        last - first, threads,
        [&](long i) {
          const int r = first + static_cast<int>(i);
          EngineOptions engine = options.engine;
          if (!clocks.empty()) engine.clock_min = &clocks[static_cast<std::size_t>(i)];
          AutoWarmupRun run = run_replication(scenario, r, engine);
          result.runs[r] = std::move(run.run);
          no_steady_state[r] = run.no_steady_state ? 1 : 0;
          if (!clocks.empty()) clocks[static_cast<std::size_t>(i)].store(horizon_min);
          ++done;
        },
        [&] { report(false); });
  } catch (...) {
    report(true);
    throw;
  }
  report(true);
}

// The total replications a target precision asks for, given the summary of n of them:
// n when every headline figure with a nonzero mean has half_width <= precision * |mean|;
// otherwise the classic estimate n * (half_width / (precision * |mean|))^2 for the worst
// figure (the half-width shrinks like 1/sqrt(n)), at least n + 1.
int replications_needed(const std::vector<Estimate>& summary, double precision, int n) {
  double worst = 1.0;
  for (const Estimate& e : summary) {
    if (!is_headline(e) || !std::isfinite(e.mean) || e.mean == 0.0) continue;
    const double target = precision * std::fabs(e.mean);
    if (e.half_width <= target) continue;
    worst = std::max(worst, e.half_width / target);
  }
  if (worst <= 1.0) return n;
  const double needed = std::ceil(static_cast<double>(n) * worst * worst);
  // Clamped as a double first: a figure with a mean near zero may ask for billions.
  const double capped = std::min(needed, static_cast<double>(std::numeric_limits<int>::max() / 2));
  return std::max(n + 1, static_cast<int>(capped));
}

}  // namespace

ExperimentResult run_experiment(const Scenario& scenario, const ExperimentOptions& options) {
  ExperimentResult result;
  result.scenario = scenario;
  result.precision = options.precision;

  // A target precision needs a spread to measure: at least 3 replications to start, and a
  // cap of at least 2. The cap bounds the first batch too.
  int n = std::max(1, options.replications);
  const int cap = std::max(2, options.max_replications);
  if (options.precision) {
    n = std::min(std::max(n, 3), cap);
    result.max_replications = cap;
  }

  std::vector<char> no_steady_state;
  int done = 0;
  while (true) {
    result.runs.resize(n);
    no_steady_state.resize(n, 0);
    run_replications(scenario, options, done, n, result, no_steady_state);
    done = n;
    result.summary = summarise(result.runs);
    if (!options.precision) break;
    const int needed = replications_needed(result.summary, *options.precision, n);
    if (needed <= n) {
      result.precision_reached = true;
      break;
    }
    if (n >= cap) break;
    n = std::min(cap, needed);
  }

  for (int r = 0; r < done; ++r) {
    if (no_steady_state[r]) result.warmup_no_steady_state.push_back(r);
  }
  return result;
}

}  // namespace escalsim
