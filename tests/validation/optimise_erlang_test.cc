// `optimise` against an Erlang calculator: for one M/M/c desk with a service-level target,
// and one M/M/c+M desk (Erlang A) with an abandonment target, the least-cost staff that meets
// the target with 95% confidence is exactly the staff Erlang gives, over a table of twelve
// cases. The answer is computed here with the tests' own queueing theory
// (tests/validation/queueing_theory.h), independently of the library's screening code.
//
// Each case is chosen off the knife edge (checked below before anything runs): at the
// Erlang staff c the target is met with room to spare, at c - 1 it is clearly missed, so a
// correct simulation's 95% verdict is right essentially always; the seeds are fixed. Each
// case is searched twice: with screening (theory may discard the small staffs) and without
// (every staff simulated: the simulation alone must find c). Cost: a second or two a case.
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "escalsim/condition.h"
#include "escalsim/optimise.h"
#include "escalsim/scenario.h"
#include "validation/queueing_theory.h"

namespace escalsim {
namespace {

constexpr double kMeasuredArrivals = 5000.0;

struct Case {
  double mean_handle_min;
  double arrivals_per_min;
  double within_min;   // service-level cases: the target time
  double patience_min; // Erlang A cases: the mean patience (0: none)
  double target;       // service level at least, or abandonment at most
};

double erlang_service_level(const Case& k, int c) {
  if (k.arrivals_per_min * k.mean_handle_min >= c) return 0.0;
  return 1.0 - theory::mmc_prob_wait_exceeds(c, k.arrivals_per_min, k.mean_handle_min,
                                             k.within_min);
}

double erlang_abandonment(const Case& k, int c) {
  return theory::erlang_a(c, k.arrivals_per_min, k.mean_handle_min, k.patience_min).prob_abandon;
}

std::string label(double within_min) {
  const long s = std::lround(within_min * 60.0);
  return s % 60 == 0 ? fmt::format("{}min", s / 60) : fmt::format("{}s", s);
}

std::string scenario_text(const Case& k, int staff) {
  const double horizon_min = 200.0 + kMeasuredArrivals / k.arrivals_per_min;
  std::string text = fmt::format(
      "run: {{name: erlang-case, horizon: {:.0f} min, warmup: 200 min, seed: 11, "
      "replications: 10}}\n"
      "demand: {{rate: {} per hour}}\n"
      "desks:\n"
      "  desk:\n"
      "    staff: {}\n"
      "    handle_time: {} min\n",
      horizon_min, k.arrivals_per_min * 60.0, staff, k.mean_handle_min);
  if (k.patience_min > 0.0) text += fmt::format("    patience: {} min\n", k.patience_min);
  if (k.within_min > 0.0) {
    text += fmt::format("service_level: {{within: {} s}}\n", std::lround(k.within_min * 60.0));
  }
  return text;
}

int optimise_staff(const Case& k, int lowest, int highest, bool screening) {
  const Scenario base = load_scenario_text(scenario_text(k, highest), "case.yaml");
  OptimiseOptions options;
  options.variables.push_back(
      parse_decision_variable(fmt::format("desks.desk.staff={{from: {}, to: {}, step: 1}}",
                                          lowest, highest)));
  const std::string condition =
      k.patience_min > 0.0
          ? fmt::format("desks.desk.abandonment <= {}%", 100.0 * k.target)
          : fmt::format("desks.desk.service_level_{} >= {}%", label(k.within_min),
                        100.0 * k.target);
  options.constraints.push_back(parse_condition(condition, base));
  options.first_replications = 10;
  options.max_replications = 40;
  options.screening = screening;
  options.threads = 2;
  const OptimiseResult result = optimise(base, options);
  REQUIRE(result.chosen >= 0);
  CHECK(result.confirmed);
  return std::stoi(result.plans[static_cast<std::size_t>(result.chosen)].values[0]);
}

TEST_CASE("optimise returns the Erlang C staff for a service-level target, 6 cases") {
  const std::vector<Case> cases{
      {3.0, 0.5, 20.0 / 60.0, 0.0, 0.9}, {3.0, 0.5, 1.0, 0.0, 0.8},  {3.0, 1.0, 1.0, 0.0, 0.8},
      {3.0, 2.0, 2.0, 0.0, 0.8},         {3.0, 3.3, 2.0, 0.0, 0.8},  {5.0, 2.0, 1.0, 0.0, 0.8},
  };
  for (const Case& k : cases) {
    int c = 1;
    while (erlang_service_level(k, c) < k.target) ++c;
    CAPTURE(k.arrivals_per_min);
    CAPTURE(k.mean_handle_min);
    CAPTURE(k.within_min);
    CAPTURE(c);
    // Off the knife edge.
    REQUIRE(erlang_service_level(k, c) >= k.target + 0.04);
    REQUIRE(erlang_service_level(k, c - 1) <= k.target - 0.10);
    const int lowest = std::max(1, c - 2);
    CHECK(optimise_staff(k, lowest, c + 2, true) == c);
    CHECK(optimise_staff(k, lowest, c + 2, false) == c);
  }
}

TEST_CASE("optimise returns the Erlang A staff for an abandonment target, 6 cases") {
  const std::vector<Case> cases{
      {4.0, 0.5, 0.0, 2.0, 0.10}, {4.0, 0.5, 0.0, 5.0, 0.05}, {4.0, 1.0, 0.0, 2.0, 0.10},
      {4.0, 1.0, 0.0, 10.0, 0.10}, {6.0, 0.5, 0.0, 10.0, 0.05}, {6.0, 1.0, 0.0, 10.0, 0.10},
  };
  for (const Case& k : cases) {
    int c = 1;
    while (erlang_abandonment(k, c) > k.target) ++c;
    CAPTURE(k.arrivals_per_min);
    CAPTURE(k.mean_handle_min);
    CAPTURE(k.patience_min);
    CAPTURE(c);
    REQUIRE(erlang_abandonment(k, c) <= k.target - 0.015);
    REQUIRE(erlang_abandonment(k, c - 1) >= k.target + 0.025);
    const int lowest = std::max(1, c - 2);
    CHECK(optimise_staff(k, lowest, c + 2, true) == c);
    CHECK(optimise_staff(k, lowest, c + 2, false) == c);
  }
}

}  // namespace
}  // namespace escalsim
