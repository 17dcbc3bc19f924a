// `escalsim shifts` as a user meets it: a desk with a weekly pattern, the hourly
// requirement against Erlang C, the chosen shifts covering it in every hour (read back from
// hours.csv and recomputed from shifts.csv), the written scenario run by `escalsim run` with
// the same service level as the command reported, and bad arguments refused with status 2.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/shift_scheduling.h"
#include "tools/program_runner.h"
#include "validation/queueing_theory.h"

namespace {

using namespace escalsim::testing;

// 30 per hour on average, business hours only: 30 x 168 / 40 = 126 per hour from Monday to
// Friday 09:00-17:00. One replication, so that `escalsim run` of the written scenario gives
// the very figure the command pooled.
constexpr const char* kScenario = R"(run:
  name: shifts-desk
  horizon: 3 weeks
  seed: 11
  replications: 1
demand:
  rate: 30 per hour
  pattern: business_hours
desks:
  frontline:
    staff: 4
    handle_time: 6 min
)";

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += ch;
    }
  }
  cells.push_back(cell);
  return cells;
}

// The least c by the test-side Erlang C: 1 - P(W > T) >= share.
int theory_staff(double rate_per_min, double handle_min, double within_min, double share) {
  int c = static_cast<int>(rate_per_min * handle_min) + 1;
  while (1.0 - escalsim::theory::mmc_prob_wait_exceeds(c, rate_per_min, handle_min, within_min) <
         share) {
    ++c;
  }
  return c;
}

TEST_CASE("escalsim shifts: coverage meets the requirement every hour and the scenario runs") {
  TempDir dir;
  write_file(dir / "desk.yaml", kScenario);
  const Outcome o = run_program(
      dir.path(),
      "shifts desk.yaml --desk frontline --service-level '80% within 20 s' --pattern "
      "'mon-fri 09:00 8h' --pattern 'mon-fri 13:00 4h' --pattern 'sat 09:00 8h' --out out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(o.out.find("Shifts chosen") != std::string::npos);
  CHECK(o.out.find("Overall: ") != std::string::npos);

  const std::vector<std::string> hours = lines_of(read_file(dir.path() / "out" / "hours.csv"));
  REQUIRE(hours.size() == 169);
  CHECK(hours[0] ==
        "hour,label,arrival_rate_per_hour,required_staff,staff_on_duty,simulated_arrivals,"
        "simulated_answered_or_abandoned,simulated_within_target,service_level,meets_target");
  const int open_staff = theory_staff(126.0 / 60.0, 6.0, 1.0 / 3.0, 0.8);
  long long within = 0, ended = 0;
  std::vector<int> on_duty(168);
  for (int h = 0; h < 168; ++h) {
    const std::vector<std::string> cells = split(hours[static_cast<std::size_t>(h) + 1]);
    REQUIRE(cells.size() == 10);
    CAPTURE(h);
    const bool open = h / 24 < 5 && h % 24 >= 9 && h % 24 < 17;
    const int required = std::stoi(cells[3]);
    on_duty[static_cast<std::size_t>(h)] = std::stoi(cells[4]);
    CHECK(required == (open ? open_staff : 0));
    CHECK(on_duty[static_cast<std::size_t>(h)] >= required);
    ended += std::stoll(cells[6]);
    within += std::stoll(cells[7]);
  }
  // One 8-hour weekday shift per needed person covers it exactly; nothing on Saturday.
  const std::vector<std::string> shifts = lines_of(read_file(dir.path() / "out" / "shifts.csv"));
  REQUIRE(shifts.size() == 2);
  CHECK(shifts[1] == fmt::format("\"mon-fri 09:00 8h\",{},40,{}", open_staff, 40 * open_staff));
  CHECK(o.out.find(fmt::format("Staff hours per week: {} (the requirement: {};", 40 * open_staff,
                               40 * open_staff)) != std::string::npos);
  // The staff on duty in hours.csv is what the shifts in shifts.csv give.
  std::vector<escalsim::ShiftPattern> patterns;
  std::vector<int> staff;
  for (std::size_t i = 1; i < shifts.size(); ++i) {
    const std::vector<std::string> cells = split(shifts[i]);
    patterns.push_back(escalsim::parse_shift_pattern(cells[0]));
    staff.push_back(std::stoi(cells[1]));
  }
  const escalsim::HourlyStaff coverage = escalsim::shift_coverage(patterns, staff);
  for (int h = 0; h < 168; ++h) CHECK(coverage[static_cast<std::size_t>(h)] == on_duty[static_cast<std::size_t>(h)]);

  // The written scenario runs as is, and its service level is the one the command pooled.
  REQUIRE(ended > 0);
  const Outcome run =
      run_program(dir.path(), "run out/scenario_with_shifts.yaml --out run --format csv");
  INFO(run.err);
  REQUIRE(run.status == 0);
  double run_level = -1.0;
  for (const std::string& line : lines_of(read_file(dir.path() / "run" / "results.csv"))) {
    const std::vector<std::string> cells = split(line);
    if (cells.size() == 5 && cells[2] == "desk:frontline" && cells[3] == "service_level_20s") {
      run_level = std::stod(cells[4]);
    }
  }
  CHECK(run_level == doctest::Approx(static_cast<double>(within) / static_cast<double>(ended))
                         .epsilon(1e-9));
  const std::string yaml = read_file(dir.path() / "out" / "scenario_with_shifts.yaml");
  CHECK(yaml.find("staff: 4") == std::string::npos);
  CHECK(yaml.find("09:00") != std::string::npos);
  CHECK(yaml.find("17:00") != std::string::npos);
  CHECK(yaml.find("within: 20 s") != std::string::npos);
}

TEST_CASE("escalsim shifts: without --pattern, one 8-hour shift a day covers business hours "
          "exactly") {
  TempDir dir;
  write_file(dir / "desk.yaml", kScenario);
  const Outcome o = run_program(
      dir.path(), "shifts desk.yaml --desk frontline --service-level '80% within 20 s' --out out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  // Monday to Friday 09:00-17:00 is one 8-hour shift a day: nothing more is needed.
  const int open_staff = theory_staff(126.0 / 60.0, 6.0, 1.0 / 3.0, 0.8);
  const std::vector<std::string> shifts = lines_of(read_file(dir.path() / "out" / "shifts.csv"));
  REQUIRE(shifts.size() == 6);
  const std::vector<std::string> days{"mon", "tue", "wed", "thu", "fri"};
  for (std::size_t d = 0; d < days.size(); ++d) {
    CHECK(shifts[d + 1] == fmt::format("\"{} 09:00 8h\",{},8,{}", days[d], open_staff,
                                       8 * open_staff));
  }
  CHECK(o.out.find(fmt::format("Staff hours per week: {} (the requirement: {}; 0.0% more)",
                               40 * open_staff, 40 * open_staff)) != std::string::npos);
}

TEST_CASE("escalsim shifts: a desk whose callers give up is staffed by Erlang A") {
  TempDir dir;
  write_file(dir / "desk.yaml", std::string(kScenario) + "    patience: 3 min\n");
  // Within a week, far beyond a 3-minute patience: the share served, 1 - P(Ab) of M/M/c+M
  // by the test-side Erlang A, at 126 calls an hour (2.1 a minute) in open hours.
  const Outcome o = run_program(
      dir.path(),
      "shifts desk.yaml --desk frontline --service-level '95% within 1 week' --out out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  int expected = 1;
  while (1.0 - escalsim::theory::erlang_a(expected, 2.1, 6.0, 3.0).prob_abandon < 0.95) {
    ++expected;
  }
  const std::vector<std::string> hours = lines_of(read_file(dir.path() / "out" / "hours.csv"));
  REQUIRE(hours.size() == 169);
  CHECK(std::stoi(split(hours[10 + 1])[3]) == expected);  // Monday 10:00
  CHECK(std::stoi(split(hours[3 * 24 + 15 + 1])[3]) == expected);  // Thursday 15:00
  CHECK(std::stoi(split(hours[5 * 24 + 10 + 1])[3]) == 0);  // Saturday: closed
  CHECK(o.out.find("(Erlang A per hour)") != std::string::npos);
}

TEST_CASE("escalsim shifts: a night pattern past midnight is split and still covers") {
  TempDir dir;
  write_file(dir / "desk.yaml", std::string(kScenario).replace(
                                    std::string(kScenario).find("business_hours"), 14, "flat"));
  const Outcome o = run_program(
      dir.path(),
      "shifts desk.yaml --desk frontline --service-level '50% within 1 min' --replications 1 "
      "--pattern 'mon-sun 06:00 8h' --pattern 'mon-sun 14:00 8h' --pattern 'mon-sun 22:00 8h' "
      "--out out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const std::vector<std::string> hours = lines_of(read_file(dir.path() / "out" / "hours.csv"));
  REQUIRE(hours.size() == 169);
  for (int h = 1; h <= 168; ++h) {
    const std::vector<std::string> cells = split(hours[static_cast<std::size_t>(h)]);
    CAPTURE(h);
    CHECK(std::stoi(cells[3]) > 0);
    CHECK(std::stoi(cells[4]) >= std::stoi(cells[3]));
  }
  const Outcome check = run_program(dir.path(), "check out/scenario_with_shifts.yaml");
  INFO(check.err);
  CHECK(check.status == 0);
}

TEST_CASE("escalsim shifts: bad arguments are refused on one line with status 2") {
  TempDir dir;
  write_file(dir / "desk.yaml", kScenario);
  const auto refused = [&](const std::string& args, const std::string& expected) {
    const Outcome o = run_program(dir.path(), "shifts desk.yaml " + args);
    CAPTURE(args);
    CHECK(o.status == 2);
    const std::vector<std::string> lines = lines_of(o.err);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find(expected) != std::string::npos);
  };
  refused("--desk frontlin --service-level '80% within 20 s'", "did you mean 'frontline'");
  refused("--desk frontline --service-level '80% in 20 s'", "--service-level:");
  refused("--desk frontline --service-level '80% within 0 s'", "the time must be more than 0");
  refused("--desk frontline --service-level '80% within 20 s' --pattern 'mon-fri 08:30 8h'",
          "the start must be on the hour");
  refused("--desk frontline --service-level '80% within 20 s' --pattern 'sat 09:00 8h'",
          "Mon 09:00 needs");
}

}  // namespace
