// customer_base: churn takes customers away, joiners add them, demand follows the base.
// Checked by hand on a fake context, and through the escalsim program against the steady
// state where joining balances churn.
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "policies/fake_policy_context.h"
#include "policies/policy_checks.h"
#include "testutil.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

constexpr double kYearMin = 365.25 * 24 * 60;

Scenario one_segment() {
  Scenario s = ScenarioBuilder("base").horizon(Duration::weeks(4))
                   .desk("frontline", 1, exponential(Duration::minutes(10)))
                   .demand("frontline", Rate::per_hour(1.0))
                   .build();
  s.segments[0].value_per_year = 50.0;  // a small loss
  return s;
}

TEST_CASE("CustomerBase: by hand, churn, joiners, demand and revenue") {
  Scenario s = one_segment();
  auto policy = make_policy(
      testing::policy("customer_base", {{"customers", "1000"}, {"joining_per_year", "100"}}), s);
  testing::FakePolicyContext ctx(s);
  policy->start(ctx);
  ComplaintAttributes who;
  CHECK(policy->demand_factor(ctx, who, 0) == 1.0);
  Complaint c;
  policy->on_complaint_end(ctx, c, FinalState::kClosedUnresolved);  // 54% of a customer lost
  policy->on_complaint_end(ctx, c, FinalState::kResolved);          // quickly: 5% lost
  CHECK(ctx.figures["churned"] == doctest::Approx(0.59));
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx((1000 - 0.59) / 1000));
  // A year later: 100 joined; revenue is the mean base times 50 a year.
  ctx.set_now(kYearMin);
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx((1100 - 0.59) / 1000));
  CHECK(ctx.figures["joined"] == doctest::Approx(100));
  CHECK(ctx.figures["revenue"] == doctest::Approx((1050 - 0.59) * 50));
  // Demand grows at most to max_growth (2 by default).
  ctx.set_now(20 * kYearMin);
  CHECK(policy->demand_factor(ctx, who, 0) == 2.0);
  CHECK(policy->max_demand_factor() == 2.0);
}

TEST_CASE("CustomerBase: bad parameters are errors at the parameter") {
  auto error_of = [](std::vector<std::pair<std::string, std::string>> params) -> std::string {
    try {
      make_policy(testing::policy("customer_base", std::move(params)), one_segment());
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of({{"customers", "0"}}).find("customers") != std::string::npos);
  CHECK(error_of({{"max_growth", "0.5"}}).find("max_growth") != std::string::npos);
  CHECK(error_of({{"joining_per_yaer", "5"}}).find("did you mean 'joining_per_year'") !=
        std::string::npos);
}

TEST_CASE("escalsim run: the customer base settles where joiners balance churn") {
  // 10000 customers make 10 complaints an hour; half are resolved quickly (5% of a
  // customer lost), half closed unresolved (54%): 0.295 lost per complaint. With J joiners
  // an hour the base settles at B* = J / (0.295 × 10/10000 per hour); J = 2.36 an hour
  // (20687 a year) gives B* = 8000 and demand 8 an hour. Its time constant is 20 weeks:
  // 200 weeks are ten of them.
  testing::TempDir dir;
  testing::write_file(dir.path() / "base.yaml",
                      "run: {name: base, horizon: 200 weeks, warmup: 150 weeks, seed: 2,\n"
                      "      replications: 5}\n"
                      "demand: {rate: 10 per hour}\n"
                      "desks:\n"
                      "  frontline: {staff: 5, handle_time: {distribution: exponential, mean: 10 min},\n"
                      "              resolution: 0.5}\n"
                      "policies:\n"
                      "  - customer_base: {customers: 10000, joining_per_year: 20687.76}\n");
  const testing::Outcome o = testing::run_program(dir.path(), "run base.yaml --out r");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::string csv = testing::read_file(dir.path() / "r" / "results.csv");
  const std::vector<double> end = testing::figure_per_replication(csv, "policy:customer_base", "customers_end_all");
  const std::vector<double> arrived = testing::figure_per_replication(csv, "complaints", "arrived");
  REQUIRE(end.size() == 5);
  REQUIRE(arrived.size() == 5);
  double base = 0.0, rate = 0.0;
  for (double b : end) base += b / 5.0;
  for (double n : arrived) rate += n / (5.0 * 50 * 168.0);
  // The base's sd is about 45 customers (jumps of 0.05 or 0.54 at 8 an hour over a
  // 3390-hour time constant); 5 replications: within 1% of 8000, and far from 10000.
  CHECK(base == doctest::Approx(8000).epsilon(0.01));
  CHECK(rate == doctest::Approx(8.0).epsilon(0.01));
}

}  // namespace
}  // namespace escalsim
