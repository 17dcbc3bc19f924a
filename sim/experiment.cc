// Replications on a pool of threads, aggregated into Student-t intervals.
//
// Each run's seed comes from (scenario seed, point, replication) and results are stored by
// replication index, so the outcome does not depend on the number of threads.
#include "escalsim/experiment.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include <boost/math/distributions/students_t.hpp>

#include "escalsim/errors.h"

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

ExperimentResult run_experiment(const Scenario& scenario, const ExperimentOptions& options) {
  ExperimentResult result;
  result.scenario = scenario;
  const int replications = std::max(1, options.replications);
  result.runs.resize(replications);

  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, replications);

  std::atomic<int> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (int r = next++; r < replications; r = next++) {
      try {
        result.runs[r] = run_once(scenario, r, options.engine);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);

  result.summary = summarise(result.runs);
  return result;
}

}  // namespace escalsim
