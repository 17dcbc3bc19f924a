// Tests of budget_fit_warnings: a budget larger than the windows hold is named in `check`
// and `run`, and a budget that fits is not.
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/analysis.h"
#include "escalsim/scenario.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

// A CEO with `budget` in two one-hour windows a week (2 h), ten escalations a week.
std::string scenario_text(const std::string& budget) {
  return fmt::format(
      "run: {{name: fit, horizon: 6 weeks, warmup: 1 week, seed: 3, replications: 2}}\n"
      "demand: {{rate: 10 per day}}\n"
      "desks:\n"
      "  frontline: {{staff: 2, handle_time: 20 min}}\n"
      "  ceo:\n"
      "    budget: {}\n"
      "    windows: [\"mon 09:00-10:00\", \"thu 14:00-15:00\"]\n"
      "    handle_time: 10 min\n"
      "routes:\n"
      "  - {{from: frontline, to: ceo, probability: 0.15}}\n",
      budget);
}

}  // namespace

TEST_CASE("budget_fit_warnings: a budget the windows cannot hold is named, one that fits is "
          "not") {
  CHECK(budget_fit_warnings(load_scenario_text(scenario_text("2 h per week"), "fit.yaml"))
            .empty());
  const std::vector<std::string> warnings =
      budget_fit_warnings(load_scenario_text(scenario_text("5 h per week"), "fit.yaml"));
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "budget: ceo's budget of 5 h per week is more than its windows hold (2 h "
                       "a week); at most 2 h can be used, so its budget used reads at most 40%");
}

TEST_CASE("escalsim check and run warn of a budget larger than the windows hold") {
  testing::TempDir dir;
  testing::write_file(dir.path() / "fit.yaml", scenario_text("5 h per week"));
  const std::string warning =
      "warning: budget: ceo's budget of 5 h per week is more than its windows hold (2 h a "
      "week); at most 2 h can be used, so its budget used reads at most 40%";
  for (const char* command : {"check fit.yaml", "run fit.yaml --out out"}) {
    CAPTURE(command);
    const testing::Outcome o = testing::run_program(dir.path(), command);
    REQUIRE_MESSAGE(o.status == 0, o.err);
    CHECK(o.out.find(warning + "\n") != std::string::npos);
  }
  const testing::Outcome fits =
      testing::run_program(dir.path(), "check fit.yaml --set 'desks.ceo.budget=2 h per week'");
  REQUIRE(fits.status == 0);
  CHECK(fits.out.find("warning: budget") == std::string::npos);
}

}  // namespace escalsim
