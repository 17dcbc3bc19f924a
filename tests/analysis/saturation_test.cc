// Tests for saturation(): the demand multiple at which each desk saturated in a scale study,
// beside the traffic equations' prediction, on sweep results built by hand.
#include "analysis/saturation.h"

#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/analysis.h"
#include "escalsim/sweep.h"
#include "sweep_fixture.h"

namespace escalsim {
namespace {

using testing::sweep_estimate;
using testing::sweep_figure;
using testing::sweep_result;
using testing::sweep_scenario;

const Saturation& of(const std::vector<Saturation>& rows, const std::string& desk) {
  for (const Saturation& s : rows) {
    if (s.desk == desk) return s;
  }
  FAIL("no saturation row for ", desk);
  return rows.front();
}

}  // namespace

TEST_CASE("saturation: the first swept multiple at which a desk saturated, beside 1 / load") {
  const Scenario scenario = sweep_scenario();
  SweepResult result = sweep_result(scenario, 2);

  SUBCASE("one row per desk of the scenario, in scenario order") {
    const std::vector<Saturation> rows = saturation(scenario, result);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].desk == "frontline");
    CHECK(rows[1].desk == "specialists");
    CHECK(rows[2].desk == "ceo");
  }
  SUBCASE("a desk busy 99.9% of the time at 4x saturates at 4x; its load 0.3 predicts 1/0.3") {
    const std::vector<Saturation> s_rows = saturation(scenario, result);
    const Saturation& s = of(s_rows, "frontline");
    CHECK(s.simulated_multiple == 4.0);
    CHECK(s.predicted_multiple == doctest::Approx(1.0 / 0.3));
  }
  SUBCASE("a desk that never saturates in the sweep reads 0; its prediction is 1 / its load") {
    const std::vector<Saturation> s_rows = saturation(scenario, result);
    const Saturation& s = of(s_rows, "specialists");
    CHECK(s.simulated_multiple == 0.0);
    const double load = predict(scenario).desks[1].load;
    REQUIRE(load > 0.0);
    CHECK(s.predicted_multiple == doctest::Approx(1.0 / load));
  }
  SUBCASE("other parameters are read at their first value") {
    // The second budget saturates frontline at 2x already (points 3 to 5): not read.
    CHECK(of(saturation(scenario, result), "frontline").simulated_multiple == 4.0);
    // At the first budget, saturation at 2x counts.
    sweep_estimate(result.points[1], "desk:frontline", "utilisation").mean = 0.985;
    CHECK(of(saturation(scenario, result), "frontline").simulated_multiple == 2.0);
  }
  SUBCASE("a backlog that grows beyond its interval saturates the desk, however idle") {
    // 20 ± 5 per week over 10 measured weeks adds 200 complaints: growing.
    Estimate& growth = sweep_estimate(result.points[1], "desk:specialists",
                                      "backlog_growth_per_week");
    growth.mean = 20.0;
    growth.half_width = 5.0;
    CHECK(of(saturation(scenario, result), "specialists").simulated_multiple == 2.0);
  }
  SUBCASE("a slope within its interval of zero is noise") {
    Estimate& growth = sweep_estimate(result.points[2], "desk:specialists",
                                      "backlog_growth_per_week");
    growth.mean = 20.0;
    growth.half_width = 25.0;
    CHECK(of(saturation(scenario, result), "specialists").simulated_multiple == 0.0);
  }
  SUBCASE("a slope that adds less than 10 complaints over the span is noise") {
    Estimate& growth = sweep_estimate(result.points[2], "desk:specialists",
                                      "backlog_growth_per_week");
    growth.mean = 0.5;  // 5 complaints over 10 weeks
    growth.half_width = 0.1;
    CHECK(of(saturation(scenario, result), "specialists").simulated_multiple == 0.0);
  }
  SUBCASE("points come in any order; the smallest saturated multiple wins") {
    std::swap(result.points[0], result.points[2]);
    sweep_estimate(result.points[1], "desk:frontline", "utilisation").mean = 0.99;  // 2x
    CHECK(of(saturation(scenario, result), "frontline").simulated_multiple == 2.0);
  }
  SUBCASE("a desk no demand reaches is predicted never to saturate") {
    // Demand alone swept, so the prediction reads the scenario as given (no file to re-read).
    Scenario idle = scenario;
    idle.sweep->parameters.erase(idle.sweep->parameters.begin());
    for (PointResult& p : result.points) p.point.settings.erase(p.point.settings.begin());
    idle.routes.clear();
    CHECK(std::isinf(of(saturation(idle, result), "specialists").predicted_multiple));
  }
  SUBCASE("a sweep without a demand multiplier is not a scale study") {
    Scenario budget_only = scenario;
    budget_only.sweep->parameters.pop_back();
    for (PointResult& p : result.points) p.point.settings.pop_back();
    CHECK(saturation(budget_only, result).empty());
  }
}

TEST_CASE("saturation: predicted at the values of the other parameters the simulation reads") {
  // frontline: 0.3 complaints an hour of 1 h each over `staff`: load 0.3 / staff at 1x, so
  // it saturates at staff / 0.3 times the demand. The file says 1 staff (3.33x); the sweep
  // reads its first staff value, and so must the prediction.
  const auto sweep_over = [](const std::string& staff_values) {
    const Scenario s = load_scenario_text(
        std::string(testing::kSweepScenarioText) +
            "sweep:\n  parameters:\n    desks.frontline.staff: " + staff_values +
            "\n    demand_multiplier: [1, 2, 4]\n",
        "staff-by-demand.yaml");
    SweepResult r;
    for (const SweepPoint& point : s.sweep->points) {
      r.points.push_back(PointResult{point, {}, {}, {}});
    }
    r.complete = true;
    return of(saturation(s, r), "frontline").predicted_multiple;
  };
  CHECK(sweep_over("[2, 4]") == doctest::Approx(2.0 / 0.3));
  CHECK(sweep_over("[4, 2]") == doctest::Approx(4.0 / 0.3));
  CHECK(sweep_over("[1, 4]") == doctest::Approx(1.0 / 0.3));
}

TEST_CASE("saturation: the shared rule for a saturated desk") {
  SUBCASE("utilisation of 98% or more") {
    const Estimate busy = sweep_figure("desk:a", "utilisation", 0.98, 0.01, 3);
    const Estimate nearly = sweep_figure("desk:a", "utilisation", 0.979, 0.01, 3);
    CHECK(detail::utilisation_saturated(&busy));
    CHECK_FALSE(detail::utilisation_saturated(&nearly));
    CHECK_FALSE(detail::utilisation_saturated(nullptr));
  }
  SUBCASE("growth beyond its interval, and beyond the desk's own level over the span") {
    const Estimate growth = sweep_figure("desk:a", "backlog_growth_per_week", 3.0, 1.0, 3);
    CHECK(detail::backlog_grows(&growth, 2.0, 10.0));         // 30 > max(10, 2)
    CHECK_FALSE(detail::backlog_grows(&growth, 40.0, 10.0));  // 30 < the mean level 40
    CHECK_FALSE(detail::backlog_grows(&growth, 2.0, 3.0));    // 9 < 10
    CHECK_FALSE(detail::backlog_grows(nullptr, 2.0, 10.0));
    // One replication: no interval, the mean decides.
    const Estimate single = sweep_figure("desk:a", "backlog_growth_per_week", 3.0, 5.0, 1);
    CHECK(detail::backlog_grows(&single, 2.0, 10.0));
  }
  SUBCASE("demand multiples as written in a sweep") {
    CHECK(detail::parse_multiple("2") == 2.0);
    CHECK(detail::parse_multiple(" 0.25 ") == 0.25);
    CHECK(detail::parse_multiple("16x") == 16.0);
    CHECK(detail::parse_multiple("4 x") == 4.0);
    CHECK_FALSE(detail::parse_multiple("twice").has_value());
    CHECK_FALSE(detail::parse_multiple("").has_value());
  }
}

}  // namespace escalsim
