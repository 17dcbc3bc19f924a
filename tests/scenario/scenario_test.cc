// Tests of the scenario helpers: Distribution moments for every kind, names, desk_index,
// route_applies (every route condition).
#include "escalsim/scenario.h"

#include <initializer_list>
#include <string>

#include <doctest/doctest.h>

#include "testutil.h"

namespace escalsim {
namespace {

using testing::erlang;
using testing::exponential;
using testing::fixed;
using testing::gamma;
using testing::lognormal;

Distribution empirical(std::initializer_list<double> minutes) {
  Distribution d;
  d.kind = Distribution::Kind::kEmpirical;
  for (double m : minutes) d.values.push_back(Duration::minutes(m));
  return d;
}

Distribution uniform_only(double low_min, double high_min) {
  // Only low and high set: the mean field stays 0 and must not be used.
  Distribution d;
  d.kind = Distribution::Kind::kUniform;
  d.low = Duration::minutes(low_min);
  d.high = Duration::minutes(high_min);
  return d;
}

Route route_when(RouteCondition condition) {
  Route r;
  r.condition = condition;
  return r;
}

}  // namespace

TEST_CASE("Distribution: expected and squared_cv by hand for every kind") {
  SUBCASE("exponential: the mean, and squared CV 1") {
    Distribution d = exponential(Duration::minutes(10));
    CHECK(d.expected().in_minutes() == 10.0);
    CHECK(d.squared_cv() == 1.0);
  }
  SUBCASE("fixed: the value, and squared CV 0") {
    Distribution d = fixed(Duration::hours(2));
    CHECK(d.expected().in_minutes() == 120.0);
    CHECK(d.squared_cv() == 0.0);
  }
  SUBCASE("uniform 10..30: mean 20, variance 20^2/12, squared CV 1/12") {
    Distribution d = uniform_only(10, 30);
    CHECK(d.expected().in_minutes() == doctest::Approx(20.0));
    CHECK(d.squared_cv() == doctest::Approx(1.0 / 12.0));
  }
  SUBCASE("uniform with low = high: no spread") {
    Distribution d = uniform_only(15, 15);
    CHECK(d.expected().in_minutes() == 15.0);
    CHECK(d.squared_cv() == 0.0);
  }
  SUBCASE("lognormal mean 30 sd 15: squared CV (15/30)^2 = 0.25") {
    Distribution d = lognormal(Duration::minutes(30), Duration::minutes(15));
    CHECK(d.expected().in_minutes() == 30.0);
    CHECK(d.squared_cv() == doctest::Approx(0.25));
  }
  SUBCASE("gamma shape 2.5 mean 40: squared CV 1/2.5 = 0.4") {
    Distribution d = gamma(2.5, Duration::minutes(40));
    CHECK(d.expected().in_minutes() == 40.0);
    CHECK(d.squared_cv() == doctest::Approx(0.4));
  }
  SUBCASE("erlang with 4 phases mean 8: squared CV 1/4") {
    Distribution d = erlang(4, Duration::minutes(8));
    CHECK(d.expected().in_minutes() == 8.0);
    CHECK(d.squared_cv() == doctest::Approx(0.25));
  }
  SUBCASE("empirical 5, 10, 20, 45: mean 20, population variance 237.5, squared CV 0.59375") {
    Distribution d = empirical({5, 10, 20, 45});
    CHECK(d.expected().in_minutes() == doctest::Approx(20.0));
    CHECK(d.squared_cv() == doctest::Approx(237.5 / 400.0));
  }
  SUBCASE("empirical with no values: zero, without dividing by zero") {
    Distribution d = empirical({});
    CHECK(d.expected().in_minutes() == 0.0);
    CHECK(d.squared_cv() == 0.0);
  }
}

TEST_CASE("WeeklyPattern: the flat pattern weighs every hour 1") {
  WeeklyPattern p = WeeklyPattern::flat();
  CHECK(p.name == "flat");
  double sum = 0.0;
  bool all_one = true;
  for (double w : p.weight) {
    sum += w;
    all_one &= w == 1.0;
  }
  CHECK(all_one);
  CHECK(sum == 168.0);
}

TEST_CASE("Scenario: desk_index finds a desk by name, or gives -1") {
  Scenario s = testing::ScenarioBuilder()
                   .desk("frontline", 2, exponential(Duration::minutes(10)))
                   .desk("specialists", 1, exponential(Duration::minutes(30)))
                   .desk("ceo", 1, exponential(Duration::minutes(60)))
                   .build();
  CHECK(s.desk_index("frontline") == 0);
  CHECK(s.desk_index("specialists") == 1);
  CHECK(s.desk_index("ceo") == 2);
  CHECK(s.desk_index("CEO") == -1);
  CHECK(s.desk_index("") == -1);
  CHECK(Scenario().desk_index("frontline") == -1);
}

TEST_CASE("Scenario: names used in YAML and output") {
  SUBCASE("severities") {
    CHECK(std::string(severity_name(Severity::kMinor)) == "minor");
    CHECK(std::string(severity_name(Severity::kModerate)) == "moderate");
    CHECK(std::string(severity_name(Severity::kSerious)) == "serious");
    CHECK(std::string(severity_name(Severity::kCritical)) == "critical");
  }
  SUBCASE("disciplines") {
    CHECK(std::string(discipline_name(QueueDiscipline::kFifo)) == "fifo");
    CHECK(std::string(discipline_name(QueueDiscipline::kPriorityBySeverity)) == "priority");
    CHECK(std::string(discipline_name(QueueDiscipline::kOldestFirst)) == "oldest_first");
  }
  SUBCASE("distributions") {
    using K = Distribution::Kind;
    CHECK(std::string(distribution_name(K::kExponential)) == "exponential");
    CHECK(std::string(distribution_name(K::kFixed)) == "fixed");
    CHECK(std::string(distribution_name(K::kUniform)) == "uniform");
    CHECK(std::string(distribution_name(K::kLognormal)) == "lognormal");
    CHECK(std::string(distribution_name(K::kGamma)) == "gamma");
    CHECK(std::string(distribution_name(K::kErlang)) == "erlang");
    CHECK(std::string(distribution_name(K::kEmpirical)) == "empirical");
  }
  SUBCASE("route conditions") {
    CHECK(std::string(condition_name(RouteCondition::kAlways)) == "always");
    CHECK(std::string(condition_name(RouteCondition::kUnresolved)) == "unresolved");
    CHECK(std::string(condition_name(RouteCondition::kResolved)) == "resolved");
    CHECK(std::string(condition_name(RouteCondition::kSeverityAtLeast)) == "severity_at_least");
    CHECK(std::string(condition_name(RouteCondition::kWaitedLongerThan)) ==
          "waited_longer_than");
    CHECK(std::string(condition_name(RouteCondition::kPublic)) == "public");
  }
}

TEST_CASE("route_applies: each condition holds exactly when it says") {
  SUBCASE("always holds whatever the complaint") {
    Route r = route_when(RouteCondition::kAlways);
    CHECK(route_applies(r, Severity::kMinor, false, false, 0.0));
    CHECK(route_applies(r, Severity::kCritical, true, true, 1e6));
  }
  SUBCASE("unresolved holds only when this desk did not resolve it") {
    Route r = route_when(RouteCondition::kUnresolved);
    CHECK(route_applies(r, Severity::kMinor, false, false, 0.0));
    CHECK_FALSE(route_applies(r, Severity::kMinor, false, true, 0.0));
  }
  SUBCASE("resolved holds only when this desk resolved it") {
    Route r = route_when(RouteCondition::kResolved);
    CHECK(route_applies(r, Severity::kMinor, false, true, 0.0));
    CHECK_FALSE(route_applies(r, Severity::kMinor, false, false, 0.0));
  }
  SUBCASE("severity at least serious holds for serious and critical only") {
    Route r = route_when(RouteCondition::kSeverityAtLeast);
    r.min_severity = Severity::kSerious;
    CHECK_FALSE(route_applies(r, Severity::kMinor, false, false, 0.0));
    CHECK_FALSE(route_applies(r, Severity::kModerate, false, false, 0.0));
    CHECK(route_applies(r, Severity::kSerious, false, false, 0.0));
    CHECK(route_applies(r, Severity::kCritical, false, false, 0.0));
  }
  SUBCASE("severity at least minor holds for every severity") {
    Route r = route_when(RouteCondition::kSeverityAtLeast);
    r.min_severity = Severity::kMinor;
    CHECK(route_applies(r, Severity::kMinor, false, false, 0.0));
  }
  SUBCASE("waited longer than 2 hours holds strictly after 120 minutes in the system") {
    Route r = route_when(RouteCondition::kWaitedLongerThan);
    r.waited = Duration::hours(2);
    CHECK_FALSE(route_applies(r, Severity::kMinor, false, false, 119.0));
    CHECK_FALSE(route_applies(r, Severity::kMinor, false, false, 120.0));
    CHECK(route_applies(r, Severity::kMinor, false, false, 120.5));
  }
  SUBCASE("public holds only for complaints made in public") {
    Route r = route_when(RouteCondition::kPublic);
    CHECK(route_applies(r, Severity::kMinor, true, false, 0.0));
    CHECK_FALSE(route_applies(r, Severity::kCritical, false, true, 1e6));
  }
}

}  // namespace escalsim
