// The service recorder, fed by hand: every figure against a hand count.
#include "recorders/service_recorder.h"

#include <string>

#include <doctest/doctest.h>

#include "escalsim/metric_names.h"
#include "escalsim/units.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::ScenarioBuilder;

double figure(const RunResult& run, const std::string& scope, const std::string& name) {
  for (const Metric& m : run.extra) {
    if (m.scope == scope && m.name == name) return m.value;
  }
  FAIL("no figure " << scope << " " << name);
  return 0.0;
}

bool has_figure(const RunResult& run, const std::string& scope, const std::string& name) {
  for (const Metric& m : run.extra) {
    if (m.scope == scope && m.name == name) return true;
  }
  return false;
}

// Two desks, two channels, one stream; the scenario's target 1 min, the back office's own
// 10 min and 1 h, the phone channel's own 20 s.
Scenario two_desks() {
  Scenario s = ScenarioBuilder("service")
                   .desk("front", 1, testing::exponential(Duration::minutes(5)))
                   .desk("back", 1, testing::exponential(Duration::minutes(5)))
                   .demand("front", Rate::per_hour(1))
                   .build();
  s.channels = {"email", "phone"};
  s.demand[0].channel_share = {0.5, 0.5};
  s.service_level = {Duration::minutes(1)};
  s.desks[1].service_level = {Duration::minutes(10), Duration::hours(1)};
  s.channel_service_level = {{}, {Duration::seconds(20)}};
  return s;
}

Complaint visit(double arrived_min, std::uint8_t channel, std::uint32_t visits) {
  Complaint c;
  c.arrived_min = arrived_min;
  c.desk_arrived_min = arrived_min;
  c.desk_arrived_hour = static_cast<std::uint8_t>(hour_of_week(arrived_min));
  c.channel = channel;
  c.visits = visits;
  return c;
}

}  // namespace

TEST_CASE("ServiceRecorder: shares within targets, speed of answer and abandonment by hand") {
  const Scenario s = two_desks();
  ServiceRecorder rec(s);
  rec.on_measuring_start(0.0);
  // Front desk, first visits: answered after 0.5, 2 and 0 min; one abandons after 3 min;
  // one refused.
  const Complaint a = visit(10, 1, 1), b = visit(70, 0, 1), c = visit(130, 1, 1),
                  d = visit(200, 0, 1), e = visit(300, 1, 1);
  for (const Complaint* x : {&a, &b, &c, &d, &e}) rec.on_desk_arrival(*x, 0, ArrivalWay::kDemand);
  rec.on_wait_end(a, 0, 0.5, true);
  rec.on_wait_end(b, 0, 2.0, true);
  rec.on_wait_end(c, 0, 0.0, true);
  rec.on_wait_end(d, 0, 3.0, false);
  rec.on_visit_end(e, 0, VisitEnd::kRefused, false, 0.0);
  // Back desk, second visits (not in channel figures): answered after 5 and 30 min.
  const Complaint f = visit(400, 1, 2), g = visit(500, 0, 2);
  rec.on_desk_arrival(f, 1, ArrivalWay::kDemand);
  rec.on_desk_arrival(g, 1, ArrivalWay::kDemand);
  rec.on_wait_end(f, 1, 5.0, true);
  rec.on_wait_end(g, 1, 30.0, true);

  RunResult run;
  run.desks.resize(2);
  run.desks[0].wait_mean_by_severity[2] = Duration::minutes(7);
  rec.add_results(run);

  SUBCASE("a desk: answered within the scenario's target over answered + abandoned") {
    CHECK(figure(run, "desk:front", "answered") == 3);
    CHECK(figure(run, "desk:front", "service_level_1min") == doctest::Approx(2.0 / 4.0));
    CHECK(figure(run, "desk:front", "speed_of_answer_min") == doctest::Approx(2.5 / 3.0));
    CHECK(figure(run, "desk:front", "abandonment") == doctest::Approx(1.0 / 4.0));
    CHECK_FALSE(has_figure(run, "desk:front", "service_level_10min"));
  }
  SUBCASE("a desk with its own targets uses them, not the scenario's") {
    CHECK(figure(run, "desk:back", "service_level_10min") == doctest::Approx(0.5));
    CHECK(figure(run, "desk:back", "service_level_1h") == doctest::Approx(1.0));
    CHECK_FALSE(has_figure(run, "desk:back", "service_level_1min"));
    CHECK(figure(run, "desk:back", "speed_of_answer_min") == doctest::Approx(17.5));
    CHECK(figure(run, "desk:back", "abandonment") == 0.0);
  }
  SUBCASE("channels count first visits only; refusals apart") {
    // phone: a (0.5 min), c (0 min) answered, e refused.
    CHECK(figure(run, "channel:phone", "arrivals") == 3);
    CHECK(figure(run, "channel:phone", "refused") == 1);
    CHECK(figure(run, "channel:phone", "answered") == 2);
    CHECK(figure(run, "channel:phone", "service_level_20s") == doctest::Approx(0.5));
    CHECK(figure(run, "channel:phone", "abandonment") == 0.0);
    // email: b answered after 2 min, d abandoned after 3: the scenario's 1 min target.
    CHECK(figure(run, "channel:email", "service_level_1min") == 0.0);
    CHECK(figure(run, "channel:email", "abandonment") == doctest::Approx(0.5));
    CHECK(figure(run, "channel:email", "wait_mean_min") == doctest::Approx(2.5));
    CHECK(figure(run, "channel:email", "speed_of_answer_min") == doctest::Approx(2.0));
  }
  SUBCASE("streams: every first visit") {
    CHECK(figure(run, "stream:demand", "arrivals") == 5);
    CHECK(figure(run, "stream:demand", "abandoned") == 1);
    CHECK(figure(run, "stream:demand", "service_level_1min") == doctest::Approx(2.0 / 4.0));
  }
  SUBCASE("waits by severity come from the desk's figures") {
    CHECK(figure(run, "desk:front", "wait_mean_min_serious") == 7.0);
    CHECK(figure(run, "desk:front", "wait_mean_min_minor") == 0.0);
  }
  SUBCASE("hour of the week: in the bin of the arrival at the desk") {
    REQUIRE(run.by_hour_of_week.size() == 3);
    CHECK(run.by_hour_of_week[0].scope == "complaints");
    CHECK(run.by_hour_of_week[1].scope == "desk:front");
    const HourOfWeekCounts& front = run.by_hour_of_week[1];
    CHECK(front.arrivals[0] == 1);   // 10 min
    CHECK(front.arrivals[1] == 1);   // 70 min
    CHECK(front.arrivals[2] == 1);   // 130 min
    CHECK(front.arrivals[3] == 1);   // 200 min
    CHECK(front.arrivals[5] == 1);   // 300 min, refused
    CHECK(front.abandoned[3] == 1);
    CHECK(front.answered[1] == 1);
    CHECK(front.wait_sum_min[1] == 2.0);
    CHECK(run.by_hour_of_week[2].arrivals[6] == 1);  // back desk, 400 min
    CHECK(run.by_hour_of_week[0].arrivals[6] == 0);  // a second visit is not a complaint's first
  }
}

TEST_CASE("ServiceRecorder: the hour of the week wraps at Monday 00:00") {
  const Scenario s = two_desks();
  ServiceRecorder rec(s);
  rec.on_measuring_start(0.0);
  const Complaint sunday_late = visit(kWeekMin - 1.0, 0, 1);
  const Complaint next_monday = visit(kWeekMin + 61.0, 0, 1);
  rec.on_desk_arrival(sunday_late, 0, ArrivalWay::kDemand);
  rec.on_desk_arrival(next_monday, 0, ArrivalWay::kDemand);
  RunResult run;
  run.desks.resize(2);
  rec.add_results(run);
  CHECK(run.by_hour_of_week[1].arrivals[167] == 1);
  CHECK(run.by_hour_of_week[1].arrivals[1] == 1);
}

TEST_CASE("ServiceRecorder: visits that arrived in the warm-up are not counted") {
  const Scenario s = two_desks();
  ServiceRecorder rec(s);
  const Complaint early = visit(10, 0, 1);
  rec.on_desk_arrival(early, 0, ArrivalWay::kDemand);
  rec.on_measuring_start(60.0);
  rec.on_wait_end(early, 0, 55.0, true);  // its wait ended after the warm-up, but it arrived before
  const Complaint late = visit(90, 0, 1);
  rec.on_desk_arrival(late, 0, ArrivalWay::kDemand);
  rec.on_wait_end(late, 0, 0.25, true);
  RunResult run;
  run.desks.resize(2);
  rec.add_results(run);
  CHECK(figure(run, "desk:front", "answered") == 1);
  CHECK(figure(run, "desk:front", "speed_of_answer_min") == doctest::Approx(0.25));
  CHECK(figure(run, "stream:demand", "arrivals") == 1);
}

TEST_CASE("service_level_label: the largest unit that divides the target") {
  CHECK(metric::service_level_label(Duration::seconds(20).in_minutes()) == "20s");
  CHECK(metric::service_level_label(Duration::seconds(60).in_minutes()) == "1min");
  CHECK(metric::service_level_label(Duration::seconds(90).in_minutes()) == "90s");
  CHECK(metric::service_level_label(Duration::minutes(120).in_minutes()) == "2h");
  CHECK(metric::service_level_label(Duration::days(5).in_minutes()) == "5d");
  CHECK(metric::service_level_label(Duration::seconds(0.5).in_minutes()).empty());
}

}  // namespace escalsim
