// The condition language of `escalsim threshold --until`: what a typed condition means, how
// it is judged on an interval, and what a user is told when it is wrong.
#include "escalsim/condition.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"

namespace {

using namespace escalsim;

// The shipped default company: frontline, specialists, and ceo (the one executive desk).
const Scenario& company() {
  static const Scenario scenario = load_scenario("scenarios/default.yaml");
  return scenario;
}

std::string error_of(const std::string& text) {
  try {
    parse_condition(text, company());
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

Estimate figure(const std::string& scope, const std::string& name, double mean, double half,
                int n = 10) {
  Estimate e;
  e.scope = scope;
  e.name = name;
  e.mean = mean;
  e.half_width = half;
  e.n = n;
  return e;
}

}  // namespace

TEST_CASE("Condition: a desk's figure, an operator and a value with units") {
  SUBCASE("a wait written without its _min suffix and a duration in minutes") {
    const Condition c = parse_condition("desks.frontline.wait_mean >= 40 min", company());
    CHECK_FALSE(c.on_verdict);
    CHECK(c.scope == "desk:frontline");
    CHECK(c.metric_names.front() == "wait_mean_min");
    CHECK(c.op == ConditionOp::kGreaterEqual);
    CHECK(c.value == doctest::Approx(40.0));
    CHECK(c.duration_value);
  }
  SUBCASE("the one executive desk by the word executive, and days written d") {
    const Condition c = parse_condition("executive.reply_p90 <= 5 d", company());
    CHECK(c.scope == "executive:ceo");
    CHECK(c.metric_names.front() == "reply_p90_min");
    CHECK(c.op == ConditionOp::kLessEqual);
    CHECK(c.value == doctest::Approx(5 * 1440.0));
  }
  SUBCASE("a share as a percentage, without spaces") {
    const Condition c = parse_condition("desks.ceo.utilisation>90%", company());
    CHECK(c.scope == "desk:ceo");
    CHECK(c.metric_names == std::vector<std::string>{"utilisation"});
    CHECK(c.op == ConditionOp::kGreater);
    CHECK(c.value == doctest::Approx(0.9));
  }
  SUBCASE("a plain number on a fixed scope") {
    const Condition c = parse_condition("complaints.open_at_end < 12", company());
    CHECK(c.scope == "complaints");
    CHECK(c.op == ConditionOp::kLess);
    CHECK(c.value == doctest::Approx(12.0));
  }
}

TEST_CASE("Condition: verdict figures are yes or no") {
  const Condition bare = parse_condition("verdict.silo", company());
  CHECK(bare.on_verdict);
  CHECK(bare.verdict_field == "silo");
  CHECK(bare.verdict_wanted);
  CHECK_FALSE(parse_condition("verdict.silo == no", company()).verdict_wanted);
  CHECK(parse_condition("verdict.cannot_keep_up == yes", company()).verdict_wanted);

  SiloVerdict verdict;
  verdict.silo = true;
  CHECK(judge_condition(bare, {}, verdict).holds);
  CHECK_FALSE(judge_condition(parse_condition("verdict.silo == no", company()), {}, verdict).holds);
  verdict.silo = false;
  CHECK_FALSE(judge_condition(bare, {}, verdict).holds);
}

TEST_CASE("Condition: judged on the replication mean's 95% interval") {
  const Condition c = parse_condition("desks.frontline.wait_mean >= 40 min", company());
  const SiloVerdict none;
  SUBCASE("the whole interval above the value: holds, confidently") {
    const ConditionJudgement j =
        judge_condition(c, {figure("desk:frontline", "wait_mean_min", 50, 5)}, none);
    CHECK(j.holds);
    CHECK(j.confident);
    CHECK(j.low == doctest::Approx(45));
    CHECK(j.high == doctest::Approx(55));
    CHECK(j.figure == "desk:frontline/wait_mean_min");
  }
  SUBCASE("the interval straddles the value: decided by the mean, not confident") {
    const ConditionJudgement j =
        judge_condition(c, {figure("desk:frontline", "wait_mean_min", 38, 5)}, none);
    CHECK_FALSE(j.holds);
    CHECK_FALSE(j.confident);
  }
  SUBCASE("the whole interval below: does not hold, confidently") {
    const ConditionJudgement j =
        judge_condition(c, {figure("desk:frontline", "wait_mean_min", 30, 5)}, none);
    CHECK_FALSE(j.holds);
    CHECK(j.confident);
  }
  SUBCASE("a duration compared with a figure in hours is converted") {
    const Condition used = parse_condition("executive.used >= 90 min", company());
    const ConditionJudgement j =
        judge_condition(used, {figure("executive:ceo", "used_h", 2.0, 0.1)}, none);
    CHECK(j.holds);
    CHECK(j.confident);
  }
}

TEST_CASE("Condition: a wrong condition says what was expected, on one line") {
  CHECK(error_of("desks.frontlin.wait_mean >= 4 min").find("did you mean \"frontline\"") !=
        std::string::npos);
  CHECK(error_of("desks.frontline.wait_mean 40 min").find("has no operator") != std::string::npos);
  CHECK(error_of("desks.frontline.wait_mean >= soon").find("is not a value") != std::string::npos);
  CHECK(error_of("verdict.silo >= 1").find("compare it with ==") != std::string::npos);
  CHECK(error_of("verdict.sillo").find("did you mean \"silo\"") != std::string::npos);
  CHECK(error_of("desk.frontline.wait_mean >= 1 min").find("did you mean \"desks\"") !=
        std::string::npos);
  CHECK(error_of("desks.frontline.wait_mean = 1 min").find("write ==") != std::string::npos);
  CHECK(error_of("").find("empty") != std::string::npos);
  for (const char* text : {"desks.frontline.wait_mean 40 min", "x.y > 1", "verdict.silo >= 1"}) {
    CHECK(error_of(text).find('\n') == std::string::npos);
  }

  SUBCASE("a figure the summary does not hold names its scope's figures") {
    const Condition c = parse_condition("desks.frontline.wait_men >= 4 min", company());
    try {
      judge_condition(c, {figure("desk:frontline", "wait_mean_min", 1, 0)}, SiloVerdict{});
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("wait_mean_min") != std::string::npos);
    }
  }
  SUBCASE("a duration figure given a bare number asks for the unit") {
    const Condition c = parse_condition("desks.frontline.wait_mean_min >= 40", company());
    CHECK_THROWS_WITH_AS(
        judge_condition(c, {figure("desk:frontline", "wait_mean_min", 1, 0)}, SiloVerdict{}),
        doctest::Contains("is a duration"), Error);
  }
}
