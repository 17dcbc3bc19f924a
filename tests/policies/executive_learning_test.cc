// executive_learning: the executive's n-th complaint takes drawn × (1 + (s - 1) n^(-b)) and
// resolves with p × (1 - (1 - r0) n^(-b)), b = -log2(learning_rate): checked by hand on a
// fake context, exactly on a run with fixed handle times, and in distribution through the
// escalsim program against the closed-form average of the curve.
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "policies/fake_policy_context.h"
#include "policies/policy_checks.h"
#include "testutil.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::fixed;
using testing::ScenarioBuilder;

const EngineOptions kChecked{.check_invariants = true};

// The CEO answers every complaint sent to it directly (`per_hour`), any time, with budget
// to spare; a front line exists for the policy's other desks.
Scenario ceo_only(Distribution handle, std::uint64_t seed = 1, double per_hour = 2.0) {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(168);
  return ScenarioBuilder("learning").horizon(Duration::weeks(4)).seed(seed)
      .desk("frontline", 1, exponential(Duration::minutes(10)))
      .desk("ceo", 1, handle)
      .executive(budget)
      .resolution(0.9)
      .demand("ceo", Rate::per_hour(per_hour))
      .build();
}

// The curve's factor on the n-th complaint (n from 1).
double slowdown(long long n, double s, double rate) {
  return 1.0 + (s - 1.0) * std::pow(static_cast<double>(n), std::log2(rate));
}

TEST_CASE("ExecutiveLearning: by hand, the n-th complaint's time and resolution") {
  Scenario s = ceo_only(fixed(Duration::minutes(30)));
  auto policy = make_policy(testing::policy("executive_learning",
                                            {{"initial_slowdown", "3"},
                                             {"learning_rate", "50%"},  // b = 1: n^(-1)
                                             {"initial_resolution", "60%"}}),
                            s);
  testing::FakePolicyContext ctx(s);
  policy->start(ctx);
  Complaint c;
  // 30 × (1 + 2/n): 90, 60, 50, 45; the front line is untouched.
  CHECK(policy->handle_time_min(ctx, c, 0, 30.0) == 30.0);
  CHECK(policy->handle_time_min(ctx, c, 1, 30.0) == doctest::Approx(90.0));
  CHECK(policy->handle_time_min(ctx, c, 1, 30.0) == doctest::Approx(60.0));
  CHECK(policy->handle_time_min(ctx, c, 1, 30.0) == doctest::Approx(50.0));
  CHECK(policy->handle_time_min(ctx, c, 1, 10.0) == doctest::Approx(15.0));
  CHECK(ctx.figures["executive_services"] == 4.0);
  CHECK(ctx.figures["inexperience_hours"] == doctest::Approx((60.0 + 30.0 + 20.0 + 5.0) / 60.0));
  // 0.9 × (1 - 0.4/n): 0.54, 0.72, 0.78; the front line is untouched.
  CHECK(policy->resolution_probability(ctx, c, 0, 0.5) == 0.5);
  CHECK(policy->resolution_probability(ctx, c, 1, 0.9) == doctest::Approx(0.54));
  CHECK(policy->resolution_probability(ctx, c, 1, 0.9) == doctest::Approx(0.72));
  CHECK(policy->resolution_probability(ctx, c, 1, 0.9) == doctest::Approx(0.78));
}

TEST_CASE("ExecutiveLearning: experience before the run starts the curve further along") {
  Scenario s = ceo_only(fixed(Duration::minutes(30)));
  auto policy = make_policy(testing::policy("executive_learning", {{"learning_rate", "50%"},
                                                                   {"experience", "9"}}),
                            s);
  testing::FakePolicyContext ctx(s);
  Complaint c;
  // The 10th complaint: 30 × (1 + 1/10).
  CHECK(policy->handle_time_min(ctx, c, 1, 30.0) == doctest::Approx(33.0));
  // 0.9 × (1 - 0.3/10).
  CHECK(policy->resolution_probability(ctx, c, 1, 0.9) == doctest::Approx(0.873));
}

TEST_CASE("ExecutiveLearning: with fixed handle times the hours used are the curve's sum") {
  // Every CEO service takes 30 × slowdown(n): the budget charged over the run is their sum
  // over the items the CEO started, exactly.
  Scenario s = ceo_only(fixed(Duration::minutes(30)), 3, 1.0);
  s.policies.push_back(testing::policy("executive_learning"));
  RunResult r = run_once(s, 0, kChecked);
  const ExecutiveResult& ceo = r.executives[0];
  REQUIRE(ceo.items > 500);
  double expected_min = 0.0;
  for (long long n = 1; n <= ceo.items; ++n) expected_min += 30.0 * slowdown(n, 2.0, 0.8);
  CHECK(ceo.used.in_minutes() == doctest::Approx(expected_min).epsilon(1e-9));
  CHECK(testing::policy_figure(r, "executive_learning", "executive_services") == ceo.items);
  CHECK(testing::policy_figure(r, "executive_learning", "inexperience_hours") ==
        doctest::Approx(expected_min / 60.0 - 0.5 * ceo.items).epsilon(1e-9));
  testing::check_conservation_and_little(r);
}

TEST_CASE("ExecutiveLearning: bad parameters are errors at the parameter") {
  auto error_of = [](std::vector<std::pair<std::string, std::string>> params) -> std::string {
    try {
      make_policy(testing::policy("executive_learning", std::move(params)),
                  ceo_only(fixed(Duration::minutes(30))));
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of({{"learning_rate", "0%"}}) ==
        "test.yaml:2:5: 'learning_rate' must be above 0 (100% means no learning) "
        "(policies[0].executive_learning.learning_rate)");
  CHECK(error_of({{"initial_slowdown", "0.5"}}).find("initial_slowdown") != std::string::npos);
  CHECK(error_of({{"initial_resolution", "120%"}}).find("initial_resolution") != std::string::npos);
  CHECK(error_of({{"experience", "-1"}}).find("experience") != std::string::npos);
  CHECK(error_of({{"executive", "frontline"}}).find("executive") != std::string::npos);
  CHECK(error_of({{"learning_rte", "80%"}}).find("did you mean 'learning_rate'") !=
        std::string::npos);
}

TEST_CASE("escalsim run: the learning executive's mean handle time follows the curve") {
  // 20 replications of 8 weeks, the CEO answering about 2 complaints an hour with an
  // exponential 20-minute handle time. Given the N items of a replication, the hours used
  // have expectation 20 min × sum over n <= N of slowdown(n) (the closed-form average of
  // the curve, about 1.12 here against 1 without learning), and the resolved complaints
  // expectation sum of 0.9 × (1 - 0.3 n^(-b)) over the S served.
  testing::TempDir dir;
  testing::write_file(dir.path() / "learning.yaml",
                      "run: {name: learning, horizon: 8 weeks, seed: 11, replications: 20}\n"
                      "demand: {rate: 2 per hour, enters: ceo}\n"
                      "desks:\n"
                      "  ceo: {handle_time: {distribution: exponential, mean: 20 min},\n"
                      "        budget: 168 h per week, resolution: 0.9}\n"
                      "policies:\n"
                      "  - executive_learning: {initial_slowdown: 2, learning_rate: 80%,\n"
                      "                         initial_resolution: 70%}\n");
  const testing::Outcome o = testing::run_program(dir.path(), "run learning.yaml --out r");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::string csv = testing::read_file(dir.path() / "r" / "results.csv");
  const auto used_h = testing::figure_per_replication(csv, "executive:ceo", "used_h");
  const auto items = testing::figure_per_replication(csv, "executive:ceo", "items");
  const auto served = testing::figure_per_replication(csv, "desk:ceo", "served");
  const auto resolved = testing::figure_per_replication(csv, "desk:ceo", "resolved");
  REQUIRE(used_h.size() == 20);
  REQUIRE(items.size() == 20);
  REQUIRE(served.size() == 20);
  REQUIRE(resolved.size() == 20);

  // Handle time: the ratio of hours used to their expectation given N, per replication;
  // its mean is 1 within a 99.9% interval (t with 19 degrees of freedom: 3.88).
  std::vector<double> ratios;
  double resolved_sum = 0.0, expected_resolved = 0.0, resolved_var = 0.0;
  double mean_factor_sum = 0.0;
  for (std::size_t rep = 0; rep < items.size(); ++rep) {
    const double n_items = items[rep];
    double curve = 0.0;
    for (long long n = 1; n <= static_cast<long long>(n_items); ++n) curve += slowdown(n, 2.0, 0.8);
    REQUIRE(n_items > 2000);
    ratios.push_back(used_h.at(rep) * 60.0 / (20.0 * curve));
    mean_factor_sum += curve / n_items;
    for (long long n = 1; n <= static_cast<long long>(served.at(rep)); ++n) {
      const double p = 0.9 * (1.0 - 0.3 * std::pow(static_cast<double>(n), std::log2(0.8)));
      expected_resolved += p;
      resolved_var += p * (1.0 - p);
    }
    resolved_sum += resolved.at(rep);
  }
  double mean = 0.0;
  for (double x : ratios) mean += x / ratios.size();
  double var = 0.0;
  for (double x : ratios) var += (x - mean) * (x - mean) / (ratios.size() - 1);
  const double half_width = 3.88 * std::sqrt(var / ratios.size());
  CHECK(half_width < 0.02);
  CHECK(std::abs(mean - 1.0) < half_width);
  // The curve matters at this scale: its average slowdown is far from 1 (no learning).
  CHECK(mean_factor_sum / items.size() > 1.1);
  // Resolutions: binomial given the count served, within 4 standard deviations.
  CHECK(std::abs(resolved_sum - expected_resolved) < 4.0 * std::sqrt(resolved_var));
  // ... and far from what an experienced executive would resolve.
  double served_sum = 0.0;
  for (double s : served) served_sum += s;
  CHECK(0.9 * served_sum - expected_resolved > 20.0 * std::sqrt(resolved_var));
}

}  // namespace
}  // namespace escalsim
