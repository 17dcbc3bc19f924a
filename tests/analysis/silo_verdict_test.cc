// Tests of silo_verdict on hand-built experiment results: a silo, and each of its three
// tests failing in turn, with the evidence that says why.
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

Desk desk(const std::string& name, bool executive) {
  Desk d;
  d.name = name;
  if (executive) d.executive = ExecutiveBudget{Duration::hours(3), std::nullopt, {}, {}, -1};
  return d;
}

// A silo: the front line at 54% with a flat backlog, the CEO at 99% with a backlog growing
// 12.3 a week, predicted load 3.4 against 0.6, 63% of its work by bypass, and 4 arrivals an
// hour (672 a week) where the routes send 1 (168 a week). Measured over 10 weeks (1680 h).
ExperimentResult silo_result() {
  ExperimentResult result;
  result.scenario.run.horizon = Duration::weeks(11);
  result.scenario.run.warmup = Duration::weeks(1);
  result.scenario.desks = {desk("frontline", false), desk("ceo", true)};
  DemandStream stream;
  stream.enters_desk = 0;
  result.scenario.demand = {stream};
  set_desk(result, "frontline", DeskFigures{0.54, 0.0, 0.1, 2.0, 16800});
  set_desk(result, "ceo", DeskFigures{0.99, 12.3, 2.1, 30.0, 4 * 1680});
  set(result, "executive:ceo", "used_h", 29.7, 0.5);
  set(result, "silo", "bypass_share", 0.63, 0.04);
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
  CHECK_FALSE(v.front_line_overloaded);
  CHECK(v.desk == "ceo");
  REQUIRE(v.evidence.size() == 3);
  CHECK(v.evidence[0] ==
        "bottleneck: yes; ceo has the highest load: predicted 3.40 against 0.60 at frontline, "
        "simulated utilisation 99 ± 2%; the executive's backlog grows by 12.3 ± 2.1 complaints "
        "a week while no staff desk's does");
  CHECK(v.evidence[1] ==
        "driven by bypass or feedback: yes; 63 ± 4% of executive work came by bypass; ceo "
        "receives 672.0 ± 33.6 complaints a week, +300% against the 168.0 the routes alone "
        "would send it");
  CHECK(v.evidence[2] ==
        "front line has capacity to spare: yes; the front line (frontline) is busy 54 ± 2% of "
        "the time and its backlog does not grow");
}

TEST_CASE("silo_verdict: each failing test turns the verdict to no, and says why") {
  ExperimentResult result = silo_result();
  Prediction prediction = silo_prediction();

  SUBCASE("not the bottleneck: a lower predicted load and a flat backlog") {
    prediction.desks[1].load = 0.5;
    set_desk(result, "ceo", DeskFigures{0.7, 0.0, 0.2, 1.0, 4 * 1680});
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK_FALSE(v.silo);
    const std::string line = line_of(v, "bottleneck");
    CHECK(starts_with(line, "bottleneck: no; "));
    CHECK(contains(line, "ceo's predicted load 0.50 is below 0.60 at frontline"));
    CHECK(contains(line, "does not grow significantly (0.00 ± 0.20 complaints a week)"));
    CHECK(starts_with(line_of(v, "driven"), "driven by bypass or feedback: yes"));
    CHECK(starts_with(line_of(v, "front line"), "front line has capacity to spare: yes"));
  }
  SUBCASE("a growing backlog alone makes the bottleneck, when no staff desk's grows") {
    prediction.desks[1].load = 0.5;
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.silo);
    CHECK(starts_with(line_of(v, "bottleneck"), "bottleneck: yes"));
  }
  SUBCASE("not driven by bypass or feedback: little bypass, arrivals as the routes predict") {
    set(result, "silo", "bypass_share", 0.10, 0.02);
    set(result, "desk:ceo", "arrivals", 1.2 * 1680, 10);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK_FALSE(v.silo);
    const std::string line = line_of(v, "driven");
    CHECK(starts_with(line, "driven by bypass or feedback: no; "));
    CHECK(contains(line, "10 ± 2% of executive work came by bypass"));
    CHECK(contains(line, "+20% against the 168.0 the routes alone would send it"));
  }
  SUBCASE("feedback alone drives it: arrivals far beyond the routes' prediction") {
    set(result, "silo", "bypass_share", 0.10, 0.02);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.silo);
    CHECK(starts_with(line_of(v, "driven"), "driven by bypass or feedback: yes"));
  }
  SUBCASE("a busy front line is a second finding, not a reason for no") {
    set(result, "desk:frontline", "utilisation", 0.9, 0.02);
    const SiloVerdict v = silo_verdict(result, prediction);
    CHECK(v.silo);
    CHECK(v.front_line_overloaded);
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
    // The executive is still the bottleneck by its predicted load, though both grow.
    const std::string bottleneck = line_of(v, "bottleneck");
    CHECK(starts_with(bottleneck, "bottleneck: yes"));
    CHECK(contains(bottleneck, "but so does frontline's"));
  }
}

TEST_CASE("silo_verdict: the front line is where demand enters, not every staff desk") {
  ExperimentResult result = silo_result();
  result.scenario.desks.push_back(desk("specialists", false));
  set_desk(result, "specialists", DeskFigures{0.95, 0.0, 0.1, 2.0, 100});
  Prediction prediction = silo_prediction();
  const SiloVerdict v = silo_verdict(result, prediction);
  CHECK(v.silo);
  CHECK_FALSE(contains(line_of(v, "front line"), "specialists"));
}

TEST_CASE("silo_verdict: with several executive desks, the busiest is judged") {
  ExperimentResult result = silo_result();
  result.scenario.desks.push_back(desk("chair", true));
  set_desk(result, "chair", DeskFigures{0.3, 0.0, 0.1, 1.0, 100});
  CHECK(silo_verdict(result, silo_prediction()).desk == "ceo");
  set(result, "desk:chair", "utilisation", 1.0, 0.0);
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
  set(result, "silo", "bypass_share", 0.10, 0.02);
  const SiloVerdict v = silo_verdict(result, silo_prediction());
  CHECK(contains(line_of(v, "driven"), "ceo receives 336.0 ± 16.8 complaints a week, +100%"));
}

}  // namespace escalsim
