// MSER-5 truncation: batch means, then the truncation that minimises the marginal
// standard error of what is left.
#include "experiment/warmup_mser.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace escalsim {
namespace {

constexpr std::size_t kBatch = 5;

}  // namespace

std::size_t mser5_truncation(const std::vector<double>& series) {
  const std::size_t n = series.size() / kBatch;
  if (n < 2) return 0;
  std::vector<double> batches(n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    double sum = 0.0;
    for (std::size_t k = 0; k < kBatch; ++k) sum += series[j * kBatch + k];
    batches[j] = sum / static_cast<double>(kBatch);
  }
  // Suffix sums give each MSER(d) in O(1). Sums of squares around the mean are computed
  // as sum(x^2) - (sum x)^2 / m on values shifted by the overall mean, which keeps the
  // cancellation small for series with a large level.
  double shift = 0.0;
  for (double b : batches) shift += b;
  shift /= static_cast<double>(n);
  std::vector<double> suffix_sum(n + 1, 0.0), suffix_sq(n + 1, 0.0);
  for (std::size_t j = n; j-- > 0;) {
    const double x = batches[j] - shift;
    suffix_sum[j] = suffix_sum[j + 1] + x;
    suffix_sq[j] = suffix_sq[j + 1] + x * x;
  }
  std::size_t best_d = 0;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t d = 0; d <= n / 2; ++d) {
    const auto m = static_cast<double>(n - d);
    double ss = suffix_sq[d] - suffix_sum[d] * suffix_sum[d] / m;
    if (ss < 0.0) ss = 0.0;
    const double mser = ss / (m * m);
    if (mser < best) {  // strict: ties go to the smaller truncation
      best = mser;
      best_d = d;
    }
  }
  return best_d * kBatch;
}

bool mser5_at_boundary(std::size_t truncation, std::size_t length) {
  const std::size_t n = length / kBatch;
  return n >= 2 && truncation == (n / 2) * kBatch;
}

AutoWarmupRun run_once_auto_warmup(const Scenario& scenario, int replication,
                                   const EngineOptions& options, std::uint64_t point) {
  Scenario pilot_scenario = scenario;
  pilot_scenario.run.warmup_auto = false;
  pilot_scenario.run.warmup = Duration{};
  AutoWarmupRun out;
  out.run = run_once(pilot_scenario, replication, options, point);

  // The pilot samples from time 0 (no warm-up), so sample k is at k * interval.
  const BacklogSeries& backlog = out.run.backlog;
  std::size_t samples = 0;
  for (const auto& desk : backlog.by_desk) samples = std::max(samples, desk.size());
  std::vector<double> total(samples, 0.0);
  for (const auto& desk : backlog.by_desk) {
    for (std::size_t k = 0; k < desk.size(); ++k) total[k] += desk[k];
  }
  const std::size_t truncation = mser5_truncation(total);
  out.no_steady_state = mser5_at_boundary(truncation, total.size());
  if (truncation == 0) return out;

  Scenario measured = pilot_scenario;
  measured.run.warmup = scenario.run.sample_interval * static_cast<double>(truncation);
  out.run = run_once(measured, replication, options, point);
  return out;
}

AutoWarmupRun run_replication(const Scenario& scenario, int replication,
                              const EngineOptions& options, std::uint64_t point) {
  if (scenario.run.warmup_auto) return run_once_auto_warmup(scenario, replication, options, point);
  return AutoWarmupRun{run_once(scenario, replication, options, point), false};
}

}  // namespace escalsim
