// The `desks:` section: handle-time distributions, desk options and shifts.
#include <array>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "scenario/loader_test_helpers.h"

using namespace escalsim;
using namespace escalsim::loader_test;

TEST_CASE("ScenarioLoader: every handle-time distribution is read by what a user knows") {
  SUBCASE("a bare duration is exponential with that mean") {
    auto d = with_desk("    staff: 1\n    handle_time: 2 h\n").desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kExponential);
    CHECK(d.mean.in_hours() == doctest::Approx(2));
  }
  SUBCASE("exponential") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: exponential, mean: 10 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kExponential);
    CHECK(d.mean.in_minutes() == doctest::Approx(10));
  }
  SUBCASE("fixed") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: fixed, value: 7 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kFixed);
    CHECK(d.mean.in_minutes() == doctest::Approx(7));
  }
  SUBCASE("uniform") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: uniform, min: 5 min, max: 15 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kUniform);
    CHECK(d.low.in_minutes() == doctest::Approx(5));
    CHECK(d.high.in_minutes() == doctest::Approx(15));
    CHECK(d.expected().in_minutes() == doctest::Approx(10));
  }
  SUBCASE("lognormal by mean and sd") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: lognormal, mean: 20 min, sd: 10 min}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kLognormal);
    CHECK(d.mean.in_minutes() == doctest::Approx(20));
    CHECK(d.sd.in_minutes() == doctest::Approx(10));
  }
  SUBCASE("gamma by mean and shape") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: gamma, mean: 1 h, shape: 0.5}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kGamma);
    CHECK(d.mean.in_minutes() == doctest::Approx(60));
    CHECK(d.shape == doctest::Approx(0.5));
  }
  SUBCASE("erlang by mean and k") {
    auto d = with_desk("    staff: 1\n    handle_time: {distribution: erlang, mean: 1 h, k: 3}\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kErlang);
    CHECK(d.shape == 3.0);
    CHECK(d.squared_cv() == doctest::Approx(1.0 / 3));
  }
  SUBCASE("empirical from a list") {
    auto d = with_desk("    staff: 1\n    handle_time:\n      distribution: empirical\n"
                       "      values: [5 min, 10 min, 1 h]\n")
                 .desks[0].handle_time;
    CHECK(d.kind == Distribution::Kind::kEmpirical);
    REQUIRE(d.values.size() == 3);
    CHECK(d.values[2].in_minutes() == doctest::Approx(60));
    CHECK(d.expected().in_minutes() == doctest::Approx(25));
  }
}

TEST_CASE("ScenarioLoader: desk options patience, resolution, discipline and queue limit") {
  SUBCASE("patience as a distribution") {
    auto desk = with_desk("    staff: 1\n    handle_time: 5 min\n    patience: 2 h\n").desks[0];
    REQUIRE(desk.patience.has_value());
    CHECK(desk.patience->mean.in_hours() == doctest::Approx(2));
  }
  SUBCASE("patience none") {
    auto desk = with_desk("    staff: 1\n    handle_time: 5 min\n    patience: none\n").desks[0];
    CHECK_FALSE(desk.patience.has_value());
  }
  SUBCASE("resolution per severity") {
    auto desk = with_desk("    staff: 1\n    handle_time: 5 min\n"
                          "    resolution: {minor: 0.9, moderate: 0.8, serious: 0.6, critical: 0.4}\n")
                    .desks[0];
    CHECK(desk.resolution_probability[0] == doctest::Approx(0.9));
    CHECK(desk.resolution_probability[3] == doctest::Approx(0.4));
  }
  SUBCASE("disciplines") {
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    discipline: priority\n").desks[0].discipline ==
          QueueDiscipline::kPriorityBySeverity);
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    discipline: oldest_first\n").desks[0].discipline ==
          QueueDiscipline::kOldestFirst);
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    discipline: fifo\n").desks[0].discipline ==
          QueueDiscipline::kFifo);
  }
  SUBCASE("queue limit, including 0 waiting places") {
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    queue_limit: 100\n").desks[0].queue_limit == 100);
    CHECK(with_desk("    staff: 1\n    handle_time: 5 min\n    queue_limit: 0\n").desks[0].queue_limit == 0);
    CHECK_FALSE(with_desk("    staff: 1\n    handle_time: 5 min\n    queue_limit: none\n").desks[0].queue_limit);
  }
}

TEST_CASE("ScenarioLoader: shifts give days, times of day and staff") {
  auto desk = with_desk(R"(    handle_time: 5 min
    shifts:
      - {days: mon-fri, from: "09:00", to: "17:00", staff: 12}
      - {days: sat, from: "10:00", to: "24:00", staff: 2}
      - {days: [mon, wed], from: "7:30", to: "09:00", staff: 1}
)").desks[0];
  REQUIRE(desk.shifts.size() == 3);
  CHECK(desk.shifts[0].days == std::array<bool, 7>{true, true, true, true, true, false, false});
  CHECK(desk.shifts[0].from.in_hours() == doctest::Approx(9));
  CHECK(desk.shifts[0].to.in_hours() == doctest::Approx(17));
  CHECK(desk.shifts[0].staff == 12);
  CHECK(desk.shifts[1].days == std::array<bool, 7>{false, false, false, false, false, true, false});
  CHECK(desk.shifts[1].to.in_hours() == doctest::Approx(24));
  CHECK(desk.shifts[2].days == std::array<bool, 7>{true, false, true, false, false, false, false});
  CHECK(desk.shifts[2].from.in_minutes() == doctest::Approx(450));
}
