// Economics a client can read, through the program: per-year figures that are the run's
// figures x 52 weeks / the measured weeks (a hand count on a fixed staff), and the cost per
// churned customer avoided in `escalsim compare`, the ratio of the paired differences as
// read from comparison.json, or "not applicable" when churn is not lower.
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "tools/program_runner.h"

namespace {

using namespace escalsim::testing;
using Json = nlohmann::json;

// Two staff on a four-week horizon with no warm-up: 2 x 4 x 168 = 1344 staff hours a run,
// 2 x 52 x 168 = 17472 a year, at 30 an hour 524160 a year. Callers abandon after 10 min.
constexpr const char* kTiny = R"(run:
  name: tiny-economics
  horizon: 4 weeks
  seed: 5
  replications: 3
demand:
  rate: 20 per hour
  segments: {retail: {share: 1, value: 300 per year}}
desks:
  frontline:
    staff: 2
    handle_time: {distribution: fixed, value: 5 min}
    patience: 10 min
customers:
  costs: {staff_per_hour: 30, executive_per_hour: 500}
)";

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (char ch : line) {
    if (ch == ',') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += ch;
    }
  }
  cells.push_back(cell);
  return cells;
}

TEST_CASE("run: the per-year figures are the run's figures x 52 / measured weeks") {
  TempDir dir;
  write_file(dir / "tiny.yaml", kTiny);
  const Outcome o = run_program(dir.path(), "run tiny.yaml --out out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  // By replication: (scope, metric) -> value.
  std::map<std::string, std::map<std::string, double>> by_run;
  for (const std::string& line : lines_of(read_file(dir.path() / "out" / "results.csv"))) {
    const std::vector<std::string> cells = split(line);
    if (cells.size() != 5 || cells[0] == "replication") continue;
    by_run[cells[0]][cells[2] + "/" + cells[3]] = std::stod(cells[4]);
  }
  REQUIRE(by_run.size() == 3);
  for (const auto& run : by_run) {
    const std::string& replication = run.first;
    const std::map<std::string, double>& v = run.second;
    CAPTURE(replication);
    CHECK(v.at("economics/staff_hours") == doctest::Approx(1344.0).epsilon(1e-12));
    CHECK(v.at("economics/staff_hours_per_year") == doctest::Approx(17472.0).epsilon(1e-12));
    CHECK(v.at("economics/cost_per_year") == doctest::Approx(524160.0).epsilon(1e-12));
    CHECK(v.at("economics/executive_hours_per_year") == 0.0);
    const double scale = 52.0 / 4.0;
    CHECK(v.at("economics/cost_per_year") ==
          doctest::Approx(v.at("economics/total_cost") * scale).epsilon(1e-12));
    REQUIRE(v.at("customers/churn_expected") > 0.0);
    CHECK(v.at("customers/churn_expected_per_year") ==
          doctest::Approx(v.at("customers/churn_expected") * scale).epsilon(1e-12));
    CHECK(v.at("customers/revenue_at_risk_per_year") ==
          doctest::Approx(v.at("customers/revenue_at_risk") * scale).epsilon(1e-12));
  }
  // The table names the period in every economics label.
  CHECK(o.out.find("cost per year") != std::string::npos);
  CHECK(o.out.find("churn expected per year") != std::string::npos);
  CHECK(o.out.find("total cost") == std::string::npos);
  // No executive desk: what would be about one does not apply, rather than reading 0.
  bool reached = false, fairness = false, empty_group = false;
  for (const std::string& line : lines_of(o.out)) {
    if (line.rfind("  reached the executive ", 0) == 0) {
      reached = line.find("not applicable") != std::string::npos;
    }
    if (line.rfind("  channel web ", 0) == 0) {
      fairness = line.size() >= 14 && line.compare(line.size() - 14, 14, "not applicable") == 0;
    }
    if (line.rfind("  public ", 0) == 0) {  // no public complaints: no share of them either
      empty_group = line.find("0 %") == std::string::npos;
    }
  }
  CHECK(reached);
  CHECK(fairness);
  CHECK(empty_group);
}

TEST_CASE("compare: cost per churned customer avoided is the ratio of the paired differences") {
  TempDir dir;
  write_file(dir / "tiny.yaml", kTiny);
  const Outcome o = run_program(
      dir.path(),
      "compare tiny.yaml --variant 'more:desks.frontline.staff=4' --variant "
      "'fewer:desks.frontline.staff=1' --out cmp --report");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const Json j = Json::parse(read_file(dir.path() / "cmp" / "comparison.json"));
  const auto mean_of = [&](std::size_t variant, const std::string& scope,
                           const std::string& metric) {
    for (const Json& e : j.at("variants").at(variant).at("summary")) {
      if (e.at("scope") == scope && e.at("metric") == metric) return e.at("mean").get<double>();
    }
    FAIL("no " << scope << " " << metric);
    return 0.0;
  };
  const auto derived = [&](std::size_t k, const std::string& metric) {
    for (const Json& m : j.at("differences").at(k).at("metrics")) {
      if (m.at("scope") == "economics" && m.at("metric") == metric) return m;
    }
    FAIL("no economics " << metric);
    return Json();
  };
  // More staff: dearer, fewer customers lost. The ratio of the differences of the means
  // (paired by replication, so the same as the mean of the paired differences' ratio).
  const double extra_cost = mean_of(1, "economics", "cost_per_year") -
                            mean_of(0, "economics", "cost_per_year");
  const double avoided = mean_of(0, "customers", "churn_expected_per_year") -
                         mean_of(1, "customers", "churn_expected_per_year");
  REQUIRE(extra_cost == doctest::Approx(2 * 52 * 168 * 30.0));
  REQUIRE(avoided > 0.0);
  const Json more = derived(0, "cost_per_churned_customer_avoided");
  CHECK(more.at("difference").get<double>() == doctest::Approx(extra_cost / avoided).epsilon(1e-9));
  CHECK(derived(0, "executive_hours_per_year").at("difference").get<double>() == 0.0);
  // Fewer staff churns more: nothing avoided, so the figure does not apply.
  REQUIRE(mean_of(2, "customers", "churn_expected_per_year") >
          mean_of(0, "customers", "churn_expected_per_year"));
  const Json fewer = derived(1, "cost_per_churned_customer_avoided");
  CHECK(fewer.at("value") == "not applicable");
  CHECK(fewer.at("applicable") == false);
  CHECK_FALSE(fewer.contains("difference"));
  // The console table shows both, in the row that names the period.
  std::string row;
  for (const std::string& line : lines_of(o.out)) {
    if (line.find("cost per churned customer avoided (per year)") != std::string::npos) row = line;
  }
  REQUIRE_FALSE(row.empty());
  CHECK(row.find("not applicable") != std::string::npos);
  // The page quotes the figure from comparison.json, and says when it does not apply.
  const std::string page = read_file(dir.path() / "cmp" / "report.html");
  std::string more_pointer;
  for (std::size_t i = 0; i < j.at("differences").at(0).at("metrics").size(); ++i) {
    if (j["differences"][0]["metrics"][i]["metric"] == "cost_per_churned_customer_avoided") {
      more_pointer = fmt::format("/differences/0/metrics/{}/difference", i);
    }
  }
  CHECK(page.find("Per year: cost per churned customer avoided <span class=\"figure\" "
                  "data-source=\"comparison.json\" data-pointer=\"" + more_pointer + "\"") !=
        std::string::npos);
  CHECK(page.find("Per year: cost per churned customer avoided not applicable (churn is not "
                  "lower)") != std::string::npos);
  // And the differences file says so in words too.
  CHECK(read_file(dir.path() / "cmp" / "differences.csv")
            .find("fewer,tiny-economics,economics,cost_per_churned_customer_avoided,not "
                  "applicable") != std::string::npos);
}

}  // namespace
