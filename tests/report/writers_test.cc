// Tests of the report writers (table, JSON, CSV) and of write_file_atomically, on results
// built by hand.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "escalsim/errors.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;
using testing::lines_of;
using testing::read_file;
using testing::TempDir;

Estimate figure(const std::string& scope, const std::string& name, double mean,
                double half_width, int n) {
  Estimate e;
  e.scope = scope;
  e.name = name;
  e.mean = mean;
  e.half_width = half_width;
  e.sd = half_width;
  e.n = n;
  return e;
}

DeskResult desk_result(const std::string& name, std::int64_t arrivals) {
  DeskResult d;
  d.name = name;
  d.arrivals = arrivals;
  d.served = arrivals - 2;
  d.abandoned = 2;
  d.resolved = arrivals - 5;
  d.utilisation = 0.75;
  d.mean_staff = 3;
  d.wait.count = arrivals;
  d.wait.mean = Duration::minutes(4.5);
  d.wait.p50 = Duration::minutes(2);
  d.wait.p90 = Duration::minutes(11);
  d.wait.p99 = Duration::minutes(30.3);
  d.mean_queue = 0.5;
  d.mean_in_desk = 2.75;
  d.sojourn_mean = Duration::minutes(19.5);
  d.sojourn_count = arrivals;
  d.backlog_at_end = 3;
  return d;
}

RunResult run_result(int replication, std::uint64_t seed, const std::vector<std::string>& desks) {
  RunResult run;
  run.replication = replication;
  run.seed = seed;
  run.measured_from = Duration::weeks(1);
  run.measured_to = Duration::weeks(5);
  run.events = 12345;
  for (std::size_t i = 0; i < desks.size(); ++i) {
    run.desks.push_back(desk_result(desks[i], 100 + 10 * static_cast<std::int64_t>(i)));
  }
  run.complaints.arrived = 100;
  run.complaints.resolved = 90;
  run.complaints.abandoned = 2;
  run.complaints.closed_unresolved = 5;
  run.complaints.open_at_end = 3;
  run.complaints.resolution_rate = 90.0 / 97.0;
  run.backlog.interval = Duration::days(1);
  run.backlog.first = Duration::weeks(1);
  for (std::size_t i = 0; i < desks.size(); ++i) {
    run.backlog.by_desk.push_back({1, 2, 3, static_cast<std::int32_t>(i)});
  }
  return run;
}

// An experiment with the desks named, `n` replications, and a summary in the metric names
// flatten() uses, every desk at utilisation 0.75 with a flat backlog.
ExperimentResult experiment(const std::vector<std::string>& desks, int n) {
  ExperimentResult result;
  result.scenario.run.name = "hand-built";
  result.scenario.run.horizon = Duration::weeks(5);
  result.scenario.run.warmup = Duration::weeks(1);
  result.scenario.run.seed = 42;
  result.scenario.run.replications = n;
  result.scenario.source_path = "scenarios/hand-built.yaml";
  result.scenario.source_text = "run: {name: hand-built}\n";
  result.scenario.overrides = {"run.seed=42"};
  for (const std::string& name : desks) {
    Desk d;
    d.name = name;
    result.scenario.desks.push_back(d);
  }
  for (int r = 0; r < n; ++r) result.runs.push_back(run_result(r, 1000 + r, desks));
  const double hw = n > 1 ? 0.5 : 0.0;
  for (const std::string& name : desks) {
    const std::string scope = "desk:" + name;
    result.summary.push_back(figure(scope, "arrivals", 100, 10 * hw, n));
    result.summary.push_back(figure(scope, "served", 98, 10 * hw, n));
    result.summary.push_back(figure(scope, "abandoned", 2, hw, n));
    result.summary.push_back(figure(scope, "refused", 0, 0, n));
    result.summary.push_back(figure(scope, "utilisation", 0.75, 0.01 * hw, n));
    result.summary.push_back(figure(scope, "wait_mean_min", 4.5, hw, n));
    result.summary.push_back(figure(scope, "wait_p50_min", 2, hw, n));
    result.summary.push_back(figure(scope, "wait_p90_min", 11, hw, n));
    result.summary.push_back(figure(scope, "wait_p99_min", 30.3, hw, n));
    result.summary.push_back(figure(scope, "mean_queue", 0.5, 0.1 * hw, n));
    result.summary.push_back(figure(scope, "mean_in_desk", 2.75, 0.1 * hw, n));
    result.summary.push_back(figure(scope, "backlog_at_end", 3, hw, n));
    result.summary.push_back(figure(scope, "backlog_growth_per_week", 0.01, 0.2 * hw, n));
  }
  result.summary.push_back(figure("complaints", "arrived", 100, 10 * hw, n));
  result.summary.push_back(figure("complaints", "time_to_resolution_mean_min", 300, 10 * hw, n));
  result.summary.push_back(figure("complaints", "time_to_resolution_p90_min", 4000, 10 * hw, n));
  result.summary.push_back(figure("complaints", "resolution_rate", 0.9, 0.01 * hw, n));
  return result;
}

Prediction prediction_for(const std::vector<std::string>& desks, int bottleneck) {
  Prediction p;
  for (std::size_t i = 0; i < desks.size(); ++i) {
    DeskPrediction d;
    d.desk = desks[i];
    d.arrival_rate_per_hour = 10;
    d.offered_hours_per_hour = 2.5;
    d.capacity_hours_per_hour = 3;
    d.load = 2.5 / 3;
    p.desks.push_back(d);
  }
  p.bottleneck = bottleneck;
  p.notes = {"no approximations"};
  return p;
}

// The findings as find_findings computes them, but from a prediction made by hand.
Findings findings_with(const ExperimentResult& result, const Prediction& prediction) {
  Findings findings;
  findings.prediction = prediction;
  findings.verdict = silo_verdict(result, prediction);
  findings.warnings = budget_fit_warnings(result.scenario);
  return findings;
}

std::string table_of(const ExperimentResult& result, const Prediction& prediction) {
  std::ostringstream out;
  write_table(out, result, findings_with(result, prediction));
  return out.str();
}

std::string csv_of(const ExperimentResult& result) {
  std::ostringstream out;
  write_csv(out, result);
  return out.str();
}

std::string json_of(const ExperimentResult& result, const Prediction& prediction) {
  std::ostringstream out;
  write_json(out, result, findings_with(result, prediction));
  return out.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Names in `dir` other than the expected ones (a temporary file left behind shows here).
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

}  // namespace

TEST_CASE("write_csv: a tidy row per replication and metric, under a fixed header") {
  const ExperimentResult result = experiment({"frontline", "specialists"}, 2);
  const std::vector<std::string> lines = lines_of(csv_of(result));
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] == "replication,seed,scope,metric,value");

  SUBCASE("the rows are flatten() of each run, in order") {
    std::vector<std::string> expected{"replication,seed,scope,metric,value"};
    for (const RunResult& run : result.runs) {
      for (const Metric& m : flatten(run)) {
        expected.push_back(fmt::format("{},{},{},{},{}", run.replication, run.seed, m.scope,
                                       m.name, m.value));
      }
    }
    CHECK(lines == expected);
  }
  SUBCASE("desk figures appear with the run's seed and round-trip exactly") {
    CHECK(contains(csv_of(result), "\n0,1000,desk:frontline,arrivals,100\n"));
    CHECK(contains(csv_of(result), "\n1,1001,desk:specialists,arrivals,110\n"));
    CHECK(contains(csv_of(result), "\n0,1000,desk:frontline,wait_p99_min,30.3\n"));
    CHECK(contains(csv_of(result), "\n0,1000,complaints,resolution_rate,0.9278350515463918\n"));
  }
  SUBCASE("the same result gives the same bytes") {
    CHECK(csv_of(result) == csv_of(experiment({"frontline", "specialists"}, 2)));
  }
}

TEST_CASE("write_csv: a field with a comma or a quote is quoted as RFC 4180 says") {
  const ExperimentResult result = experiment({"Billing, \"returns\""}, 1);
  const std::string csv = csv_of(result);
  CHECK(contains(csv, "\n0,1000,\"desk:Billing, \"\"returns\"\"\",arrivals,100\n"));
  CHECK_FALSE(contains(csv, ",desk:Billing, "));
}

TEST_CASE("write_json: everything, in a fixed key order, that parses back") {
  const std::vector<std::string> desks{"frontline", "ceo"};
  const ExperimentResult result = experiment(desks, 3);
  const std::string text = json_of(result, prediction_for(desks, 1));
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);

  SUBCASE("the top-level keys come in the documented order") {
    std::vector<std::string> keys;
    for (const auto& item : j.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"escalsim_version", "scenario", "settings",
                                           "prediction", "summary", "silo_verdict", "runs",
                                           "by_hour_of_week"});
    CHECK(j["escalsim_version"] == version());
  }
  SUBCASE("the scenario is echoed with its text and overrides") {
    CHECK(j["scenario"]["name"] == "hand-built");
    CHECK(j["scenario"]["path"] == "scenarios/hand-built.yaml");
    CHECK(j["scenario"]["text"] == "run: {name: hand-built}\n");
    CHECK(j["scenario"]["overrides"] == nlohmann::ordered_json::array({"run.seed=42"}));
  }
  SUBCASE("the settings are in minutes") {
    CHECK(j["settings"]["seed"] == 42);
    CHECK(j["settings"]["replications"] == 3);
    CHECK(j["settings"]["horizon_min"] == 5 * 10080.0);
    CHECK(j["settings"]["warmup_min"] == 10080.0);
  }
  SUBCASE("the prediction names its bottleneck") {
    CHECK(j["prediction"]["bottleneck"] == "ceo");
    REQUIRE(j["prediction"]["desks"].size() == 2);
    CHECK(j["prediction"]["desks"][0]["desk"] == "frontline");
    CHECK(j["prediction"]["desks"][0]["load"].get<double>() == doctest::Approx(2.5 / 3));
    CHECK(j["prediction"]["notes"][0] == "no approximations");
  }
  SUBCASE("the summary keeps every estimate") {
    REQUIRE(j["summary"].size() == result.summary.size());
    CHECK(j["summary"][0]["scope"] == "desk:frontline");
    CHECK(j["summary"][0]["metric"] == "arrivals");
    CHECK(j["summary"][0]["mean"] == 100.0);
    CHECK(j["summary"][0]["half_width"] == 5.0);
    CHECK(j["summary"][0]["n"] == 3);
  }
  SUBCASE("each run has its seed, its metrics by scope and its backlog series") {
    REQUIRE(j["runs"].size() == 3);
    const auto& run = j["runs"][2];
    CHECK(run["replication"] == 2);
    CHECK(run["seed"] == 1002);
    CHECK(run["stopped_early"] == false);
    CHECK(run["events"] == 12345);
    CHECK(run["backlog"]["interval_min"] == 1440.0);
    CHECK(run["backlog"]["desks"]["ceo"] == nlohmann::ordered_json::array({1, 2, 3, 1}));
    for (const Metric& m : flatten(result.runs[2])) {
      CHECK(run["metrics"][m.scope][m.name].get<double>() == m.value);
    }
    CHECK(run["metrics"]["desk:frontline"]["arrivals"] == 100.0);
  }
  SUBCASE("the same result gives the same bytes") {
    CHECK(text == json_of(experiment(desks, 3), prediction_for(desks, 1)));
  }
}

TEST_CASE("write_json: each run's queue series, executive weeks and fixed-bin distributions") {
  const std::vector<std::string> desks{"frontline", "ceo"};
  ExperimentResult result = experiment(desks, 2);
  RunResult& run = result.runs[1];
  run.backlog.queue_by_desk = {{0, 1, 2, 0}, {1, 1, 0, 0}};
  run.desks[0].wait_bins[0] = 70;
  run.desks[0].wait_bins[2] = 30;
  run.desks[1].wait_bins[14] = 4;
  run.complaints.time_to_resolution_bins[9] = 90;
  ExecutiveResult ceo;
  ceo.desk = "ceo";
  ceo.budget_per_week = Duration::hours(3);
  ceo.first_week = 1;
  ceo.used_by_week = {Duration::minutes(90), Duration::hours(3.5)};
  ceo.items_by_week = {3, 7};
  ExecutiveResult board;
  board.desk = "board";  // an items-per-month budget only
  board.first_week = 1;
  board.used_by_week = {Duration{}, Duration::minutes(30)};
  board.items_by_week = {0, 1};
  run.executives = {ceo, board};

  const nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(json_of(result, prediction_for(desks, 1)));
  const auto& r = j["runs"][1];
  using Json = nlohmann::ordered_json;

  SUBCASE("the queue has the backlog's shape and sampling") {
    CHECK(r["queue"]["interval_min"] == r["backlog"]["interval_min"]);
    CHECK(r["queue"]["first_min"] == r["backlog"]["first_min"]);
    CHECK(r["queue"]["desks"]["frontline"] == Json::array({0, 1, 2, 0}));
    CHECK(r["queue"]["desks"]["ceo"] == Json::array({1, 1, 0, 0}));
    CHECK(r["queue"]["desks"].size() == r["backlog"]["desks"].size());
  }
  SUBCASE("the executive's hours and items per week, beside the weekly budget") {
    const auto& weeks = r["executive_weeks"];
    REQUIRE(weeks.size() == 2);
    CHECK(weeks["ceo"]["first_week"] == 1);
    CHECK(weeks["ceo"]["used_h"] == Json::array({1.5, 3.5}));
    CHECK(weeks["ceo"]["items"] == Json::array({3, 7}));
    CHECK(weeks["ceo"]["budget_h"] == 3.0);
    CHECK(weeks["board"]["used_h"] == Json::array({0.0, 0.5}));
    CHECK(weeks["board"]["budget_h"].is_null());
    CHECK(j["runs"][0]["executive_weeks"] == Json::object());
  }
  SUBCASE("distributions: the edges once, then one count per bin") {
    const auto& dist = r["distributions"];
    std::vector<std::string> keys;
    for (const auto& item : dist.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"edges_min", "desk:frontline", "desk:ceo", "complaints"});
    CHECK(dist["edges_min"] == Json::array({0, 1, 5, 15, 30, 60, 120, 240, 480, 1440, 2880,
                                            5760, 10080, 20160}));
    const Json& frontline = dist["desk:frontline"]["wait"];
    REQUIRE(frontline.size() == dist["edges_min"].size() + 1);
    CHECK(frontline[0] == 70);
    CHECK(frontline[2] == 30);
    CHECK(dist["desk:ceo"]["wait"][14] == 4);
    REQUIRE(dist["complaints"]["time_to_resolution"].size() == 15);
    CHECK(dist["complaints"]["time_to_resolution"][9] == 90);
  }
  SUBCASE("none of it reaches the tidy metrics") {
    ExperimentResult plain = result;
    RunResult& p = plain.runs[1];
    p.backlog.queue_by_desk.clear();
    for (DeskResult& d : p.desks) d.wait_bins = {};
    p.complaints.time_to_resolution_bins = {};
    for (ExecutiveResult& e : p.executives) {
      e.budget_per_week.reset();
      e.used_by_week.clear();
      e.items_by_week.clear();
    }
    CHECK(csv_of(result) == csv_of(plain));
    CHECK(flatten(result.runs[1]).size() == flatten(p).size());
  }
}

TEST_CASE("write_table: figures with a confidence interval only when there are replications") {
  const std::vector<std::string> desks{"frontline", "specialists"};

  SUBCASE("several replications show mean ± half-width") {
    const std::string table = table_of(experiment(desks, 5), prediction_for(desks, 0));
    CHECK(contains(table, "±"));
    CHECK(contains(table, "5 replications"));
    CHECK(contains(table, "95% confidence interval"));
    CHECK(contains(table, "75.0 ± 0.5 %"));
  }
  SUBCASE("one replication shows plain figures") {
    const std::string table = table_of(experiment(desks, 1), prediction_for(desks, 0));
    CHECK_FALSE(contains(table, "±"));
    CHECK(contains(table, "1 replication,"));
    CHECK(contains(table, "75.0 %"));
  }
  SUBCASE("durations read in minutes, hours or days by magnitude") {
    const std::string table = table_of(experiment(desks, 1), prediction_for(desks, 0));
    CHECK(contains(table, "4.50 min"));
    CHECK(contains(table, "30.3 min"));
    CHECK(contains(table, "5.00 h"));
    CHECK(contains(table, "2.78 d"));
  }
  SUBCASE("the title names the scenario, horizon and warm-up") {
    const std::string table = table_of(experiment(desks, 1), prediction_for(desks, 0));
    CHECK(contains(lines_of(table)[0], "\"hand-built\""));
    CHECK(contains(lines_of(table)[0], "horizon 5 weeks"));
    CHECK(contains(lines_of(table)[0], "warm-up 1 week"));
  }
}

TEST_CASE("write_table: desks line up in columns") {
  const std::vector<std::string> desks{"frontline", "specialists"};
  const std::vector<std::string> lines =
      lines_of(table_of(experiment(desks, 4), prediction_for(desks, 0)));
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("Desks", 0) == 0;
  });
  REQUIRE(header != lines.end());
  // Every row of the desk table ends at the same column as its header ("±" is one column).
  auto width = [](const std::string& s) {
    return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
  };
  for (auto it = header + 1; it != lines.end() && !it->empty(); ++it) {
    CHECK(width(*it) == width(*header));
  }
}

TEST_CASE("write_table: the bottleneck, simulated beside predicted") {
  const std::vector<std::string> desks{"frontline", "specialists"};
  ExperimentResult result = experiment(desks, 1);
  for (Estimate& e : result.summary) {
    if (e.scope == "desk:specialists" && e.name == "utilisation") e.mean = 0.9;
  }

  SUBCASE("they agree") {
    const std::string table = table_of(result, prediction_for(desks, 1));
    CHECK(contains(table, "simulated: specialists (utilisation 90.0 %)"));
    CHECK(contains(table, "predicted: specialists (load 0.83"));
    CHECK_FALSE(contains(table, "disagree"));
  }
  SUBCASE("they disagree") {
    const std::string table = table_of(result, prediction_for(desks, 0));
    CHECK(contains(table, "predicted: frontline"));
    CHECK(contains(table, "disagree"));
  }
  SUBCASE("a desk whose backlog grows is the bottleneck, however idle") {
    for (Estimate& e : result.summary) {
      if (e.scope == "desk:frontline" && e.name == "backlog_growth_per_week") e.mean = 40;
    }
    const std::string table = table_of(result, prediction_for(desks, 0));
    CHECK(contains(table, "simulated: frontline (backlog grows by 40.0 per week)"));
    CHECK_FALSE(contains(table, "disagree"));
  }
  SUBCASE("no prediction") {
    CHECK(contains(table_of(result, Prediction{}), "predicted: none"));
  }
}

TEST_CASE("write_table: a warning for a desk whose backlog grows, and none for stable ones") {
  const std::vector<std::string> desks{"frontline", "ceo"};
  ExperimentResult result = experiment(desks, 5);

  SUBCASE("a stable organisation has no warning") {
    const std::string table = table_of(result, prediction_for(desks, 0));
    CHECK_FALSE(contains(table, "warning"));
    CHECK(contains(table, "stable"));
  }
  SUBCASE("a growing backlog is unstable") {
    for (Estimate& e : result.summary) {
      if (e.scope == "desk:ceo" && e.name == "backlog_growth_per_week") {
        e.mean = 25;
        e.half_width = 3;
      }
    }
    const std::string table = table_of(result, prediction_for(desks, 1));
    CHECK(contains(table, "warning: unstable: the backlog at ceo grows by 25.0 ± 3.0 per week"));
    CHECK_FALSE(contains(table, "backlog at frontline grows"));
  }
  SUBCASE("a slope within its interval of zero is noise") {
    for (Estimate& e : result.summary) {
      if (e.scope == "desk:ceo" && e.name == "backlog_growth_per_week") {
        e.mean = 25;
        e.half_width = 30;
      }
    }
    CHECK_FALSE(contains(table_of(result, prediction_for(desks, 1)), "warning"));
  }
  SUBCASE("a desk busy all the time is saturated") {
    for (Estimate& e : result.summary) {
      if (e.scope == "desk:frontline" && e.name == "utilisation") e.mean = 0.995;
    }
    CHECK(contains(table_of(result, prediction_for(desks, 0)),
                   "warning: saturated: frontline is busy 99.5"));
  }
  SUBCASE("a predicted load near 1 is saturated, even when the run does not show it") {
    Prediction prediction = prediction_for(desks, 0);
    prediction.desks[0].load = 0.99;
    CHECK(contains(table_of(result, prediction),
                   "warning: saturated: the traffic equations give frontline a load of 0.99"));
  }
  SUBCASE("a run stopped early is unstable") {
    result.runs[3].stopped_early = true;
    result.runs[3].measured_to = Duration::weeks(3);
    CHECK(contains(table_of(result, prediction_for(desks, 0)),
                   "warning: unstable: 1 of 5 runs stopped early with too many complaints in "
                   "the system (replication 3 at week 3.0 of 5 weeks)"));
  }
  SUBCASE("a broken invariant is reported") {
    result.runs[1].invariants.conservation = false;
    CHECK(contains(table_of(result, prediction_for(desks, 0)),
                   "warning: invariant broken in replication 1: conservation"));
  }
}

TEST_CASE("write_table: the executive's hours against the budget") {
  const std::vector<std::string> desks{"frontline", "ceo"};
  ExperimentResult result = experiment(desks, 1);
  result.summary.push_back(figure("executive:ceo", "budget_h", 12, 0, 1));
  result.summary.push_back(figure("executive:ceo", "used_h", 9, 0, 1));
  result.summary.push_back(figure("executive:ceo", "overrun_h", 0.5, 0, 1));
  result.summary.push_back(figure("executive:ceo", "reply_mean_min", 3 * 1440, 0, 1));
  const std::string table = table_of(result, prediction_for(desks, 1));
  CHECK(contains(table, "Executive: ceo"));
  CHECK(contains(table, "9.0 h\n"));
  CHECK(contains(table, "12.0 h (75% used)"));
  CHECK(contains(table, "0.5 h"));
  CHECK(contains(table, "3.00 d"));
}

TEST_CASE("write_table: a target precision says how many replications it took") {
  const std::vector<std::string> desks{"frontline", "ceo"};
  ExperimentResult result = experiment(desks, 37);

  SUBCASE("reached") {
    result.precision = 0.05;
    result.max_replications = 1000;
    result.precision_reached = true;
    const auto lines = lines_of(table_of(result, prediction_for(desks, 0)));
    REQUIRE(lines.size() > 1);
    CHECK(lines[1] == "replications: 37 (target precision 5% reached)");
  }
  SUBCASE("the cap came first: the figures that missed it are named") {
    result.precision = 0.05;
    result.max_replications = 37;
    result.precision_reached = false;
    const auto lines = lines_of(table_of(result, prediction_for(desks, 0)));
    REQUIRE(lines.size() > 1);
    // wait_mean_min: 0.5 on 4.5 is 11%; utilisation and resolution rate are within 5%.
    CHECK(lines[1] == "replications: 37 (cap reached before 5% precision on: desk:frontline "
                      "wait_mean_min, desk:ceo wait_mean_min)");
  }
  SUBCASE("a fixed count says nothing about precision") {
    CHECK_FALSE(contains(table_of(result, prediction_for(desks, 0)), "precision"));
  }
}

TEST_CASE("write_table: an automatic warm-up is reported per replication") {
  const std::vector<std::string> desks{"frontline"};
  ExperimentResult result = experiment(desks, 3);
  result.scenario.run.warmup_auto = true;
  result.runs[0].measured_from = Duration::days(1);
  result.runs[1].measured_from = Duration::days(3.6);
  result.runs[2].measured_from = Duration::days(5);
  const std::string table = table_of(result, prediction_for(desks, 0));
  const auto lines = lines_of(table);
  REQUIRE(lines.size() > 1);
  CHECK(contains(lines[0], "warm-up auto (MSER-5)"));
  CHECK(lines[1] == "warm-up: MSER-5 per replication, mean 3.2 d (range 1.0 d to 5.0 d)");
  CHECK_FALSE(contains(table, "no steady state"));

  SUBCASE("and a warning when a replication found no steady state") {
    result.warmup_no_steady_state = {0, 2};
    CHECK(contains(table_of(result, prediction_for(desks, 0)),
                   "warning: warm-up: MSER-5 found no steady state in 2 replications; "
                   "lengthen the horizon\n"));
  }
  SUBCASE("short warm-ups read in hours") {
    result.runs[0].measured_from = Duration::hours(4);
    result.runs[1].measured_from = Duration::hours(8);
    result.runs[2].measured_from = Duration::hours(12);
    CHECK(lines_of(table_of(result, prediction_for(desks, 0)))[1] ==
          "warm-up: MSER-5 per replication, mean 8.0 h (range 4.0 h to 12.0 h)");
  }
}

TEST_CASE("write_json: warm-up and target precision settings") {
  const std::vector<std::string> desks{"frontline"};
  ExperimentResult result = experiment(desks, 3);

  SUBCASE("a fixed warm-up and a fixed count") {
    const auto j = nlohmann::ordered_json::parse(json_of(result, prediction_for(desks, 0)));
    CHECK(j["settings"]["warmup"] == "fixed");
    CHECK(j["settings"]["warmup_min"] == 10080.0);
    CHECK_FALSE(j["settings"].contains("warmup_no_steady_state"));
    CHECK(j["settings"]["precision"].is_null());
    CHECK(j["settings"]["max_replications"].is_null());
    CHECK(j["settings"]["replications_used"] == 3);
    CHECK(j["settings"]["precision_reached"].is_null());
  }
  SUBCASE("an automatic warm-up and a target precision") {
    result.scenario.run.warmup_auto = true;
    result.runs[1].measured_from = Duration::days(2);
    result.warmup_no_steady_state = {2};
    result.precision = 0.05;
    result.max_replications = 3;
    result.precision_reached = false;
    const auto j = nlohmann::ordered_json::parse(json_of(result, prediction_for(desks, 0)));
    CHECK(j["settings"]["warmup"] == "auto (MSER-5)");
    CHECK(j["settings"]["warmup_min"].is_null());
    CHECK(j["settings"]["warmup_no_steady_state"] == nlohmann::ordered_json::array({2}));
    CHECK(j["settings"]["precision"] == 0.05);
    CHECK(j["settings"]["max_replications"] == 3);
    CHECK(j["settings"]["replications_used"] == 3);
    CHECK(j["settings"]["precision_reached"] == false);
    CHECK(j["runs"][1]["measured_from_min"] == 2 * 1440.0);
  }
}

namespace {

// The figures OutcomeRecorder adds, for a frontline and an executive "ceo" where 70% of the
// executive's work came by bypass: with every desk at 75% and equal predicted loads, a silo.
ExperimentResult experiment_with_outcomes(int n) {
  const std::vector<std::string> desks{"frontline", "ceo"};
  ExperimentResult result = experiment(desks, n);
  result.scenario.desks[1].executive = ExecutiveBudget{};
  result.scenario.demand.emplace_back();  // enters desk 0, the front line
  const double hw = n > 1 ? 0.01 : 0.0;
  auto add = [&](const std::string& scope, const std::string& name, double mean) {
    result.summary.push_back(figure(scope, name, mean, hw * std::max(1.0, mean), n));
  };
  add("customers", "complaints", 97);
  add("customers", "resolved_quickly_share", 0.6);
  add("customers", "resolved_slowly_share", 0.3);
  add("customers", "unresolved_share", 0.05);
  add("customers", "abandoned_share", 0.05);
  add("customers", "loyalty_mean", 0.81);
  add("customers", "churn_expected", 18.4);
  add("customers", "revenue_at_risk", 2300);
  add("customers", "repeat_contacts", 4);
  // Per year: a measured span of 26 weeks, so twice the figures above.
  add("customers", "churn_expected_per_year", 36.8);
  add("customers", "revenue_at_risk_per_year", 4600);
  add("segment:retail", "complaints", 80);
  add("segment:retail", "churn_expected", 14);
  add("segment:retail", "revenue_at_risk", 700);
  add("segment:retail", "revenue_at_risk_per_year", 1400);
  add("segment:business", "complaints", 17);
  add("segment:business", "churn_expected", 4.4);
  add("segment:business", "revenue_at_risk", 1600);
  add("segment:business", "revenue_at_risk_per_year", 3200);
  add("economics", "staff_hours", 2016);
  add("economics", "staff_cost", 60480);
  add("economics", "executive_hours", 12);
  add("economics", "executive_cost", 6000);
  add("economics", "total_cost", 66480);
  add("economics", "staff_hours_per_year", 4032);
  add("economics", "staff_cost_per_year", 120960);
  add("economics", "executive_hours_per_year", 24);
  add("economics", "executive_cost_per_year", 12000);
  add("economics", "cost_per_year", 132960);
  add("silo", "bypass_share", 0.7);
  add("silo", "waited_on_executive_longer", 0.4);
  // A silo: most of the CEO's arrivals came straight to it, its budget is all used, and
  // what waits there has waited days, against the front line's minutes.
  add("executive:ceo", "straight_to_top_share", 0.7);
  add("executive:ceo", "policy_bypass_share", 0.7);
  add("executive:ceo", "escalated_share", 0.3);
  add("executive:ceo", "budget_used_share", 1.0);
  add("executive:ceo", "window_utilisation", 0.75);
  add("desk:ceo", "open_age_p50_min", 3 * 1440);
  for (const std::string group : {"channel:email", "segment:retail", "public", "private"}) {
    add("fairness:" + group, "complaints", 40);
    add("fairness:" + group, "executive_share", group == "public" ? 0.5 : 0.1);
    add("fairness:" + group, "reply_mean_min", 3 * 1440);
  }
  return result;
}

}  // namespace

TEST_CASE("write_table: customers and economics, fairness and the silo verdict") {
  const std::vector<std::string> desks{"frontline", "ceo"};

  SUBCASE("a result without the customer model's figures has none of these sections") {
    const std::string table = table_of(experiment(desks, 3), prediction_for(desks, 1));
    CHECK_FALSE(contains(table, "Customers and economics"));
    CHECK_FALSE(contains(table, "Fairness"));
    CHECK_FALSE(contains(table, "Verdict"));
  }
  SUBCASE("with them, the sections come after the executive block, before the bottleneck") {
    ExperimentResult result = experiment_with_outcomes(1);
    result.summary.push_back(figure("executive:ceo", "used_h", 12, 0, 1));
    const std::string table = table_of(result, prediction_for(desks, 1));
    const auto executive = table.find("Executive: ceo");
    const auto customers = table.find("\nCustomers and economics\n");
    const auto fairness = table.find("\nFairness: who gets executive attention");
    const auto verdict = table.find("\nVerdict: new silo at the top?\n");
    const auto bottleneck = table.find("\nBottleneck\n");
    REQUIRE(customers != std::string::npos);
    REQUIRE(fairness != std::string::npos);
    REQUIRE(verdict != std::string::npos);
    CHECK(executive < customers);
    CHECK(customers < fairness);
    CHECK(fairness < verdict);
    CHECK(verdict < bottleneck);
  }
  SUBCASE("customers and economics read in percentages, counts, hours and money") {
    const std::string table = table_of(experiment_with_outcomes(1), prediction_for(desks, 1));
    const std::vector<std::string> lines = lines_of(table);
    auto line_with = [&lines](const std::string& label) {
      for (const std::string& line : lines) {
        if (line.rfind("  " + label + " ", 0) == 0) return line;
      }
      return std::string();
    };
    CHECK(contains(line_with("resolved quickly"), "60.0 %"));
    CHECK(contains(line_with("still loyal, mean"), "81.0 %"));
    // Money, churn and hours over one stated period: per year, in every label.
    CHECK(contains(line_with("churn expected per year (customers)"), "36.8"));
    CHECK(contains(line_with("revenue at risk per year"), "4600"));
    CHECK(contains(line_with("revenue at risk per year, business"), "3200"));
    CHECK(contains(line_with("staff hours per year"), "4032.0 h"));
    CHECK(contains(line_with("executive cost per year"), "12000"));
    CHECK(contains(line_with("cost per year"), "132960"));
    CHECK(line_with("total cost").empty());
  }
  SUBCASE("fairness has a row per group, with its share and reply time") {
    const std::string table = table_of(experiment_with_outcomes(3), prediction_for(desks, 1));
    const std::vector<std::string> lines = lines_of(table);
    auto row = [&lines](const std::string& label) {
      for (const std::string& line : lines) {
        if (line.rfind("  " + label + " ", 0) == 0) return line;
      }
      return std::string();
    };
    CHECK(contains(row("channel email"), "10.0 ± 1.0 %"));
    CHECK(contains(row("segment retail"), "3.00 ± 0.03 d"));
    CHECK(contains(row("public"), "50.0 ± 1.0 %"));
    CHECK_FALSE(row("private").empty());
  }
  SUBCASE("the verdict says yes, names the desk and gives its evidence") {
    const std::string table = table_of(experiment_with_outcomes(1), prediction_for(desks, 1));
    CHECK(contains(table, "Verdict: new silo at the top?\n  yes: ceo is a new silo at the top\n"));
    CHECK(contains(table, "70.0 %"));
    CHECK(contains(table, "  - complaints flock to the top: yes; "));
    CHECK(contains(table, "70% came straight to it (70% by a policy's bypass)"));
    CHECK(contains(table, "  - ceo cannot keep up: yes; 100% of its budget used"));
    CHECK(contains(table, "  - complaints wait longer at the top: yes; "));
    CHECK(contains(table, "  - front line has capacity to spare: yes; "));
  }
  SUBCASE("and an overloaded desk when its work was escalated, not bypassed") {
    ExperimentResult result = experiment_with_outcomes(1);
    for (Estimate& e : result.summary) {
      if (e.scope == "executive:ceo" && e.name == "straight_to_top_share") e.mean = 0.1;
    }
    const std::string table = table_of(result, prediction_for(desks, 1));
    CHECK(contains(table, "  overloaded executive desk: ceo cannot keep up with what the "
                          "escalation rules send it\n"));
    CHECK(contains(table, "  - complaints flock to the top: no; "));
  }
}

TEST_CASE("write_json: the silo verdict with its evidence") {
  const std::vector<std::string> desks{"frontline", "ceo"};
  SUBCASE("a silo") {
    const auto j = nlohmann::ordered_json::parse(
        json_of(experiment_with_outcomes(3), prediction_for(desks, 1)));
    CHECK(j["silo_verdict"]["silo"] == true);
    CHECK(j["silo_verdict"]["desk"] == "ceo");
    CHECK(j["silo_verdict"]["grade"] == "silo");
    CHECK(j["silo_verdict"]["headline"] == "yes: ceo is a new silo at the top");
    CHECK(j["silo_verdict"]["flock"] == true);
    CHECK(j["silo_verdict"]["cannot_keep_up"] == true);
    CHECK(j["silo_verdict"]["waits_longer"] == true);
    CHECK(j["silo_verdict"]["front_line_overloaded"] == false);
    REQUIRE(j["silo_verdict"]["evidence"].size() == 4);
    CHECK(j["silo_verdict"]["evidence"][0].get<std::string>().rfind(
              "complaints flock to the top: yes", 0) == 0);
  }
  SUBCASE("no executive desk") {
    const auto j = nlohmann::ordered_json::parse(
        json_of(experiment({"frontline"}, 3), prediction_for({"frontline"}, 0)));
    CHECK(j["silo_verdict"]["silo"] == false);
    CHECK(j["silo_verdict"]["desk"] == "");
    CHECK(j["silo_verdict"]["evidence"].size() == 1);
  }
}

TEST_CASE("write_file_atomically: writes, replaces, creates folders, fails cleanly") {
  TempDir dir;

  SUBCASE("it writes a new file") {
    const fs::path path = dir.path() / "results.json";
    write_file_atomically(path.string(), "{}\n");
    CHECK(read_file(path) == "{}\n");
    CHECK(entries(dir.path()) == std::vector<std::string>{"results.json"});
  }
  SUBCASE("it replaces an existing file") {
    const fs::path path = dir.path() / "results.csv";
    write_file_atomically(path.string(), "old, and longer than the new\n");
    write_file_atomically(path.string(), "new\n");
    CHECK(read_file(path) == "new\n");
    CHECK(entries(dir.path()) == std::vector<std::string>{"results.csv"});
  }
  SUBCASE("it writes an empty file") {
    const fs::path path = dir.path() / "empty";
    write_file_atomically(path.string(), "");
    CHECK(fs::exists(path));
    CHECK(fs::file_size(path) == 0);
  }
  SUBCASE("it creates missing folders") {
    const fs::path path = dir.path() / "results" / "default" / "results.json";
    write_file_atomically(path.string(), "x");
    CHECK(read_file(path) == "x");
  }
  SUBCASE("a path under a regular file throws OutputError naming the path") {
    const fs::path file = dir.path() / "plain";
    write_file_atomically(file.string(), "I am a file");
    const fs::path path = file / "results.json";
    CHECK_THROWS_AS(write_file_atomically(path.string(), "x"), OutputError);
    try {
      write_file_atomically(path.string(), "x");
    } catch (const OutputError& e) {
      CHECK(contains(e.what(), path.string()));
    }
    CHECK(entries(dir.path()) == std::vector<std::string>{"plain"});
  }
  SUBCASE("a path that is a folder throws and leaves no temporary file") {
    const fs::path path = dir.path() / "taken";
    fs::create_directories(path / "inside");
    CHECK_THROWS_AS(write_file_atomically(path.string(), "x"), OutputError);
    CHECK(entries(dir.path()) == std::vector<std::string>{"taken"});
    CHECK(fs::is_directory(path / "inside"));
  }
  SUBCASE("an unwritable folder throws and leaves no temporary file") {
    if (::geteuid() == 0) return;  // root writes anywhere
    const fs::path locked = dir.path() / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    CHECK_THROWS_AS(write_file_atomically((locked / "r.json").string(), "x"), OutputError);
    fs::permissions(locked, fs::perms::owner_all);
    CHECK(entries(locked).empty());
  }
}

}  // namespace escalsim

namespace escalsim {

TEST_CASE("write_compare_table: a significant difference shows the digits that show it, and "
          "differences of percentages are in points") {
  const std::vector<std::string> desks{"frontline"};
  Comparison comparison;
  comparison.variants.push_back({"a", {}, experiment(desks, 5), {}});
  comparison.variants.push_back({"b", {}, experiment(desks, 5), {}});
  Difference utilisation;  // 0.04 points: "0.0 ± 0.0 %" at one decimal
  utilisation.scope = "desk:frontline";
  utilisation.name = "utilisation";
  utilisation.difference = 0.0004;
  utilisation.half_width = 0.0002;
  utilisation.significant = true;
  Difference resolution;  // 2 points, not significant
  resolution.scope = "complaints";
  resolution.name = "resolution_rate";
  resolution.difference = 0.02;
  resolution.half_width = 0.03;
  Difference wait;  // 0.004 min
  wait.scope = "desk:frontline";
  wait.name = "wait_mean_min";
  wait.difference = -0.004;
  wait.half_width = 0.001;
  wait.significant = true;
  comparison.variants[1].against_baseline = {utilisation, resolution, wait};
  std::ostringstream out;
  write_compare_table(out, comparison, {});
  const std::string table = out.str();
  CAPTURE(table);
  CHECK(contains(table, "+0.04 ± 0.02 points *"));
  CHECK(contains(table, "+2.0 ± 3.0 points\n"));
  CHECK(contains(table, "-0.004 ± 0.001 min *"));
  CHECK_FALSE(contains(table, "0.0 ± 0.0 % *"));
  CHECK_FALSE(contains(table, "Verdict"));  // no findings handed in: none stated

  SUBCASE("each variant's verdict is the one its findings state") {
    std::vector<Findings> findings(2);
    findings[0].verdict.desk = "ceo";
    findings[0].verdict.headline = "no: ceo keeps up (made up for the test)";
    findings[1].verdict.desk = "ceo";
    findings[1].verdict.headline = "yes: ceo is a new silo at the top (made up for the test)";
    std::ostringstream with;
    write_compare_table(with, comparison, findings);
    CHECK(contains(with.str(), "\nVerdict: new silo at the top?\n"
                               "  a: no: ceo keeps up (made up for the test)\n"
                               "  b: yes: ceo is a new silo at the top (made up for the test)\n"));
  }
}

}  // namespace escalsim

namespace escalsim {

TEST_CASE("write_table: a utilisation above 100% and a backlog that drifts are explained "
          "where shown") {
  ExperimentResult result = experiment({"frontline", "ceo"}, 5);
  result.scenario.desks[1].executive = ExecutiveBudget{};
  for (Estimate& e : result.summary) {
    if (e.scope == "desk:ceo" && e.name == "utilisation") e.mean = 1.16;
    // 0.5 a week over the 4 measured weeks adds 2: inside the 10 the rule asks for.
    if (e.scope == "desk:frontline" && e.name == "backlog_growth_per_week") {
      e.mean = 0.5;
      e.half_width = 0.04;
    }
  }
  Estimate used;
  used.scope = "executive:ceo";
  used.name = "budget_used_share";
  used.mean = 1.16;
  used.n = 5;
  result.summary.push_back(used);
  const std::string table = table_of(result, prediction_for({"frontline", "ceo"}, 0));
  CAPTURE(table);
  CHECK(contains(table, "  note: ceo's utilisation is above 100%: it is budget used over budget, "
                        "and items started inside the budget ran past it (overrun)\n"));
  CHECK(contains(table, "warning: saturated: ceo uses 116.0 ± 0.5 % of its budget; its backlog "
                        "may grow without bound\n"));
  CHECK(contains(table, "  note: the backlog at frontline drifts up by 0.50 ± 0.04 per week, 2 "
                        "over the 4 measured weeks: under 10 complaints, so not counted as "
                        "growing\n"));
}

}  // namespace escalsim
