// Tests of the sweep writers (tidy CSV, summary CSV, JSON, table) on sweep results built by
// hand: two parameters, 2 x 3 points, 2 replications.
#include <algorithm>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "sweep_fixture.h"

namespace escalsim {
namespace {

using testing::sweep_estimate;
using testing::sweep_result;
using testing::sweep_scenario;

std::string csv_of(const Scenario& scenario, const SweepResult& result) {
  std::ostringstream out;
  write_sweep_csv(out, scenario, result);
  return out.str();
}

std::string summary_of(const Scenario& scenario, const SweepResult& result) {
  std::ostringstream out;
  write_sweep_summary_csv(out, scenario, result);
  return out.str();
}

std::string json_of(const Scenario& scenario, const SweepResult& result) {
  std::ostringstream out;
  write_sweep_json(out, scenario, result, find_findings(scenario, result));
  return out.str();
}

std::string table_of(const Scenario& scenario, const SweepResult& result) {
  std::ostringstream out;
  write_sweep_table(out, scenario, result, find_findings(scenario, result));
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The line holding every part, or "".
std::string line_with(const std::string& text, const std::vector<std::string>& parts) {
  for (const std::string& line : lines_of(text)) {
    if (std::all_of(parts.begin(), parts.end(),
                    [&line](const std::string& p) { return contains(line, p); })) {
      return line;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("write_sweep_csv: a tidy row per point, replication and metric") {
  const Scenario scenario = sweep_scenario();
  const SweepResult result = sweep_result(scenario, 2);

  SUBCASE("the exact text of a small case") {
    SweepResult small = result;
    small.points.resize(2);
    CHECK(csv_of(scenario, small) ==
          "point,desks.ceo.budget,demand_multiplier,replication,seed,scope,metric,value,silo,silo_grade\n"
          "0,3 h per week,1,0,1000,desk:frontline,utilisation,0.3,,\n"
          "0,3 h per week,1,0,1000,complaints,resolution_rate,0.9,,\n"
          "0,3 h per week,1,1,1001,desk:frontline,utilisation,0.425,,\n"
          "0,3 h per week,1,1,1001,complaints,resolution_rate,0.9,,\n"
          "1,3 h per week,2,0,1000,desk:frontline,utilisation,0.6,,\n"
          "1,3 h per week,2,0,1000,complaints,resolution_rate,0.9,,\n"
          "1,3 h per week,2,1,1001,desk:frontline,utilisation,0.725,,\n"
          "1,3 h per week,2,1,1001,complaints,resolution_rate,0.9,,\n");
  }
  SUBCASE("one column per parameter, in parameter order, and a row per run and metric") {
    const std::vector<std::string> lines = lines_of(csv_of(scenario, result));
    REQUIRE_FALSE(lines.empty());
    // The silo verdict's columns stay empty: this result was assembled without findings.
    CHECK(lines[0] == "point,desks.ceo.budget,demand_multiplier,replication,seed,scope,metric,value,"
                      "silo,silo_grade");
    CHECK(lines.size() == 1 + 6 * 2 * 2);
  }
  SUBCASE("a value with a comma or a quote is quoted as RFC 4180 says") {
    const std::string csv = csv_of(scenario, result);
    CHECK(contains(csv, "\n3,\"3 h per week, \"\"mornings\"\"\",1,0,1000,desk:frontline,"
                        "utilisation,0.6,,\n"));
    CHECK_FALSE(contains(csv, ",3 h per week, "));
  }
  SUBCASE("the same result gives the same bytes") {
    CHECK(csv_of(scenario, result) == csv_of(sweep_scenario(), sweep_result(sweep_scenario(), 2)));
  }
}

TEST_CASE("write_sweep_summary_csv: a row per point and summary figure") {
  const Scenario scenario = sweep_scenario();
  const SweepResult result = sweep_result(scenario, 2);
  const std::vector<std::string> lines = lines_of(summary_of(scenario, result));
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] ==
        "point,desks.ceo.budget,demand_multiplier,scope,metric,mean,half_width,sd,n,silo,silo_grade");
  CHECK(lines.size() == 1 + 6 * result.points[0].summary.size());
  CHECK(lines[1] == "0,3 h per week,1,desk:frontline,utilisation,0.3,0.005,0.005,2,,");
  CHECK(contains(summary_of(scenario, result),
                 "\n5,\"3 h per week, \"\"mornings\"\"\",4,complaints,time_in_system_mean_min,"
                 "1200,10,10,2,,\n"));
}

TEST_CASE("write_sweep_json: the scenario, the sweep, each point's summary and saturation") {
  const Scenario scenario = sweep_scenario();
  const SweepResult result = sweep_result(scenario, 2);
  const std::string text = json_of(scenario, result);
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);

  SUBCASE("the top-level keys come in the documented order") {
    std::vector<std::string> keys;
    for (const auto& item : j.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"escalsim_version", "scenario", "sweep", "points",
                                           "saturation", "silo_onset"});
    CHECK(j["escalsim_version"] == version());
  }
  SUBCASE("the scenario is echoed with its text and overrides") {
    CHECK(j["scenario"]["name"] == "scale");
    CHECK(j["scenario"]["path"] == "scenarios/sweeps/scale.yaml");
    CHECK(j["scenario"]["text"] == testing::kSweepScenarioText);
    CHECK(j["scenario"]["overrides"] == nlohmann::ordered_json::array({"run.seed=7"}));
  }
  SUBCASE("the sweep's parameters with their values as written") {
    const auto& sweep = j["sweep"];
    REQUIRE(sweep["parameters"].size() == 2);
    CHECK(sweep["parameters"][0]["key"] == "desks.ceo.budget");
    CHECK(sweep["parameters"][0]["values"][1] == "3 h per week, \"mornings\"");
    CHECK(sweep["parameters"][1]["key"] == "demand_multiplier");
    CHECK(sweep["parameters"][1]["values"] == nlohmann::ordered_json::array({"1", "2", "4"}));
    CHECK(sweep["replications"] == 2);
    CHECK(sweep["common_random_numbers"] == true);
  }
  SUBCASE("each point: index, settings by key, seeds, summary") {
    REQUIRE(j["points"].size() == 6);
    const auto& p = j["points"][4];
    CHECK(p["index"] == 4);
    CHECK(p["settings"]["desks.ceo.budget"] == "3 h per week, \"mornings\"");
    CHECK(p["settings"]["demand_multiplier"] == "2");
    CHECK(p["seeds"] == nlohmann::ordered_json::array({1000, 1001}));
    REQUIRE(p["summary"].size() == result.points[4].summary.size());
    CHECK(p["summary"][0]["scope"] == "desk:frontline");
    CHECK(p["summary"][0]["metric"] == "utilisation");
    CHECK(p["summary"][0]["mean"].get<double>() == doctest::Approx(1.2 < 0.999 ? 1.2 : 0.999));
    CHECK(p["summary"][0]["half_width"] == 0.005);
    CHECK(p["summary"][0]["n"] == 2);
    CHECK_FALSE(p.contains("runs"));
  }
  SUBCASE("saturation per desk: simulated beside predicted, null when never") {
    REQUIRE(j["saturation"].size() == 3);  // frontline, specialists, ceo
    CHECK(j["saturation"][0]["desk"] == "frontline");
    CHECK(j["saturation"][0]["simulated_multiple"] == 4.0);
    CHECK(j["saturation"][0]["predicted_multiple"].get<double>() == doctest::Approx(1.0 / 0.3));
    CHECK(j["saturation"][1]["desk"] == "specialists");
    CHECK(j["saturation"][1]["simulated_multiple"].is_null());
  }
  SUBCASE("no saturation without a demand multiplier") {
    Scenario budget_only = scenario;
    budget_only.sweep->parameters.pop_back();
    SweepResult points = result;
    for (PointResult& p : points.points) p.point.settings.pop_back();
    const auto k = nlohmann::ordered_json::parse(json_of(budget_only, points));
    CHECK_FALSE(k.contains("saturation"));
  }
  SUBCASE("the same result gives the same bytes") {
    CHECK(text == json_of(sweep_scenario(), sweep_result(sweep_scenario(), 2)));
  }
}

TEST_CASE("write_sweep_table: headline figures per point, unstable points marked") {
  const Scenario scenario = sweep_scenario();

  SUBCASE("replications show mean ± half-width") {
    const std::string table = table_of(scenario, sweep_result(scenario, 2));
    CHECK(contains(lines_of(table)[0], "sweep of scenario \"scale\", 6 points over "
                                       "desks.ceo.budget × demand_multiplier, 2 replications each"));
    CHECK(contains(table, "95% confidence interval"));
    CHECK(contains(table, "30.0 ± 0.5 %"));       // frontline utilisation at 1x
    CHECK(contains(table, "5.00 ± 0.17 h"));      // time in system at 1x: 300 min
    CHECK(contains(table, "20.0 ± 1.0 h"));       // executive hours used
    CHECK(contains(table, "30.0 h (67% used)"));  // against the budget
  }
  SUBCASE("one replication shows plain figures") {
    const std::string table = table_of(scenario, sweep_result(scenario, 1));
    CHECK_FALSE(contains(table, "±"));
    CHECK(contains(table, "1 replication each"));
    CHECK(contains(table, "30.0 %"));
  }
  SUBCASE("a point where a desk saturates is marked unstable, others stable") {
    const std::string table = table_of(scenario, sweep_result(scenario, 2));
    CHECK_FALSE(line_with(table, {"  2       3 h per week ", "unstable: frontline"}).empty());
    CHECK_FALSE(line_with(table, {"  0       3 h per week ", "   stable   "}).empty());
    CHECK(line_with(table, {"  0       3 h per week ", "unstable"}).empty());
    CHECK(contains(table, "warning: unstable at 3 of 6 points (2, 4, 5)"));
  }
  SUBCASE("the desk tables say which desk grows") {
    const std::string table = table_of(scenario, sweep_result(scenario, 2));
    CHECK(contains(table, "\nDesk: frontline\n"));
    CHECK(contains(table, "\nDesk: specialists\n"));
    CHECK_FALSE(line_with(table, {"grows", "99.9 ± 0.5 %", "50.0 ± 5.0"}).empty());
  }
  SUBCASE("a scale study ends with the saturation multiples, simulated beside predicted") {
    const std::string table = table_of(scenario, sweep_result(scenario, 2));
    CHECK(contains(table, "\nSaturation: the demand multiple at which each desk saturates\n"));
    CHECK_FALSE(line_with(table, {"frontline", "simulated 4x", "predicted 3.33x"}).empty());
    CHECK_FALSE(line_with(table, {"specialists", "simulated beyond 4x", "predicted"}).empty());
    CHECK(contains(table, "at desks.ceo.budget=3 h per week"));
    CHECK(contains(table, "predicted: 1 / the desk's load at 1x demand (traffic equations), at "
                          "the same values\n"));
  }
  SUBCASE("a sweep without a demand multiplier has no saturation section") {
    Scenario budget_only = scenario;
    budget_only.sweep->parameters.pop_back();
    SweepResult result = sweep_result(scenario, 2);
    for (PointResult& p : result.points) p.point.settings.pop_back();
    CHECK_FALSE(contains(table_of(budget_only, result), "Saturation"));
  }
  SUBCASE("a stable sweep says so") {
    SweepResult result = sweep_result(scenario, 2);
    for (PointResult& p : result.points) {
      sweep_estimate(p, "desk:frontline", "utilisation").mean = 0.5;
      sweep_estimate(p, "desk:frontline", "backlog_growth_per_week").mean = 0.0;
    }
    const std::string table = table_of(scenario, result);
    CHECK(contains(table, "stable: no desk's backlog grows at any point"));
    CHECK_FALSE(contains(table, "warning"));
    CHECK(contains(table, "simulated beyond 4x"));
  }
  SUBCASE("the same result gives the same bytes") {
    CHECK(table_of(scenario, sweep_result(scenario, 2)) ==
          table_of(sweep_scenario(), sweep_result(sweep_scenario(), 2)));
  }
}

}  // namespace escalsim

namespace escalsim {
namespace {

// The three outputs as SweepOutputWriter writes them, one point at a time.
struct Streamed {
  std::string csv, summary, json;
};

Streamed streamed(const Scenario& scenario, const SweepResult& result,
                  const SweepFindings& findings) {
  std::ostringstream csv, summary, json;
  std::vector<SweepPoint> points;
  for (const PointResult& p : result.points) points.push_back(p.point);
  SweepOutputWriter writer(csv, summary, json, scenario, points);
  for (std::size_t p = 0; p < result.points.size(); ++p) {
    writer.add(result.points[p], p < findings.verdicts.size() && findings.verdicts[p]
                                     ? &*findings.verdicts[p]
                                     : nullptr);
  }
  writer.finish(findings);
  return {csv.str(), summary.str(), json.str()};
}

void check_same_as_whole(const Scenario& scenario, SweepResult result) {
  std::ostringstream csv, summary, json;
  write_sweep_csv(csv, scenario, result);
  write_sweep_summary_csv(summary, scenario, result);
  write_sweep_json(json, scenario, result, result.findings);
  const Streamed s = streamed(scenario, result, result.findings);
  CHECK_FALSE(json.str().empty());
  CHECK(s.csv == csv.str());
  CHECK(s.summary == summary.str());
  CHECK(s.json == json.str());
}

TEST_CASE("SweepOutputWriter: point by point, the same bytes as the writers of the whole result") {
  const Scenario scenario = sweep_scenario();
  SUBCASE("a scale study, verdicts at the valid points only") {
    SweepResult result = sweep_result(scenario, 3);
    result.findings = find_findings(scenario, result);
    REQUIRE(result.findings.scale_study);
    REQUIRE(result.findings.verdicts.size() == 6);
    REQUIRE(result.findings.verdicts[0].has_value());   // a budget the loader accepts
    REQUIRE_FALSE(result.findings.verdicts[3].has_value());  // one it refuses
    check_same_as_whole(scenario, result);
  }
  SUBCASE("no findings, non-finite figures, text that is not UTF-8") {
    SweepResult result = sweep_result(scenario, 1);
    sweep_estimate(result.points[1], "desk:frontline", "utilisation").mean =
        std::numeric_limits<double>::quiet_NaN();
    result.points[2].runs[0][0].value = std::numeric_limits<double>::infinity();
    result.points[4].runs[0][1].scope = "complaints \xff, \"quoted\"\nline";
    check_same_as_whole(scenario, result);
  }
  SUBCASE("one point") {
    SweepResult result = sweep_result(scenario, 2);
    result.points.resize(1);
    result.findings = find_findings(scenario, result);
    check_same_as_whole(scenario, result);
  }
  SUBCASE("no points") {
    SweepResult result;
    check_same_as_whole(scenario, result);
  }
}

TEST_CASE("sweep_table_reads keeps what the table and saturation read: the same table and "
          "findings from the headline figures") {
  const Scenario scenario = sweep_scenario();
  SweepResult full = sweep_result(scenario, 2);
  // Figures no table reads, which the headline drops.
  for (PointResult& p : full.points) {
    p.summary.push_back(testing::sweep_figure("desk:frontline", "abandonment", 0.1, 0.01, 2));
    p.summary.push_back(testing::sweep_figure("complaints", "arrivals", 500.0, 5.0, 2));
  }
  SweepResult headline = full;
  std::size_t dropped = 0;
  for (PointResult& p : headline.points) {
    p.runs.clear();
    std::vector<Estimate> kept;
    for (const Estimate& e : p.summary) {
      if (sweep_table_reads(e.scope, e.name)) kept.push_back(e);
    }
    dropped += p.summary.size() - kept.size();
    p.summary = kept;
  }
  CHECK(dropped == 2 * full.points.size());

  const SweepFindings findings = find_findings(scenario, full);
  SweepFindings from_headline;
  from_headline.verdicts = findings.verdicts;  // as finish_sweep: from each full point
  find_scale_findings(scenario, headline, from_headline);
  REQUIRE(from_headline.saturation.size() == findings.saturation.size());
  for (std::size_t i = 0; i < findings.saturation.size(); ++i) {
    CHECK(from_headline.saturation[i].simulated_multiple ==
          findings.saturation[i].simulated_multiple);
  }
  CHECK(from_headline.silo_onset.reached == findings.silo_onset.reached);
  CHECK(from_headline.silo_onset.last_no == findings.silo_onset.last_no);

  std::ostringstream from_full, from_kept;
  write_sweep_table(from_full, scenario, full, findings);
  write_sweep_table(from_kept, scenario, headline, from_headline);
  CHECK(contains(from_full.str(), "Desk: frontline"));
  CHECK(from_kept.str() == from_full.str());
}

}  // namespace
}  // namespace escalsim
