// The silo verdict on whole scenarios, read as a user reads it: the client case through the
// program, an escalation chain whose CEO is overloaded but not bypassed, and an open inbox
// at growing demand, whose verdict must not turn back to "no" while the CEO falls behind.
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/analysis.h"
#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "escalsim/verdict.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;
using testing::lines_of;

using testing::run_program;
using testing::TempDir;

const fs::path kScenarios = fs::path(ESCALSIM_SOURCE_DIR) / "scenarios";

// The line after "Verdict: new silo at the top?" in the table `run` prints.
std::string verdict_line(const std::string& out) {
  const std::vector<std::string> lines = lines_of(out);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i] == "Verdict: new silo at the top?") return lines[i + 1];
  }
  FAIL("no verdict in the output:\n" << out);
  return {};
}

// The evidence line starting with `prefix` ("  - " stripped).
std::string evidence_line(const std::string& out, const std::string& prefix) {
  for (const std::string& line : lines_of(out)) {
    if (line.rfind("  - " + prefix, 0) == 0) return line.substr(4);
  }
  FAIL("no evidence line " << prefix << " in:\n" << out);
  return {};
}

const Estimate& figure(const ExperimentResult& result, const std::string& scope,
                       const std::string& name) {
  for (const Estimate& e : result.summary) {
    if (e.scope == scope && e.name == name) return e;
  }
  FAIL("no figure " << scope << " " << name);
  return result.summary.front();
}

}  // namespace

TEST_CASE("Silo verdict: the client case (15 staff, 400 a day, a CEO's 3 hours, open inbox) "
          "is a silo") {
  TempDir dir;
  const testing::Outcome o = run_program(
      dir.path(), fmt::format("run '{}' --out out", (kScenarios / "client-case.yaml").string()));
  REQUIRE_MESSAGE(o.status == 0, o.err);
  // The front line is busy too: a second finding, never a "no".
  CHECK(verdict_line(o.out) ==
        "  yes: ceo is a new silo at the top, and the front line is also overloaded");
  CHECK(evidence_line(o.out, "complaints flock to the top: ").rfind(
            "complaints flock to the top: yes;", 0) == 0);
  CHECK(evidence_line(o.out, "ceo cannot keep up: ").rfind("ceo cannot keep up: yes;", 0) == 0);
  CHECK(evidence_line(o.out, "complaints wait longer").rfind(
            "complaints wait longer at the top: yes;", 0) == 0);

  // Independently of the verdict's own reading: the engine's counts of how complaints came
  // to the CEO add up to its arrivals, the budget is spent, and the backlog's growth and the
  // replies' wait are far beyond the front line's.
  const Scenario scenario = load_scenario((kScenarios / "client-case.yaml").string());
  ExperimentOptions options;
  options.replications = scenario.run.replications;
  const ExperimentResult result = run_experiment(scenario, options);
  for (const RunResult& run : result.runs) {
    for (const ExecutiveResult& e : run.executives) {
      std::int64_t sum = 0;
      for (std::int64_t n : e.arrivals_by_way) sum += n;
      CHECK(sum == run.desks.back().arrivals);
      // With no scenario route into the CEO but the specialists', every arrival is either
      // the open inbox's bypass or that route.
      CHECK(e.arrivals_by_way[static_cast<int>(ArrivalWay::kBypass)] +
                e.arrivals_by_way[static_cast<int>(ArrivalWay::kRoute)] ==
            sum);
    }
  }
  const Estimate& growth = figure(result, "executive:ceo", "backlog_growth_per_week");
  CHECK(growth.mean - growth.half_width > 1.0);
  const Estimate& used = figure(result, "executive:ceo", "budget_used_share");
  CHECK(used.mean - used.half_width >= 1.0);
  CHECK(figure(result, "executive:ceo", "reply_mean_min").mean >
        50 * figure(result, "desk:frontline", "wait_mean_min").mean);
}

TEST_CASE("Silo verdict: an escalation chain with spare front line and a growing executive "
          "backlog is an overloaded desk, not a silo driven by bypass") {
  TempDir dir;
  // The escalation chain with 20 on the front line (spare capacity) and a CEO's hour a week.
  const testing::Outcome o = run_program(
      dir.path(),
      fmt::format("run '{}' --out out --set 'desks.frontline.shifts.0.staff=20' "
                  "--set 'desks.frontline.shifts.1.staff=20' --set 'desks.ceo.budget=1 h per week'",
                  (kScenarios / "escalation-chain.yaml").string()));
  REQUIRE_MESSAGE(o.status == 0, o.err);
  CHECK(verdict_line(o.out) ==
        "  overloaded executive desk: ceo cannot keep up with what the escalation rules send "
        "it");
  const std::string flock = evidence_line(o.out, "complaints flock to the top: ");
  CHECK(flock.rfind("complaints flock to the top: no;", 0) == 0);
  CHECK(flock.find("0 ± 0% by a policy's bypass") != std::string::npos);
  CHECK(evidence_line(o.out, "ceo cannot keep up: ").rfind("ceo cannot keep up: yes;", 0) == 0);
  CHECK(evidence_line(o.out, "front line has capacity to spare: ")
            .rfind("front line has capacity to spare: yes;", 0) == 0);
}

TEST_CASE("Silo verdict: over a demand sweep of an open inbox, once the CEO cannot keep up "
          "the verdict never turns back to no while the backlog grows") {
  Scenario base = load_scenario((kScenarios / "client-case.yaml").string());
  base.run.horizon = Duration::weeks(14);
  base.run.replications = 4;
  const std::vector<std::string> multiples = {"0.25", "0.5", "1", "2", "4"};
  bool yes_seen = false;
  bool silo_seen = false;
  std::string grades;  // for the failure message: each multiple's headline
  for (const std::string& multiple : multiples) {
    SweepPoint point;
    point.settings = {{kDemandMultiplier, multiple}};
    const Scenario scenario = scenario_at(base, point);
    ExperimentOptions options;
    options.replications = scenario.run.replications;
    const ExperimentResult result = run_experiment(scenario, options);
    const SiloVerdict v = silo_verdict(result, predict(scenario));
    grades += multiple + "x: " + v.headline + "; ";
    CAPTURE(grades);
    const Estimate& growth = figure(result, "executive:ceo", "backlog_growth_per_week");
    const bool grows = growth.mean - growth.half_width > 0.0;
    if (yes_seen && grows) {
      CHECK(v.cannot_keep_up);
    }
    if (silo_seen && grows) {
      CHECK(v.silo);
    }
    yes_seen = yes_seen || v.cannot_keep_up;
    silo_seen = silo_seen || v.silo;
    if (multiple == "0.25") CHECK_FALSE(v.cannot_keep_up);
    if (multiple == "1") CHECK(v.silo);
  }
  CHECK(silo_seen);
}

}  // namespace escalsim
