// goodwill: a stock per segment that outcomes and executive attention fill or drain,
// decaying with a half-life, normalised by the segment's expected complaints in a mean
// lifetime; it shifts loyalty and demand. Checked by hand on a fake context, and through
// the escalsim program against the fixed point of its feedback on demand.
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "escalsim/errors.h"
#include "policies/fake_policy_context.h"
#include "policies/policy_checks.h"
#include "testutil.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

constexpr double kWeekMin = 7 * 24 * 60.0;

// One segment ("all") whose demand makes the normaliser 1 with a half-life of one week:
// rate × half_life / ln 2 = 1 complaint.
Scenario unit_scenario() {
  Scenario s = ScenarioBuilder("goodwill").horizon(Duration::weeks(3))
                   .desk("frontline", 1, exponential(Duration::minutes(10)))
                   .demand("frontline", Rate::per_hour(60.0 * std::log(2.0) / kWeekMin))
                   .build();
  return s;
}

TEST_CASE("Goodwill: by hand, the stock, its decay, and its effects") {
  Scenario s = unit_scenario();
  auto policy = make_policy(testing::policy("goodwill", {{"half_life", "1 week"}}), s);
  testing::FakePolicyContext ctx(s);
  policy->start(ctx);
  CHECK(ctx.timers.size() == 2);  // the first week's end and the horizon
  ComplaintAttributes who;
  CHECK(policy->demand_factor(ctx, who, 0) == 1.0);  // no goodwill yet
  CHECK(policy->max_demand_factor() == doctest::Approx(1.2));

  Complaint c;  // segment 0, arrived at 0
  c.touched_executive = true;
  policy->on_complaint_end(ctx, c, FinalState::kResolved);  // quickly: +1, attention +0.5
  Complaint failed;
  policy->on_complaint_end(ctx, failed, FinalState::kClosedUnresolved);  // -1: stock 0.5
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.0 - 0.1 * 0.5));

  // One half-life later: 0.25 left.
  ctx.set_now(kWeekMin);
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.0 - 0.1 * 0.25));
  Complaint arriving;
  CHECK(policy->entry_desk(ctx, arriving, 0) == 0);
  CHECK(arriving.loyalty_shift == doctest::Approx(0.05 * 0.25));
  // Answered in public but abandoned: -1 + 2.
  Complaint seen;
  seen.answered_in_public = true;
  seen.touched_executive = true;
  policy->on_complaint_end(ctx, seen, FinalState::kAbandoned);
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.0 - 0.1 * 1.25));
  // Resolved after more than a day: slowly, +0.5.
  ctx.set_now(kWeekMin + 2 * 24 * 60.0);
  Complaint slow;
  slow.arrived_min = kWeekMin;
  const double before = std::exp2(-2.0 / 7.0) * 1.25;
  policy->on_complaint_end(ctx, slow, FinalState::kResolved);
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.0 - 0.1 * (before + 0.5)));
  // Failures drain it; demand rises at most by max_demand_change.
  for (int i = 0; i < 30; ++i) policy->on_complaint_end(ctx, failed, FinalState::kRefused);
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.2));

  // The weekly series and the end figure read the stock then.
  testing::FakePolicyContext timers(s);
  auto fresh = make_policy(testing::policy("goodwill", {{"half_life", "1 week"}}), s);
  fresh->start(timers);
  fresh->on_complaint_end(timers, c, FinalState::kResolved);  // 1.5 at 0
  timers.run_until(*fresh, 3 * kWeekMin);
  CHECK(timers.figures["goodwill_week_0_all"] == doctest::Approx(0.75));
  CHECK(timers.figures["goodwill_week_1_all"] == doctest::Approx(0.375));
  CHECK(timers.figures["goodwill_week_2_all"] == doctest::Approx(0.1875));
  CHECK(timers.figures["goodwill_end_all"] == doctest::Approx(0.1875));
}

TEST_CASE("Goodwill: a raised bar (quickly_factor) makes the same answer slow") {
  Scenario s = unit_scenario();
  auto policy = make_policy(testing::policy("goodwill", {{"half_life", "1 week"}}), s);
  testing::FakePolicyContext ctx(s);
  ctx.set_now(12 * 60.0);  // resolved after 12 hours: quick against 1 day
  Complaint c;
  c.quickly_factor = 0.25f;  // but judged against 6 hours: slow, +0.5
  policy->on_complaint_end(ctx, c, FinalState::kResolved);
  ComplaintAttributes who;
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.0 - 0.1 * 0.5));
}

TEST_CASE("Goodwill: economic times scale what an outcome adds") {
  Scenario s = unit_scenario();
  s.economy.push_back(EconomyPeriod{Duration::weeks(1), Duration::weeks(2), 1.25, {}});
  auto policy = make_policy(testing::policy("goodwill", {{"half_life", "1 week"}}), s);
  testing::FakePolicyContext ctx(s);
  ComplaintAttributes who;
  Complaint c;
  policy->on_complaint_end(ctx, c, FinalState::kClosedUnresolved);  // ordinary times: -1
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.1));
  ctx.set_now(kWeekMin);  // good times from here: -1.25 on top of the -0.5 left
  c.arrived_min = kWeekMin;
  policy->on_complaint_end(ctx, c, FinalState::kClosedUnresolved);
  CHECK(policy->demand_factor(ctx, who, 0) == doctest::Approx(1.0 + 0.1 * 1.75));
}

TEST_CASE("Goodwill: bad parameters are errors at the parameter") {
  auto error_of = [](std::vector<std::pair<std::string, std::string>> params) -> std::string {
    try {
      make_policy(testing::policy("goodwill", std::move(params)), unit_scenario());
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(error_of({{"half_life", "0 weeks"}}) ==
        "test.yaml:2:5: 'half_life' must be above 0 (policies[0].goodwill.half_life)");
  CHECK(error_of({{"loyalty_per_goodwill", "2"}}).find("loyalty_per_goodwill") !=
        std::string::npos);
  CHECK(error_of({{"unresolved", "-20"}}).find("unresolved") != std::string::npos);
  CHECK(error_of({{"half_lif", "1 week"}}).find("did you mean 'half_life'") != std::string::npos);
}

double mean_of(const std::vector<double>& v) {
  double m = 0.0;
  for (double x : v) m += x / static_cast<double>(v.size());
  return m;
}

double sd_of_mean(const std::vector<double>& v) {
  const double m = mean_of(v);
  double var = 0.0;
  for (double x : v) var += (x - m) * (x - m) / static_cast<double>(v.size() - 1);
  return std::sqrt(var / static_cast<double>(v.size()));
}

TEST_CASE("escalsim run: goodwill settles where its feedback on demand balances") {
  // The front line resolves 90% within minutes (quickly: +1) and closes 10% unresolved
  // (-1): the mean score is 0.8. Goodwill settles at the mean score times the demand it
  // lets through, G = 0.8 × (1 - 0.1 G), so G = 0.8 / 1.08 = 0.741, and demand runs at
  // 1 - 0.1 G = 0.926 of the scenario's 10 an hour. Complainers' loyalty is the TARP
  // table's plus 5% of G. 10 weeks of warm-up (5 half-lives) before measuring.
  testing::TempDir dir;
  testing::write_file(dir.path() / "goodwill.yaml",
                      "run: {name: goodwill, horizon: 30 weeks, warmup: 10 weeks, seed: 3,\n"
                      "      replications: 10}\n"
                      "demand: {rate: 10 per hour}\n"
                      "desks:\n"
                      "  frontline: {staff: 2, handle_time: {distribution: exponential, mean: 5 min},\n"
                      "              resolution: 0.9}\n"
                      "policies:\n"
                      "  - goodwill: {half_life: 2 weeks}\n");
  const testing::Outcome o = testing::run_program(dir.path(), "run goodwill.yaml --out r --report");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::string csv = testing::read_file(dir.path() / "r" / "results.csv");
  const double g_star = 0.8 / 1.08;
  const std::vector<double> g_end = testing::figure_per_replication(csv, "policy:goodwill", "goodwill_end_all");
  REQUIRE(g_end.size() == 10);
  // Student t with 9 degrees of freedom, 99.9%: 4.78.
  CHECK(sd_of_mean(g_end) < 0.01);
  CHECK(std::abs(mean_of(g_end) - g_star) < 4.78 * sd_of_mean(g_end));
  // The series: the last measured week reads what the end does (the horizon is a week's end).
  const std::vector<double> g_29 = testing::figure_per_replication(csv, "policy:goodwill", "goodwill_week_29_all");
  REQUIRE(g_29.size() == 10);
  for (std::size_t i = 0; i < g_end.size(); ++i) CHECK(g_29[i] == g_end[i]);
  // Weeks of the warm-up are not reported.
  CHECK(testing::figure_per_replication(csv, "policy:goodwill", "goodwill_week_8_all").empty());

  // Demand: 20 measured weeks at 10 an hour times 1 - 0.1 G.
  std::vector<double> rate;
  for (double n : testing::figure_per_replication(csv, "complaints", "arrived")) rate.push_back(n / (20 * 168.0));
  CHECK(std::abs(mean_of(rate) - 10.0 * (1.0 - 0.1 * g_star)) < 4.78 * sd_of_mean(rate));
  CHECK(mean_of(rate) < 9.5);  // against 10 without goodwill

  // Loyalty: the table's value for the outcomes seen, plus 5% of goodwill (small losses:
  // resolved quickly 95%, unresolved 46%).
  const std::vector<double> quick = testing::figure_per_replication(csv, "customers", "resolved_quickly_share");
  const std::vector<double> unresolved = testing::figure_per_replication(csv, "customers", "unresolved_share");
  const std::vector<double> loyalty = testing::figure_per_replication(csv, "customers", "loyalty_mean");
  REQUIRE(loyalty.size() == 10);
  std::vector<double> shift;
  for (std::size_t i = 0; i < loyalty.size(); ++i) {
    CHECK(quick[i] + unresolved[i] == doctest::Approx(1.0));
    shift.push_back(loyalty[i] - (0.95 * quick[i] + 0.46 * unresolved[i]));
  }
  CHECK(std::abs(mean_of(shift) - 0.05 * g_star) < 4.78 * sd_of_mean(shift) + 1e-9);
  CHECK(mean_of(shift) > 0.03);

  // The run page charts the series: the last week's point is the mean of goodwill_end.
  const nlohmann::json data =
      nlohmann::json::parse(testing::read_file(dir.path() / "r" / "report-data.json"));
  REQUIRE(data.contains("goodwill"));
  CHECK(data.at("goodwill").size() == 20);  // weeks 10 to 29 (ending at 11 to 30 weeks)
  bool found = false;
  for (const auto& row : data.at("goodwill")) {
    if (row.at("x").get<int>() != 30) continue;
    found = true;
    CHECK(row.at("series") == "all");
    CHECK(row.at("mean").get<double>() == doctest::Approx(mean_of(g_end)).epsilon(1e-12));
  }
  CHECK(found);
}

}  // namespace
}  // namespace escalsim
