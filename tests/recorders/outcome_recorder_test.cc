// Tests of OutcomeRecorder: the customer model, economics, the silo's figures and fairness,
// on scripted complaints with hand-computed figures, and its metric names in a real run.
#include "recorders/outcome_recorder.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/experiment.h"
#include "recorders/quickly.h"
#include "testutil.h"

namespace escalsim {
namespace {

using testing::exponential;
using testing::ScenarioBuilder;

// Two channels (email: quickly within 1 day; social: the default, 2 h), a small-loss and a
// large-loss segment, prices of 30 and 500 an hour.
Scenario customer_scenario() {
  Scenario s = ScenarioBuilder("outcomes")
                   .desk("frontline", 2, exponential(Duration::minutes(10)))
                   .desk("ceo", 1, exponential(Duration::minutes(30)))
                   .executive(ExecutiveBudget{Duration::hours(3), std::nullopt, {}, {}, -1})
                   .demand("frontline", Rate::per_hour(1))
                   .route("frontline", "ceo", 0.1)
                   .build();
  s.channels = {"email", "social"};
  s.segments = {Segment{"retail", 50.0}, Segment{"business", 500.0}};
  s.customers.quickly_default = Duration::hours(2);
  s.customers.quickly_by_channel = {Duration::days(1)};
  return s;
}

enum Channel : std::uint8_t { kEmail = 0, kSocial = 1 };
enum SegmentIndex : std::uint8_t { kRetail = 0, kBusiness = 1 };

Complaint complaint(std::uint8_t channel, std::uint8_t segment, bool is_public = false) {
  Complaint c;
  static std::uint64_t next_id = 0;
  c.id = next_id++;
  c.arrived_min = 0.0;
  c.channel = channel;
  c.segment = segment;
  c.is_public = is_public;
  c.measured = true;
  return c;
}

// A run measured over one week, with desks and an executive as given.
RunResult run_of(std::vector<DeskResult> desks, std::vector<ExecutiveResult> executives) {
  RunResult run;
  run.measured_from = Duration::weeks(1);
  run.measured_to = Duration::weeks(2);
  run.desks = std::move(desks);
  run.executives = std::move(executives);
  return run;
}

double value_of(const std::vector<Metric>& metrics, const std::string& scope,
                const std::string& name) {
  for (const Metric& m : metrics) {
    if (m.scope == scope && m.name == name) return m.value;
  }
  FAIL("no metric " << scope << " " << name);
  return 0.0;
}

std::vector<std::pair<std::string, std::string>> names_of(const std::vector<Metric>& metrics) {
  std::vector<std::pair<std::string, std::string>> names;
  for (const Metric& m : metrics) names.emplace_back(m.scope, m.name);
  return names;
}

constexpr double kHour = 60.0;
constexpr int kCeoDesk = 1;  // the scenario's executive desk, "ceo"

}  // namespace

TEST_CASE("Customer model: judged outcomes follow each channel's threshold for quickly") {
  const Scenario s = customer_scenario();
  OutcomeRecorder recorder(s);

  SUBCASE("email is quick within a day, social within the default 2 h") {
    const Complaint email = complaint(kEmail, kRetail);
    const Complaint social = complaint(kSocial, kRetail);
    CHECK(judged_outcome(s.customers, email, FinalState::kResolved, 20 * kHour) ==
          Outcome::kResolvedQuickly);
    CHECK(judged_outcome(s.customers, email, FinalState::kResolved, 24 * kHour) ==
          Outcome::kResolvedQuickly);
    CHECK(judged_outcome(s.customers, email, FinalState::kResolved, 30 * kHour) ==
          Outcome::kResolvedSlowly);
    CHECK(judged_outcome(s.customers, social, FinalState::kResolved, 1 * kHour) ==
          Outcome::kResolvedQuickly);
    CHECK(judged_outcome(s.customers, social, FinalState::kResolved, 3 * kHour) ==
          Outcome::kResolvedSlowly);
  }
  SUBCASE("time counts from the first arrival") {
    Complaint late = complaint(kSocial, kRetail);
    late.arrived_min = 1000.0;
    CHECK(judged_outcome(s.customers, late, FinalState::kResolved, 1000.0 + 90.0) ==
          Outcome::kResolvedQuickly);
  }
  SUBCASE("closed unresolved, abandoned and refused") {
    const Complaint c = complaint(kEmail, kRetail);
    CHECK(judged_outcome(s.customers, c, FinalState::kClosedUnresolved, 10.0) ==
          Outcome::kUnresolved);
    CHECK(judged_outcome(s.customers, c, FinalState::kAbandoned, 10.0) == Outcome::kAbandoned);
    CHECK(judged_outcome(s.customers, c, FinalState::kRefused, 10.0) == Outcome::kAbandoned);
  }
  SUBCASE("the shares add up over seven scripted complaints") {
    recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kResolved, 20 * kHour);
    recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kResolved, 30 * kHour);
    recorder.on_complaint_end(complaint(kSocial, kRetail), FinalState::kResolved, 1 * kHour);
    recorder.on_complaint_end(complaint(kSocial, kRetail), FinalState::kResolved, 3 * kHour);
    recorder.on_complaint_end(complaint(kSocial, kRetail), FinalState::kClosedUnresolved, 1.0);
    recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kAbandoned, 1.0);
    recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kRefused, 1.0);
    const std::vector<Metric> m = recorder.metrics(run_of({}, {}));
    CHECK(value_of(m, "customers", "complaints") == 7);
    CHECK(value_of(m, "customers", "resolved_quickly_share") == doctest::Approx(2.0 / 7));
    CHECK(value_of(m, "customers", "resolved_slowly_share") == doctest::Approx(2.0 / 7));
    CHECK(value_of(m, "customers", "unresolved_share") == doctest::Approx(1.0 / 7));
    CHECK(value_of(m, "customers", "abandoned_share") == doctest::Approx(2.0 / 7));
  }
}

TEST_CASE("OutcomeRecorder: loyalty by outcome, segment size, attention and unfairness") {
  const Scenario s = customer_scenario();
  OutcomeRecorder recorder(s);

  SUBCASE("a small-loss customer follows the small TARP column, a large one the large") {
    CHECK(recorder.loyalty_of(complaint(kEmail, kRetail), Outcome::kResolvedQuickly) ==
          doctest::Approx(0.95));
    CHECK(recorder.loyalty_of(complaint(kEmail, kBusiness), Outcome::kResolvedQuickly) ==
          doctest::Approx(0.82));
    CHECK(recorder.loyalty_of(complaint(kEmail, kRetail), Outcome::kUnresolved) ==
          doctest::Approx(0.46));
    CHECK(recorder.loyalty_of(complaint(kEmail, kBusiness), Outcome::kAbandoned) ==
          doctest::Approx(0.19));
  }
  SUBCASE("large_loss_above is the threshold: the business segment (500 a year) is small "
          "below 600 a year, and the retail one (50) large above 40") {
    Scenario raised = customer_scenario();
    raised.customers.large_loss_above_per_year = 600.0;
    OutcomeRecorder r(raised);
    CHECK(r.loyalty_of(complaint(kEmail, kBusiness), Outcome::kResolvedQuickly) ==
          doctest::Approx(0.95));
    raised.customers.large_loss_above_per_year = 40.0;
    OutcomeRecorder low(raised);
    CHECK(low.loyalty_of(complaint(kEmail, kRetail), Outcome::kResolvedQuickly) ==
          doctest::Approx(0.82));
  }
  SUBCASE("executive attention adds the bonus, clamped at 1") {
    Complaint served = complaint(kEmail, kBusiness);
    served.touched_executive = true;
    CHECK(recorder.loyalty_of(served, Outcome::kResolvedSlowly) == doctest::Approx(0.64));
    Complaint signed_off = complaint(kEmail, kRetail);
    signed_off.executive_attention = true;
    CHECK(recorder.loyalty_of(signed_off, Outcome::kResolvedQuickly) == doctest::Approx(1.0));
  }
  SUBCASE("an unanswered public complaint loses only once the executive answered another "
          "in public") {
    const Complaint unanswered = complaint(kSocial, kRetail, true);
    CHECK(recorder.loyalty_of(unanswered, Outcome::kResolvedQuickly) == doctest::Approx(0.95));
    // An executive service, a sign-off or a touch of a public complaint is not a public
    // answer: no one else sees it.
    Complaint served = complaint(kSocial, kRetail, true);
    served.touched_executive = true;
    recorder.on_executive_reply(served, kCeoDesk, 50.0);
    recorder.on_complaint_end(served, FinalState::kResolved, 60.0);
    Complaint signed_off = complaint(kSocial, kRetail, true);
    signed_off.executive_attention = true;
    recorder.on_complaint_end(signed_off, FinalState::kResolved, 60.0);
    CHECK(recorder.loyalty_of(unanswered, Outcome::kResolvedQuickly) == doctest::Approx(0.95));
    // A public answer (public_replies) is.
    Complaint answered = complaint(kSocial, kRetail, true);
    answered.executive_attention = true;
    answered.answered_in_public = true;
    recorder.on_complaint_end(answered, FinalState::kResolved, 70.0);
    CHECK(recorder.loyalty_of(unanswered, Outcome::kResolvedQuickly) == doctest::Approx(0.90));
    CHECK(recorder.loyalty_of(answered, Outcome::kResolvedQuickly) == doctest::Approx(1.0));
    // A private complaint does not see others favoured in public.
    CHECK(recorder.loyalty_of(complaint(kEmail, kRetail), Outcome::kResolvedQuickly) ==
          doctest::Approx(0.95));
  }
  SUBCASE("a public answer counts even in the warm-up") {
    Complaint attended = complaint(kSocial, kRetail, true);
    attended.executive_attention = true;
    attended.answered_in_public = true;
    attended.measured = false;
    recorder.on_complaint_end(attended, FinalState::kResolved, 10.0);
    CHECK(recorder.loyalty_of(complaint(kSocial, kRetail, true), Outcome::kResolvedQuickly) ==
          doctest::Approx(0.90));
  }
  SUBCASE("the penalty never takes loyalty below 0") {
    Scenario harsh = customer_scenario();
    harsh.customers.unanswered_public_penalty = 0.5;
    OutcomeRecorder r(harsh);
    Complaint answered = complaint(kSocial, kBusiness, true);
    answered.executive_attention = true;
    answered.answered_in_public = true;
    r.on_complaint_end(answered, FinalState::kResolved, 1.0);
    CHECK(r.loyalty_of(complaint(kSocial, kBusiness, true), Outcome::kAbandoned) == 0.0);
  }
}

TEST_CASE("OutcomeRecorder: churn and revenue at risk, in total and by segment, by hand") {
  const Scenario s = customer_scenario();
  OutcomeRecorder recorder(s);
  // retail, quick: loyalty 0.95, lost 0.05 x 50 = 2.5
  recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kResolved, 1 * kHour);
  // retail, unresolved: 0.46, lost 0.54 x 50 = 27
  recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kClosedUnresolved, kHour);
  // business, slow, served by the executive: 0.54 + 0.10, lost 0.36 x 500 = 180
  Complaint served = complaint(kEmail, kBusiness);
  served.touched_executive = true;
  served.contacts = 2;  // the customer's return
  recorder.on_complaint_end(served, FinalState::kResolved, 48 * kHour);
  // business, abandoned: 0.19, lost 0.81 x 500 = 405
  recorder.on_complaint_end(complaint(kSocial, kBusiness), FinalState::kAbandoned, kHour);
  // Not measured (arrived in the warm-up): ignored.
  Complaint early = complaint(kEmail, kBusiness);
  early.measured = false;
  recorder.on_complaint_end(early, FinalState::kAbandoned, kHour);

  const std::vector<Metric> m = recorder.metrics(run_of({}, {}));
  CHECK(value_of(m, "customers", "complaints") == 4);
  CHECK(value_of(m, "customers", "loyalty_mean") ==
        doctest::Approx((0.95 + 0.46 + 0.64 + 0.19) / 4));
  CHECK(value_of(m, "customers", "churn_expected") ==
        doctest::Approx(0.05 + 0.54 + 0.36 + 0.81));
  CHECK(value_of(m, "customers", "revenue_at_risk") ==
        doctest::Approx(2.5 + 27 + 180 + 405));
  CHECK(value_of(m, "customers", "repeat_contacts") == 1);
  CHECK(value_of(m, "segment:retail", "complaints") == 2);
  CHECK(value_of(m, "segment:retail", "churn_expected") == doctest::Approx(0.59));
  CHECK(value_of(m, "segment:retail", "revenue_at_risk") == doctest::Approx(29.5));
  CHECK(value_of(m, "segment:business", "complaints") == 2);
  CHECK(value_of(m, "segment:business", "churn_expected") == doctest::Approx(1.17));
  CHECK(value_of(m, "segment:business", "revenue_at_risk") == doctest::Approx(585));
  // Per year: the measured week (run_of) is a 52nd of a year.
  CHECK(value_of(m, "customers", "churn_expected_per_year") ==
        doctest::Approx(52 * (0.05 + 0.54 + 0.36 + 0.81)));
  CHECK(value_of(m, "customers", "revenue_at_risk_per_year") ==
        doctest::Approx(52 * (2.5 + 27 + 180 + 405)));
  CHECK(value_of(m, "segment:business", "revenue_at_risk_per_year") == doctest::Approx(52 * 585));
}

TEST_CASE("OutcomeRecorder: economics from staff on duty and executive hours used") {
  const Scenario s = customer_scenario();
  OutcomeRecorder recorder(s);
  Complaint served = complaint(kEmail, kRetail);
  served.touched_executive = true;  // loyalty 1.0 (0.95 + 0.10, clamped)
  recorder.on_complaint_end(served, FinalState::kResolved, kHour);
  Complaint signed_off = complaint(kEmail, kBusiness);
  signed_off.executive_attention = true;  // 0.54 + 0.10
  recorder.on_complaint_end(signed_off, FinalState::kResolved, 30 * kHour);
  recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kResolved, kHour);

  DeskResult frontline;
  frontline.name = "frontline";
  frontline.mean_staff = 2.5;
  DeskResult ceo;
  ceo.name = "ceo";
  ceo.executive = true;
  ceo.mean_staff = 1.0;  // not staff time: the executive's hours are counted as used
  ExecutiveResult executive;
  executive.desk = "ceo";
  executive.used = Duration::hours(4);
  const std::vector<Metric> m = recorder.metrics(run_of({frontline, ceo}, {executive}));

  CHECK(value_of(m, "economics", "staff_hours") == doctest::Approx(2.5 * 168));
  CHECK(value_of(m, "economics", "staff_cost") == doctest::Approx(2.5 * 168 * 30));
  CHECK(value_of(m, "economics", "executive_hours") == doctest::Approx(4));
  CHECK(value_of(m, "economics", "executive_cost") == doctest::Approx(2000));
  CHECK(value_of(m, "economics", "total_cost") == doctest::Approx(2.5 * 168 * 30 + 2000));
  // One measured week: a year is 52 of them.
  CHECK(value_of(m, "economics", "staff_hours_per_year") == doctest::Approx(52 * 2.5 * 168));
  CHECK(value_of(m, "economics", "staff_cost_per_year") == doctest::Approx(52 * 2.5 * 168 * 30));
  CHECK(value_of(m, "economics", "executive_hours_per_year") == doctest::Approx(52 * 4));
  CHECK(value_of(m, "economics", "executive_cost_per_year") == doctest::Approx(52 * 2000));
  CHECK(value_of(m, "economics", "cost_per_year") ==
        doctest::Approx(52 * (2.5 * 168 * 30 + 2000)));

  SUBCASE("an executive on a staff desk's staff (a stint) is executive time, not staff time") {
    executive.used = Duration::hours(44);
    executive.elsewhere = Duration::hours(40);
    frontline.mean_staff = 2.5 + 40.0 / 168;  // the desk's staff includes the executive
    const std::vector<Metric> stint = recorder.metrics(run_of({frontline, ceo}, {executive}));
    CHECK(value_of(stint, "economics", "staff_hours") == doctest::Approx(2.5 * 168));
    CHECK(value_of(stint, "economics", "executive_hours") == doctest::Approx(44));
    CHECK(value_of(stint, "economics", "executive_cost") == doctest::Approx(44 * 500));
  }
}

TEST_CASE("OutcomeRecorder: the silo's figures, bypass and waits on the executive") {
  const Scenario s = customer_scenario();
  OutcomeRecorder recorder(s);
  Complaint bypassed = complaint(kEmail, kRetail);
  bypassed.bypassed = true;
  bypassed.touched_executive = true;
  bypassed.waited_executive_min = 600;
  Complaint routed = complaint(kEmail, kRetail);
  routed.touched_executive = true;
  routed.waited_staff_min = 100;
  routed.waited_executive_min = 50;
  Complaint declined = complaint(kEmail, kRetail);  // waited at the executive, never served
  declined.waited_staff_min = 10;
  declined.waited_executive_min = 2000;
  recorder.on_executive_reply(bypassed, kCeoDesk, 700);
  recorder.on_executive_reply(bypassed, kCeoDesk, 900);  // served twice: two replies
  recorder.on_executive_reply(routed, kCeoDesk, 200);
  recorder.on_executive_reply(routed, kCeoDesk, 300);
  recorder.on_complaint_end(bypassed, FinalState::kResolved, 900);
  recorder.on_complaint_end(routed, FinalState::kResolved, 300);
  recorder.on_complaint_end(declined, FinalState::kClosedUnresolved, 2010);
  recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kResolved, 10);

  const std::vector<Metric> m = recorder.metrics(run_of({}, {}));
  CHECK(value_of(m, "silo", "bypass_share") == doctest::Approx(0.5));
  // Of the three that reached the executive, two waited there longer than on staff desks.
  CHECK(value_of(m, "silo", "waited_on_executive_longer") == doctest::Approx(2.0 / 3));
}

TEST_CASE("OutcomeRecorder: fairness by channel, segment and public or private") {
  const Scenario s = customer_scenario();
  OutcomeRecorder recorder(s);
  // Public social complaint, business, answered after 2 h.
  Complaint a = complaint(kSocial, kBusiness, true);
  a.touched_executive = true;
  recorder.on_executive_reply(a, kCeoDesk, 2 * kHour);
  recorder.on_complaint_end(a, FinalState::kResolved, 2 * kHour);
  // Public social complaint, retail, signed off (attention without a reply).
  Complaint b = complaint(kSocial, kRetail, true);
  b.executive_attention = true;
  recorder.on_complaint_end(b, FinalState::kResolved, kHour);
  // Private email, business, answered after 10 h.
  Complaint c = complaint(kEmail, kBusiness);
  c.touched_executive = true;
  recorder.on_executive_reply(c, kCeoDesk, 10 * kHour);
  recorder.on_complaint_end(c, FinalState::kResolved, 10 * kHour);
  // Private email, retail, twice: no attention.
  recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kResolved, kHour);
  recorder.on_complaint_end(complaint(kEmail, kRetail), FinalState::kResolved, kHour);

  const std::vector<Metric> m = recorder.metrics(run_of({}, {}));
  CHECK(value_of(m, "fairness:channel:email", "complaints") == 3);
  CHECK(value_of(m, "fairness:channel:email", "executive_share") == doctest::Approx(1.0 / 3));
  CHECK(value_of(m, "fairness:channel:email", "reply_mean_min") == doctest::Approx(600));
  CHECK(value_of(m, "fairness:channel:social", "complaints") == 2);
  CHECK(value_of(m, "fairness:channel:social", "executive_share") == doctest::Approx(1.0));
  CHECK(value_of(m, "fairness:channel:social", "reply_mean_min") == doctest::Approx(120));
  CHECK(value_of(m, "fairness:segment:business", "complaints") == 2);
  CHECK(value_of(m, "fairness:segment:business", "executive_share") == doctest::Approx(1.0));
  CHECK(value_of(m, "fairness:segment:business", "reply_mean_min") == doctest::Approx(360));
  CHECK(value_of(m, "fairness:segment:retail", "complaints") == 3);
  CHECK(value_of(m, "fairness:segment:retail", "executive_share") == doctest::Approx(1.0 / 3));
  CHECK(value_of(m, "fairness:segment:retail", "reply_mean_min") == 0);  // none replied
  CHECK(value_of(m, "fairness:public", "complaints") == 2);
  CHECK(value_of(m, "fairness:public", "executive_share") == doctest::Approx(1.0));
  CHECK(value_of(m, "fairness:private", "complaints") == 3);
  CHECK(value_of(m, "fairness:private", "executive_share") == doctest::Approx(1.0 / 3));
  CHECK(value_of(m, "fairness:private", "reply_mean_min") == doctest::Approx(600));
}

TEST_CASE("OutcomeRecorder: the same metric names, in the same order, whatever happened") {
  const Scenario s = customer_scenario();
  OutcomeRecorder quiet(s);
  OutcomeRecorder busy(s);
  Complaint c = complaint(kSocial, kBusiness, true);
  c.touched_executive = true;
  c.bypassed = true;
  busy.on_executive_reply(c, kCeoDesk, 100);
  busy.on_complaint_end(c, FinalState::kResolved, 100);
  busy.on_complaint_end(complaint(kEmail, kRetail), FinalState::kAbandoned, 5);

  DeskResult frontline;
  frontline.name = "frontline";
  frontline.mean_staff = 2;
  const std::vector<Metric> a = quiet.metrics(run_of({}, {}));
  const std::vector<Metric> b = busy.metrics(run_of({frontline}, {ExecutiveResult{}}));
  CHECK(names_of(a) == names_of(b));
  // Customers 12 (two of them per year), segments 4 each (one per year), economics 10
  // (five per year), silo 2, fairness 3 per group.
  REQUIRE(a.size() == 12 + 2 * 4 + 10 + 2 + (2 + 2 + 2) * 3);
  CHECK(a.front().scope == "customers");
  CHECK(a[12].scope == "segment:retail");
  CHECK(a[20].scope == "economics");
  CHECK(a[30].scope == "silo");
  CHECK(a[32].scope == "fairness:channel:email");
  CHECK(a.back().scope == "fairness:private");
  for (const Metric& m : a) CHECK(m.value == 0.0);  // nothing happened: zeros, never NaN
}

TEST_CASE("OutcomeRecorder: a run with an executive reports the same figures every replication") {
  Scenario s = ScenarioBuilder("exec")
                   .horizon(Duration::weeks(4))
                   .warmup(Duration::weeks(1))
                   .seed(11)
                   .desk("frontline", 2, exponential(Duration::minutes(20)))
                   .resolution(0.7)
                   .desk("ceo", 1, exponential(Duration::minutes(15)))
                   .executive(ExecutiveBudget{Duration::hours(3), std::nullopt, {}, {}, -1})
                   .demand("frontline", Rate::per_hour(4), {1.0, 0.0, 0.0, 0.0}, 0.3)
                   .route("frontline", "ceo", 0.3, RouteCondition::kUnresolved)
                   .build();
  s.segments = {Segment{"all", 250.0}};
  const RunResult first = run_once(s, 0);
  const RunResult second = run_once(s, 1);
  CHECK(names_of(first.extra) == names_of(second.extra));
  CHECK(value_of(first.extra, "customers", "complaints") > 0);
  CHECK(value_of(first.extra, "economics", "executive_hours") > 0);
  CHECK(value_of(first.extra, "economics", "executive_hours") ==
        doctest::Approx(first.executives[0].used.in_hours()));
  CHECK(value_of(first.extra, "fairness:public", "complaints") > 0);
  CHECK(value_of(first.extra, "fairness:private", "executive_share") > 0);
  CHECK(value_of(first.extra, "silo", "bypass_share") == 0);  // no policy bypasses
  // Shares of outcomes add up to 1.
  CHECK(value_of(first.extra, "customers", "resolved_quickly_share") +
            value_of(first.extra, "customers", "resolved_slowly_share") +
            value_of(first.extra, "customers", "unresolved_share") +
            value_of(first.extra, "customers", "abandoned_share") ==
        doctest::Approx(1.0));
  const std::vector<Estimate> summary = summarise({first, second});
  CHECK(summary.size() == flatten(first).size());
}

}  // namespace escalsim
