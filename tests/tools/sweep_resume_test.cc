// Tests of `escalsim sweep` and `escalsim merge` as a user runs them: a sweep killed with
// SIGKILL at several moments and started again ends with the same bytes as one run in one
// go; shards merged on the command line; the command's messages and exit statuses.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "tools/program_runner.h"

namespace {

namespace fs = std::filesystem;
using escalsim::testing::lines_of;
using escalsim::testing::Outcome;
using escalsim::testing::read_file;
using escalsim::testing::TempDir;
using escalsim::testing::write_file;

// 20 points (5 staff levels x 4 demand multiples), 1 replication of a few tens of
// milliseconds each: long enough to kill the sweep half-way.
constexpr const char* kResumeScenario =
    "run: {name: resume, horizon: 15 weeks, seed: 3, replications: 1}\n"
    "demand: {rate: 30 per hour}\n"
    "desks:\n"
    "  frontline: {staff: 10, handle_time: 15 min, patience: 30 min}\n"
    "  specialists: {staff: 2, handle_time: 40 min}\n"
    "routes:\n"
    "  - {from: frontline, to: specialists, probability: 0.1}\n"
    "sweep:\n"
    "  parameters:\n"
    "    desks.frontline.staff: [8, 9, 10, 11, 12]\n"
    "    demand_multiplier: [0.5, 0.8, 1, 1.2]\n";
constexpr int kResumePoints = 20;

const char* const kOutputs[] = {"sweep.csv", "summary.csv", "sweep.json"};

// Starts the program with `args`, standard output and error to files in `dir`.
pid_t start_program(const fs::path& dir, const std::vector<std::string>& args) {
  const std::string out = (dir / ".stdout").string();
  const std::string err = (dir / ".stderr").string();
  std::vector<std::string> argv_text = {ESCALSIM_PROGRAM};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    if (::chdir(dir.c_str()) != 0) ::_exit(127);
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0) ::_exit(127);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  REQUIRE(pid > 0);
  return pid;
}

// Exit status, or -signal when killed.
int wait_program(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

Outcome run_program(const fs::path& dir, const std::vector<std::string>& args) {
  Outcome o;
  o.status = wait_program(start_program(dir, args));
  o.out = read_file((dir / ".stdout").string());
  o.err = read_file((dir / ".stderr").string());
  return o;
}

std::vector<std::string> sweep_args(const std::string& out) {
  return {"sweep", "scenario.yaml", "--out", out, "--threads", "2", "--quiet", "--format", "csv"};
}

// Every file under `dir`, relative names.
std::multiset<std::string> files_under(const std::string& dir) {
  std::multiset<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file()) names.insert(fs::relative(e.path(), dir).string());
  }
  return names;
}

int point_files(const std::string& dir) {
  int n = 0;
  for (const std::string& name : files_under(dir)) {
    if (name.rfind("points/point-", 0) == 0 && name.find(".tmp-") == std::string::npos) ++n;
  }
  return n;
}

// The outputs are those of the uninterrupted run, each point is there once, nothing
// temporary is left.
void check_like_reference(const std::string& reference, const std::string& out) {
  for (const char* name : kOutputs) {
    INFO("output " << name);
    const std::string want = read_file(reference + "/" + name);
    CHECK_FALSE(want.empty());
    CHECK(read_file(out + "/" + name) == want);
  }
  const std::multiset<std::string> got = files_under(out);
  std::multiset<std::string> want = {"manifest.json", "sweep.csv", "summary.csv", "sweep.json"};
  for (int i = 0; i < kResumePoints; ++i) want.insert(fmt::format("points/point-{:06}.json", i));
  CHECK(got == want);
}

}  // namespace

TEST_CASE("escalsim sweep: killed with SIGKILL and started again, it ends as if never stopped") {
  TempDir dir;
  write_file(dir / "scenario.yaml", kResumeScenario);
  const auto started = std::chrono::steady_clock::now();
  const Outcome reference = run_program(dir.path(), sweep_args("reference"));
  const auto reference_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
  INFO(reference.err);
  REQUIRE(reference.status == 0);
  CHECK(reference.out == read_file(dir / "reference/sweep.csv"));
  MESSAGE("uninterrupted sweep: " << reference_ms << " ms");

  // Kill moments are fractions of the uninterrupted run's time, so that they fall early,
  // half-way and late on a fast machine as on a slow or loaded one.
  const auto after = [&](double fraction) {
    return std::max<long>(1, std::lround(fraction * static_cast<double>(reference_ms)));
  };

  SUBCASE("killed once at 2%, 25%, 50% or 80% of the run's time, then run to the end") {
    int interrupted_half_way = 0;
    // The kill moments found with no point written yet (too early) and with every point
    // written (too late): when the machine's load changes between the reference run and
    // these, none of the four may land half-way, and the search below closes in on one.
    long too_early_ms = 0;
    long too_late_ms = 4 * reference_ms + 1;
    int kill_number = 0;
    const auto kill_at = [&](long ms) {
      CAPTURE(ms);
      const std::string out = fmt::format("killed-{}-at-{}", kill_number++, ms);
      const pid_t pid = start_program(dir.path(), sweep_args(out));
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      ::kill(pid, SIGKILL);
      const int status = wait_program(pid);
      const int finished = point_files(dir / out);
      MESSAGE("killed at " << ms << " ms: status " << status << ", " << finished << " of "
                           << kResumePoints << " points finished");
      if (status == -SIGKILL && finished > 0 && finished < kResumePoints) {
        ++interrupted_half_way;
      } else if (status == -SIGKILL && finished == 0) {
        too_early_ms = std::max(too_early_ms, ms);
      } else {
        too_late_ms = std::min(too_late_ms, ms);
      }
      const Outcome resumed = run_program(dir.path(), sweep_args(out));
      INFO(resumed.err);
      REQUIRE(resumed.status == 0);
      check_like_reference(dir / "reference", dir / out);
    };
    for (const double fraction : {0.02, 0.25, 0.5, 0.8}) kill_at(after(fraction));
    for (int extra = 0; extra < 8 && interrupted_half_way == 0; ++extra) {
      kill_at(std::max(1L, (too_early_ms + too_late_ms) / 2));
    }
    CHECK(interrupted_half_way >= 1);  // a kill did land while points were being written
  }
  SUBCASE("killed again and again, every fifth of the run's time, until it finishes") {
    const long every_ms = after(0.2);
    const std::string out = "killed-repeatedly";
    int kills = 0;
    for (int attempt = 0; attempt < 200; ++attempt) {
      const pid_t pid = start_program(dir.path(), sweep_args(out));
      std::this_thread::sleep_for(std::chrono::milliseconds(every_ms));
      ::kill(pid, SIGKILL);
      const int status = wait_program(pid);
      if (status == 0) break;  // it finished before the kill
      REQUIRE(status == -SIGKILL);
      ++kills;
    }
    MESSAGE("killed " << kills << " times, every " << every_ms << " ms");
    CHECK(kills >= 2);
    const Outcome last = run_program(dir.path(), sweep_args(out));
    REQUIRE(last.status == 0);
    check_like_reference(dir / "reference", dir / out);
  }
}

TEST_CASE("escalsim sweep: 4 shards merged with escalsim merge equal one run") {
  TempDir dir;
  write_file(dir / "scenario.yaml", kResumeScenario);
  REQUIRE(run_program(dir.path(), sweep_args("whole")).status == 0);
  std::vector<std::string> merge = {"merge"};
  for (int k = 1; k <= 4; ++k) {
    std::vector<std::string> args = sweep_args(fmt::format("shard{}", k));
    args.push_back("--shard");
    args.push_back(fmt::format("{}/4", k));
    const Outcome o = run_program(dir.path(), args);
    INFO(o.err);
    REQUIRE(o.status == 0);
    CHECK(o.out ==
          fmt::format("shard {}/4 done: 5 of 20 points; merge the shard folders with `escalsim "
                      "merge`\n",
                      k));
    merge.push_back(fmt::format("shard{}", k));
  }
  merge.insert(merge.end(), {"--out", "merged", "--format", "csv", "--quiet"});
  const Outcome merged = run_program(dir.path(), merge);
  INFO(merged.err);
  REQUIRE(merged.status == 0);
  CHECK(merged.out == read_file(dir / "whole/sweep.csv"));
  for (const char* name : kOutputs) {
    CHECK(read_file(dir / fmt::format("merged/{}", name)) ==
          read_file(dir / fmt::format("whole/{}", name)));
  }

  SUBCASE("a shard given twice is refused, naming a point and both folders") {
    for (const char* again : {"shard1", "./shard1/"}) {
      const Outcome o = run_program(dir.path(), {"merge", "shard1", "shard2", "shard3", "shard4",
                                                 again, "--out", "twice"});
      CHECK(o.status == 2);
      CHECK(o.err == fmt::format("escalsim: error: merge: point 0 is in both shard1 and {} (the "
                                 "same folder twice); give each shard's folder once\n",
                                 again));
      CHECK_FALSE(fs::exists(dir / "twice"));
    }
  }
  SUBCASE("a missing shard is an error naming its points") {
    const Outcome o = run_program(
        dir.path(), {"merge", "shard1", "shard2", "shard4", "--out", "incomplete"});
    CHECK(o.status == 2);
    CHECK(o.err.find("escalsim: error: merge: 5 of 20 points missing: 2, 6, 10, 14, 18") == 0);
  }
}

TEST_CASE("escalsim sweep: errors are one line and exit status 2") {
  TempDir dir;
  write_file(dir / "scenario.yaml", kResumeScenario);
  write_file(dir / "plain.yaml",
             "run: {name: plain, horizon: 1 week}\n"
             "demand: {rate: 10 per hour}\n"
             "desks: {frontline: {staff: 3, handle_time: 15 min}}\n");

  SUBCASE("a scenario without a sweep: section") {
    const Outcome o = run_program(dir.path(), {"sweep", "plain.yaml"});
    CHECK(o.status == 2);
    CHECK(o.err == "escalsim: error: plain.yaml: scenario has no sweep: section; see "
                   "scenarios/README.md\n");
  }
  SUBCASE("a shard that does not exist") {
    for (const char* shard : {"5/4", "0/4", "2", "a/b", "1/0"}) {
      const Outcome o = run_program(dir.path(), {"sweep", "scenario.yaml", "--shard", shard});
      CHECK(o.status == 2);
      CHECK(o.err.find("escalsim: error: --shard ") == 0);
    }
  }
  SUBCASE("an output folder holding another sweep") {
    REQUIRE(run_program(dir.path(), sweep_args("out")).status == 0);
    std::vector<std::string> args = sweep_args("out");
    args.insert(args.end(), {"--seed", "4"});
    const Outcome o = run_program(dir.path(), args);
    CHECK(o.status == 2);
    CHECK(o.err.find("escalsim: error: out holds a different sweep") == 0);
    CHECK(o.err.find("choose another --out or remove it") != std::string::npos);
  }
  SUBCASE("no progress line when standard error is not a terminal") {
    const Outcome o =
        run_program(dir.path(), {"sweep", "scenario.yaml", "--out", "p", "--format", "csv"});
    REQUIRE(o.status == 0);
    CHECK(o.err.find('\r') == std::string::npos);
    CHECK(o.err.find("points") == std::string::npos);
  }
}

TEST_CASE("escalsim sweep: a resumed sweep says how many points it kept and how many it ran") {
  TempDir dir;
  write_file(dir / "scenario.yaml", kResumeScenario);
  const std::vector<std::string> args = {"sweep", "scenario.yaml", "--out", "out", "--format",
                                         "csv"};
  const Outcome fresh = run_program(dir.path(), args);
  REQUIRE(fresh.status == 0);
  CHECK(fresh.err.find("resumed") == std::string::npos);  // nothing was there to keep
  // As after a kill: 7 of the 20 point files written, no outputs yet.
  for (const char* name : kOutputs) fs::remove(dir / fmt::format("out/{}", name));
  int removed = 0;
  for (int i = 0; i < kResumePoints; ++i) {
    if (i % 3 != 0) removed += fs::remove(dir / fmt::format("out/points/point-{:06}.json", i));
  }
  REQUIRE(removed == 13);
  const Outcome resumed = run_program(dir.path(), args);
  INFO(resumed.err);
  REQUIRE(resumed.status == 0);
  CHECK(lines_of(resumed.err).front() ==
        "escalsim: resumed: kept 7 finished points found in out, ran 13");
  CHECK(resumed.out == fresh.out);
  // Run again: everything is kept, nothing is run.
  const Outcome again = run_program(dir.path(), args);
  CHECK(lines_of(again.err).front() ==
        "escalsim: resumed: kept 20 finished points found in out, ran 0");
  CHECK(again.out == fresh.out);
}
