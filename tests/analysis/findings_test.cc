// Tests of find_findings and of the one-source property: every writer states the Findings it
// is handed and recomputes none, so a verdict, prediction, warning or saturation row made up
// for the test appears, word for word, in the table and the JSON (and the pages read from it).
#include "escalsim/findings.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "escalsim/comparison.h"
#include "escalsim/experiment.h"
#include "escalsim/html_report.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/verdict.h"
#include "tools/program_runner.h"
#include "sweep_fixture.h"

namespace escalsim {
namespace {

using Json = nlohmann::json;

// A front line, specialists and a CEO; the CEO's budget more than its one window holds, so
// budget_fit_warnings has something to say.
constexpr const char* kScenario =
    "run: {name: findings-test, horizon: 5 weeks, warmup: 1 week, seed: 5, replications: 2}\n"
    "demand: {rate: 12 per hour, public_share: 20%}\n"
    "desks:\n"
    "  frontline: {staff: 4, handle_time: 15 min, patience: 2 h, resolution: 0.8}\n"
    "  specialists: {staff: 1, handle_time: 40 min, resolution: 0.7}\n"
    "  ceo: {budget: 3 h per week, windows: [\"mon 08:00-10:00\"], handle_time: 30 min}\n"
    "routes:\n"
    "  - {from: frontline, to: specialists, when: unresolved, probability: 0.5}\n"
    "  - {from: specialists, to: ceo, when: unresolved, probability: 0.3}\n";

ExperimentResult run_once(const std::vector<std::string>& overrides = {}) {
  const Scenario scenario = load_scenario_text(kScenario, "findings-test.yaml", overrides);
  ExperimentOptions options;
  options.replications = scenario.run.replications;
  return run_experiment(scenario, options);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Findings no analysis would give for kScenario: every field says something recognisable.
Findings made_up(const Findings& real) {
  Findings f = real;
  f.verdict.grade = real.verdict.grade == SiloGrade::kSilo ? SiloGrade::kKeepsUp : SiloGrade::kSilo;
  f.verdict.silo = f.verdict.grade == SiloGrade::kSilo;
  f.verdict.headline = "made-up headline: the writers must print this";
  f.verdict.evidence = {"made-up evidence 1", "made-up evidence 2"};
  f.prediction.bottleneck = 1;  // specialists, whatever the equations say
  f.prediction.desks[1].load = 7.25;
  f.warnings = {"made-up warning about the scenario"};
  return f;
}

}  // namespace

TEST_CASE("find_findings: the prediction, verdict and warnings the analysis functions give") {
  const ExperimentResult result = run_once();
  const Findings findings = find_findings(result);
  const Prediction prediction = predict(result.scenario);
  REQUIRE(findings.prediction.desks.size() == prediction.desks.size());
  CHECK(findings.prediction.bottleneck == prediction.bottleneck);
  for (std::size_t i = 0; i < prediction.desks.size(); ++i) {
    CHECK(findings.prediction.desks[i].load == prediction.desks[i].load);
  }
  const SiloVerdict verdict = silo_verdict(result, prediction);
  CHECK(findings.verdict.grade == verdict.grade);
  CHECK(findings.verdict.headline == verdict.headline);
  CHECK(findings.verdict.evidence == verdict.evidence);
  // The budget of 3 h does not fit the one 2 h window.
  CHECK(findings.warnings == budget_fit_warnings(result.scenario));
  REQUIRE(findings.warnings.size() == 1);
  CHECK(contains(findings.warnings[0], "ceo's budget"));
}

TEST_CASE("Findings: the table, the JSON and the run page state the findings they are handed") {
  const ExperimentResult result = run_once();
  const Findings real = find_findings(result);
  const Findings fake = made_up(real);
  REQUIRE(fake.verdict.headline != real.verdict.headline);

  std::ostringstream table, json;
  write_table(table, result, fake);
  write_json(json, result, fake);
  const std::string text = table.str();
  const Json j = Json::parse(json.str());

  SUBCASE("the verdict") {
    CHECK(contains(text, "\n  " + fake.verdict.headline + "\n"));
    CHECK(contains(text, "  - made-up evidence 1\n"));
    CHECK(contains(text, "  - made-up evidence 2\n"));
    CHECK_FALSE(contains(text, real.verdict.headline));
    CHECK(j.at("silo_verdict").at("headline") == fake.verdict.headline);
    CHECK(j.at("silo_verdict").at("grade") == grade_name(fake.verdict.grade));
    CHECK(j.at("silo_verdict").at("evidence") == Json(fake.verdict.evidence));
    // The run page reads the verdict from the JSON.
    ReportInput input;
    input.kind = ReportKind::kRun;
    input.json_text = json.str();
    CHECK(contains(html_report(input).page, fake.verdict.headline));
  }
  SUBCASE("the prediction and its bottleneck") {
    CHECK(contains(text, "predicted: specialists (load 7.25, traffic equations)"));
    CHECK(j.at("prediction").at("bottleneck") == "specialists");
    CHECK(j.at("prediction").at("desks")[1].at("load").get<double>() == 7.25);
  }
  SUBCASE("the warnings") {
    CHECK(contains(text, "warning: made-up warning about the scenario\n"));
    CHECK_FALSE(contains(text, real.warnings.at(0)));
  }
  SUBCASE("handed the real findings, the same bytes as before") {
    std::ostringstream table2, json2;
    write_table(table2, result, real);
    write_json(json2, result, real);
    CHECK(contains(table2.str(), real.verdict.headline));
    CHECK(Json::parse(json2.str()).at("silo_verdict").at("headline") == real.verdict.headline);
  }
}

TEST_CASE("Findings: the comparison JSON states each variant's findings as handed") {
  Comparison comparison = make_comparison(
      {"as is", "more staff"}, {run_once(), run_once({"desks.frontline.staff=6"})});
  std::vector<Findings> findings = find_findings(comparison);
  REQUIRE(findings.size() == 2);
  findings[1] = made_up(findings[1]);
  std::ostringstream json;
  write_compare_json(json, comparison, findings);
  const Json j = Json::parse(json.str());
  CHECK(j.at("variants")[0].at("silo_verdict").at("headline") == findings[0].verdict.headline);
  CHECK(j.at("variants")[1].at("silo_verdict").at("headline") == findings[1].verdict.headline);
  CHECK(j.at("variants")[1].at("prediction").at("bottleneck") == "specialists");
  ReportInput input;
  input.kind = ReportKind::kComparison;
  input.json_text = json.str();
  CHECK(contains(html_report(input).page, findings[1].verdict.headline));
}

TEST_CASE("SweepFindings: the sweep table and JSON state the saturation rows they are handed") {
  const Scenario scenario = testing::sweep_scenario();
  const SweepResult result = testing::sweep_result(scenario, 2);
  SweepFindings findings = find_findings(scenario, result);
  REQUIRE(findings.scale_study);
  REQUIRE(findings.saturation.size() == 3);
  findings.saturation[1].simulated_multiple = 3.0;   // specialists never saturate in the data
  findings.saturation[1].predicted_multiple = 1.75;  // nor by the equations at this load

  std::ostringstream table, json;
  write_sweep_table(table, scenario, result, findings);
  write_sweep_json(json, scenario, result, findings);
  bool row_found = false;
  std::istringstream lines(table.str());
  for (std::string line; std::getline(lines, line);) {
    if (contains(line, "specialists") && contains(line, "simulated 3x") &&
        contains(line, "predicted 1.75x")) {
      row_found = true;
    }
  }
  CHECK(row_found);
  const Json j = Json::parse(json.str());
  CHECK(j.at("saturation")[1].at("desk") == "specialists");
  CHECK(j.at("saturation")[1].at("simulated_multiple").get<double>() == 3.0);
  CHECK(j.at("saturation")[1].at("predicted_multiple").get<double>() == 1.75);

  SUBCASE("findings that are not a scale study show no saturation, whatever the sweep") {
    const SweepFindings none;
    std::ostringstream table2, json2;
    write_sweep_table(table2, scenario, result, none);
    write_sweep_json(json2, scenario, result, none);
    CHECK_FALSE(contains(table2.str(), "Saturation"));
    CHECK_FALSE(Json::parse(json2.str()).contains("saturation"));
  }
}

TEST_CASE("escalsim run: the console and results.json state the same verdict and bottleneck") {
  testing::TempDir dir;
  testing::write_file(dir / "f.yaml", kScenario);
  const testing::Outcome o = testing::run_program(dir.path(), "run f.yaml --out out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const Json j = Json::parse(testing::read_file(dir / "out/results.json"));
  const Json& verdict = j.at("silo_verdict");
  CHECK(contains(o.out, "\n  " + verdict.at("headline").get<std::string>() + "\n"));
  REQUIRE_FALSE(verdict.at("evidence").empty());
  for (const Json& line : verdict.at("evidence")) {
    CHECK(contains(o.out, "  - " + line.get<std::string>() + "\n"));
  }
  const std::string bottleneck = j.at("prediction").at("bottleneck").get<std::string>();
  CHECK(contains(o.out, "predicted: " + bottleneck + " (load "));
  // The scenario's budget warning, once, on the console.
  CHECK(contains(o.out, "warning: budget: ceo's budget"));
}

TEST_CASE("Findings: no writer calls the analysis it is handed") {
  // The writers and pages live in sim/report/; a call to the verdict, the traffic equations,
  // saturation or the budget warnings there would be a second source for an answer.
  const std::regex call(R"((^|[^A-Za-z0-9_]))"
                        R"((silo_verdict|predict|saturation|budget_fit_warnings|find_findings))"
                        R"(\s*\()");
  CHECK(std::regex_search("  const SiloVerdict v = silo_verdict(result, p);", call));
  CHECK(std::regex_search("x = predict(scenario);", call));
  CHECK_FALSE(std::regex_search("j = silo_verdict_json(findings.verdict);", call));
  CHECK_FALSE(std::regex_search("write_saturation(buffer, rows);", call));

  int files = 0;
  std::string offenders;
  const std::filesystem::path writers =
      std::filesystem::path(ESCALSIM_SOURCE_DIR) / "sim" / "report";
  for (const auto& entry : std::filesystem::directory_iterator(writers)) {
    if (entry.path().extension() != ".cc") continue;
    ++files;
    std::ifstream in(entry.path());
    int line_number = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      const std::string code = line.substr(0, line.find("//"));
      if (std::regex_search(code, call)) {
        offenders += entry.path().filename().string() + ":" + std::to_string(line_number) +
                     ": " + line + "\n";
      }
    }
  }
  CHECK_MESSAGE(offenders.empty(), offenders);
  CHECK(files >= 10);  // table, JSON, CSV, compare, sweep writers and the pages
}

}  // namespace escalsim
