// The staff each hour needs, against the test-side Erlang C (validation/queueing_theory.h):
// the least c whose P(W > T) leaves the promised share, hour by hour, for a desk fed through
// a route.
#include "experiment/staffing_requirement.h"

#include <string>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "escalsim/shift_scheduling.h"
#include "validation/queueing_theory.h"

namespace escalsim {
namespace {

// The least c with 1 - P(W > T) >= share by the theory's closed form, searched from the
// first stable c.
int theory_staff(double rate_per_min, double handle_min, double within_min, double share) {
  if (rate_per_min == 0.0) return 0;
  int c = static_cast<int>(rate_per_min * handle_min) + 1;
  while (1.0 - theory::mmc_prob_wait_exceeds(c, rate_per_min, handle_min, within_min) < share) ++c;
  return c;
}

TEST_CASE("the least Erlang C staff meets the share and one fewer does not") {
  struct Case {
    double rate_per_min, handle_min, within_min, share;
  };
  for (const Case& k : {Case{1.0, 5.0, 1.0 / 3.0, 0.8}, Case{0.2, 10.0, 1.0, 0.9},
                        Case{4.0, 3.0, 0.5, 0.8}, Case{0.05, 6.0, 0.0, 0.5},
                        Case{12.0, 4.0, 2.0, 0.95}, Case{0.5, 2.0, 5.0, 0.99}}) {
    CAPTURE(k.rate_per_min);
    CAPTURE(k.share);
    const int c = detail::shift_erlang_c_staff(k.rate_per_min * k.handle_min,
                                               k.within_min / k.handle_min, k.share);
    CHECK(c == theory_staff(k.rate_per_min, k.handle_min, k.within_min, k.share));
    CHECK(detail::shift_erlang_c_service_level(c, k.rate_per_min * k.handle_min,
                                               k.within_min / k.handle_min) ==
          doctest::Approx(1.0 - theory::mmc_prob_wait_exceeds(c, k.rate_per_min, k.handle_min,
                                                               k.within_min)));
  }
  CHECK(detail::shift_erlang_c_staff(0.0, 1.0, 0.8) == 0);
}

// Erlang A against the test-side closed forms (Mandelbaum & Zeltyn): with no time allowed
// the share is the share that never waits, 1 - P(W > 0); with all the time in the world it
// is the share served, 1 - P(Ab); with patience far longer than any wait it is Erlang C's.
TEST_CASE("the Erlang A service level at its limits, and the least staff, against theory") {
  struct Case {
    int servers;
    double rate_per_min, handle_min, patience_min;
  };
  for (const Case& k : {Case{10, 1.2, 10.0, 30.0}, Case{3, 0.5, 5.0, 2.0},
                        Case{20, 3.0, 6.0, 10.0}, Case{1, 0.2, 4.0, 1.0}}) {
    CAPTURE(k.servers);
    CAPTURE(k.rate_per_min);
    const double a = k.rate_per_min * k.handle_min;
    const double patience = k.patience_min / k.handle_min;
    const theory::ErlangA e =
        theory::erlang_a(k.servers, k.rate_per_min, k.handle_min, k.patience_min);
    CHECK(detail::shift_erlang_a_service_level(k.servers, a, 0.0, patience) ==
          doctest::Approx(1.0 - e.prob_wait).epsilon(1e-9));
    CHECK(detail::shift_erlang_a_service_level(k.servers, a, 1e4, patience) ==
          doctest::Approx(1.0 - e.prob_abandon).epsilon(1e-9));
  }
  // Patience of a million handle times: Erlang C, at a stable load.
  for (double within : {0.0, 0.1, 0.5, 2.0}) {
    CAPTURE(within);
    CHECK(detail::shift_erlang_a_service_level(12, 10.0, within, 1e6) ==
          doctest::Approx(1.0 - theory::mmc_prob_wait_exceeds(12, 1.0, 10.0, within * 10.0))
              .epsilon(1e-4));
  }
  // The least staff with no wait for 80%: one fewer waits too often, by theory.
  const int c = detail::shift_erlang_a_staff(12.0, 0.0, 3.0, 0.8);
  CHECK(1.0 - theory::erlang_a(c, 1.2, 10.0, 30.0).prob_wait >= 0.8);
  CHECK(1.0 - theory::erlang_a(c - 1, 1.2, 10.0, 30.0).prob_wait < 0.8);
  // Callers who give up shorten the queue: never more staff than Erlang C.
  CHECK(detail::shift_erlang_a_staff(12.0, 1.0 / 30.0, 3.0, 0.8) <=
        detail::shift_erlang_c_staff(12.0, 1.0 / 30.0, 0.8));
}

// Demand 40 per hour on average with the business_hours pattern: 40 x 168 / 40 = 168 per
// hour from Monday to Friday 09:00-17:00, none otherwise. The front line resolves 70%; the
// rest go to the back office: 50.4 per hour there in open hours.
constexpr const char* kTwoDesks = R"(run:
  horizon: 4 weeks
demand:
  rate: 40 per hour
  pattern: business_hours
desks:
  frontline:
    staff: 20
    handle_time: 5 min
    resolution: 0.7
  back:
    staff: 10
    handle_time: 10 min
routes:
  - {from: frontline, to: back, when: unresolved}
)";

TEST_CASE("the hourly requirement of a desk behind a route, hour by hour against theory") {
  const Scenario scenario = load_scenario_text(kTwoDesks, "two-desks.yaml");
  const ServiceLevelTarget target = parse_service_level_target("80% within 20 s");
  CHECK(target.share == doctest::Approx(0.8));
  CHECK(target.within.in_minutes() == doctest::Approx(1.0 / 3.0));
  const HourlyStaff front = staffing_requirement(scenario, 0, target);
  const HourlyStaff back = staffing_requirement(scenario, 1, target);
  const std::array<double, kHourOfWeekBins> back_rate = hourly_arrival_rate(scenario, 1);
  for (int h : {9, 12, 16, 24 + 10, 4 * 24 + 16}) {  // open: Mon 09, 12, 16; Tue 10; Fri 16
    CAPTURE(h);
    CHECK(back_rate[static_cast<std::size_t>(h)] == doctest::Approx(50.4));
    CHECK(front[static_cast<std::size_t>(h)] == theory_staff(168.0 / 60.0, 5.0, 1.0 / 3.0, 0.8));
    CHECK(back[static_cast<std::size_t>(h)] == theory_staff(50.4 / 60.0, 10.0, 1.0 / 3.0, 0.8));
  }
  for (int h : {0, 8, 17, 5 * 24 + 12, 167}) {  // closed
    CAPTURE(h);
    CHECK(front[static_cast<std::size_t>(h)] == 0);
    CHECK(back[static_cast<std::size_t>(h)] == 0);
  }
}

TEST_CASE("service-level targets that are not one are refused") {
  CHECK_THROWS_WITH_AS(parse_service_level_target("80% in 20 s"),
                       doctest::Contains("expected \"<share> within <duration>\""), Error);
  CHECK_THROWS_WITH_AS(parse_service_level_target("100% within 20 s"),
                       doctest::Contains("above 0% and below 100%"), Error);
  CHECK_THROWS_AS(parse_service_level_target("80% within 20 parsecs"), Error);
}

}  // namespace
}  // namespace escalsim
