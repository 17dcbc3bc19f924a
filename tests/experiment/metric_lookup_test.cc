// Tests of find_metric and the MetricAudit: every metric a consumer asks for by name (the
// verdict, saturation, the table, JSON, compare and sweep writers, the HTML pages) is one a
// recorder produces, so a renamed metric fails here instead of silently turning a figure or
// a verdict into "not measured".
#include "escalsim/metrics.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/findings.h"
#include "escalsim/comparison.h"
#include "escalsim/html_report.h"
#include "escalsim/metric_names.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;
const fs::path kScenarios = fs::path(ESCALSIM_SOURCE_DIR) / "scenarios";

Scenario short_scenario(const std::string& file) {
  Scenario s = load_scenario((kScenarios / file).string());
  s.run.horizon = Duration::weeks(6);
  s.run.warmup = Duration::weeks(1);
  s.run.replications = 2;
  return s;
}

ExperimentResult run(const Scenario& scenario) {
  ExperimentOptions options;
  options.replications = scenario.run.replications;
  return run_experiment(scenario, options);
}

}  // namespace

TEST_CASE("find_metric: the estimate by scope and name, or null") {
  std::vector<Estimate> summary(2);
  summary[0].scope = "desk:a";
  summary[0].name = "utilisation";
  summary[1].scope = "desk:b";
  summary[1].name = "utilisation";
  CHECK(find_metric(summary, "desk:b", "utilisation") == &summary[1]);
  CHECK(find_metric(summary, "desk:c", "utilisation") == nullptr);
  CHECK(find_metric(summary, "desk:a", "utilisaton") == nullptr);
}

TEST_CASE("MetricAudit: every metric a consumer asks for is one a recorder produces") {
  MetricAudit audit;
  std::set<std::pair<std::string, std::string>> produced;
  std::set<std::string> scopes;
  auto note = [&](const std::vector<Estimate>& summary) {
    for (const Estimate& e : summary) {
      produced.insert({e.scope, e.name});
      scopes.insert(e.scope);
    }
  };

  // A run with every writer and its page: the client case (open inbox, customers).
  // With a service-level target, so that its figures and table rows are produced too.
  Scenario client = short_scenario("client-case.yaml");
  client.service_level = {Duration::seconds(20)};
  const ExperimentResult client_result = run(client);
  note(client_result.summary);
  const Findings findings = find_findings(client_result);
  std::ostringstream table, json, csv;
  write_table(table, client_result, findings);
  write_json(json, client_result, findings);
  write_csv(csv, client_result);
  ReportInput run_page;
  run_page.kind = ReportKind::kRun;
  run_page.json_text = json.str();
  CHECK_FALSE(html_report(run_page).page.empty());

  // A comparison with its page: the default scenario against the sign-off policy.
  const Scenario signoff = short_scenario("random-sample-signoff.yaml");
  const Scenario base = short_scenario("default.yaml");
  Comparison comparison = make_comparison({"default", "signoff"}, {run(base), run(signoff)});
  for (const ComparedVariant& v : comparison.variants) note(v.result.summary);
  std::ostringstream compare_table, compare_json;
  write_compare_table(compare_table, comparison, find_findings(comparison));
  write_compare_json(compare_json, comparison, find_findings(comparison));
  ReportInput compare_page;
  compare_page.kind = ReportKind::kComparison;
  compare_page.json_text = compare_json.str();
  CHECK_FALSE(html_report(compare_page).page.empty());

  // A scale study with its page.
  testing::TempDir dir;
  const Scenario scale = short_scenario("workshop/05-silo-at-growing-demand.yaml");
  REQUIRE(scale.sweep);
  SweepOptions options;
  options.out_dir = (dir.path() / "sweep").string();
  const SweepResult sweep = run_sweep(scale, options);
  for (const PointResult& p : sweep.points) note(p.summary);
  std::ostringstream sweep_table, sweep_json;
  write_sweep_table(sweep_table, scale, sweep, sweep.findings);
  write_sweep_json(sweep_json, scale, sweep, sweep.findings);
  ReportInput sweep_page;
  sweep_page.kind = ReportKind::kSweep;
  sweep_page.json_text = sweep_json.str();
  CHECK_FALSE(html_report(sweep_page).page.empty());

  // Every name asked of a scope that exists must exist in it. (A scope that does not exist
  // is a desk, executive or policy this scenario does not have.)
  const auto requests = audit.requests();
  CHECK(requests.size() > 50);
  for (const auto& [scope, name] : requests) {
    if (scopes.count(scope) == 0) continue;
    CAPTURE(scope);
    CAPTURE(name);
    CHECK(produced.count({scope, name}) == 1);
  }

  // Every name escalsim/metric_names.h gives consumers is one these runs produce in a scope
  // of its kind: a producer that stopped using the constant (or a constant left behind by a
  // rename) fails here.
  std::ifstream header(fs::path(ESCALSIM_SOURCE_DIR) / "include" / "escalsim" / "metric_names.h");
  const std::string text((std::istreambuf_iterator<char>(header)),
                         std::istreambuf_iterator<char>());
  const std::regex constant(R"re(inline constexpr char (k\w+)\[\] = "([^"]+)";)re");
  const std::set<std::string> scope_constants = {
      "kDeskPrefix", "kExecutivePrefix", "kComplaints", "kSilo",
      "kCustomers",  "kEconomics",       "kSegmentPrefix", "kFairnessPrefix",
      "kChannelPrefix", "kStreamPrefix"};
  // Names that start a family of names ("service_level_20s", "wait_mean_min_minor").
  const std::set<std::string> name_prefixes = {"kServiceLevelPrefix", "kWaitMeanMinPrefix"};
  int names = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), constant);
       it != std::sregex_iterator(); ++it) {
    const std::string id = (*it)[1];
    const std::string name = (*it)[2];
    CAPTURE(id);
    CAPTURE(name);
    if (scope_constants.count(id) == 1) {
      const bool seen = std::any_of(scopes.begin(), scopes.end(), [&](const std::string& s) {
        return s == name || s.rfind(name, 0) == 0;
      });
      CHECK(seen);
      continue;
    }
    ++names;
    if (name_prefixes.count(id) == 1) {
      CHECK(std::any_of(produced.begin(), produced.end(),
                        [&](const auto& p) { return p.second.rfind(name, 0) == 0; }));
      continue;
    }
    const bool produced_somewhere = std::any_of(
        produced.begin(), produced.end(), [&](const auto& p) { return p.second == name; });
    CHECK(produced_somewhere);
  }
  CHECK(names > 40);
}

}  // namespace escalsim
