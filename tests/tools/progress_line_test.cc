// The progress line's text, and its plain lines where standard error is not a terminal.
#include "progress_line.h"

#include <cstdio>
#include <string>

#include <doctest/doctest.h>

namespace escalsim::tools {
namespace {

TEST_CASE("Progress line: a run shows replications, simulated weeks, speed and time left") {
  Progress p;
  p.runs_done = 3;
  p.runs_total = 10;
  p.simulated_weeks_done = 78;
  p.simulated_weeks_total = 260;
  p.elapsed_s = 1.5;
  CHECK(progress_text("run", p) ==
        "run: 3/10 replications, 78/260 simulated weeks, 2.0 runs/s, 4s left");
  SUBCASE("no replication finished, but the ones under way have simulated 78 weeks: the time "
          "left follows the weeks") {
    p.runs_done = 0;
    CHECK(progress_text("run", p) ==
          "run: 0/10 replications, 78/260 simulated weeks, 0.0 runs/s, 4s left");
  }
  SUBCASE("nothing simulated yet: the time left is unknown") {
    p.runs_done = 0;
    p.simulated_weeks_done = 0;
    CHECK(progress_text("run", p).find("?  left") == std::string::npos);
    CHECK(progress_text("run", p).find(", ? left") != std::string::npos);
  }
}

TEST_CASE("Progress line: a sweep shows points, speed and time left") {
  Progress p;
  p.runs_done = 30;
  p.runs_total = 40;
  p.points_done = 15;
  p.points_total = 20;
  p.elapsed_s = 20;
  CHECK(progress_text("sweep", p) == "sweep: 15/20 points, 1.5 runs/s, 7s left");
}

TEST_CASE("Progress line: times left read as a person would say them") {
  CHECK(format_time_left(0.2) == "under 1s");
  CHECK(format_time_left(42) == "42s");
  CHECK(format_time_left(185) == "3m 05s");
  CHECK(format_time_left(7620) == "2h 07m");
  CHECK(format_time_left(-1) == "?");
}

TEST_CASE("Progress line: into a file, plain lines without escape codes and a last one") {
  std::FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  ProgressLine line("run", file);
  Progress p;
  p.runs_total = 2;
  p.simulated_weeks_total = 4;
  line.draw(p);  // the batch begins: nothing yet
  p.runs_done = 2;
  p.simulated_weeks_done = 4;
  p.elapsed_s = 0.5;
  p.finished = true;
  line.draw(p);
  std::rewind(file);
  char buffer[256] = {};
  const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, file);
  std::fclose(file);
  CHECK(std::string(buffer, n) == "run: 2/2 replications, 4/4 simulated weeks, 4.0 runs/s, done\n");
}

}  // namespace
}  // namespace escalsim::tools
