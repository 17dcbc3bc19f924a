// What is still open at the horizon, read as a client reads workshop step 4 (the open
// inbox that builds a silo): the CEO's unserved backlog is reported with its age, and the
// customer model counts it, instead of leaving it out of every figure.
#include <cstdint>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "escalsim/experiment.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;

double extra(const RunResult& run, const std::string& scope, const std::string& name) {
  for (const Metric& m : run.extra) {
    if (m.scope == scope && m.name == name) return m.value;
  }
  FAIL("no metric " << scope << " " << name);
  return 0.0;
}

TEST_CASE("Open backlog: the silo's unserved complaints are reported and counted") {
  const Scenario scenario = load_scenario(
      (fs::path(ESCALSIM_SOURCE_DIR) / "scenarios" / "workshop" / "04-open-inbox.yaml").string());
  ExperimentOptions options;
  options.replications = 3;
  const ExperimentResult result = run_experiment(scenario, options);
  REQUIRE(result.runs.size() == 3);

  for (const RunResult& run : result.runs) {
    CAPTURE(run.replication);
    {  // every complaint at a desk at the horizon has an age, and only those
      for (const DeskResult& d : run.desks) {
        CAPTURE(d.name);
        CHECK(d.open_age.count == d.backlog_at_end);
      }
      CHECK(run.complaints.open_age.count == run.complaints.open_at_end);
    }
    {  // at the CEO, the typical complaint still waiting is older than the typical wait served
      const DeskResult* ceo = nullptr;
      for (const DeskResult& d : run.desks) {
        if (d.executive) ceo = &d;
      }
      REQUIRE(ceo != nullptr);
      REQUIRE(ceo->backlog_at_end > 20);  // the silo the step teaches
      CHECK(ceo->open_age.p50.in_minutes() > ceo->wait.p50.in_minutes());
    }
    {  // the customer model counts what ended plus the old open ones, by its rule
      const ComplaintResult& c = run.complaints;
      const std::int64_t ended = c.resolved + c.closed_unresolved + c.abandoned + c.refused;
      const double counted = extra(run, "customers", "open_counted_unresolved");
      CHECK(counted > 0.0);
      CHECK(counted <= static_cast<double>(c.open_at_end));
      CHECK(extra(run, "customers", "complaints") == static_cast<double>(ended) + counted);
    }
  }
}

}  // namespace
}  // namespace escalsim
