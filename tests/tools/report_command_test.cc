// Tests of `escalsim report` and the --report flag as a user runs them.
#include <cstdint>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "tools/program_runner.h"

namespace {

using namespace escalsim::testing;

constexpr const char* kScenario =
    "run: {name: tiny, horizon: 3 weeks, warmup: 1 week, seed: 5, replications: 2}\n"
    "demand: {rate: 8 per hour}\n"
    "desks:\n"
    "  frontline: {staff: 3, handle_time: 15 min, resolution: 0.9}\n"
    "  ceo: {budget: 2 h per week, windows: [\"fri 16:00-18:00\"], handle_time: 20 min}\n"
    "routes:\n"
    "  - {from: frontline, to: ceo, when: unresolved}\n"
    "sweep:\n"
    "  parameters:\n"
    "    demand_multiplier: [1, 2]\n";

}  // namespace

TEST_CASE("escalsim report: --report on run writes the page, and report rebuilds the same page") {
  TempDir dir;
  write_file(dir / "tiny.yaml", kScenario);
  const Outcome run = run_program(dir.path(), "run tiny.yaml --out out --report");
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(run.err.find("escalsim: wrote out/report.html\n") != std::string::npos);
  const std::string page = read_file(dir / "out/report.html");
  CHECK(page.find("<!DOCTYPE html>") == 0);
  CHECK(page.find("data-chart=\"backlog\"") != std::string::npos);
  CHECK(page.find("<div class=\"organisation\">\n<svg") != std::string::npos);  // Graphviz drew it
  CHECK_FALSE(read_file(dir / "out/report-data.json").empty());
  CHECK(read_file(dir / "out/report-data.csv").rfind("chart,row,field,value\nbacklog,0,x,", 0) == 0);

  const Outcome again = run_program(dir.path(), "report out");
  REQUIRE(again.status == 0);
  CHECK(again.err == "escalsim: wrote out/report.html\n");
  CHECK(read_file(dir / "out/report.html") == page);
}

TEST_CASE("escalsim report: on compare and sweep folders") {
  TempDir dir;
  write_file(dir / "tiny.yaml", kScenario);
  SUBCASE("compare") {
    const Outcome o = run_program(
        dir.path(), "compare tiny.yaml --variant 'more:desks.frontline.staff=4' --out c --report");
    INFO(o.err);
    REQUIRE(o.status == 0);
    CHECK(read_file(dir / "c/report.html").find("data-chart=\"differences\"") != std::string::npos);
  }
  SUBCASE("sweep") {
    const Outcome o = run_program(dir.path(), "sweep tiny.yaml --out s --report --quiet");
    INFO(o.err);
    REQUIRE(o.status == 0);
    CHECK(read_file(dir / "s/report.html").find("data-chart=\"utilisation-curve\"") != std::string::npos);
  }
  SUBCASE("a shard has no report until it is merged, and says so") {
    const Outcome o = run_program(dir.path(), "sweep tiny.yaml --out s1 --shard 1/2 --report");
    REQUIRE(o.status == 0);
    CHECK(o.err.find("escalsim: no report yet: this shard holds part of the sweep") != std::string::npos);
    CHECK(read_file(dir / "s1/report.html").empty());
  }
}

TEST_CASE("escalsim report: a folder without results is one line and exit status 2") {
  TempDir dir;
  const Outcome o = run_program(dir.path(), "report nowhere");
  CHECK(o.status == 2);
  CHECK(o.err ==
        "escalsim: error: nowhere: no results.json, comparison.json, sweep.json or "
        "threshold.json here; give the folder `escalsim run`, `compare`, `sweep` or "
        "`threshold` wrote (their --out)\n");
  std::filesystem::create_directories(dir / "bad");
  write_file(dir / "bad/results.json", "{\"runs\": 1}");
  const Outcome bad = run_program(dir.path(), "report bad");
  CHECK(bad.status == 2);
  CHECK(bad.err == "escalsim: error: results.json: not a results file escalsim wrote\n");
}

TEST_CASE("escalsim report: a results file too large for a page is one line and exit status 2") {
  // A 100,000-point sweep writes a sweep.json of about 2 GB, whose parsed form would not fit
  // in memory: the report says so instead of running out of it. The file here is sparse,
  // so it takes no disk, and the check reads its size only.
  TempDir dir;
  std::filesystem::create_directories(dir / "big");
  write_file(dir / "big/sweep.json", "{");
  std::filesystem::resize_file(dir / "big/sweep.json", (std::uintmax_t{1034} << 20) + 1);
  const Outcome o = run_program(dir.path(), "report big");
  CHECK(o.status == 2);
  CHECK(o.err ==
        "escalsim: error: big/sweep.json: 1034 MB, more than the 1024 MB a page is built "
        "from; read sweep.csv and summary.csv with pandas, R or a spreadsheet instead, or "
        "report fewer points\n");
  CHECK_FALSE(std::filesystem::exists(dir / "big/report.html"));
}

TEST_CASE("escalsim report: the organisation graph shows the loads the results state") {
  // The page is made from results.json; the graph's loads come from its prediction (the one
  // the run's findings held and the console printed), not from a second prediction.
  TempDir dir;
  write_file(dir / "tiny.yaml", kScenario);
  REQUIRE(run_program(dir.path(), "run tiny.yaml --out out").status == 0);
  auto json = nlohmann::ordered_json::parse(read_file(dir / "out/results.json"));
  auto& frontline = json.at("prediction").at("desks").at(0);
  REQUIRE(frontline.at("desk") == "frontline");
  const double real = frontline.at("load").get<double>();
  REQUIRE(run_program(dir.path(), "report out").status == 0);
  CHECK(read_file(dir / "out/report.html").find(fmt::format("load {:.2f}", real)) !=
        std::string::npos);
  // The load written below is not one the page showed already.
  CHECK(read_file(dir / "out/report.html").find("load 7.25") == std::string::npos);

  frontline["load"] = 7.25;
  write_file(dir / "out/results.json", json.dump(2));
  const Outcome o = run_program(dir.path(), "report out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::string page = read_file(dir / "out/report.html");
  CHECK(page.find("load 7.25, overloaded") != std::string::npos);
  CHECK(page.find(fmt::format("load {:.2f}", real)) == std::string::npos);
}
