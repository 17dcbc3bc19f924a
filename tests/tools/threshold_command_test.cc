// `escalsim threshold` and the sweep's silo verdict as a user meets them: the program run on
// shipped scenarios, its output files read back, bad arguments refused on one line with
// status 2, and the verdict at a sweep point checked against `escalsim run` of that point.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "tools/program_runner.h"

namespace {

using namespace escalsim::testing;
using Json = nlohmann::json;

std::string shipped(const std::string& name) {
  return fmt::format("'{}/scenarios/{}'", ESCALSIM_SOURCE_DIR, name);
}

// The M/M/1 validation desk's wait against the demand multiplier, on a short horizon.
std::string mm1_search(const std::string& out, const std::string& extra = {}) {
  return fmt::format(
      "threshold {} --vary demand_multiplier --from 0.5 --to 1 --until "
      "'desks.desk.wait_mean >= 20 min' --replications 4 --max-replications 16 --tolerance 0.02 "
      "--set 'run.horizon=20 weeks' --set 'run.warmup=1 week' --out {} {}",
      shipped("validation/mm1.yaml"), out, extra);
}

void check_refused(const Outcome& o, const std::string& expected) {
  CHECK(o.status == 2);
  CHECK(o.out.empty());
  const std::vector<std::string> lines = lines_of(o.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("escalsim: error: ", 0) == 0);
  CHECK(lines[0].find(expected) != std::string::npos);
}

}  // namespace

TEST_CASE("threshold command: finds the M/M/1 threshold and writes every run behind it") {
  TempDir dir;
  const Outcome o = run_program(dir.path(), mm1_search("found", "--report"));
  REQUIRE(o.status == 0);
  // The page: the curve with the threshold marked, from threshold.json.
  const std::string page = read_file(dir.path() / "found" / "report.html");
  CHECK(page.find("<h1>Threshold: validation-mm1</h1>") != std::string::npos);
  CHECK(page.find("threshold-curve") != std::string::npos);
  CHECK(o.out.find("threshold: \"desks.desk.wait_mean >= 20 min\" starts to hold at "
                   "demand_multiplier=") != std::string::npos);

  const Json j = Json::parse(read_file(dir.path() / "found" / "threshold.json"));
  CHECK(j.at("outcome") == "found");
  CHECK(j.at("search").at("key") == "demand_multiplier");
  CHECK(j.at("search").at("common_random_numbers") == true);
  const double low = j.at("threshold").at("low").get<double>();
  const double high = j.at("threshold").at("high").get<double>();
  // Wq = rho / (mu - lambda) reaches 20 min at lambda = 4 an hour: 4 / 4.8 of the base rate.
  CHECK(low <= 4.0 / 4.8);
  CHECK(high >= 4.0 / 4.8);

  // The CSV holds every evaluated value, as the JSON does, by increasing value, with the
  // decision on the side the threshold puts it.
  const std::vector<std::string> rows = lines_of(read_file(dir.path() / "found" / "threshold.csv"));
  REQUIRE(rows.size() == j.at("points").size() + 1);
  CHECK(rows[0] == "value,value_text,replications,figure,mean,low,high,holds,confident");
  for (const Json& p : j.at("points")) {
    if (p.at("value").get<double>() <= low) CHECK(p.at("holds") == false);
    if (p.at("value").get<double>() >= high) CHECK(p.at("holds") == true);
    CHECK(p.at("figure") == "desk:desk/wait_mean_min");
    CHECK(p.at("low").get<double>() <= p.at("mean").get<double>());
  }
  CHECK(j.at("runs").get<int>() >= 4 * static_cast<int>(j.at("points").size()));
}

TEST_CASE("threshold command: byte-identical outputs on one thread and on two") {
  TempDir dir;
  const Outcome one = run_program(dir.path(), mm1_search("one", "--threads 1"));
  const Outcome two = run_program(dir.path(), mm1_search("two", "--threads 2"));
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  CHECK(one.out == two.out);
  CHECK(read_file(dir.path() / "one" / "threshold.csv") ==
        read_file(dir.path() / "two" / "threshold.csv"));
  CHECK(read_file(dir.path() / "one" / "threshold.json") ==
        read_file(dir.path() / "two" / "threshold.json"));
}

TEST_CASE("threshold command: the demand at which the open inbox's CEO becomes a silo") {
  TempDir dir;
  const Outcome o = run_program(
      dir.path(), fmt::format("threshold {} --vary demand_multiplier --from 0.5 --to 2 --until "
                              "verdict.silo --replications 3 --tolerance 0.25 --out silo",
                              shipped("open-inbox.yaml")));
  REQUIRE(o.status == 0);
  const Json j = Json::parse(read_file(dir.path() / "silo" / "threshold.json"));
  REQUIRE(j.at("outcome") == "found");
  const double low = j.at("threshold").at("low").get<double>();
  const double high = j.at("threshold").at("high").get<double>();
  CHECK(high - low == doctest::Approx(0.25));

  // Each side of the interval, run as a user would: the run's verdict agrees.
  for (const auto& [value, silo] : {std::pair{low, false}, std::pair{high, true}}) {
    const Outcome run = run_program(
        dir.path(), fmt::format("run {} --set demand_multiplier={} --replications 3 --out "
                                "run-{} --format json",
                                shipped("open-inbox.yaml"), value, value));
    REQUIRE(run.status == 0);
    CHECK(Json::parse(run.out).at("silo_verdict").at("silo") == silo);
  }
}

TEST_CASE("threshold command: bad arguments are refused on one line with status 2") {
  TempDir dir;
  const std::string base = fmt::format("threshold {} --out bad", shipped("validation/mm1.yaml"));
  const std::string until = " --until 'desks.desk.utilisation >= 75%'";
  // The arguments after `base`, and what the one-line error must say.
  const std::pair<std::string, std::string> refused[] = {
      {" --vary demand_multiplier --from 0.5 --to 1 --until 'desks.dsk.wait_mean >= 20 min'",
       "--until: no desk \"dsk\" in the scenario"},
      {" --vary demand_multiplier --from 0.5 --to 1 --until 'desks.desk.wait_mean 20 min'",
       "--until: \"desks.desk.wait_mean 20 min\" has no operator"},
      {" --vary demand_multiplier --from 1 --to 0.5" + until,
       "--to: 0.5 is not above --from 1"},
      {" --vary demand_multiplier --from many --to 1" + until,
       "--from: \"many\" does not start with a number"},
      {" --vary desks.desk.stafff --from 1 --to 3" + until,
       "--vary desks.desk.stafff=1:"},
      {" --from 0.5 --to 1" + until,
       "--vary is required"},
      {" --vary demand_multiplier --from 0.5 --to 1" + until + " --replications 1",
       "--replications"},
      {" --vary demand_multiplier --from 0.5 --to 1" + until + " --tolerance 0",
       "--tolerance: expected a step above 0 in the unit of --from, e.g. 0.05, got '0'"},
  };
  for (const auto& [args, expected] : refused) {
    CAPTURE(args);
    check_refused(run_program(dir.path(), base + args), expected);
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() / "bad"));
}

TEST_CASE("sweep: the silo verdict at every point, no at low demand and yes at high, as "
          "`escalsim run` of the same point says") {
  TempDir dir;
  const std::string sweep = "--set 'sweep={parameters: {demand_multiplier: [0.5, 2]}, "
                            "replications: 3}'";
  const Outcome o = run_program(
      dir.path(), fmt::format("sweep {} {} --out sweep --quiet", shipped("open-inbox.yaml"), sweep));
  REQUIRE(o.status == 0);
  // The table: a silo column in the points' table, and the onset under the saturation table.
  CHECK(o.out.find("no (keeps up)") != std::string::npos);
  CHECK(o.out.find("silo verdict: turns to yes between 0.5x and 2x") != std::string::npos);

  const Json j = Json::parse(read_file(dir.path() / "sweep" / "sweep.json"));
  REQUIRE(j.at("points").size() == 2);
  CHECK(j.at("points")[0].at("silo_verdict").at("silo") == false);
  CHECK(j.at("points")[1].at("silo_verdict").at("silo") == true);
  CHECK(j.at("silo_onset").at("first_yes_multiple") == 2.0);
  CHECK(j.at("silo_onset").at("last_no_multiple") == 0.5);

  // Both CSVs carry the verdict on every row of a point.
  for (const char* file : {"sweep.csv", "summary.csv"}) {
    const std::vector<std::string> rows = lines_of(read_file(dir.path() / "sweep" / file));
    REQUIRE(rows.size() > 2);
    CHECK(rows[0].find(",silo,silo_grade") != std::string::npos);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const bool low = rows[i].rfind("0,0.5,", 0) == 0;
      CHECK(rows[i].substr(rows[i].size() - (low ? 12 : 9)) ==
            (low ? ",no,keeps up" : ",yes,silo"));
    }
  }

  // `escalsim run` of each point, with the sweep's replications, states the same verdict,
  // evidence and all.
  for (int p = 0; p < 2; ++p) {
    const std::string multiple = p == 0 ? "0.5" : "2";
    const Outcome run = run_program(
        dir.path(), fmt::format("run {} --set demand_multiplier={} --replications 3 --out run{} "
                                "--format json",
                                shipped("open-inbox.yaml"), multiple, p));
    REQUIRE(run.status == 0);
    CHECK(Json::parse(run.out).at("silo_verdict") == j.at("points")[p].at("silo_verdict"));
  }
}

TEST_CASE("sweep --silo-threshold: a scale study narrows the silo's onset by bisection, and "
          "`escalsim run` agrees on each side") {
  TempDir dir;
  const Outcome o = run_program(
      dir.path(), fmt::format("sweep {} --set 'sweep={{parameters: {{demand_multiplier: [0.5, 2]}}, "
                              "replications: 3}}' --out sweep --quiet --silo-threshold",
                              shipped("open-inbox.yaml")));
  REQUIRE(o.status == 0);
  CHECK(o.out.find("silo verdict by bisection: turns to yes at ") != std::string::npos);
  const Json j = Json::parse(read_file(dir.path() / "sweep" / "silo-threshold" / "threshold.json"));
  REQUIRE(j.at("outcome") == "found");
  const double low = j.at("threshold").at("low").get<double>();
  const double high = j.at("threshold").at("high").get<double>();
  CHECK(low >= 0.5);
  CHECK(high <= 2.0);
  CHECK(high - low <= (2.0 - 0.5) / 32 + 1e-9);
  for (const auto& [value, silo] : {std::pair{low, false}, std::pair{high, true}}) {
    const Outcome run = run_program(
        dir.path(), fmt::format("run {} --set demand_multiplier={} --replications 3 --out "
                                "run-{} --format json",
                                shipped("open-inbox.yaml"), value, value));
    REQUIRE(run.status == 0);
    CHECK(Json::parse(run.out).at("silo_verdict").at("silo") == silo);
  }
}
