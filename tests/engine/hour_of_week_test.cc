// hour_of_week must give the hour the division gives, truncating t_min / 60.0 as rounded:
// hourly results (results_by_hour.csv) and the demand's weekly pattern were computed so.
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <random>

#include <doctest/doctest.h>

#include "escalsim/units.h"

namespace escalsim {
namespace {

int by_division(double t_min) {
  return static_cast<int>(static_cast<long long>(t_min / 60.0) % 168);
}

TEST_CASE("hour_of_week agrees with the division at every hour's start and its neighbours") {
  // Each hour's start over 20 years, and the doubles on either side of it, where a
  // multiplication by 1/60 and the division may round to different sides.
  long long checked = 0, mismatches = 0;
  for (long long hour = 0; hour <= 20LL * 52 * 168; ++hour) {
    const double start = static_cast<double>(hour) * 60.0;
    double below = start, above = start;
    for (int step = 0; step < 4; ++step) {
      below = std::nextafter(below, 0.0);
      above = std::nextafter(above, INFINITY);
      for (double t : {below, start, above}) {
        ++checked;
        if (hour_of_week(t) != by_division(t)) ++mismatches;
      }
    }
  }
  CHECK(checked > 2'000'000);
  CHECK(mismatches == 0);
  CHECK(hour_of_week(0.0) == 0);
  CHECK(hour_of_week(59.999) == 0);
  CHECK(hour_of_week(60.0) == 1);
  CHECK(hour_of_week(kWeekMin - 1e-9) == 167);
  CHECK(hour_of_week(kWeekMin) == 0);
}

TEST_CASE("hour_of_week agrees with the division on random times, small to huge") {
  std::mt19937_64 random(20261207);
  std::uniform_real_distribution<double> exponent(-3.0, 62.0);
  std::uniform_real_distribution<double> mantissa(1.0, 2.0);
  long long mismatches = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    const double t = std::ldexp(mantissa(random), static_cast<int>(exponent(random)));
    if (hour_of_week(t) != by_division(t)) ++mismatches;
  }
  CHECK(mismatches == 0);
}

}  // namespace
}  // namespace escalsim
