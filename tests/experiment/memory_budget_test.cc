// Memory bounded whatever the thread count: fewer runs in flight, never a different figure.
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

TEST_CASE("Memory budget: the runs in flight are the threads while their caps fit") {
  constexpr std::int64_t kCap = 5'000'000;
  const std::int64_t one_run = kCap * kBytesPerComplaint;
  CHECK(runs_in_flight(8, kCap, 100 * one_run) == 8);
  SUBCASE("fewer when they would not fit") {
    CHECK(runs_in_flight(8, kCap, 3 * one_run) == 3);
    CHECK(runs_in_flight(8, kCap, 3 * one_run + one_run / 2) == 3);
  }
  SUBCASE("never fewer than one, even when one run alone is over the budget") {
    CHECK(runs_in_flight(8, kCap, 1) == 1);
  }
  SUBCASE("0 threads: every core, within the budget") {
    CHECK(runs_in_flight(0, kCap, 1) == 1);
    CHECK(runs_in_flight(0, kCap, 1000 * one_run) >= 1);
  }
  SUBCASE("no budget given: the default, which is positive") {
    CHECK(default_memory_budget() > 0);
    CHECK(runs_in_flight(2, kCap, 0) >= 1);
  }
  SUBCASE("a huge cap does not overflow") {
    CHECK(runs_in_flight(4, std::int64_t{1} << 62, 1000 * one_run) == 1);
  }
}

TEST_CASE("Memory budget: a budget for one run at a time changes no byte of the output") {
  const Scenario s = ScenarioBuilder("budget").horizon(Duration::weeks(3)).seed(12)
                         .desk("frontline", 3, exponential(Duration::minutes(20)))
                         .demand("frontline", Rate::per_hour(8.8))
                         .build();
  const auto outputs = [&s](int threads, std::int64_t budget) {
    ExperimentOptions options;
    options.replications = 5;
    options.threads = threads;
    options.memory_budget_bytes = budget;
    options.engine.max_in_system = 40;  // hit by some replications: they stop early
    const ExperimentResult result = run_experiment(s, options);
    std::ostringstream json;
    write_json(json, result, find_findings(result));
    return json.str();
  };
  const std::string free = outputs(4, 0);
  CHECK(free.find("\"stopped_early\": true") != std::string::npos);
  CHECK(outputs(4, 1) == free);
  CHECK(outputs(1, 0) == free);
}

}  // namespace
}  // namespace escalsim
