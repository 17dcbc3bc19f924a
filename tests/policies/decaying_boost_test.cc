// The decaying boost behind the open inbox, public replies and solicit feedback.
#include "policies/decaying_boost.h"

#include <cmath>

#include <doctest/doctest.h>

#include "escalsim/units.h"

namespace escalsim {
namespace {

TEST_CASE("DecayingBoost: after exactly one half-life the boost is halved") {
  DecayingBoost b(Duration::weeks(1), 0.0, 1.0);
  b.add(0.4);
  b.advance_to(kWeekMin);
  CHECK(b.boost() == doctest::Approx(0.2).epsilon(1e-12));
  b.advance_to(3 * kWeekMin);
  CHECK(b.boost() == doctest::Approx(0.05).epsilon(1e-12));
}

TEST_CASE("DecayingBoost: the shown value is the floor plus the boost, capped") {
  DecayingBoost b(Duration::weeks(1), 0.1, 0.3);
  CHECK(b.shown() == doctest::Approx(0.1));
  b.add(0.1);
  CHECK(b.shown() == doctest::Approx(0.2));
  b.add(0.5);
  CHECK(b.shown() == doctest::Approx(0.3));
}

TEST_CASE("DecayingBoost: the integral is exact, with and without the cap binding") {
  SUBCASE("uncapped: a boost b integrates to b (1 - 2^-n) h / ln 2 over n half-lives") {
    DecayingBoost b(Duration::weeks(1), 0.0, 1.0);
    b.add(0.5);
    b.advance_to(4 * kWeekMin);
    CHECK(b.take_integral() == doctest::Approx(0.5 * (15.0 / 16.0) * kWeekMin / std::log(2.0)));
    CHECK(b.take_integral() == 0.0);
  }
  SUBCASE("capped: at the cap until the boost falls to it, then decaying") {
    DecayingBoost b(Duration::weeks(1), 0.0, 0.25);
    b.add(0.5);  // falls to 0.25 after one week
    b.advance_to(4 * kWeekMin);
    double expected = 0.25 * kWeekMin + 0.25 * (7.0 / 8.0) * kWeekMin / std::log(2.0);
    CHECK(b.take_integral() == doctest::Approx(expected));
  }
  SUBCASE("a floor adds floor x time") {
    DecayingBoost b(Duration::weeks(1), 0.1, 1.0);
    b.advance_to(2 * kWeekMin);
    CHECK(b.take_integral() == doctest::Approx(0.2 * kWeekMin));
  }
  SUBCASE("split steps integrate like one step") {
    DecayingBoost one(Duration::weeks(2), 0.05, 0.2), split(Duration::weeks(2), 0.05, 0.2);
    one.add(0.4);
    split.add(0.4);
    one.advance_to(10 * kWeekMin);
    for (int k = 1; k <= 100; ++k) split.advance_to(k * kWeekMin / 10.0);
    CHECK(split.take_integral() == doctest::Approx(one.take_integral()).epsilon(1e-10));
  }
}

}  // namespace
}  // namespace escalsim
