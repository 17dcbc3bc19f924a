// Tests of the escalsim program as a user runs it: exit codes, messages, files written.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "tools/program_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace escalsim::testing;

// A small scenario: one desk of three, ten complaints an hour, four weeks.
constexpr const char* kTinyScenario =
    "run: {name: tiny, horizon: 4 weeks, seed: 1}\n"
    "demand: {rate: 10 per hour}\n"
    "desks: {frontline: {staff: 3, handle_time: 15 min}}\n";

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

TEST_CASE("escalsim: a bad command line is one line on stderr and exit status 2") {
  TempDir dir;

  SUBCASE("an unknown subcommand") {
    const Outcome o = run_program(dir.path(), "frobnicate");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: unknown command \"frobnicate\""));
    CHECK(o.out.empty());
  }
  SUBCASE("no subcommand") {
    const Outcome o = run_program(dir.path(), "");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: "));
  }
  SUBCASE("an unknown option") {
    const Outcome o = run_program(dir.path(), "run x.yaml --speed 3");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
  }
  SUBCASE("a format that does not exist") {
    const Outcome o = run_program(dir.path(), "run x.yaml --format xml");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(o.err.find("xml") != std::string::npos);
  }
}

TEST_CASE("escalsim: --version and --help succeed") {
  TempDir dir;
  const Outcome version = run_program(dir.path(), "--version");
  CHECK(version.status == 0);
  CHECK(!version.out.empty());
  const Outcome help = run_program(dir.path(), "run --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("--replications") != std::string::npos);
  CHECK(help.out.find("explicit flag wins") != std::string::npos);
}

TEST_CASE("escalsim run: a missing scenario file is an error, exit status 2") {
  TempDir dir;
  const Outcome o = run_program(dir.path(), "run does-not-exist.yaml");
  CHECK(o.status == 2);
  CHECK(lines_of(o.err).size() == 1);
  CHECK(starts_with(o.err, "escalsim: error: "));
  CHECK(o.err.find("does-not-exist.yaml") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "results"));
}

TEST_CASE("escalsim run: a valid scenario prints a summary and writes JSON and CSV") {
  TempDir dir;
  write_file(dir.path() / "tiny.yaml", kTinyScenario);

  SUBCASE("into results/<scenario name> by default") {
    const Outcome o = run_program(dir.path(), "run tiny.yaml");
    INFO(o.err);
    REQUIRE(o.status == 0);
    CHECK(o.out.find("frontline") != std::string::npos);
    CHECK(o.out.find("Bottleneck") != std::string::npos);
    CHECK(fs::exists(dir.path() / "results" / "tiny" / "results.json"));
    CHECK(fs::exists(dir.path() / "results" / "tiny" / "results.csv"));
    CHECK(o.err.find("results.json") != std::string::npos);
    // Nothing half-written is left beside them.
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path() / "results" / "tiny")) {
      ++files;
    }
    CHECK(fs::exists(dir.path() / "results" / "tiny" / "results_by_hour.csv"));
    CHECK(files == 3);
  }
  SUBCASE("the same seed twice gives byte-identical files; another seed differs") {
    REQUIRE(run_program(dir.path(), "run tiny.yaml --seed 7 --out a").status == 0);
    REQUIRE(run_program(dir.path(), "run tiny.yaml --seed 7 --out b --threads 1").status == 0);
    REQUIRE(run_program(dir.path(), "run tiny.yaml --seed 8 --out c").status == 0);
    const std::string json_a = read_file(dir.path() / "a" / "results.json");
    const std::string csv_a = read_file(dir.path() / "a" / "results.csv");
    CHECK(!json_a.empty());
    CHECK(json_a == read_file(dir.path() / "b" / "results.json"));
    CHECK(csv_a == read_file(dir.path() / "b" / "results.csv"));
    CHECK(json_a != read_file(dir.path() / "c" / "results.json"));
    CHECK(csv_a != read_file(dir.path() / "c" / "results.csv"));
  }
  SUBCASE("--format json prints the JSON that is written") {
    const Outcome o = run_program(dir.path(), "run tiny.yaml --format json --out j");
    REQUIRE(o.status == 0);
    const auto j = nlohmann::json::parse(o.out);  // throws if not valid JSON
    CHECK(j["scenario"]["name"] == "tiny");
    CHECK(j["settings"]["seed"] == 1);
    CHECK(o.out == read_file(dir.path() / "j" / "results.json"));
  }
  SUBCASE("--format csv prints the CSV that is written") {
    const Outcome o = run_program(dir.path(), "run tiny.yaml --format csv --out k");
    REQUIRE(o.status == 0);
    CHECK(starts_with(o.out, "replication,seed,scope,metric,value\n"));
    CHECK(o.out == read_file(dir.path() / "k" / "results.csv"));
  }
  SUBCASE("--replications and --set reach the scenario; flags win over --set") {
    const Outcome o = run_program(
        dir.path(), "run tiny.yaml --set run.replications=5 --replications 3 --format json "
                    "--out r --horizon '1 week'");
    INFO(o.err);
    REQUIRE(o.status == 0);
    const auto j = nlohmann::json::parse(o.out);
    CHECK(j["settings"]["replications"] == 3);
    CHECK(j["runs"].size() == 3);
    CHECK(j["settings"]["horizon_min"] == 10080.0);
    CHECK(j["scenario"]["overrides"].size() == 3);
    const Outcome table = run_program(dir.path(), "run tiny.yaml --replications 3 --out t");
    CHECK(table.out.find("±") != std::string::npos);
  }
  SUBCASE("an output folder that cannot be made is an error, exit status 2") {
    write_file(dir.path() / "plain", "a file, not a folder");
    const Outcome o = run_program(dir.path(), "run tiny.yaml --out plain/sub");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: cannot write"));
  }
  SUBCASE("a bad override is a scenario error, exit status 2") {
    const Outcome o = run_program(dir.path(), "run tiny.yaml --horizon 'four weeks'");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: "));
  }
}

// A CEO nobody reaches has no reply time and no wait: the table says so rather than "0 min",
// which a client would read as "instant". Where something was measured, a figure stays.
TEST_CASE("escalsim run: a figure with nothing to measure reads 'not applicable', not 0") {
  TempDir dir;
  write_file(dir.path() / "unreached.yaml",
             "run: {name: unreached, horizon: 3 weeks, seed: 5, replications: 3}\n"
             "demand: {rate: 10 per hour}\n"
             "desks:\n"
             "  frontline: {staff: 2, handle_time: {distribution: exponential, mean: 10 min},\n"
             "              resolution: 0.5}\n"
             "  ceo: {handle_time: 30 min, budget: 3 h per week}\n"
             "routes: [{from: frontline, to: ceo, when: unresolved, probability: 1}]\n"
             "policies: [frontline_only]\n");  // blocks every route into the ceo
  const Outcome o = run_program(dir.path(), "run unreached.yaml --out r");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const auto value_of = [&](const std::string& label) {
    for (const std::string& line : lines_of(o.out)) {
      if (starts_with(line, "  " + label + " ")) return line.substr(2 + label.size());
    }
    FAIL("no row " << label);
    return std::string();
  };
  // One column per desk: frontline, then ceo.
  const std::string wait = value_of("wait mean");
  CHECK(wait.find("min") < wait.find("not applicable"));  // frontline measured, ceo not
  CHECK(value_of("wait p90").find("not applicable") != std::string::npos);
  CHECK(value_of("time to a reply, mean").find("not applicable") != std::string::npos);
  CHECK(value_of("time to a reply, p90").find("not applicable") != std::string::npos);
  // Counts stay counts: the ceo served nobody, and says 0.
  CHECK(value_of("served").find("not applicable") == std::string::npos);
  CHECK(value_of("items handled").find(" 0") != std::string::npos);
  // The figures behind it: no complaint reached the ceo in any replication.
  const auto j = nlohmann::json::parse(read_file(dir.path() / "r" / "results.json"));
  for (const auto& run : j["runs"]) {
    CHECK(run["metrics"]["desk:ceo"]["served"] == 0);
    CHECK(run["metrics"]["desk:frontline"]["served"].get<double>() > 0);
  }
}
