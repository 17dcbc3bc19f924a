// Engine invariants on every scenario shipped in scenarios/: conservation, Little's law,
// busy time within capacity, a monotone clock.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/scenario.h"

namespace escalsim {
namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> paths;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(ESCALSIM_SOURCE_DIR) + "/scenarios")) {
    // map.yaml: a call log's column map for `escalsim fit` (scenarios/calibration/), not a scenario.
    if (entry.is_regular_file() && entry.path().extension() == ".yaml" &&
        entry.path().filename() != "map.yaml") {
      paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST_CASE("Invariants: hold on every scenario in scenarios/") {
  auto paths = shipped_scenarios();
  REQUIRE(paths.size() >= 4);
  for (const std::string& path : paths) {
    CAPTURE(path);
    Scenario s = load_scenario(path);
    // A shorter horizon keeps the check quick; the invariants do not depend on length.
    if (s.run.horizon > Duration::weeks(12)) s.run.horizon = Duration::weeks(12);
    if (s.run.warmup >= s.run.horizon) s.run.warmup = Duration::weeks(1);
    RunResult r = run_once(s, 0, EngineOptions{.check_invariants = true});

    CHECK(r.invariants.conservation);
    CHECK(r.invariants.clock_monotone);
    CHECK(r.invariants.capacity_respected);
    const ComplaintResult& c = r.complaints;
    CHECK(c.resolved + c.closed_unresolved + c.abandoned + c.refused + c.open_at_end == c.arrived);

    double span_min = (r.measured_to - r.measured_from).in_minutes();
    for (const DeskResult& d : r.desks) {
      CAPTURE(d.name);
      // Little's law: L = lambda W, up to visits straddling the ends of the window.
      if (d.arrivals > 2000 && d.backlog_growth_per_week < 1.0) {
        double lambda_w = d.arrivals / span_min * d.sojourn_mean.in_minutes();
        CHECK(d.mean_in_desk == doctest::Approx(lambda_w).epsilon(0.03));
      }
      // Busy time within capacity: only work in progress past a shift's end (or a window's)
      // may exceed it. An executive's utilisation is its budget used, which a stint or an
      // overrun may take past 1: it must be what the hours say.
      if (d.executive) {
        const ExecutiveResult* e = nullptr;
        for (const ExecutiveResult& x : r.executives) {
          if (x.desk == d.name) e = &x;
        }
        REQUIRE(e != nullptr);
        CHECK(e->window_utilisation <= 2.0);
        if (e->budget_per_week && e->budget > Duration::minutes(0)) {
          CHECK(d.utilisation == doctest::Approx(e->used / e->budget));
        }
      } else {
        CHECK(d.utilisation <= 1.05);
      }
      CHECK(d.served + d.abandoned + d.refused + d.handed_back + d.declined <= d.arrivals + d.backlog_at_end + 1000);
    }
  }
}

}  // namespace
}  // namespace escalsim
