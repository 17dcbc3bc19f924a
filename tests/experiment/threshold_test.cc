// The threshold search against queueing theory, and its common random numbers: a single
// M/M/1 desk whose arrival rate is varied until its mean wait
// or its utilisation reaches a value the closed form places at a known rate.
// The desk is the shipped validation model scenarios/validation/mm1.yaml, on a shorter
// horizon.
#include "escalsim/threshold.h"

#include <string>

#include <doctest/doctest.h>

#include "escalsim/condition.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"

namespace {

using namespace escalsim;

// Poisson arrivals at 4.8 an hour times the multiplier, one server, exponential service with
// mean 10 min (mu = 6 an hour), open all week.
Scenario mm1() {
  return load_scenario("scenarios/validation/mm1.yaml",
                       {"run.horizon=30 weeks", "run.warmup=1 week"});
}

constexpr double kBaseRatePerHour = 4.8;
constexpr double kServiceRatePerHour = 6.0;

ThresholdOptions search(const Scenario& scenario, const std::string& condition) {
  ThresholdOptions options;
  options.key = kDemandMultiplier;
  options.from = "0.5";
  options.to = "1";
  options.tolerance = 0.01;
  options.replications = 5;
  options.max_replications = 20;
  options.condition = parse_condition(condition, scenario);
  return options;
}

}  // namespace

TEST_CASE("Threshold: the M/M/1 mean wait reaches 20 min where Wq = rho / (mu - lambda) says") {
  // Wq = lambda / (mu (mu - lambda)) = w  <=>  lambda = w mu^2 / (1 + w mu): with mu = 6 an
  // hour and w = 1/3 h, lambda = 4 an hour, a multiplier of 4 / 4.8 = 0.833.
  const double mu = kServiceRatePerHour;
  const double wait_h = 20.0 / 60.0;
  const double lambda = wait_h * mu * mu / (1.0 + wait_h * mu);
  CHECK(lambda / (mu * (mu - lambda)) == doctest::Approx(wait_h));
  const double expected = lambda / kBaseRatePerHour;

  const Scenario scenario = mm1();
  const ThresholdResult r = find_threshold(scenario, search(scenario, "desks.desk.wait_mean >= 20 min"));
  REQUIRE(r.outcome == ThresholdOutcome::kFound);
  CHECK(r.low <= expected);
  CHECK(r.high >= expected);
  // Narrow enough to mean something: a few grid steps, not the whole range.
  CHECK(r.high - r.low <= 0.05);
  CHECK(r.bracket_high - r.bracket_low == doctest::Approx(0.01));
  // The bracket's ends were evaluated, on the right sides.
  bool low_seen = false, high_seen = false;
  for (const ThresholdPoint& p : r.points) {
    if (p.value == doctest::Approx(r.bracket_low)) low_seen = !p.judgement.holds;
    if (p.value == doctest::Approx(r.bracket_high)) high_seen = p.judgement.holds;
  }
  CHECK(low_seen);
  CHECK(high_seen);
}

TEST_CASE("Threshold: the M/M/1 utilisation reaches 75% at rho = lambda / mu = 0.75") {
  const double expected = 0.75 * kServiceRatePerHour / kBaseRatePerHour;  // 0.9375
  const Scenario scenario = mm1();
  const ThresholdResult r =
      find_threshold(scenario, search(scenario, "desks.desk.utilisation >= 75%"));
  REQUIRE(r.outcome == ThresholdOutcome::kFound);
  CHECK(r.low <= expected);
  CHECK(r.high >= expected);
  CHECK(r.high - r.low <= 0.03);
}

TEST_CASE("Threshold: says so when the condition holds at the start or never") {
  const Scenario scenario = mm1();
  ThresholdOptions options = search(scenario, "desks.desk.utilisation >= 10%");
  const ThresholdResult already = find_threshold(scenario, options);
  CHECK(already.outcome == ThresholdOutcome::kHoldsAtFrom);
  CHECK(already.points.size() == 1);
  CHECK(threshold_headline(already).find("holds at demand_multiplier=0.5 already") !=
        std::string::npos);

  options.condition = parse_condition("desks.desk.utilisation >= 99%", scenario);
  const ThresholdResult never = find_threshold(scenario, options);
  CHECK(never.outcome == ThresholdOutcome::kNeverHolds);
  CHECK(threshold_headline(never).find("does not hold up to demand_multiplier=1") !=
        std::string::npos);
}

TEST_CASE("Threshold: every value runs on the same seeds, so a value's figures do not depend on "
          "the search that reached it") {
  const Scenario scenario = mm1();
  ThresholdOptions first = search(scenario, "desks.desk.wait_mean >= 20 min");
  ThresholdOptions second = first;
  second.to = "0.9";  // another grid: the same value 0.5, reached by another search
  second.tolerance = 0.02;
  const ThresholdResult a = find_threshold(scenario, first);
  const ThresholdResult b = find_threshold(scenario, second);
  REQUIRE_FALSE(a.points.empty());
  REQUIRE_FALSE(b.points.empty());
  CHECK(a.points.front().value_text == b.points.front().value_text);
  CHECK(a.points.front().judgement.mean == b.points.front().judgement.mean);
  CHECK(a.points.front().judgement.low == b.points.front().judgement.low);

  // And as `escalsim run` of that value gives it: replication r on the run seed's stream r.
  SweepPoint at;
  at.settings.emplace_back(kDemandMultiplier, "0.5");
  ExperimentOptions run;
  run.replications = a.points.front().judgement.n;
  const ExperimentResult direct = run_experiment(scenario_at(scenario, at), run);
  const ConditionJudgement j = judge_condition(first.condition, direct.summary, SiloVerdict{});
  CHECK(j.mean == a.points.front().judgement.mean);
  CHECK(j.high == a.points.front().judgement.high);

  // A paired effect: on common random numbers, the wait grows with the rate in every run.
  for (std::size_t i = 1; i < a.points.size(); ++i) {
    CHECK(a.points[i].judgement.mean > a.points[i - 1].judgement.mean);
  }
}

TEST_CASE("Threshold: a range it cannot search is refused, naming the option") {
  const Scenario scenario = mm1();
  ThresholdOptions options = search(scenario, "desks.desk.wait_mean >= 20 min");
  options.to = "0.4";
  CHECK_THROWS_WITH_AS(find_threshold(scenario, options), doctest::Contains("--to:"), Error);
  options.to = "1 h per week";
  CHECK_THROWS_WITH_AS(find_threshold(scenario, options), doctest::Contains("same unit"), Error);
  options.to = "1";
  options.key = "desks.desk.stafff";
  CHECK_THROWS_WITH_AS(find_threshold(scenario, options), doctest::Contains("--vary"), Error);
}
