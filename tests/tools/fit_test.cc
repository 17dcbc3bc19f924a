// `escalsim fit` run as a user runs it: on the shipped bank log, and on broken logs.
#include <chrono>
#include <fstream>
#include <string>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "calibration/page_figures.h"
#include "escalsim/scenario.h"
#include "escalsim/units.h"
#include "tools/program_runner.h"

using escalsim::Scenario;
using escalsim::kWeek;
using escalsim::load_scenario;
using namespace escalsim::testing;

namespace {

const std::string kBank = std::string(ESCALSIM_SOURCE_DIR) + "/scenarios/calibration/anonymous-bank";
const std::string kBankLog = kBank + "/calls-1999-02-01-to-14.tsv";
const std::string kBankMap = kBank + "/map.yaml";

// Calls that asked for an agent between two dates (yymmdd, inclusive), counted from the
// raw file: served (AGENT), or hung up (HANG) after entering the queue (q_start not
// 0:00:00); PHANTOM rows out.
long hand_count(int first_yymmdd, int last_yymmdd) {
  std::ifstream in(kBankLog);
  std::string line;
  std::getline(in, line);  // header
  long n = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      f.push_back(line.substr(start, tab - start));
    }
    const int date = std::stoi(f[5]);
    if (date < first_yymmdd || date > last_yymmdd) continue;
    if (f[12] == "AGENT" || (f[12] == "HANG" && f[9] != "0:00:00")) ++n;
  }
  return n;
}

const std::string kMap = R"(format: csv
columns:
  date: date
  arrival: asked
  wait: waited
  handle: handled
  outcome: outcome
outcomes:
  served: [AGENT]
  abandoned: [HANG]
  drop: [PHANTOM]
)";

Outcome fit(TempDir& dir, const std::string& log) {
  write_file(dir / "map.yaml", kMap);
  write_file(dir / "log.csv", log);
  return run_program(dir.path(), "fit log.csv --map map.yaml --out out.yaml");
}

}  // namespace

TEST_CASE("escalsim fit: the bank log's scenario loads and its weekly demand is the hand count per week") {
  TempDir dir;
  const auto start = std::chrono::steady_clock::now();
  const Outcome out = run_program(
      dir.path(), fmt::format("fit '{}' --map '{}' --out bank.yaml", kBankLog, kBankMap));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_MESSAGE(out.status == 0, out.err);
  CHECK(seconds < 2.0);
  const Scenario s = load_scenario(dir / "bank.yaml");
  // One stream per call type (the map's class column): PS, NW, NE, TT, IN, PE.
  REQUIRE(s.demand.size() == 6);
  double per_week = 0;
  for (const escalsim::DemandStream& stream : s.demand) per_week += stream.rate.count_in(kWeek);
  CHECK(per_week == doctest::Approx(hand_count(990201, 990214) / 2.0).epsilon(1e-6));
  CHECK(s.demand[0].name == "ps");
  CHECK(out.out.find("143  outcome PHANTOM") != std::string::npos);

  SUBCASE("and --from/--to fit one week: its demand is that week's count") {
    const Outcome week = run_program(
        dir.path(), fmt::format("fit '{}' --map '{}' --out week1.yaml --from 1999-02-01 "
                                "--to 1999-02-07",
                                kBankLog, kBankMap));
    REQUIRE_MESSAGE(week.status == 0, week.err);
    const Scenario w = load_scenario(dir / "week1.yaml");
    double week_calls = 0;
    for (const escalsim::DemandStream& stream : w.demand) week_calls += stream.rate.count_in(kWeek);
    CHECK(week_calls ==
          doctest::Approx(static_cast<double>(hand_count(990201, 990207))).epsilon(1e-6));
    CHECK(w.run.horizon.in_days() == doctest::Approx(7.0));
  }
}

TEST_CASE("escalsim fit: the fit report beside the scenario shows the JSON's numbers, and its rows left out are the bank log's, counted by hand") {
  TempDir dir;
  const Outcome out = run_program(
      dir.path(), fmt::format("fit '{}' --map '{}' --out bank.yaml", kBankLog, kBankMap));
  REQUIRE_MESSAGE(out.status == 0, out.err);
  CHECK(out.out.find("fit_report.html") != std::string::npos);
  const std::string html = read_file(dir / "fit_report.html");
  const nlohmann::json json = nlohmann::json::parse(read_file(dir / "fit_report.json"));
  CHECK(escalsim::testing::check_page_figures(html, json, "fit_report.json") > 500);
  escalsim::testing::check_table_cells_are_figures(html);

  // By hand: data rows, PHANTOM rows, and HANG rows that never queued (q_start 0:00:00).
  std::ifstream in(kBankLog);
  std::string line;
  std::getline(in, line);
  long read = 0, phantom = 0, left_early = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++read;
    phantom += line.find("\tPHANTOM\t") != std::string::npos;
    left_early += line.find("\t0:00:00\t0:00:00\t0\tHANG\t") != std::string::npos;
  }
  const nlohmann::json& rows = json.at("rows");
  CHECK(rows.at("read") == read);
  CHECK(rows.at("kept") == hand_count(990201, 990214));
  long sum = 0;
  for (const auto& r : rows.at("dropped")) {
    const std::string reason = r.at("reason").get<std::string>();
    const long n = r.at("rows").get<long>();
    sum += n;
    if (reason.find("PHANTOM") != std::string::npos) CHECK(n == phantom);
    if (reason.find("before queueing") != std::string::npos) CHECK(n == left_early);
  }
  CHECK(sum == read - hand_count(990201, 990214));
  CHECK(rows.at("dropped").size() == 2);

  // Every fitted distribution is drawn against its data: all calls and each of the 6 types.
  for (const std::string slug : {"handle", "class-ps", "class-nw", "class-ne", "class-tt",
                                 "class-in", "class-pe"}) {
    CHECK(html.find("data-chart=\"" + slug + "-histogram\"") != std::string::npos);
    CHECK(html.find("data-chart=\"" + slug + "-qq\"") != std::string::npos);
  }
  for (const std::string slug : {"arrivals-by-hour", "patience-survival", "staff-by-hour"}) {
    CHECK(html.find("data-chart=\"" + slug + "\"") != std::string::npos);
  }
  // The chart data in the JSON are what the page draws: the arrivals chart's observed
  // values are the by-hour observed means.
  const nlohmann::json& chart = json.at("charts").at("arrivals-by-hour");
  REQUIRE(chart.size() == 168);
  for (std::size_t h = 0; h < 168; ++h) {
    CHECK(chart[h].at("observed") == json.at("arrivals").at("by_hour")[h].at("observed_mean"));
  }
}

TEST_CASE("escalsim fit: a log with CRLF, CR or LF line ends gives the same scenario") {
  const std::string rows[] = {"date,asked,waited,handled,outcome", "990201,9:00:00,10,100,AGENT",
                              "990201,9:10:00,30,0,HANG", "990202,10:00:00,0,50,AGENT"};
  std::string yaml;
  for (const char* end : {"\n", "\r\n", "\r"}) {
    TempDir dir;
    std::string log;
    for (const std::string& r : rows) log += r + end;
    const Outcome out = fit(dir, log);
    REQUIRE_MESSAGE(out.status == 0, out.err);
    const std::string text = read_file(dir / "out.yaml");
    if (yaml.empty()) yaml = text;
    CHECK(text == yaml);
    CHECK(text.find("rate: 10.5 per week") != std::string::npos);  // 3 calls in 2 days
  }
}

TEST_CASE("escalsim fit: bad logs get one line with file:line:col and exit status 2") {
  TempDir dir;
  SUBCASE("an empty file") {
    const Outcome out = fit(dir, "");
    CHECK(out.status == 2);
    CHECK(out.err ==
          "escalsim: error: log.csv:1:1: the log is empty: expected a header row naming its "
          "columns\n");
  }
  SUBCASE("a missing column") {
    const Outcome out = fit(dir, "date,asked,handled,outcome\n990201,9:00:00,100,AGENT\n");
    CHECK(out.status == 2);
    CHECK(out.err ==
          "escalsim: error: log.csv:1:1: no column 'waited' (the map's columns.wait, map.yaml); "
          "the header has: date, asked, handled, outcome\n");
  }
  SUBCASE("an unparsable time") {
    const Outcome out = fit(dir,
                            "date,asked,waited,handled,outcome\n990201,9:00:00,1,100,AGENT\n"
                            "990201,9:7x:00,1,100,AGENT\n");
    CHECK(out.status == 2);
    CHECK(out.err ==
          "escalsim: error: log.csv:3:8: '9:7x:00' in column 'asked' is not a time (h:mm:ss, "
          "or YYYY-MM-DD hh:mm:ss)\n");
  }
  SUBCASE("an outcome the map does not list") {
    const Outcome out = fit(dir,
                            "date,asked,waited,handled,outcome\n990201,9:00:00,1,100,AGENT\n"
                            "990201,9:05:00,1,100,TRANSFER\n");
    CHECK(out.status == 2);
    CHECK(out.err ==
          "escalsim: error: log.csv:3:22: outcome 'TRANSFER' is not in the map's outcomes "
          "(AGENT, HANG, PHANTOM); add it to outcomes.served, abandoned or drop in map.yaml\n");
  }
  SUBCASE("a map key the map format does not have") {
    write_file(dir / "map.yaml", kMap + "outcome_values: x\n");
    write_file(dir / "log.csv", "date,asked,waited,handled,outcome\n");
    const Outcome out = run_program(dir.path(), "fit log.csv --map map.yaml --out out.yaml");
    CHECK(out.status == 2);
    CHECK(out.err == "escalsim: error: map.yaml:12:1: unknown key 'outcome_values' (outcome_values)\n");
  }
  SUBCASE("a transfer column without a desk column") {
    write_file(dir / "map.yaml", kMap.substr(0, kMap.find("outcomes:")) + "  transfer: to\n" +
                                     kMap.substr(kMap.find("outcomes:")));
    write_file(dir / "log.csv", "date,asked,waited,handled,outcome,to\n");
    const Outcome out = run_program(dir.path(), "fit log.csv --map map.yaml --out out.yaml");
    CHECK(out.status == 2);
    CHECK(out.err ==
          "escalsim: error: map.yaml:3:3: 'columns.transfer' needs 'columns.desk': a transfer "
          "goes from the desk that took the call (columns)\n");
  }
  CHECK(!std::filesystem::exists(dir / "out.yaml"));
  CHECK(!std::filesystem::exists(dir / "fit_report.html"));
}

TEST_CASE("escalsim fit --calibrate: the fitted bank scenario, run by escalsim run, abandons as the log does (within 0.015)") {
  TempDir dir;
  const Outcome fitted = run_program(
      dir.path(), fmt::format("fit '{}' --map '{}' --out bank.yaml --calibrate 20", kBankLog,
                              kBankMap));
  REQUIRE_MESSAGE(fitted.status == 0, fitted.err);
  const Outcome ran = run_program(dir.path(), "run bank.yaml --out results");
  REQUIRE_MESSAGE(ran.status == 0, ran.err);
  double arrivals = 0, abandoned = 0;
  for (const std::string& line : escalsim::testing::lines_of(read_file(dir / "results/results.csv"))) {
    if (line.find(",desk:agents,arrivals,") != std::string::npos) {
      arrivals += std::stod(line.substr(line.rfind(',') + 1));
    }
    if (line.find(",desk:agents,abandoned,") != std::string::npos) {
      abandoned += std::stod(line.substr(line.rfind(',') + 1));
    }
  }
  REQUIRE(arrivals > 0);
  // The log, counted by hand: calls that hung up after entering the queue, of those that
  // asked for an agent.
  std::ifstream in(kBankLog);
  std::string line;
  std::getline(in, line);
  double asked = 0, hung_up = 0;
  while (std::getline(in, line)) {
    const bool agent = line.find("\tAGENT\t") != std::string::npos;
    const bool queued_hang = line.find("\tHANG\t") != std::string::npos &&
                             line.find("\t0:00:00\t0:00:00\t0\tHANG\t") == std::string::npos;
    asked += agent || queued_hang;
    hung_up += queued_hang;
  }
  CHECK(asked == hand_count(990201, 990214));
  CHECK(std::abs(abandoned / arrivals - hung_up / asked) < 0.015);
}

TEST_CASE("escalsim validate: validation.csv has the issue's columns, every cell, and the log's own count of calls") {
  TempDir dir;
  const Outcome fitted = run_program(
      dir.path(), fmt::format("fit '{}' --map '{}' --out bank.yaml --from 1999-02-01 --to "
                              "1999-02-07",
                              kBankLog, kBankMap));
  REQUIRE_MESSAGE(fitted.status == 0, fitted.err);
  const Outcome v = run_program(
      dir.path(), fmt::format("validate bank.yaml --against '{}' --map '{}' --from 1999-02-08 "
                              "--to 1999-02-14 --replications 4 --out val",
                              kBankLog, kBankMap));
  REQUIRE_MESSAGE(v.status == 0, v.err);
  CHECK(escalsim::testing::lines_of(v.out).size() == 2);  // the verdict and where it wrote
  const std::vector<std::string> lines =
      escalsim::testing::lines_of(read_file(dir / "val/validation.csv"));
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "day,hour,metric,observed,simulated_mean,simulated_low,simulated_high");
  CHECK(lines.size() == 1 + 8 * 25 * 6);  // (7 days + all) x (24 hours + all) x 6 metrics
  const std::string overall = fmt::format("all,all,calls,{},", hand_count(990208, 990214));
  bool found = false;
  for (const std::string& line : lines) found = found || line.rfind(overall, 0) == 0;
  CHECK(found);
  CHECK(std::filesystem::exists(dir / "val/validation.json"));
  const std::string html = read_file(dir / "val/validation.html");
  CHECK(html.find("data-chart=\"hour-abandonment\"") != std::string::npos);
}

TEST_CASE("escalsim validate: fitted and validated on the 14 days, the bank meets the issue's aims, against the log counted by hand") {
  TempDir dir;
  const Outcome fitted = run_program(
      dir.path(), fmt::format("fit '{}' --map '{}' --out bank.yaml --calibrate 20", kBankLog,
                              kBankMap));
  REQUIRE_MESSAGE(fitted.status == 0, fitted.err);
  const Outcome v = run_program(
      dir.path(),
      fmt::format("validate bank.yaml --against '{}' --map '{}' --out val", kBankLog, kBankMap));
  REQUIRE_MESSAGE(v.status == 0, v.err);
  // The log by hand: q_time (column 12) summed over the calls that asked for an agent.
  std::ifstream in(kBankLog);
  std::string line;
  std::getline(in, line);
  double asked = 0, hung_up = 0, waited_s = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      f.push_back(line.substr(start, tab - start));
    }
    const bool hang = f[12] == "HANG" && f[9] != "0:00:00";
    if (f[12] != "AGENT" && !hang) continue;
    asked += 1;
    hung_up += hang;
    waited_s += std::stod(f[11]);
  }
  double ab_log = -1, ab_sim = -1, wait_log = -1, wait_sim = -1;
  for (const std::string& row :
       escalsim::testing::lines_of(read_file(dir / "val/validation.csv"))) {
    auto field = [&](int k) {
      std::size_t at = 0;
      for (int i = 0; i < k; ++i) at = row.find(',', at) + 1;
      return std::stod(row.substr(at, row.find(',', at) - at));
    };
    if (row.rfind("all,all,abandonment,", 0) == 0) {
      ab_log = field(3);
      ab_sim = field(4);
    }
    if (row.rfind("all,all,wait_mean_s,", 0) == 0) {
      wait_log = field(3);
      wait_sim = field(4);
    }
  }
  CHECK(ab_log == doctest::Approx(hung_up / asked).epsilon(1e-5));
  CHECK(wait_log == doctest::Approx(waited_s / asked).epsilon(1e-5));
  CHECK(std::abs(ab_sim - ab_log) < 0.015);
  CHECK(std::abs(wait_sim - wait_log) < 0.15 * wait_log);
}
