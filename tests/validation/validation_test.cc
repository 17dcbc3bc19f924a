// Validation of the engine against queueing theory: every simulated figure must lie within
// a few standard errors of its closed form, measured over independent replications.
//
// Method. Each case runs replications 0..R-1 of one scenario (fixed seed, so the suite is
// deterministic in CI), takes the figure from each replication after a warm-up that removes
// the empty-start bias, and computes z = (mean - theory) / (sd / sqrt(R)). A case passes when
// |z| < 4. Why 4: the suite checks about 50 figures; for a correct engine each z is close to
// normal, so P(|z| >= 4) is 6e-5 per figure and about 0.3% that one of 50 fails. (With the
// sd estimated from R = 50 replications z is Student t with 49 degrees of freedom: 2e-4 per
// figure, about 1% for the suite.) With fixed seeds that chance is paid once, when the seed
// is chosen, not on every CI run, and a failure is a real change in behaviour. Runs are long
// enough that the 95% half-width is under 2% of the figure for most figures (under 3% for
// all), so a 5% error in handle times (the mutation check at the end) fails by far.
// Cost: about 40 s of one core in Release; each case prints its CPU time.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "escalsim/engine.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"
#include "testutil.h"
#include "validation/queueing_theory.h"

namespace escalsim {
namespace {

using testing::ScenarioBuilder;
using theory::ZScore;

// A case passes when the simulated mean is within this many standard errors of theory.
constexpr double kMaxAbsZ = 4.0;
constexpr int kReplications = 50;

// The scenario seed of every case. ESCALSIM_VALIDATION_SEED overrides it, to see how the
// suite fares on other seeds (CI uses the fixed one).
std::uint64_t validation_seed() {
  static const std::uint64_t seed = [] {
    const char* env = std::getenv("ESCALSIM_VALIDATION_SEED");
    return env ? std::strtoull(env, nullptr, 10) : std::uint64_t{20240517};
  }();
  return seed;
}

Duration minutes(double m) { return Duration::minutes(m); }

// One simulated figure and the value theory gives for it.
struct Figure {
  std::string label;
  double theory = 0.0;
  std::function<double(const RunResult&)> measure;
};

// A scenario, how many replications to run, and the figures to compare.
struct Case {
  std::string name;
  Scenario scenario;
  int replications = kReplications;
  std::vector<Figure> figures;
};

// Horizon and warm-up for a run that measures about `measured_arrivals` arrivals at rate
// `arrival_rate_per_min`, after `warmup_min` minutes.
ScenarioBuilder& plan(ScenarioBuilder& b, double arrival_rate_per_min, double measured_arrivals,
                      double warmup_min) {
  return b.seed(validation_seed())
      .warmup(minutes(warmup_min))
      .horizon(minutes(warmup_min + measured_arrivals / arrival_rate_per_min))
      .sample_interval(Duration::weeks(1000));  // the backlog series is not needed here
}

double& total_seconds() {
  static double seconds = 0.0;
  return seconds;
}

// Runs the case's replications and returns one z-score per figure, printing each.
std::vector<ZScore> run_case(const Case& c) {
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  std::vector<std::vector<double>> samples(c.figures.size());
  std::int64_t events = 0;
  for (int r = 0; r < c.replications; ++r) {
    const RunResult run = run_once(c.scenario, r);
    REQUIRE_FALSE(run.stopped_early);
    CHECK(run.invariants.conservation);
    CHECK(run.invariants.clock_monotone);
    CHECK(run.invariants.capacity_respected);
    events += run.events;
    for (std::size_t f = 0; f < c.figures.size(); ++f) samples[f].push_back(c.figures[f].measure(run));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  total_seconds() += cpu_seconds;
  std::vector<ZScore> out;
  for (std::size_t f = 0; f < c.figures.size(); ++f) {
    const ZScore z = theory::z_score(samples[f], c.figures[f].theory);
    MESSAGE(fmt::format("{:<34} {:<22} theory {:>10.5f}  sim {:>10.5f}  half-width {:>5.2f}%  "
                        "z {:+6.2f}",
                        c.name, c.figures[f].label, z.theory, z.mean,
                        100.0 * z.relative_half_width, z.z));
    out.push_back(z);
  }
  MESSAGE(fmt::format("{:<34} {} replications, {:.1f} M events, {:.2f} s CPU ({:.2f} s wall); "
                      "validation so far {:.1f} s CPU",
                      c.name, c.replications, events / 1e6, cpu_seconds, seconds, total_seconds()));
  return out;
}

void check_case(const Case& c) {
  INFO("case: " << c.name);
  const std::vector<ZScore> z = run_case(c);
  for (std::size_t f = 0; f < z.size(); ++f) {
    INFO("figure: " << c.figures[f].label << ", theory " << z[f].theory << ", simulated "
                    << z[f].mean << ", z " << z[f].z);
    CHECK(std::abs(z[f].z) < kMaxAbsZ);
  }
}

const DeskResult& desk0(const RunResult& r) { return r.desks.at(0); }

// ---------------------------------------------------------------------------------------
// The cases. Each takes handle_scale: 1 for the real check, 1.05 for the mutation check
// (the scenario's handle times are scaled; theory keeps the unscaled ones).
// ---------------------------------------------------------------------------------------

struct MmcSet {
  int servers;
  double rho;
  double mean_service_min;
  double measured_arrivals;  // per replication
  double warmup_min;
  int replications;
};

Case mmc_case(const MmcSet& s, double handle_scale = 1.0) {
  const double lambda = s.rho * s.servers / s.mean_service_min;
  ScenarioBuilder b(fmt::format("M/M/{} rho={}", s.servers, s.rho));
  b.desk("desk", s.servers, testing::exponential(minutes(s.mean_service_min * handle_scale)))
      .demand("desk", Rate::per_minute(lambda));
  plan(b, lambda, s.measured_arrivals, s.warmup_min);
  const Scenario scenario = b.build();
  Case c{scenario.run.name, scenario, s.replications, {}};
  c.figures.push_back({"P(wait) (Erlang C)", theory::erlang_c(s.servers, lambda, s.mean_service_min),
                       [](const RunResult& r) { return desk0(r).waited_share; }});
  c.figures.push_back({"mean wait min", theory::mmc_mean_wait_min(s.servers, lambda, s.mean_service_min),
                       [](const RunResult& r) { return desk0(r).wait.mean.in_minutes(); }});
  return c;
}

struct MmckSet {
  int servers;
  int capacity;  // K: in service plus waiting
  double rho;
  double mean_service_min;
  double measured_arrivals;
  double warmup_min;
  int replications;
};

Case mmck_case(const MmckSet& s, double handle_scale = 1.0) {
  const double lambda = s.rho * s.servers / s.mean_service_min;
  ScenarioBuilder b(fmt::format("M/M/{}/{} rho={}", s.servers, s.capacity, s.rho));
  b.desk("desk", s.servers, testing::exponential(minutes(s.mean_service_min * handle_scale)))
      .queue_limit(s.capacity - s.servers)
      .demand("desk", Rate::per_minute(lambda));
  plan(b, lambda, s.measured_arrivals, s.warmup_min);
  const Scenario scenario = b.build();
  Case c{scenario.run.name, scenario, s.replications, {}};
  c.figures.push_back(
      {"blocking", theory::mmck_blocking(s.servers, s.capacity, lambda, s.mean_service_min),
       [](const RunResult& r) {
         return static_cast<double>(desk0(r).refused) / static_cast<double>(desk0(r).arrivals);
       }});
  if (s.capacity > s.servers) {
    c.figures.push_back(
        {"mean wait admitted min",
         theory::mmck_mean_wait_admitted_min(s.servers, s.capacity, lambda, s.mean_service_min),
         [](const RunResult& r) { return desk0(r).wait.mean.in_minutes(); }});
  }
  return c;
}

struct ErlangASet {
  int servers;
  double rho;  // offered load per server; above 1 is overload
  double mean_service_min;
  double mean_patience_min;
  double measured_arrivals;
  double warmup_min;
  int replications;
};

Case erlang_a_case(const ErlangASet& s, double handle_scale = 1.0) {
  const double lambda = s.rho * s.servers / s.mean_service_min;
  ScenarioBuilder b(
      fmt::format("M/M/{}+M rho={} patience={}", s.servers, s.rho, s.mean_patience_min));
  b.desk("desk", s.servers, testing::exponential(minutes(s.mean_service_min * handle_scale)))
      .patience(testing::exponential(minutes(s.mean_patience_min)))
      .demand("desk", Rate::per_minute(lambda));
  plan(b, lambda, s.measured_arrivals, s.warmup_min);
  const theory::ErlangA e =
      theory::erlang_a(s.servers, lambda, s.mean_service_min, s.mean_patience_min);
  const Scenario scenario = b.build();
  Case c{scenario.run.name, scenario, s.replications, {}};
  c.figures.push_back({"P(abandon)", e.prob_abandon, [](const RunResult& r) {
                         return static_cast<double>(desk0(r).abandoned) /
                                static_cast<double>(desk0(r).arrivals);
                       }});
  c.figures.push_back({"mean wait min (all)", e.mean_wait_min,
                       [](const RunResult& r) { return desk0(r).wait.mean.in_minutes(); }});
  c.figures.push_back({"P(wait)", e.prob_wait,
                       [](const RunResult& r) { return desk0(r).waited_share; }});
  return c;
}

Case mg1_case(const std::string& label, const Distribution& service, double rho,
              double measured_arrivals, double warmup_min, int replications,
              double handle_scale = 1.0) {
  const double mean_min = service.expected().in_minutes();
  const double lambda = rho / mean_min;
  ScenarioBuilder b(fmt::format("M/{}/1 rho={}", label, rho));
  b.desk("desk", 1, testing::scaled(service, handle_scale)).demand("desk", Rate::per_minute(lambda));
  plan(b, lambda, measured_arrivals, warmup_min);
  const Scenario scenario = b.build();
  Case c{scenario.run.name, scenario, replications, {}};
  c.figures.push_back({"mean wait min (P-K)",
                       theory::mg1_mean_wait_min(lambda, mean_min, service.squared_cv()),
                       [](const RunResult& r) { return desk0(r).wait.mean.in_minutes(); }});
  return c;
}

// Non-preemptive priority by severity, exponential service with one mean for all classes.
Case priority_case(int servers, double rho, std::array<double, kSeverityCount> severity_share,
                   double measured_arrivals, double warmup_min, int replications,
                   double handle_scale = 1.0) {
  const double mean_min = 10.0;
  const double lambda = rho * servers / mean_min;
  ScenarioBuilder b(fmt::format("M/M/{} priority rho={}", servers, rho));
  b.desk("desk", servers, testing::exponential(minutes(mean_min * handle_scale)))
      .discipline(QueueDiscipline::kPriorityBySeverity)
      .demand("desk", Rate::per_minute(lambda), severity_share);
  plan(b, lambda, measured_arrivals, warmup_min);
  // Theory lists classes highest priority first: critical down to minor.
  std::vector<theory::PriorityClass> classes;
  std::vector<int> severity_of_class;
  for (int s = kSeverityCount - 1; s >= 0; --s) {
    if (severity_share[s] <= 0.0) continue;
    classes.push_back({lambda * severity_share[s], mean_min, 1.0});
    severity_of_class.push_back(s);
  }
  const std::vector<double> waits = theory::priority_mmc_mean_wait_min(servers, classes);
  const Scenario scenario = b.build();
  Case c{scenario.run.name, scenario, replications, {}};
  for (std::size_t k = 0; k < classes.size(); ++k) {
    const int s = severity_of_class[k];
    c.figures.push_back({fmt::format("mean wait {} min", severity_name(static_cast<Severity>(s))),
                         waits[k], [s](const RunResult& r) {
                           return desk0(r).wait_mean_by_severity[s].in_minutes();
                         }});
  }
  return c;
}

// A 3-desk escalation chain: frontline -> specialists -> CEO, with the CEO handing some
// back to the specialists and the specialists sending some back to the front line.
Case jackson_case(double measured_arrivals, double warmup_min, int replications,
                  double handle_scale = 1.0) {
  const std::vector<theory::JacksonNode> nodes{
      {1.0, 8.0, 10},   // frontline: 1 per minute, 8 min, 10 staff
      {0.0, 30.0, 6},   // specialists
      {0.0, 25.0, 1}};  // CEO
  const std::vector<std::vector<double>> routing{
      {0.0, 0.15, 0.0},   // frontline: 15% escalated
      {0.1, 0.0, 0.2},    // specialists: 10% back to frontline, 20% on to the CEO
      {0.0, 0.1, 0.0}};   // CEO: 10% handed back to specialists
  const char* names[] = {"frontline", "specialists", "ceo"};
  ScenarioBuilder b("Jackson 3-desk chain");
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    b.desk(names[i], nodes[i].servers,
           testing::exponential(minutes(nodes[i].mean_service_min * handle_scale)));
  }
  b.demand("frontline", Rate::per_minute(nodes[0].external_arrival_rate_per_min));
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (std::size_t j = 0; j < nodes.size(); ++j) {
      if (routing[i][j] > 0.0) b.route(names[i], names[j], routing[i][j]);
    }
  }
  plan(b, nodes[0].external_arrival_rate_per_min, measured_arrivals, warmup_min);
  const theory::JacksonResult t = theory::jackson(nodes, routing);
  const Scenario scenario = b.build();
  Case c{scenario.run.name, scenario, replications, {}};
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    c.figures.push_back({fmt::format("sojourn {} min", names[i]), t.mean_sojourn_min[i],
                         [i](const RunResult& r) { return r.desks.at(i).sojourn_mean.in_minutes(); }});
  }
  c.figures.push_back({"time in system min", t.mean_time_in_system_min, [](const RunResult& r) {
                         return r.complaints.time_in_system.mean.in_minutes();
                       }});
  return c;
}

// The parameter sets. Mean service 10 min unless said; warm-ups are several relaxation
// times of the queue (about 1 / (c mu (1 - sqrt(rho))^2)).
const std::vector<MmcSet>& mmc_sets() {
  static const std::vector<MmcSet> sets{
      {1, 0.5, 10.0, 24'000, 2'000, kReplications},
      {1, 0.8, 10.0, 60'000, 10'000, kReplications},
      {1, 0.95, 10.0, 600'000, 200'000, kReplications},
      {2, 0.7, 10.0, 36'000, 5'000, kReplications},
      {3, 0.9, 10.0, 120'000, 20'000, kReplications},
      {5, 0.6, 10.0, 48'000, 2'000, kReplications},
      {10, 0.95, 10.0, 600'000, 30'000, kReplications},
      {20, 0.97, 10.0, 720'000, 30'000, kReplications},
      {50, 0.9, 10.0, 450'000, 3'000, kReplications},
  };
  return sets;
}

const std::vector<MmckSet>& mmck_sets() {
  static const std::vector<MmckSet> sets{
      {1, 5, 0.9, 10.0, 36'000, 1'000, kReplications},
      {3, 6, 1.1, 10.0, 36'000, 1'000, kReplications},
      {10, 10, 0.8, 10.0, 60'000, 500, kReplications},  // Erlang loss: no waiting places
  };
  return sets;
}

const std::vector<ErlangASet>& erlang_a_sets() {
  static const std::vector<ErlangASet> sets{
      {1, 0.8, 10.0, 20.0, 36'000, 2'000, kReplications},
      {3, 1.0, 10.0, 10.0, 36'000, 2'000, kReplications},
      {5, 0.9, 10.0, 5.0, 36'000, 1'000, kReplications},
      {10, 1.2, 10.0, 30.0, 48'000, 2'000, kReplications},   // overload
      {20, 1.5, 10.0, 20.0, 60'000, 1'000, kReplications},  // heavy overload
  };
  return sets;
}

}  // namespace

TEST_CASE("Validation: M/M/c probability of waiting and mean wait match Erlang C") {
  for (const MmcSet& s : mmc_sets()) check_case(mmc_case(s));
}

TEST_CASE("Validation: M/M/c/K blocking matches the finite-capacity formula") {
  for (const MmckSet& s : mmck_sets()) check_case(mmck_case(s));
}

TEST_CASE("Validation: M/M/c+M abandonment and wait match Erlang A, overload included") {
  for (const ErlangASet& s : erlang_a_sets()) check_case(erlang_a_case(s));
}

TEST_CASE("Validation: M/G/1 mean wait matches Pollaczek-Khinchine") {
  check_case(mg1_case("D", testing::fixed(minutes(10.0)), 0.8, 60'000, 5'000, kReplications));
  check_case(
      mg1_case("E3", testing::erlang(3, minutes(10.0)), 0.8, 60'000, 5'000, kReplications));
  check_case(mg1_case("LN", testing::lognormal(minutes(10.0), minutes(15.0)), 0.7, 120'000,
                      5'000, kReplications));
}

TEST_CASE("Validation: non-preemptive priority waits match Cobham per class") {
  check_case(priority_case(1, 0.8, {0.5, 0.0, 0.3, 0.2}, 60'000, 5'000, kReplications));
  check_case(priority_case(3, 0.85, {0.6, 0.4, 0.0, 0.0}, 60'000, 5'000, kReplications));
}

TEST_CASE("Validation: a 3-desk Jackson escalation chain matches per desk and end to end") {
  check_case(jackson_case(180'000, 3'000, kReplications));
}

TEST_CASE("Validation: the YAML twins in scenarios/validation are the models checked here") {
  // Each file's header gives the theoretical figures, so a user can run it with the program
  // and compare. Here: the loaded file describes the same queue as the case built in code.
  const std::vector<std::pair<std::string, Case>> twins{
      {"mm1.yaml", mmc_case(mmc_sets()[1])},
      {"mmc-heavy.yaml", mmc_case(mmc_sets()[6])},
      {"mmck.yaml", mmck_case(mmck_sets()[1])},
      {"erlang-a-overload.yaml", erlang_a_case(erlang_a_sets()[3])},
      {"mg1-lognormal.yaml", mg1_case("LN", testing::lognormal(minutes(10.0), minutes(15.0)),
                                      0.7, 1, 0, 2)},
      {"priority.yaml", priority_case(1, 0.8, {0.5, 0.0, 0.3, 0.2}, 1, 0, 2)},
      {"jackson-chain.yaml", jackson_case(1, 0, 2)},
  };
  for (const auto& [file, c] : twins) {
    INFO("file: scenarios/validation/" << file);
    const Scenario yaml =
        load_scenario(std::string(ESCALSIM_SOURCE_DIR) + "/scenarios/validation/" + file);
    const Scenario& code = c.scenario;
    REQUIRE(yaml.desks.size() == code.desks.size());
    for (std::size_t d = 0; d < code.desks.size(); ++d) {
      const Desk& y = yaml.desks[d];
      const Desk& k = code.desks[d];
      INFO("desk: " << k.name);
      CHECK(y.name == k.name);
      CHECK(y.staff == k.staff);
      CHECK(y.handle_time.kind == k.handle_time.kind);
      CHECK(y.handle_time.expected().in_minutes() ==
            doctest::Approx(k.handle_time.expected().in_minutes()));
      CHECK(y.handle_time.squared_cv() == doctest::Approx(k.handle_time.squared_cv()));
      REQUIRE(y.patience.has_value() == k.patience.has_value());
      if (k.patience) {
        CHECK(y.patience->kind == k.patience->kind);
        CHECK(y.patience->expected().in_minutes() ==
              doctest::Approx(k.patience->expected().in_minutes()));
      }
      CHECK(y.queue_limit == k.queue_limit);
      CHECK(y.discipline == k.discipline);
      CHECK(y.resolution_probability == k.resolution_probability);
    }
    REQUIRE(yaml.demand.size() == code.demand.size());
    for (std::size_t i = 0; i < code.demand.size(); ++i) {
      CHECK(yaml.demand[i].enters_desk == code.demand[i].enters_desk);
      CHECK(yaml.demand[i].rate.in_per_minute() ==
            doctest::Approx(code.demand[i].rate.in_per_minute()));
      CHECK(yaml.demand[i].severity_share == code.demand[i].severity_share);
      CHECK(yaml.demand[i].pattern.name == "flat");
      CHECK(yaml.demand[i].surges.empty());
    }
    REQUIRE(yaml.routes.size() == code.routes.size());
    for (std::size_t i = 0; i < code.routes.size(); ++i) {
      CHECK(yaml.routes[i].from == code.routes[i].from);
      CHECK(yaml.routes[i].to == code.routes[i].to);
      CHECK(yaml.routes[i].condition == code.routes[i].condition);
      CHECK(yaml.routes[i].probability == doctest::Approx(code.routes[i].probability));
    }
  }
}

TEST_CASE("Validation: handle times 5% too long fail the suite (mutation check)") {
  // A representative subset, each with every handle time scaled by 1.05 while theory keeps
  // the true ones. If none of these failed, the tolerances could not catch a real error.
  const std::vector<Case> mutated{
      mmc_case(mmc_sets()[1], 1.05),         // M/M/1 rho 0.8
      mmc_case(mmc_sets()[5], 1.05),         // M/M/5 rho 0.6
      mmck_case(mmck_sets()[2], 1.05),       // Erlang loss
      erlang_a_case(erlang_a_sets()[3], 1.05),  // overloaded Erlang A
      mg1_case("D", testing::fixed(minutes(10.0)), 0.8, 60'000, 5'000, kReplications, 1.05),
      jackson_case(180'000, 3'000, kReplications, 1.05),
  };
  int failed = 0;
  double largest = 0.0;
  for (const Case& c : mutated) {
    for (const ZScore& z : run_case(c)) {
      largest = std::max(largest, std::abs(z.z));
      if (std::abs(z.z) >= kMaxAbsZ) ++failed;
    }
  }
  MESSAGE(fmt::format("mutation: {} figures with |z| >= {}, largest |z| {:.1f}", failed, kMaxAbsZ,
                      largest));
  CHECK(failed >= 1);
}

}  // namespace escalsim
