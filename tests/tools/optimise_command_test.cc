// `escalsim optimise` as a user meets it: the shipped scenarios/optimise/ examples on the
// default company, whose chosen plan is then run again by `escalsim run` with new seeds and
// must still meet its constraints; an Erlang C case through the program; the same bytes on
// any thread count; bad arguments refused on one line with status 2.
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "tools/program_runner.h"
#include "validation/queueing_theory.h"

namespace {

using namespace escalsim::testing;
using Json = nlohmann::json;

std::string shipped(const std::string& name) {
  return fmt::format("'{}/scenarios/{}'", ESCALSIM_SOURCE_DIR, name);
}

// The figure `scope`/`name` of results.json's summary: mean and 95% half-width.
struct Figure {
  double mean = 0.0, half_width = 0.0;
};
Figure summary_figure(const Json& results, const std::string& scope, const std::string& name) {
  for (const Json& e : results.at("summary")) {
    if (e.at("scope") == scope && e.at("metric") == name) {
      return {e.at("mean").get<double>(), e.at("half_width").get<double>()};
    }
  }
  FAIL("no figure " << scope << "/" << name);
  return {};
}

// `escalsim run` of the chosen plan with a seed the search never used.
Json rerun_chosen(const TempDir& dir, const std::string& scenario, const Json& j,
                  const std::string& extra) {
  const Json& plan = j.at("plans").at(j.at("chosen").get<int>() - 1);
  std::string sets;
  for (const auto& [key, value] : plan.at("values").items()) {
    sets += fmt::format(" --set '{}={}'", key, value.get<std::string>());
  }
  const Outcome o = run_program(
      dir.path(), fmt::format("run {} --seed 777001 --out rerun {} {}", scenario, sets, extra));
  REQUIRE(o.status == 0);
  return Json::parse(read_file(dir.path() / "rerun" / "results.json"));
}

void check_refused(const Outcome& o, const std::string& expected) {
  CHECK(o.status == 2);
  CHECK(o.out.empty());
  const std::vector<std::string> lines = lines_of(o.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("escalsim: error: ", 0) == 0);
  CHECK(lines[0].find(expected) != std::string::npos);
}

const std::string kShortCompany = "--set 'run.horizon=10 weeks' --set 'run.warmup=1 week'";

}  // namespace

TEST_CASE("optimise command: the least-cost plan for the default company meets its promise "
          "with new seeds") {
  TempDir dir;
  const Outcome o = run_program(
      dir.path(),
      // The search is the file's optimise: section (no --vary, no --constraint).
      fmt::format("optimise {} --replications 5 --max-replications 20 {} --out found",
                  shipped("optimise/least_cost.yaml"), kShortCompany));
  REQUIRE(o.status == 0);
  CHECK(o.out.find("Least-cost plan: desks.frontline.shifts[0].staff=") != std::string::npos);
  CHECK(o.out.find("constraint 1: desks.frontline.service_level_1h >= 80%") != std::string::npos);
  CHECK(o.out.find("constraint 2: verdict.silo == no") != std::string::npos);
  const Json j = Json::parse(read_file(dir.path() / "found" / "optimise.json"));
  REQUIRE(j.at("chosen").is_number());
  CHECK(j.at("confirmation").at("confirmed") == true);
  CHECK(j.at("grid_plans") == 40);
  // Fewer runs than exhaustive search of the grid, and theory screened some plans out.
  CHECK(j.at("runs").get<int>() < j.at("exhaustive_runs").get<int>());
  CHECK(j.at("screened_plans").get<int>() >= 1);
  // Every cheaper simulated plan lost for a reason: a failed constraint or undecided.
  const Json& chosen = j.at("plans").at(j.at("chosen").get<int>() - 1);
  for (const Json& p : j.at("plans")) {
    if (p.at("simulated") == true &&
        p.at("objective").at("mean").get<double>() <
            chosen.at("objective").at("mean").get<double>() -
                j.at("search").at("indifference_zone").get<double>()) {
      CHECK(p.at("status") != "eliminated");
    }
  }
  // One staff fewer misses the promise (or is screened): the plan is the least one that
  // meets it, as optimise.csv says too.
  const std::vector<std::string> rows = lines_of(read_file(dir.path() / "found" / "optimise.csv"));
  REQUIRE(rows.size() == 41);
  CHECK(rows[0].rfind("plan,desks.frontline.shifts[0].staff,desks.specialists.shifts[0].staff,"
                      "desks.ceo.budget,status,", 0) == 0);

  // The user's own check: `escalsim run` of the chosen plan with a new seed.
  const Json rerun = rerun_chosen(dir, shipped("optimise/least_cost.yaml"), j,
                                  kShortCompany + " --replications 10");
  const Figure sl = summary_figure(rerun, "desk:frontline", "service_level_1h");
  CHECK(sl.mean - sl.half_width >= 0.80);
}

TEST_CASE("optimise command: the CEO budget that keeps replies within 5 days under the open "
          "inbox") {
  TempDir dir;
  const Outcome o = run_program(
      dir.path(),
      fmt::format("optimise {} --vary 'desks.ceo.budget={{from: 1 h per week, to: 10 h per "
                  "week, step: 1}}' --constraint 'executive.reply_p90 <= 5 d' --replications 5 "
                  "--max-replications 20 {} --out found",
                  shipped("optimise/ceo_budget.yaml"), kShortCompany));
  REQUIRE(o.status == 0);
  const Json j = Json::parse(read_file(dir.path() / "found" / "optimise.json"));
  REQUIRE(j.at("chosen").is_number());
  CHECK(j.at("confirmation").at("confirmed") == true);
  const Json rerun = rerun_chosen(dir, shipped("optimise/ceo_budget.yaml"), j,
                                  kShortCompany + " --replications 10");
  const Figure p90 = summary_figure(rerun, "executive:ceo", "reply_p90_min");
  CHECK(p90.mean + p90.half_width <= 5.0 * 24.0 * 60.0);
  // Unused CEO hours cost nothing, so every budget that keeps the promise costs about the
  // same: the smallest such budget is chosen, and each smaller one does not keep the promise
  // with confidence.
  const Json& chosen = j.at("plans").at(j.at("chosen").get<int>() - 1);
  const int index = j.at("chosen").get<int>() - 1;
  CHECK(index >= 1);
  for (int i = 0; i < index; ++i) {
    const std::string status = j.at("plans").at(i).at("status").get<std::string>();
    CHECK((status == "infeasible" || status == "undecided"));
  }
  CHECK(chosen.at("status") == "chosen");
}

TEST_CASE("optimise command: an M/M/c desk gets the Erlang C staff, the same bytes on 1 and "
          "2 threads") {
  // One call a minute, 3 min each (3 Erlangs: 4 staff is the least that keeps up), 80%
  // answered within 1 min: the staff is the least that Erlang C says meets it.
  namespace theory = escalsim::theory;
  int c = 4;
  while (1.0 - theory::mmc_prob_wait_exceeds(c, 1.0, 3.0, 1.0) < 0.8) ++c;
  REQUIRE(1.0 - theory::mmc_prob_wait_exceeds(c - 1, 1.0, 3.0, 1.0) < 0.7);  // off the edge
  REQUIRE(1.0 - theory::mmc_prob_wait_exceeds(c, 1.0, 3.0, 1.0) > 0.84);
  TempDir dir;
  write_file(dir.path() / "desk.yaml",
             "run: {name: one-desk, horizon: 8000 min, warmup: 200 min, seed: 5, replications: 10}\n"
             "demand: {rate: 60 per hour}\n"
             "desks:\n  desk: {staff: 9, handle_time: 3 min}\n"
             "service_level: {within: 60 s}\n");
  const std::string args =
      "optimise desk.yaml --vary 'desks.desk.staff={from: 3, to: 8, step: 1}' --constraint "
      "'desks.desk.service_level_1min >= 80%' --no-screening";
  const Outcome one = run_program(dir.path(), args + " --threads 1 --out one --report");
  const Outcome two = run_program(dir.path(), args + " --threads 2 --out two");
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  CHECK(one.out == two.out);
  CHECK(read_file(dir.path() / "one" / "optimise.csv") == read_file(dir.path() / "two" / "optimise.csv"));
  CHECK(read_file(dir.path() / "one" / "optimise.json") == read_file(dir.path() / "two" / "optimise.json"));
  const Json j = Json::parse(read_file(dir.path() / "one" / "optimise.json"));
  REQUIRE(j.at("chosen").is_number());
  // The page: the frontier and why the others lost, from optimise.json.
  const std::string page = read_file(dir.path() / "one" / "report.html");
  CHECK(page.find("<h1>Optimise: one-desk</h1>") != std::string::npos);
  CHECK(page.find("optimise-frontier") != std::string::npos);
  CHECK(page.find("data-pointer=\"/headline\"") != std::string::npos);
  CHECK(page.find("fails &quot;desks.desk.service_level_1min &gt;= 80%&quot;") != std::string::npos);
  CHECK(j.at("plans").at(j.at("chosen").get<int>() - 1).at("values").at("desks.desk.staff") ==
        std::to_string(c));
}

TEST_CASE("optimise command: bad arguments are refused on one line") {
  TempDir dir;
  const std::string base =
      "optimise " + shipped("validation/mm1.yaml") + " --set 'run.horizon=2 weeks' --set 'run.warmup=1 day'";
  check_refused(run_program(dir.path(), base + " --vary 'desks.desk.staff'"),
                "--vary: expected KEY={from: A, to: B, step: S}");
  check_refused(run_program(dir.path(), base + " --vary 'desks.desk.staff={from: 3, to: 1, step: 1}'"),
                "to (1) is below from (3)");
  check_refused(run_program(dir.path(), base + " --vary 'desks.desk.staff={from: 1, to: 2, step: 1}' "
                                               "--constraint 'desks.nowhere.wait_mean <= 1 h'"),
                "--constraint: ");
  check_refused(run_program(dir.path(), base + " --vary 'desks.desk.stuff={from: 1, to: 2, step: 1}'"),
                "stuff");
  check_refused(run_program(dir.path(), base + " --vary 'desks.desk.staff={from: 1, to: 2, step: 1}' "
                                               "--minimise economics.nothing"),
                "the objective: the runs have no figure economics.nothing");
}
