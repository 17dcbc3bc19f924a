// Tests of RunStatistics' series and fixed-bin counts (queue samples, the executive's weeks,
// the distributions), fed by hand-scripted callbacks with hand-computed results.
#include "recorders/run_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/duration_bins.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::fixed;
using testing::ScenarioBuilder;


// A staff desk and an executive desk with 2 h a week.
Scenario two_desks() {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(2);
  return ScenarioBuilder("stats")
      .desk("frontline", 2, fixed(Duration::minutes(10)))
      .desk("ceo", 1, fixed(Duration::minutes(30)))
      .executive(budget)
      .build();
}

Complaint measured_complaint(double arrived_min) {
  Complaint c;
  c.arrived_min = arrived_min;
  c.measured = true;
  return c;
}

std::int64_t sum(const DurationBinCounts& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
}

TEST_CASE("duration_bin: zero alone, then half-open bins up to two weeks and beyond") {
  CHECK(kDurationBinCount == 15);
  CHECK(duration_bin(0.0) == 0);
  CHECK(duration_bin(-1e-9) == 0);
  CHECK(duration_bin(1e-9) == 1);
  CHECK(duration_bin(0.5) == 1);
  CHECK(duration_bin(1.0) == 2);       // [1, 5)
  CHECK(duration_bin(4.999) == 2);
  CHECK(duration_bin(5.0) == 3);       // [5, 15)
  CHECK(duration_bin(59.9) == 5);      // [30, 60)
  CHECK(duration_bin(1440.0) == 10);   // [1440, 2880)
  CHECK(duration_bin(20159.9) == 13);  // [10080, 20160)
  CHECK(duration_bin(20160.0) == 14);  // [20160, inf)
  CHECK(duration_bin(1e9) == 14);
  // Bin i >= 1 starts at edge i - 1: every edge but 0 opens the bin after it.
  for (std::size_t i = 1; i < kDurationBinEdgesMin.size(); ++i) {
    CAPTURE(i);
    CHECK(duration_bin(kDurationBinEdgesMin[i]) == i + 1);
  }
}

TEST_CASE("duration_bin: the bin of every duration is the count of edges at or below it") {
  // The independent definition: bin i >= 1 holds [edge i-1, edge i); count with a search.
  auto counted = [](double minutes) -> std::size_t {
    if (!(minutes > 0.0)) return 0;
    return static_cast<std::size_t>(std::upper_bound(kDurationBinEdgesMin.begin() + 1,
                                                     kDurationBinEdgesMin.end(), minutes) -
                                    kDurationBinEdgesMin.begin());
  };
  std::vector<double> durations = {std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::denorm_min(), 1e300};
  for (double edge : kDurationBinEdgesMin) {  // each edge, its neighbours, its octave's ends
    for (double x : {edge, std::nextafter(edge, 0.0), std::nextafter(edge, 1e9)}) {
      durations.push_back(x);
    }
    if (edge > 0) {
      const double octave = std::exp2(std::floor(std::log2(edge)));
      durations.insert(durations.end(), {octave, std::nextafter(octave, 0.0),
                                         std::nextafter(2 * octave, 0.0), 2 * octave});
    }
  }
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> log_minutes(-10.0, 20.0);
  for (int k = 0; k < 200000; ++k) durations.push_back(std::exp(log_minutes(rng)));
  int wrong = 0;
  double first_wrong = 0.0;
  for (double x : durations) {
    if (duration_bin(x) == counted(x)) continue;
    if (wrong++ == 0) first_wrong = x;
  }
  CAPTURE(first_wrong);
  CHECK(wrong == 0);
}

TEST_CASE("RunStatistics: queue samples are the waiting levels at the moment of the backlog sample") {
  const Scenario s = two_desks();
  RunStatistics stats(s);
  stats.on_measuring_start(0.0);
  stats.on_levels(0, 0.0, DeskLevels{0, 1, 2, true});
  stats.on_backlog_sample(0.0, {1, 0});
  stats.on_levels(0, 3.0, DeskLevels{4, 2, 2, true});
  stats.on_levels(1, 4.0, DeskLevels{2, 1, 1, true});
  stats.on_levels(0, 5.0, DeskLevels{3, 2, 2, true});  // the level that counts at 10
  stats.on_backlog_sample(10.0, {5, 3});
  stats.on_levels(1, 12.0, DeskLevels{0, 0, 1, true});
  stats.on_backlog_sample(20.0, {5, 0});
  RunResult r = stats.finish(20.0, {5, 0});

  using Series = std::vector<std::vector<std::int32_t>>;
  CHECK(r.backlog.by_desk == Series{{1, 5, 5}, {0, 3, 0}});
  CHECK(r.backlog.queue_by_desk == Series{{0, 3, 3}, {0, 2, 0}});
}

TEST_CASE("RunStatistics: waits and times to resolution are counted in the fixed bins") {
  const Scenario s = two_desks();
  RunStatistics stats(s);
  Complaint minor, serious;
  minor.severity = Severity::kMinor;
  serious.severity = Severity::kSerious;
  stats.on_wait_end(minor, 0, 7.0, true);  // before the warm-up ends: not counted
  stats.on_measuring_start(100.0);
  for (double wait : {0.0, 0.5, 1.0, 1.0, 20160.0}) stats.on_wait_end(minor, 0, wait, true);
  stats.on_wait_end(serious, 1, 0.0, false);
  // Resolved after 0, 4 and 90 min; one closed unresolved (no time to resolution).
  stats.on_complaint_end(measured_complaint(100.0), FinalState::kResolved, 100.0);
  stats.on_complaint_end(measured_complaint(100.0), FinalState::kResolved, 104.0);
  stats.on_complaint_end(measured_complaint(110.0), FinalState::kResolved, 200.0);
  stats.on_complaint_end(measured_complaint(110.0), FinalState::kClosedUnresolved, 300.0);
  RunResult r = stats.finish(1000.0, {0, 0});

  const DurationBinCounts& frontline = r.desks[0].wait_bins;
  CHECK(frontline == DurationBinCounts{1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  CHECK(sum(frontline) == r.desks[0].wait.count);
  CHECK(r.desks[1].wait_bins == DurationBinCounts{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(sum(r.desks[1].wait_bins) == r.desks[1].wait.count);

  const DurationBinCounts& ttr = r.complaints.time_to_resolution_bins;
  CHECK(ttr == DurationBinCounts{1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(sum(ttr) == r.complaints.time_to_resolution.count);
}

TEST_CASE("RunStatistics: the executive's charges are counted by calendar week") {
  const Scenario s = two_desks();
  RunStatistics stats(s);
  stats.on_executive_charge(1, 100.0, 60.0, 0.0);  // warm-up: not counted
  // The warm-up ends mid week 1: that week counts only what was charged after it.
  stats.on_measuring_start(1.5 * kWeekMin);
  stats.on_executive_charge(1, 1.6 * kWeekMin, 30.0, 0.0);
  stats.on_executive_charge(1, 1.7 * kWeekMin, 45.0, 15.0);
  // Nothing in week 2; week 3 starts exactly at 3 weeks and counts in week 3.
  stats.on_executive_charge(1, 3.0 * kWeekMin, 20.0, 0.0);
  SUBCASE("a run ending mid week lists the week it ends in") {
    stats.on_executive_charge(1, 4.2 * kWeekMin, 10.0, 0.0);
    RunResult r = stats.finish(4.5 * kWeekMin, {0, 0});
    REQUIRE(r.executives.size() == 1);
    const ExecutiveResult& e = r.executives[0];
    CHECK(e.first_week == 1);
    REQUIRE(e.used_by_week.size() == 4);
    CHECK(e.used_by_week[0].in_minutes() == 75.0);
    CHECK(e.used_by_week[1].in_minutes() == 0.0);
    CHECK(e.used_by_week[2].in_minutes() == 20.0);
    CHECK(e.used_by_week[3].in_minutes() == 10.0);
    CHECK(e.items_by_week == std::vector<std::int64_t>{2, 0, 1, 1});
    CHECK(e.used.in_minutes() == 105.0);
    CHECK(e.items == 4);
    REQUIRE(e.budget_per_week.has_value());
    CHECK(e.budget_per_week->in_hours() == 2.0);
  }
  SUBCASE("a charge at the very end of a run ending on a week boundary counts in the last week") {
    stats.on_executive_charge(1, 4.0 * kWeekMin, 10.0, 0.0);
    RunResult r = stats.finish(4.0 * kWeekMin, {0, 0});
    const ExecutiveResult& e = r.executives.at(0);
    CHECK(e.first_week == 1);
    REQUIRE(e.used_by_week.size() == 3);  // weeks 1, 2 and 3
    CHECK(e.used_by_week[2].in_minutes() == 30.0);
    CHECK(e.items_by_week == std::vector<std::int64_t>{2, 0, 2});
    CHECK(e.used.in_minutes() == 105.0);
  }
  SUBCASE("a week with no charges at the end is still listed") {
    RunResult r = stats.finish(5.5 * kWeekMin, {0, 0});
    const ExecutiveResult& e = r.executives.at(0);
    CHECK(e.items_by_week == std::vector<std::int64_t>{2, 0, 1, 0, 0});
    CHECK(e.used_by_week.size() == 5);
  }
}

TEST_CASE("RunStatistics: an executive with only an items-per-month budget has no weekly budget") {
  ExecutiveBudget budget;
  budget.items_per_month = 4;
  const Scenario s = ScenarioBuilder("items").desk("ceo", 1, fixed(Duration::minutes(30)))
                         .executive(budget).build();
  RunStatistics stats(s);
  stats.on_measuring_start(0.0);
  RunResult r = stats.finish(2 * kWeekMin, {0});
  const ExecutiveResult& e = r.executives.at(0);
  CHECK_FALSE(e.budget_per_week.has_value());
  CHECK(e.first_week == 0);
  CHECK(e.items_by_week == std::vector<std::int64_t>{0, 0});
}

}  // namespace
}  // namespace escalsim
