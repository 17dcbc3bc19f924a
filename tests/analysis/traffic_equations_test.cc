// Tests for the traffic equations: predicted arrivals, load and bottleneck, against
// answers worked out by hand.
#include "analysis/traffic_equations.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "escalsim/analysis.h"
#include "escalsim/engine.h"
#include "escalsim/scenario.h"
#include "testutil.h"

namespace escalsim {
namespace {

// One demand stream of `rate_per_hour` entering the first desk.
class NetworkBuilder {
 public:
  explicit NetworkBuilder(double rate_per_hour) {
    DemandStream d;
    d.name = "demand";
    d.rate = Rate::per_hour(rate_per_hour);
    scenario_.demand.push_back(d);
  }
  NetworkBuilder& desk(const std::string& name, int staff, Duration handle_time,
                       double resolve = 1.0) {
    Desk desk;
    desk.name = name;
    desk.staff = staff;
    desk.handle_time.mean = handle_time;
    desk.resolution_probability.fill(resolve);
    scenario_.desks.push_back(desk);
    return *this;
  }
  NetworkBuilder& route(const std::string& from, const std::string& to, RouteCondition when,
                        double p) {
    Route r;
    r.from = scenario_.desk_index(from);
    r.to = to == "exit" ? kExit : scenario_.desk_index(to);
    r.condition = when;
    r.probability = p;
    scenario_.routes.push_back(r);
    return *this;
  }
  Route& last_route() { return scenario_.routes.back(); }
  Desk& last_desk() { return scenario_.desks.back(); }
  Scenario& scenario() { return scenario_; }

 private:
  Scenario scenario_;
};

const DeskPrediction& desk_of(const Prediction& p, const std::string& name) {
  for (const DeskPrediction& d : p.desks) {
    if (d.desk == name) return d;
  }
  FAIL("no desk " << name);
  return p.desks.front();
}

bool has_note_containing(const Prediction& p, const std::string& text) {
  return std::any_of(p.notes.begin(), p.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("Traffic equations: a 3-desk chain thins out by its route probabilities") {
  // 10 per hour; frontline resolves 80%, the rest go to specialists; a quarter of those
  // go on to the CEO.
  NetworkBuilder b(10.0);
  b.desk("frontline", 5, Duration::minutes(20), 0.8)
      .desk("specialists", 2, Duration::hours(1))
      .desk("ceo", 1, Duration::minutes(30));
  b.route("frontline", "specialists", RouteCondition::kUnresolved, 1.0);
  b.route("specialists", "ceo", RouteCondition::kAlways, 0.25);
  Prediction p = predict(b.scenario());
  REQUIRE(p.desks.size() == 3);

  CHECK(desk_of(p, "frontline").arrival_rate_per_hour == doctest::Approx(10.0));
  CHECK(desk_of(p, "specialists").arrival_rate_per_hour == doctest::Approx(2.0));
  CHECK(desk_of(p, "ceo").arrival_rate_per_hour == doctest::Approx(0.5));

  CHECK(desk_of(p, "frontline").offered_hours_per_hour == doctest::Approx(10.0 / 3.0));
  CHECK(desk_of(p, "frontline").capacity_hours_per_hour == doctest::Approx(5.0));
  CHECK(desk_of(p, "frontline").load == doctest::Approx(2.0 / 3.0));
  CHECK(desk_of(p, "specialists").load == doctest::Approx(1.0));
  CHECK(desk_of(p, "ceo").load == doctest::Approx(0.25));
  CHECK(p.bottleneck == 1);
  CHECK(std::all_of(p.desks.begin(), p.desks.end(), [](const DeskPrediction& d) {
    return d.reachable;
  }));
  CHECK(has_note_containing(p, "abandonment"));
}

TEST_CASE("Traffic equations: a desk that returns complaints to itself sees 1/(1-p) times") {
  NetworkBuilder b(10.0);
  b.desk("frontline", 20, Duration::hours(1)).route("frontline", "frontline",
                                                    RouteCondition::kAlways, 0.2);
  Prediction p = predict(b.scenario());
  CHECK(p.desks[0].arrival_rate_per_hour == doctest::Approx(12.5));
  CHECK(p.desks[0].load == doctest::Approx(12.5 / 20.0));

  SUBCASE("and a loop through a second desk feeds back the same way") {
    // frontline -> specialists always p=0.5; specialists resolve 60% and send the rest back.
    NetworkBuilder c(10.0);
    c.desk("frontline", 20, Duration::hours(1)).desk("specialists", 5, Duration::hours(1), 0.6);
    c.route("frontline", "specialists", RouteCondition::kAlways, 0.5);
    c.route("specialists", "frontline", RouteCondition::kUnresolved, 1.0);
    Prediction q = predict(c.scenario());
    // lambda_f = 10 + 0.4 * 0.5 lambda_f  =>  lambda_f = 12.5, lambda_s = 6.25.
    CHECK(q.desks[0].arrival_rate_per_hour == doctest::Approx(12.5));
    CHECK(q.desks[1].arrival_rate_per_hour == doctest::Approx(6.25));
  }
}

TEST_CASE("Traffic equations: resolution probability splits resolved and unresolved routes") {
  // 70% resolved: half of the unresolved go to specialists, a tenth of the resolved get a
  // quality survey.
  NetworkBuilder b(10.0);
  b.desk("frontline", 20, Duration::minutes(30), 0.7)
      .desk("specialists", 3, Duration::hours(1))
      .desk("survey", 1, Duration::minutes(5));
  b.route("frontline", "specialists", RouteCondition::kUnresolved, 0.5);
  b.route("frontline", "survey", RouteCondition::kResolved, 0.1);
  Prediction p = predict(b.scenario());
  CHECK(p.desks[1].arrival_rate_per_hour == doctest::Approx(1.5));
  CHECK(p.desks[2].arrival_rate_per_hour == doctest::Approx(0.7));
}

TEST_CASE("Traffic equations: severity classes route by severity and resolve by severity") {
  // Shares 50/30/15/5%; frontline resolves 100/90/50/20%. Routes in file order: serious or
  // worse to the CEO with p=0.4, then unresolved to specialists with p=1 (capped: 0.6 left
  // for a serious unresolved complaint).
  NetworkBuilder b(10.0);
  b.scenario().demand[0].severity_share = {0.5, 0.3, 0.15, 0.05};
  b.desk("frontline", 20, Duration::minutes(30))
      .desk("specialists", 3, Duration::hours(1))
      .desk("ceo", 1, Duration::minutes(30));
  b.scenario().desks[0].resolution_probability = {1.0, 0.9, 0.5, 0.2};
  b.route("frontline", "ceo", RouteCondition::kSeverityAtLeast, 0.4);
  b.last_route().min_severity = Severity::kSerious;
  b.route("frontline", "specialists", RouteCondition::kUnresolved, 1.0);
  Prediction p = predict(b.scenario());
  // CEO: 0.4 of serious and critical = 0.4 * (1.5 + 0.5).
  CHECK(p.desks[2].arrival_rate_per_hour == doctest::Approx(0.8));
  // Specialists: moderate 3 * 0.1, serious 1.5 * 0.5 * 0.6, critical 0.5 * 0.8 * 0.6.
  CHECK(p.desks[1].arrival_rate_per_hour == doctest::Approx(0.3 + 0.45 + 0.24));

  SUBCASE("and public complaints take public routes") {
    b.scenario().demand[0].public_share = 0.2;
    b.route("frontline", "ceo", RouteCondition::kPublic, 0.5);
    Prediction q = predict(b.scenario());
    // Public complaints not already taken: minor/moderate public (8 * 0.2 = 1.6) resolved or
    // not get 0.5; moderate unresolved public ones are all taken by the specialists route
    // first. Serious/critical public resolved ones get 0.5 after the CEO's 0.4 (capped 0.6).
    // minor public: 5 * 0.2 * 0.5 = 0.5; moderate public resolved: 3 * 0.2 * 0.9 * 0.5 = 0.27;
    // serious public resolved: 1.5 * 0.2 * 0.5 * 0.5 = 0.075; critical: 0.5 * 0.2 * 0.2 * 0.5
    // = 0.01. Serious/critical unresolved: the first two routes already take all.
    CHECK(q.desks[2].arrival_rate_per_hour == doctest::Approx(0.8 + 0.5 + 0.27 + 0.075 + 0.01));
  }
}

TEST_CASE("Traffic equations: the routing matrix follows one cumulative draw in file order") {
  NetworkBuilder b(1.0);
  b.desk("a", 1, Duration::hours(1)).desk("b", 1, Duration::hours(1)).desk("c", 1, Duration::hours(1));
  b.route("a", "b", RouteCondition::kAlways, 0.7);
  b.route("a", "c", RouteCondition::kAlways, 0.7);  // only 0.3 left of the draw
  auto p = detail::routing_matrix(b.scenario(), Severity::kMinor, false, {0.0, 0.0});
  CHECK(p[0][1] == doctest::Approx(0.7));
  CHECK(p[0][2] == doctest::Approx(0.3));
  CHECK(p[1][0] == 0.0);
}

TEST_CASE("Traffic equations: an executive desk's capacity is its budget inside its windows") {
  NetworkBuilder b(10.0);
  b.desk("frontline", 20, Duration::minutes(30)).desk("ceo", 1, Duration::minutes(30));
  b.route("frontline", "ceo", RouteCondition::kAlways, 0.005);  // 0.05 per hour
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(2);
  budget.windows = {{0, Duration::hours(8), Duration::hours(9)},
                    {4, Duration::hours(16), Duration::hours(18)}};
  b.scenario().desks[1].executive = budget;

  SUBCASE("the budget binds when it is below the window hours") {
    Prediction p = predict(b.scenario());
    CHECK(p.desks[1].capacity_hours_per_hour == doctest::Approx(2.0 / 168.0));
    CHECK(p.desks[1].offered_hours_per_hour == doctest::Approx(0.025));
    CHECK(p.desks[1].load == doctest::Approx(0.025 * 168.0 / 2.0));  // 2.1
    CHECK(p.bottleneck == 1);
  }
  SUBCASE("the windows bind when they are shorter than the budget") {
    b.scenario().desks[1].executive->per_week = Duration::hours(5);
    CHECK(predict(b.scenario()).desks[1].capacity_hours_per_hour == doctest::Approx(3.0 / 168.0));
  }
  SUBCASE("no windows means any hour of the week") {
    b.scenario().desks[1].executive->windows.clear();
    b.scenario().desks[1].executive->per_week = Duration::hours(200);
    CHECK(predict(b.scenario()).desks[1].capacity_hours_per_hour == doctest::Approx(1.0));
  }
  SUBCASE("staff work the windows together, up to the budget") {
    // 2 staff in 3 window hours a week: 6 staff-hours, under a 10-hour budget.
    b.scenario().desks[1].staff = 2;
    b.scenario().desks[1].executive->per_week = Duration::hours(10);
    Prediction p = predict(b.scenario());
    CHECK(p.desks[1].capacity_hours_per_hour == doctest::Approx(6.0 / 168.0));
    CHECK(p.desks[1].load == doctest::Approx(0.025 * 168.0 / 6.0));  // 0.7
    // A 4-hour budget binds before the 6 staff-hours do.
    b.scenario().desks[1].executive->per_week = Duration::hours(4);
    CHECK(predict(b.scenario()).desks[1].capacity_hours_per_hour == doctest::Approx(4.0 / 168.0));
  }
  SUBCASE("items per month raise the load when they bind harder") {
    b.scenario().desks[1].executive->per_week = Duration::hours(5);
    b.scenario().desks[1].executive->items_per_month = 10;
    // 0.05 per hour * 730.5 h per month = 36.525 a month against 10.
    CHECK(predict(b.scenario()).desks[1].load == doctest::Approx(3.6525));
  }
  SUBCASE("no budget at all with work arriving is an infinite load") {
    b.scenario().desks[1].executive->per_week = Duration();
    Prediction p = predict(b.scenario());
    CHECK(p.desks[1].capacity_hours_per_hour == 0.0);
    CHECK(p.desks[1].load == std::numeric_limits<double>::infinity());
    CHECK(p.bottleneck == 1);
  }
}

TEST_CASE("Traffic equations: an executive desk of 2 staff is predicted as busy as it runs") {
  // 3.2 complaints an hour straight to a CEO's office of 2, 30 minutes each, any hour, a
  // budget that never binds: by hand, load = 3.2 x 0.5 / 2 = 0.8 (not 1.6).
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(400);
  Scenario s = testing::ScenarioBuilder("office").horizon(Duration::weeks(30))
                   .warmup(Duration::weeks(1)).seed(3)
                   .desk("ceo", 2, testing::exponential(Duration::minutes(30)))
                   .executive(budget)
                   .demand("ceo", Rate::per_hour(3.2))
                   .build();
  const Prediction p = predict(s);
  CHECK(p.desks[0].load == doctest::Approx(0.8));
  // The simulated share of the 2 staff busy (mean in service / 2) agrees within 3%.
  const RunResult r = run_once(s, 0);
  const double busy = (r.desks[0].mean_in_desk - r.desks[0].mean_queue) / 2.0;
  CHECK(busy == doctest::Approx(p.desks[0].load).epsilon(0.03));
}

TEST_CASE("Traffic equations: shifts count as their staff-hours averaged over the week") {
  NetworkBuilder b(0.5);
  b.desk("frontline", 1, Duration::hours(1));
  Shift weekdays;
  weekdays.days = {true, true, true, true, true, false, false};
  weekdays.from = Duration::hours(9);
  weekdays.to = Duration::hours(17);
  weekdays.staff = 4;
  Shift saturday;
  saturday.days = {false, false, false, false, false, true, false};
  saturday.from = Duration::hours(10);
  saturday.to = Duration::hours(14);
  saturday.staff = 2;
  b.scenario().desks[0].shifts = {weekdays, saturday};
  Prediction p = predict(b.scenario());
  // (5 days * 8 h * 4 + 1 day * 4 h * 2) / 168 = 168 / 168.
  CHECK(p.desks[0].capacity_hours_per_hour == doctest::Approx(1.0));
  CHECK(p.desks[0].load == doctest::Approx(0.5));
  CHECK(has_note_containing(p, "averages over the week"));
}

TEST_CASE("Traffic equations: surges raise demand by their average over the horizon") {
  std::vector<Surge> surges{{Duration::weeks(2), Duration::weeks(1), 3.0}};
  CHECK(detail::average_surge_multiplier(surges, Duration::weeks(10)) == doctest::Approx(1.2));
  SUBCASE("overlapping surges multiply") {
    surges.push_back({Duration::weeks(2), Duration::weeks(2), 2.0});
    // week 2: 3 * 2, week 3: 2, others 1: (6 + 2 + 8) / 10.
    CHECK(detail::average_surge_multiplier(surges, Duration::weeks(10)) == doctest::Approx(1.6));
  }
  SUBCASE("a surge past the horizon does not count") {
    surges.push_back({Duration::weeks(12), Duration::weeks(1), 5.0});
    CHECK(detail::average_surge_multiplier(surges, Duration::weeks(10)) == doctest::Approx(1.2));
  }

  NetworkBuilder b(10.0);
  b.scenario().run.horizon = Duration::weeks(10);
  b.scenario().demand[0].surges = surges;
  b.desk("frontline", 20, Duration::hours(1));
  Prediction p = predict(b.scenario());
  CHECK(p.desks[0].arrival_rate_per_hour ==
        doctest::Approx(10.0 * detail::average_surge_multiplier(surges, Duration::weeks(10))));
  CHECK(has_note_containing(p, "surges"));
}

TEST_CASE("Traffic equations: the Erlang C tail matches M/M/c by hand") {
  // M/M/2, lambda 1.5/h, 1 h handle: C = 4.5 / 7; P(Wq > 0.5 h) = C e^{-(2 - 1.5) 0.5}.
  CHECK(detail::erlang_c_tail(1.5, Duration::hours(1), 2.0, Duration()) ==
        doctest::Approx(4.5 / 7.0));
  CHECK(detail::erlang_c_tail(1.5, Duration::hours(1), 2.0, Duration::minutes(30)) ==
        doctest::Approx(4.5 / 7.0 * std::exp(-0.25)));
  // M/M/1: P(wait) = rho.
  CHECK(detail::erlang_c_tail(0.5, Duration::hours(1), 1.0, Duration()) == doctest::Approx(0.5));
  // A fractional capacity is one slower server: rho = 0.05 * 0.5 / 0.05 = 0.5.
  CHECK(detail::erlang_c_tail(0.05, Duration::minutes(30), 0.05, Duration::hours(2)) ==
        doctest::Approx(0.5 * std::exp(-(0.05 / 0.5 - 0.05) * 2.0)));
  CHECK(detail::erlang_c_tail(3.0, Duration::hours(1), 2.0, Duration::hours(10)) == 1.0);
  CHECK(detail::erlang_c_tail(0.0, Duration::hours(1), 2.0, Duration::hours(1)) == 0.0);
}

TEST_CASE("Traffic equations: an SLA route uses the Erlang C tail of the desk it leaves") {
  NetworkBuilder b(1.5);
  b.desk("frontline", 2, Duration::hours(1)).desk("ceo", 1, Duration::minutes(10));
  b.route("frontline", "ceo", RouteCondition::kWaitedLongerThan, 1.0);
  b.last_route().waited = Duration::minutes(30);
  Prediction p = predict(b.scenario());
  CHECK(p.desks[1].arrival_rate_per_hour == doctest::Approx(1.5 * 4.5 / 7.0 * std::exp(-0.25)));
  CHECK(has_note_containing(p, "Erlang C"));
  CHECK(has_note_containing(p, "fixed point"));

  SUBCASE("nested thresholds split the draw between their routes") {
    b.last_route().probability = 0.5;
    b.route("frontline", "ceo", RouteCondition::kWaitedLongerThan, 0.5);
    b.last_route().waited = Duration::hours(2);
    Prediction q = predict(b.scenario());
    double over_half_hour = 4.5 / 7.0 * std::exp(-0.25);
    double over_two_hours = 4.5 / 7.0 * std::exp(-1.0);
    CHECK(q.desks[1].arrival_rate_per_hour ==
          doctest::Approx(1.5 * (0.5 * over_half_hour + 0.5 * over_two_hours)));
  }
}

TEST_CASE("Traffic equations: an SLA feedback loop settles between none and always") {
  // Complaints that waited over 20 min are reworked at the same desk with p=0.5: the fixed
  // point lambda = gamma / (1 - 0.5 q(lambda)) lies between gamma and the unconditional 2 gamma.
  NetworkBuilder b(2.0);
  b.desk("frontline", 4, Duration::hours(1));
  b.route("frontline", "frontline", RouteCondition::kWaitedLongerThan, 0.5);
  b.last_route().waited = Duration::minutes(20);
  Prediction p = predict(b.scenario());
  double lambda = p.desks[0].arrival_rate_per_hour;
  CHECK(lambda > 2.0);
  CHECK(lambda < 4.0);
  double q = detail::erlang_c_tail(lambda, Duration::hours(1), 4.0, Duration::minutes(20));
  CHECK(q > 0.0);
  CHECK(lambda == doctest::Approx(2.0 / (1.0 - 0.5 * q)).epsilon(1e-6));
  CHECK_FALSE(has_note_containing(p, "not converged"));

  NetworkBuilder always(2.0);
  always.desk("frontline", 4, Duration::hours(1));
  always.route("frontline", "frontline", RouteCondition::kAlways, 0.5);
  CHECK(predict(always.scenario()).desks[0].arrival_rate_per_hour == doctest::Approx(4.0));

  SUBCASE("unless the rework tips the desk over, when every complaint breaches") {
    // At gamma 3 the rework pushes the load past 1, so q = 1 and lambda = 2 gamma.
    b.scenario().demand[0].rate = Rate::per_hour(3.0);
    Prediction over = predict(b.scenario());
    CHECK(over.desks[0].arrival_rate_per_hour == doctest::Approx(6.0));
    CHECK(over.desks[0].load == doctest::Approx(1.5));
  }
}

TEST_CASE("Traffic equations: a loop with no way out gives infinite arrivals, not a crash") {
  NetworkBuilder b(1.0);
  b.desk("frontline", 1, Duration::hours(1)).route("frontline", "frontline",
                                                   RouteCondition::kAlways, 1.0);
  Prediction p = predict(b.scenario());
  CHECK(std::isinf(p.desks[0].arrival_rate_per_hour));
  CHECK(std::isinf(p.desks[0].load));
  CHECK(has_note_containing(p, "never leave"));
}

TEST_CASE("Traffic equations: desks without demand have no load and no bottleneck") {
  NetworkBuilder b(0.0);
  b.desk("frontline", 1, Duration::hours(1));
  Prediction p = predict(b.scenario());
  CHECK(p.desks[0].load == 0.0);
  CHECK(p.bottleneck == -1);
}

}  // namespace escalsim
