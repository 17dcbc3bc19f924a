// The escalsim program at the system's limits and beyond what a scenario may ask: refused
// threads, NaN-making parameters, non-UTF-8 files. Each was a crash, a hang or silent zeros.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "tools/program_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace escalsim::testing;

constexpr const char* kSmallScenario =
    "run: {name: small, horizon: 2 weeks, seed: 3, replications: 4}\n"
    "demand: {rate: 10 per hour}\n"
    "desks: {frontline: {staff: 3, handle_time: 15 min}}\n"
    "sweep: {parameters: {desks.frontline.staff: [3, 4]}}\n";

// Runs the program in `dir` under a shell's `ulimit` settings (before the program starts).
Outcome run_limited(const fs::path& dir, const std::string& limits, const std::string& args) {
  const fs::path out = dir / ".stdout";
  const fs::path err = dir / ".stderr";
  const std::string command =
      fmt::format("cd '{}' && ({} && exec '{}' {}) > '{}' 2> '{}'", dir.string(), limits,
                  ESCALSIM_PROGRAM, args, out.string(), err.string());
  const int raw = std::system(command.c_str());
  Outcome outcome;
  outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  outcome.out = read_file(out);
  outcome.err = read_file(err);
  return outcome;
}

}  // namespace

// A thread's stack is the stack limit's size: with a stack limit above the address-space
// limit, every std::thread fails to start (pthread_create: EAGAIN), as under a process limit.
// Sanitizers reserve terabytes of address space, so the address-space limit is release-only.
#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("escalsim: when no thread can be started, run and sweep still finish, identically") {
  TempDir dir;
  write_file(dir.path() / "small.yaml", kSmallScenario);
  const std::string no_threads = "ulimit -s 4000000 && ulimit -v 3000000";

  SUBCASE("the refusal is real: a run that asks for threads would otherwise have them") {
    // The shell itself runs under the limits; a control that needs a thread shows they bite.
    const Outcome probe = run_limited(
        dir.path(), no_threads, "run small.yaml --threads 4 --format json --out limited");
    INFO(probe.err);
    REQUIRE(probe.status == 0);
    const Outcome free = run_program(dir.path(), "run small.yaml --threads 4 --format json --out free");
    REQUIRE(free.status == 0);
    // Same replications, same seeds: the results do not depend on how many threads ran them.
    CHECK(read_file(dir.path() / "limited" / "results.json") ==
          read_file(dir.path() / "free" / "results.json"));
    CHECK(read_file(dir.path() / "limited" / "results.csv") ==
          read_file(dir.path() / "free" / "results.csv"));
  }
  SUBCASE("a sweep") {
    const Outcome limited =
        run_limited(dir.path(), no_threads, "sweep small.yaml --threads 2 --quiet --out limited");
    INFO(limited.err);
    REQUIRE(limited.status == 0);
    REQUIRE(run_program(dir.path(), "sweep small.yaml --threads 2 --quiet --out free").status == 0);
    CHECK(read_file(dir.path() / "limited" / "sweep.csv") ==
          read_file(dir.path() / "free" / "sweep.csv"));
  }
}
#endif

TEST_CASE("escalsim: parameters that would make NaN times are refused before the run") {
  TempDir dir;
  write_file(dir.path() / "nan.yaml",
             "run: {horizon: 1 week}\n"
             "demand: {rate: 10 per hour}\n"
             "desks: {frontline: {staff: 3, handle_time: {distribution: gamma, mean: 15 min, "
             "shape: 1e-310}}}\n");
  for (const std::string command :
       {"check nan.yaml", "run nan.yaml --check-invariants --out r", "run nan.yaml --out r"}) {
    CAPTURE(command);
    const Outcome o = run_program(dir.path(), command);
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(o.err.find("nan.yaml:3:87: the gamma shape must be between 0.001 and 1000000, got "
                     "'1e-310'") != std::string::npos);
  }
}

TEST_CASE("escalsim: check, run and sweep agree on a file that is not UTF-8") {
  TempDir dir;
  write_file(dir.path() / "latin1.yaml", std::string("# Caf\xe9\n") + kSmallScenario);
  write_file(dir.path() / "utf8.yaml", std::string("# Caf\xc3\xa9 \xe2\x80\x94 d\xc3\xa9j\xc3\xa0\n") +
                                           kSmallScenario);
  for (const std::string command : {"check", "run", "sweep"}) {
    CAPTURE(command);
    const std::string out = command == "check" ? "" : " --out out-" + command;
    const Outcome bad = run_program(dir.path(), command + " latin1.yaml" + out);
    CHECK(bad.status == 2);
    CHECK(bad.err ==
          "escalsim: error: latin1.yaml:1:6: the file is not UTF-8: byte 0xE9 starts no UTF-8 "
          "character (Latin-1 or Windows-1252 text?); save the scenario as UTF-8\n");
    const Outcome good = run_program(dir.path(), command + " utf8.yaml" + out);
    INFO(good.err);
    CHECK(good.status == 0);
  }
}

TEST_CASE("escalsim run: a tiny sample_interval is coarsened with a warning, not run out of memory") {
  TempDir dir;
  write_file(dir.path() / "fine.yaml",
             "run: {name: fine, horizon: 4 weeks, sample_interval: 1e-300 s}\n"
             "demand: {rate: 10 per hour}\n"
             "desks: {frontline: {staff: 3, handle_time: 15 min}}\n");
  const Outcome o = run_program(dir.path(), "run fine.yaml --format json --out r");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(o.err.rfind("escalsim: warning: fine.yaml:1:54: sample_interval '1e-300 s' gives "
                    "2.42e+306 backlog samples over the horizon '4 weeks', more than the 10000 a "
                    "run keeps; coarsened to 5 min (run.sample_interval)\n",
                    0) == 0);
  const auto j = nlohmann::json::parse(o.out);
  const auto& backlog = j["runs"][0]["backlog"];
  CHECK(backlog["interval_min"] == 5.0);
  // A sample every 5 minutes over 4 weeks, both ends included.
  CHECK(backlog["desks"]["frontline"].size() == 4 * 7 * 24 * 12 + 1);
}

// 1,000,000 complaints an hour at one desk that serves one an hour: the cap of 5,000,000
// complaints in the system is reached after 5 simulated hours, holding about 700 MB.
constexpr const char* kFloodScenario =
    "run: {name: flood, horizon: 8 h, seed: 5, replications: 2}\n"
    "demand: {rate: 1000000 per hour}\n"
    "desks: {frontline: {staff: 1, handle_time: 1 h}}\n";

// Release builds only: under a sanitizer a run at the cap takes minutes and gigabytes.
#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("escalsim run: runs at the complaint cap give the same bytes on 1 and 2 threads, "
          "within the memory budget") {
  TempDir dir;
  write_file(dir.path() / "flood.yaml", kFloodScenario);
  const Outcome one = run_program(dir.path(), "run flood.yaml --threads 1 --out one");
  INFO(one.err);
  REQUIRE(one.status == 0);
  // The documented warning, in the table.
  CHECK(one.out.find("unstable: 2 of 2 runs stopped early with too many complaints in the "
                     "system (replication 0 at week 0.0 of 8 h); the backlog grows without "
                     "bound") != std::string::npos);
  // Two runs in flight, and a budget that holds only one: the same bytes either way.
  for (const std::string budget : {"", " --memory-budget 1500MB"}) {
    CAPTURE(budget);
    const Outcome two = run_program(dir.path(), "run flood.yaml --threads 2 --out two" + budget);
    REQUIRE(two.status == 0);
    if (!budget.empty()) {
      CHECK(two.err.rfind("escalsim: note: 1 run at a time rather than 2: each may hold 1.0 GB "
                          "(its cap of 5000000 complaints in the system), and the memory budget "
                          "is 1.5 GB; the results are the same\n",
                          0) == 0);
    }
    CHECK(two.out == one.out);
    CHECK(read_file(dir.path() / "two" / "results.json") ==
          read_file(dir.path() / "one" / "results.json"));
    CHECK(read_file(dir.path() / "two" / "results.csv") ==
          read_file(dir.path() / "one" / "results.csv"));
  }
}
#endif

TEST_CASE("escalsim run: --memory-budget takes a size and refuses anything else") {
  TempDir dir;
  write_file(dir.path() / "small.yaml", kSmallScenario);
  CHECK(run_program(dir.path(), "run small.yaml --memory-budget 1.5GiB --out r").status == 0);
  for (const std::string bad : {"0", "-1GB", "lots", "12 parsecs"}) {
    CAPTURE(bad);
    const Outcome o = run_program(dir.path(), "run small.yaml --out r --memory-budget '" + bad + "'");
    CHECK(o.status == 2);
    CHECK(o.err.find("--memory-budget") != std::string::npos);
    CHECK(o.err.find("expected a size like 8GB, 700MB or 1.5GiB, got '" + bad + "'") !=
          std::string::npos);
  }
}

// compare runs each variant's replications like run does: the same budget, the same note,
// and the same bytes whatever it lets run at once.
TEST_CASE("escalsim compare: --memory-budget bounds the runs in flight and changes no figure") {
  TempDir dir;
  write_file(dir.path() / "small.yaml", kSmallScenario);
  const std::string variants =
      "compare small.yaml --variant 'more:desks.frontline.staff=5' --format csv --threads 2";
  const Outcome free = run_program(dir.path(), variants + " --out free");
  INFO(free.err);
  REQUIRE(free.status == 0);
  const Outcome tight = run_program(dir.path(), variants + " --out tight --memory-budget 1500MB");
  INFO(tight.err);
  REQUIRE(tight.status == 0);
  CHECK(tight.err.rfind("escalsim: note: 1 run at a time rather than 2: each may hold 1.0 GB "
                        "(its cap of 5000000 complaints in the system), and the memory budget "
                        "is 1.5 GB; the results are the same\n",
                        0) == 0);
  CHECK(tight.out == free.out);
  const Outcome bad = run_program(dir.path(), variants + " --out bad --memory-budget lots");
  CHECK(bad.status == 2);
  CHECK(bad.err.find("expected a size like 8GB, 700MB or 1.5GiB, got 'lots'") != std::string::npos);
}

TEST_CASE("escalsim run and sweep: --progress shows progress on standard error, never in the "
          "files") {
  TempDir dir;
  write_file(dir.path() / "small.yaml", kSmallScenario);
  SUBCASE("run: replications and simulated weeks") {
    const Outcome shown = run_program(dir.path(), "run small.yaml --progress --out shown");
    INFO(shown.err);
    REQUIRE(shown.status == 0);
    // Not a terminal: plain lines, the last one when every replication is done.
    CHECK(shown.err.find('\r') == std::string::npos);
    CHECK(shown.err.find("run: 4/4 replications, 8/8 simulated weeks, ") != std::string::npos);
    CHECK(shown.err.find(", done\n") != std::string::npos);
    const Outcome plain = run_program(dir.path(), "run small.yaml --out plain");
    REQUIRE(plain.status == 0);
    CHECK(plain.err.find("replications") == std::string::npos);
    CHECK(shown.out == plain.out);
    CHECK(read_file(dir.path() / "shown" / "results.json") ==
          read_file(dir.path() / "plain" / "results.json"));
    CHECK(read_file(dir.path() / "shown" / "results.csv") ==
          read_file(dir.path() / "plain" / "results.csv"));
  }
  SUBCASE("sweep: points") {
    const Outcome shown = run_program(dir.path(), "sweep small.yaml --progress --out shown");
    INFO(shown.err);
    REQUIRE(shown.status == 0);
    CHECK(shown.err.find("sweep: 2/2 points, ") != std::string::npos);
    CHECK(shown.err.find(", done\n") != std::string::npos);
    REQUIRE(run_program(dir.path(), "sweep small.yaml --quiet --out plain").status == 0);
    for (const char* file : {"sweep.csv", "summary.csv", "sweep.json"}) {
      CHECK(read_file(dir.path() / "shown" / file) == read_file(dir.path() / "plain" / file));
    }
  }
  SUBCASE("sweep: --quiet and --progress contradict each other") {
    const Outcome o = run_program(dir.path(), "sweep small.yaml --quiet --progress --out q");
    CHECK(o.status == 2);
  }
}
