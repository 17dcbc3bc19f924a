// Service levels against queueing theory: the figures a user reads (service_level_<t>,
// speed_of_answer_min, abandonment, looked up by name in the run's metric list) against
// Erlang C and Erlang A, over independent replications with a fixed seed.
//
// Method as in validation_test.cc: R = 40 replications of one scenario, z = (mean - theory)
// / (sd / sqrt(R)), pass when |z| < 4 (about 1e-3 per figure for a correct engine, paid once
// when the seed was chosen). Runs are long enough that the 95% half-width is a few percent
// of each figure, so a 5% error in handle times fails (the mutation check at the end).
// Cost: a few seconds of one core in Release.
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "escalsim/engine.h"
#include "escalsim/metric_names.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"
#include "testutil.h"
#include "validation/queueing_theory.h"

namespace escalsim {
namespace {

using testing::ScenarioBuilder;

constexpr double kMaxAbsZ = 4.0;
constexpr int kReplications = 40;
constexpr std::uint64_t kSeed = 20261206;

// The figure `name` of desk "desk", as results.csv lists it.
double desk_figure(const RunResult& run, const std::string& name) {
  for (const Metric& m : flatten(run)) {
    if (m.scope == "desk:desk" && m.name == name) return m.value;
  }
  FAIL("no figure desk:desk " << name);
  return 0.0;
}

struct Figure {
  std::string name;  // the metric's name
  double theory;
};

// Max |z| over the figures, each printed, for the scenario's replications.
std::vector<double> z_scores(const Scenario& scenario, const std::vector<Figure>& figures) {
  std::vector<std::vector<double>> samples(figures.size());
  for (int r = 0; r < kReplications; ++r) {
    const RunResult run = run_once(scenario, r);
    REQUIRE_FALSE(run.stopped_early);
    for (std::size_t f = 0; f < figures.size(); ++f) {
      samples[f].push_back(desk_figure(run, figures[f].name));
    }
  }
  std::vector<double> out;
  for (std::size_t f = 0; f < figures.size(); ++f) {
    const theory::ZScore z = theory::z_score(samples[f], figures[f].theory);
    MESSAGE(fmt::format("{:<28} {:<22} theory {:>9.5f}  sim {:>9.5f}  half-width {:>5.2f}%  z {:+6.2f}",
                        scenario.run.name, figures[f].name, z.theory, z.mean,
                        100.0 * z.relative_half_width, z.z));
    out.push_back(z.z);
  }
  return out;
}

struct MmcSet {
  int servers;
  double rho;
  double mean_service_min;
  std::vector<double> targets_s;
  double measured_arrivals;
  double warmup_min;
};

// A single desk, exponential arrivals and handle times, FIFO: `measured_arrivals` arrivals
// on average after the warm-up. Handle times are scaled by `handle_scale`.
Scenario single_desk(const std::string& name, int servers, double lambda,
                     double mean_service_min, double handle_scale, double warmup_min,
                     double measured_arrivals, std::optional<double> mean_patience_min) {
  ScenarioBuilder b(name);
  b.desk("desk", servers, testing::exponential(Duration::minutes(mean_service_min * handle_scale)));
  if (mean_patience_min) b.patience(testing::exponential(Duration::minutes(*mean_patience_min)));
  b.demand("desk", Rate::per_minute(lambda))
      .seed(kSeed)
      .warmup(Duration::minutes(warmup_min))
      .horizon(Duration::minutes(warmup_min + measured_arrivals / lambda))
      .sample_interval(Duration::weeks(1000));
  return b.build();
}

// M/M/c: no abandonment.
Scenario mmc(const MmcSet& s, double handle_scale) {
  const double lambda = s.rho * s.servers / s.mean_service_min;
  Scenario scenario =
      single_desk(fmt::format("M/M/{} rho={}", s.servers, s.rho), s.servers, lambda,
                  s.mean_service_min, handle_scale, s.warmup_min, s.measured_arrivals, {});
  for (double t : s.targets_s) scenario.service_level.push_back(Duration::seconds(t));
  return scenario;
}

std::vector<Figure> erlang_c_figures(const MmcSet& s) {
  const double lambda = s.rho * s.servers / s.mean_service_min;
  std::vector<Figure> figures;
  for (double t : s.targets_s) {
    // P(W <= t) = 1 - C(c, a) exp(-(c mu - lambda) t).
    figures.push_back({metric::kServiceLevelPrefix +
                           metric::service_level_label(Duration::seconds(t).in_minutes()),
                       1.0 - theory::mmc_prob_wait_exceeds(s.servers, lambda,
                                                           s.mean_service_min, t / 60.0)});
  }
  figures.push_back({metric::kSpeedOfAnswerMin,
                     theory::mmc_mean_wait_min(s.servers, lambda, s.mean_service_min)});
  figures.push_back({metric::kAbandonment, 0.0});
  return figures;
}

const std::vector<MmcSet>& mmc_sets() {
  static const std::vector<MmcSet> sets{
      {3, 0.85, 5.0, {20, 60, 300, 900}, 40'000, 2'000},
      {10, 0.9, 4.0, {20, 60, 180}, 60'000, 1'000},
  };
  return sets;
}

struct ErlangASet {
  int servers;
  double rho;
  double mean_service_min;
  double mean_patience_min;
  double measured_arrivals;
  double warmup_min;
};

// M/M/c+M: exponential patience.
Scenario erlang_a(const ErlangASet& s, double handle_scale) {
  const double lambda = s.rho * s.servers / s.mean_service_min;
  return single_desk(fmt::format("M/M/{}+M rho={}", s.servers, s.rho), s.servers, lambda,
                     s.mean_service_min, handle_scale, s.warmup_min, s.measured_arrivals,
                     s.mean_patience_min);
}

const std::vector<ErlangASet>& erlang_a_sets() {
  static const std::vector<ErlangASet> sets{
      {4, 0.95, 5.0, 10.0, 40'000, 1'000},
      {10, 1.2, 10.0, 30.0, 40'000, 2'000},  // overload
  };
  return sets;
}

double max_abs(const std::vector<double>& z) {
  double m = 0.0;
  for (double v : z) m = std::max(m, std::abs(v));
  return m;
}

}  // namespace

TEST_CASE("Validation: an M/M/c desk's service levels and speed of answer match Erlang C") {
  for (const MmcSet& s : mmc_sets()) {
    const std::vector<Figure> figures = erlang_c_figures(s);
    const Scenario scenario = mmc(s, 1.0);
    INFO("case: " << scenario.run.name);
    const std::vector<double> z = z_scores(scenario, figures);
    for (std::size_t f = 0; f + 1 < z.size(); ++f) {
      INFO("figure: " << figures[f].name);
      CHECK(std::abs(z[f]) < kMaxAbsZ);
    }
    // No patience: nobody abandons, exactly.
    CHECK(z.back() == 0.0);
  }
}

TEST_CASE("Validation: an M/M/c+M desk's abandonment matches Erlang A, overload included") {
  for (const ErlangASet& s : erlang_a_sets()) {
    const double lambda = s.rho * s.servers / s.mean_service_min;
    const theory::ErlangA e =
        theory::erlang_a(s.servers, lambda, s.mean_service_min, s.mean_patience_min);
    const Scenario scenario = erlang_a(s, 1.0);
    INFO("case: " << scenario.run.name);
    const std::vector<double> z = z_scores(scenario, {{metric::kAbandonment, e.prob_abandon}});
    CHECK(std::abs(z[0]) < kMaxAbsZ);
  }
}

TEST_CASE("Validation: service levels with handle times 5% too long fail (mutation check)") {
  const MmcSet& s = mmc_sets()[0];
  CHECK(max_abs(z_scores(mmc(s, 1.05), erlang_c_figures(s))) >= kMaxAbsZ);
  const ErlangASet& a = erlang_a_sets()[0];
  const double lambda = a.rho * a.servers / a.mean_service_min;
  const theory::ErlangA e =
      theory::erlang_a(a.servers, lambda, a.mean_service_min, a.mean_patience_min);
  CHECK(max_abs(z_scores(erlang_a(a, 1.05), {{metric::kAbandonment, e.prob_abandon}})) >= kMaxAbsZ);
}

}  // namespace escalsim
