// Tests of silo_verdict on hand-built experiment results: a silo, each of its three tests
// failing in turn (with the grade and the evidence that says why), and a busy front line
// that never lowers the grade.
#include "escalsim/verdict.h"

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace escalsim {
namespace {

constexpr int kReplications = 5;

Estimate figure(const std::string& scope, const std::string& name, double mean,
                double half_width) {
  Estimate e;
  e.scope = scope;
  e.name = name;
  e.mean = mean;
  e.half_width = half_width;
  e.sd = half_width;
  e.n = kReplications;
  return e;
}

// The figures of one desk that the verdict reads.
struct DeskFigures {
  double utilisation = 0.5;
  double growth = 0.0;
  double growth_half_width = 0.1;
  double mean_in_desk = 2.0;
  double arrivals = 1000.0;
};

// Sets a figure, replacing it if present.
void set(ExperimentResult& result, const std::string& scope, const std::string& name,
         double mean, double half_width) {
  for (Estimate& e : result.summary) {
    if (e.scope == scope && e.name == name) {
      e = figure(scope, name, mean, half_width);
      return;
    }
  }
  result.summary.push_back(figure(scope, name, mean, half_width));
}

void set_desk(ExperimentResult& result, const std::string& desk, const DeskFigures& f) {
  const std::string scope = "desk:" + desk;
  set(result, scope, "arrivals", f.arrivals, 0.05 * f.arrivals);
  set(result, scope, "utilisation", f.utilisation, 0.02);
  set(result, scope, "mean_in_desk", f.mean_in_desk, 0.1);
  set(result, scope, "backlog_growth_per_week", f.growth, f.growth_half_width);
}

// How the executive's arrivals came (shares of all), and its budget used.
void set_executive(ExperimentResult& result, double straight, double bypass, double used,
                   double window) {
  set(result, "executive:ceo", "straight_to_top_share", straight, 0.04);
  set(result, "executive:ceo", "policy_bypass_share", bypass, 0.04);
  set(result, "executive:ceo", "escalated_share", 1.0 - straight, 0.04);
  set(result, "executive:ceo", "budget_used_share", used, 0.01);
  set(result, "executive:ceo", "window_utilisation", window, 0.02);
}

// Mean waits (minutes) at the CEO and the front line, and the median age at the CEO.
void set_waits(ExperimentResult& result, double ceo_wait, double ceo_open_age,
               double front_wait) {
  set(result, "desk:ceo", "wait_mean_min", ceo_wait, 0.1 * ceo_wait);
  set(result, "desk:ceo", "open_age_p50_min", ceo_open_age, 0.1 * ceo_open_age);
  set(result, "desk:frontline", "wait_mean_min", front_wait, 0.1 * front_wait);
}

Desk desk(const std::string& name, bool executive) {
  Desk d;
  d.name = name;
  if (executive) d.executive = ExecutiveBudget{Duration::hours(3), std::nullopt, {}, {}, -1};
  return d;
}

// A silo: the front line at 54% with a flat backlog and 30 min waits, the CEO at 102% of its
// budget with a backlog growing 12.3 a week, 4 arrivals an hour (672 a week), 70% of them
// straight to the top (63% by a policy's bypass), waiting 3 days (what still waits: 10 days).
// Measured over 10 weeks (1680 h).
ExperimentResult silo_result() {
  ExperimentResult result;
  result.scenario.run.horizon = Duration::weeks(11);
  result.scenario.run.warmup = Duration::weeks(1);
  result.scenario.desks = {desk("frontline", false), desk("ceo", true)};
  DemandStream stream;
  stream.enters_desk = 0;
  result.scenario.demand = {stream};
  set_desk(result, "frontline", DeskFigures{0.54, 0.0, 0.1, 2.0, 16800});
  set_desk(result, "ceo", DeskFigures{1.02, 12.3, 2.1, 30.0, 4 * 1680});
  set(result, "executive:ceo", "used_h", 30.6, 0.5);
  set_executive(result, 0.70, 0.63, 1.02, 0.99);
  set_waits(result, 3 * 1440, 10 * 1440, 30);
  return result;
}

Prediction silo_prediction() {
  Prediction p;
  DeskPrediction frontline;
  frontline.desk = "frontline";
  frontline.arrival_rate_per_hour = 10;
  frontline.load = 0.6;
  DeskPrediction ceo;
  ceo.desk = "ceo";
  ceo.arrival_rate_per_hour = 1;
  ceo.load = 3.4;
  p.desks = {frontline, ceo};
  p.bottleneck = 1;
  return p;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The evidence line of a test, by its opening words.
std::string line_of(const SiloVerdict& v, const std::string& test) {
  for (const std::string& line : v.evidence) {
    if (starts_with(line, test)) return line;
  }
  FAIL("no evidence line for " << test);
  return {};
}

}  // namespace

TEST_CASE("silo_verdict: the executive is a silo when all three tests hold") {
  const SiloVerdict v = silo_verdict(silo_result(), silo_prediction());
  CHECK(v.silo);
  CHECK(v.grade == SiloGrade::kSilo);
  CHECK(v.flock);
  CHECK(v.cannot_keep_up);
  CHECK(v.waits_longer);
  CHECK_FALSE(v.front_line_overloaded);
  CHECK(v.desk == "ceo");
  CHECK(v.headline == "yes: ceo is a new silo at the top");
  REQUIRE(v.evidence.size() == 4);
  CHECK(v.evidence[0] ==
        "complaints flock to the top: yes; ceo receives 672.0 ± 33.6 complaints a week; "
        "70 ± 4% came straight to it (63 ± 4% by a policy's bypass), 30 ± 4% were escalated "
        "after service (routes, policies' escalations, hand backs)");
  CHECK(v.evidence[1] ==
        "ceo cannot keep up: yes; 102 ± 1% of its budget used (busy 99 ± 2% of its window "
        "time); its backlog grows by 12.3 ± 2.1 complaints a week; the routes alone predict a "
        "load of 3.40, without the policies' flows");
  CHECK(v.evidence[2] ==
        "complaints wait longer at the top: yes; a mean wait of 3.0 ± 0.3 days at ceo (what is "
        "still waiting there has been open 10.0 ± 1.0 days at the median), against 0.50 ± "
        "0.05 h at frontline");
  CHECK(v.evidence[3] ==
        "front line has capacity to spare: yes; the front line (frontline) is busy 54 ± 2% of "
        "the time and its backlog does not grow");
}

TEST_CASE("silo_verdict: each test that fails lowers the grade, and says why") {
  ExperimentResult result = silo_result();
  const Prediction prediction = silo_prediction();

  SUBCASE("escalated, not bypassed: an overloaded executive desk, not a silo") {
    set_executive(result, 0.0, 0.0, 1.02, 0.99);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK_FALSE(v.silo);
    CHECK(v.grade == SiloGrade::kOverloaded);
    CHECK(v.cannot_keep_up);
    CHECK(starts_with(v.headline, "overloaded executive desk: ceo cannot keep up"));
    CHECK(contains(v.headline, "what the escalation rules send it"));
    CHECK(starts_with(line_of(v, "complaints flock"), "complaints flock to the top: no; "));
  }
  SUBCASE("a majority whose interval reaches one half does not flock") {
    set(result, "executive:ceo", "straight_to_top_share", 0.52, 0.04);
    CHECK(silo_verdict(result, prediction).grade == SiloGrade::kOverloaded);
  }
  SUBCASE("keeps up: a flat backlog inside the budget is no silo, whatever comes by bypass") {
    set_desk(result, "ceo", DeskFigures{0.6, 0.0, 0.2, 1.0, 4 * 1680});
    set_executive(result, 0.9, 0.9, 0.6, 0.5);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.grade == SiloGrade::kKeepsUp);
    CHECK(v.headline == "no: ceo keeps up with the complaints that reach it");
    const std::string line = line_of(v, "ceo cannot keep up");
    CHECK(starts_with(line, "ceo cannot keep up: no; 60 ± 1% of its budget used"));
    CHECK(contains(line, "does not grow significantly (0.00 ± 0.20 complaints a week)"));
  }
  SUBCASE("near capacity: 90% of the budget and a flat backlog is not yet a silo") {
    set_desk(result, "ceo", DeskFigures{0.9, 0.0, 0.2, 1.0, 4 * 1680});
    set_executive(result, 0.9, 0.9, 0.9, 0.8);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.grade == SiloGrade::kNearCapacity);
    CHECK(starts_with(v.headline, "not yet: ceo keeps up"));
  }
  SUBCASE("a budget all used is a desk that cannot keep up, even before the backlog grows") {
    set_desk(result, "ceo", DeskFigures{0.995, 0.0, 0.2, 1.0, 4 * 1680});
    set_executive(result, 0.9, 0.9, 0.995, 0.9);
    CHECK(silo_verdict(result, prediction).silo);
  }
  SUBCASE("a growing backlog whose interval reaches zero does not count") {
    set_desk(result, "ceo", DeskFigures{0.7, 2.0, 2.5, 1.0, 4 * 1680});
    set_executive(result, 0.9, 0.9, 0.7, 0.6);
    CHECK(silo_verdict(result, prediction).grade == SiloGrade::kKeepsUp);
  }
  SUBCASE("turning complaints away, its budget spent, is not keeping up") {
    set_desk(result, "ceo", DeskFigures{0.97, 0.0, 0.2, 1.0, 1000});
    set_executive(result, 0.9, 0.9, 0.97, 0.9);
    set(result, "desk:ceo", "declined", 200, 20);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.silo);
    CHECK(contains(line_of(v, "ceo cannot keep up"), "it turns away 18% of what reaches it"));
  }
  SUBCASE("no longer wait at the top: overloaded, not a silo") {
    set_waits(result, 20, 0, 30);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.grade == SiloGrade::kOverloaded);
    CHECK(contains(v.headline, "wait no longer there than at the front line"));
    CHECK(starts_with(line_of(v, "complaints wait longer"),
                      "complaints wait longer at the top: no; "));
  }
  SUBCASE("the age of what still waits at the top counts beside the waits that ended") {
    set_waits(result, 20, 2 * 1440, 30);
    CHECK(silo_verdict(result, prediction).silo);
  }
  SUBCASE("a busy front line is a second finding, not a reason for no") {
    set(result, "desk:frontline", "utilisation", 0.9, 0.02);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.silo);
    CHECK(v.front_line_overloaded);
    CHECK(v.headline == "yes: ceo is a new silo at the top, and the front line is also overloaded");
    const std::string line = line_of(v, "front line");
    CHECK(starts_with(line, "front line has capacity to spare: no; "));
    CHECK(contains(line, "the front line (frontline) is busy 90 ± 2% of the time"));
    CHECK(contains(line, "(frontline is busy 85% or more)"));
  }
  SUBCASE("a front line whose backlog grows is also overloaded, and the silo stays") {
    set_desk(result, "frontline", DeskFigures{0.8, 3.2, 0.5, 2.0, 16800});
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.silo);
    CHECK(v.front_line_overloaded);
    CHECK(contains(line_of(v, "front line"), "frontline's backlog grows by 3.2 ± 0.5"));
  }
}

TEST_CASE("silo_verdict: the front line is where demand enters, not every staff desk") {
  ExperimentResult result = silo_result();
  result.scenario.desks.push_back(desk("specialists", false));
  set_desk(result, "specialists", DeskFigures{0.95, 0.0, 0.1, 2.0, 100});
  set(result, "desk:specialists", "wait_mean_min", 50 * 1440, 1440);
  const SiloVerdict v = silo_verdict(result, silo_prediction());
  CHECK(v.silo);
  CHECK_FALSE(contains(line_of(v, "front line"), "specialists"));
  CHECK(contains(line_of(v, "complaints wait longer"), "at frontline"));
}

TEST_CASE("silo_verdict: with several executive desks, the one using most of its budget") {
  ExperimentResult result = silo_result();
  result.scenario.desks.push_back(desk("chair", true));
  set_desk(result, "chair", DeskFigures{0.3, 0.0, 0.1, 1.0, 100});
  CHECK(silo_verdict(result, silo_prediction()).desk == "ceo");
  set(result, "desk:chair", "utilisation", 1.1, 0.0);
  CHECK(silo_verdict(result, silo_prediction()).desk == "chair");
}

TEST_CASE("silo_verdict: no executive desk, no silo") {
  ExperimentResult result = silo_result();
  result.scenario.desks.pop_back();
  result.summary.erase(std::remove_if(result.summary.begin(), result.summary.end(),
                                      [](const Estimate& e) {
                                        return e.scope == "desk:ceo" ||
                                               e.scope == "executive:ceo";
                                      }),
                       result.summary.end());
  const SiloVerdict v = silo_verdict(result, silo_prediction());
  CHECK_FALSE(v.silo);
  CHECK(v.grade == SiloGrade::kNoExecutive);
  CHECK(v.desk.empty());
  REQUIRE(v.evidence.size() == 1);
  CHECK(contains(v.evidence[0], "no executive desk"));
}

TEST_CASE("silo_verdict: the runs' measured span sets the executive's arrival rate") {
  ExperimentResult result = silo_result();
  RunResult run;
  run.measured_from = Duration::weeks(1);
  run.measured_to = Duration::weeks(21);  // 20 weeks: 336 arrivals a week, not 672
  result.runs = {run};
  const SiloVerdict v = silo_verdict(result, silo_prediction());
  CHECK(contains(line_of(v, "complaints flock"), "ceo receives 336.0 ± 16.8 complaints a week"));
}

}  // namespace escalsim
