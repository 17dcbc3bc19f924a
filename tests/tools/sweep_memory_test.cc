// `escalsim sweep` holds one point at a time: its peak memory does not grow with the number
// of points beyond a small record each. Measured as a user would (the program's own peak
// resident set, from the kernel), on a sweep of N points and of 4N points of the same tiny
// model.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "tools/program_runner.h"

namespace {

namespace fs = std::filesystem;
using escalsim::testing::read_file;
using escalsim::testing::TempDir;
using escalsim::testing::write_file;

// A one-desk model simulated for a day, 2 replications a point: a point costs about a
// millisecond to run, and reports some hundred figures a replication (its point file is
// some 10 KB), so that holding every point's figures shows at once. 50 staff levels times
// `multiples` demand multiples.
std::string tiny_sweep(int multiples) {
  std::string staff, demand;
  for (int i = 0; i < 50; ++i) staff += fmt::format("{}{}", i ? ", " : "", 5 + i);
  // Close multiples, so that the larger sweep's points cost what the smaller's do.
  for (int i = 0; i < multiples; ++i) demand += fmt::format("{}{}", i ? ", " : "", 0.5 + 0.002 * i);
  return fmt::format(
      "run: {{name: tiny, horizon: 1 day, seed: 3, replications: 2}}\n"
      "demand: {{rate: 10 per hour}}\n"
      "desks:\n"
      "  frontline: {{staff: 5, handle_time: 15 min}}\n"
      "sweep:\n"
      "  parameters:\n"
      "    desks.frontline.staff: [{}]\n"
      "    demand_multiplier: [{}]\n",
      staff, demand);
}

struct Measured {
  int status = -1;
  long peak_kb = 0;  // the program's peak resident set
};

// Runs `escalsim sweep scenario.yaml` in `dir` and reads its own peak memory (wait4: the
// child's, not that of every child this test process has had).
Measured sweep_in(const fs::path& dir) {
  std::vector<std::string> args = {ESCALSIM_PROGRAM, "sweep", "scenario.yaml", "--out", "out",
                                   "--threads", "2", "--quiet"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string out = (dir / ".stdout").string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0) ::_exit(127);
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0) ::_exit(127);
    ::dup2(o, 1);
    ::dup2(o, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  REQUIRE(pid > 0);
  int status = 0;
  struct rusage usage {};
  while (::wait4(pid, &status, 0, &usage) < 0) {
  }
  Measured m;
  m.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  m.peak_kb = usage.ru_maxrss;  // kilobytes on Linux
  return m;
}

}  // namespace

TEST_CASE("escalsim sweep: peak memory does not grow with the number of points") {
  // 400 and 1,600 points. Holding every point's figures costs well over 100 KB a point
  // here (a run table and a summary of ~100 figures, twice over while the outputs are
  // built), so 1,200 more points would add over 100 MB; the record kept of each (settings,
  // seeds, the table's few figures, the verdict) is some hundreds of bytes: well under a MB.
  constexpr int kSmall = 8;  // demand multiples: 50 x 8 = 400 points
  TempDir small, large;
  write_file(small / "scenario.yaml", tiny_sweep(kSmall));
  write_file(large / "scenario.yaml", tiny_sweep(4 * kSmall));
  const Measured n = sweep_in(small.path());
  const Measured n4 = sweep_in(large.path());
  INFO("400 points: " << n.peak_kb << " KB, 1600 points: " << n4.peak_kb << " KB");
  INFO(read_file(large.path() / ".stdout").substr(0, 400));
  REQUIRE(n.status == 0);
  REQUIRE(n4.status == 0);
  // Both finished every point, and their outputs hold them all.
  CHECK(fs::exists(small / "out/sweep.json"));
  CHECK(fs::exists(large / "out/points/point-001599.json"));
  CHECK(fs::file_size(large / "out/sweep.csv") > 3 * fs::file_size(small / "out/sweep.csv"));
  // The same bound whatever the points: 4 times the points within 8 MB of the first.
  CHECK(n4.peak_kb <= n.peak_kb + 8 * 1024);
}
