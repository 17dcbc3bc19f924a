// Tests of DurationHistogram: exact count and mean, quantiles within the bin resolution,
// zeros in their own bin.
#include "recorders/duration_histogram.h"

#include <cmath>

#include <doctest/doctest.h>

namespace escalsim {

TEST_CASE("DurationHistogram: an empty histogram reports zero everywhere") {
  DurationHistogram h;
  CHECK(h.count() == 0);
  CHECK(h.mean_min() == 0.0);
  CHECK(h.quantile_min(0.5) == 0.0);
  CHECK(h.quantile_min(0.99) == 0.0);
  DurationSummary s = h.summary();
  CHECK(s.count == 0);
  CHECK(s.p90.in_minutes() == 0.0);
}

TEST_CASE("DurationHistogram: quantiles of 1..10000 minutes are within 0.5% of the truth") {
  DurationHistogram h;
  for (int m = 10000; m >= 1; --m) h.add(m);  // the order of adding does not matter
  CHECK(h.count() == 10000);
  CHECK(h.mean_min() == 5000.5);  // exact: the sum of whole numbers is exact in a double

  // Nearest rank: the q-quantile of 1..n is q * n.
  for (double q : {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999}) {
    CAPTURE(q);
    CHECK(h.quantile_min(q) == doctest::Approx(q * 10000).epsilon(0.005));
  }
  SUBCASE("the top quantile is the largest value, never beyond it") {
    CHECK(h.quantile_min(1.0) == doctest::Approx(10000).epsilon(0.005));
    CHECK(h.quantile_min(1.0) <= 10000.0);
  }
  SUBCASE("quantiles never decrease with q") {
    double last = 0.0;
    bool monotone = true;
    for (int i = 0; i <= 1000; ++i) {
      double v = h.quantile_min(i / 1000.0);
      monotone &= v >= last;
      last = v;
    }
    CHECK(monotone);
  }
  SUBCASE("the summary carries the same figures") {
    DurationSummary s = h.summary();
    CHECK(s.count == 10000);
    CHECK(s.mean.in_minutes() == 5000.5);
    CHECK(s.p50.in_minutes() == doctest::Approx(5000).epsilon(0.005));
    CHECK(s.p90.in_minutes() == doctest::Approx(9000).epsilon(0.005));
    CHECK(s.p99.in_minutes() == doctest::Approx(9900).epsilon(0.005));
  }
}

TEST_CASE("DurationHistogram: short durations, down to seconds, keep their resolution") {
  // 1..10000 seconds.
  DurationHistogram h;
  for (int s = 1; s <= 10000; ++s) h.add(s / 60.0);
  for (double q : {0.01, 0.5, 0.9}) {
    CAPTURE(q);
    CHECK(h.quantile_min(q) == doctest::Approx(q * 10000 / 60.0).epsilon(0.005));
  }
}

TEST_CASE("DurationHistogram: zeros are counted in their own bin") {
  DurationHistogram h;
  for (int i = 0; i < 900; ++i) h.add(0.0);
  for (int i = 0; i < 100; ++i) h.add(60.0);
  CHECK(h.count() == 1000);
  CHECK(h.mean_min() == doctest::Approx(6.0));
  CHECK(h.quantile_min(0.5) == 0.0);
  CHECK(h.quantile_min(0.9) == 0.0);
  CHECK(h.quantile_min(0.95) == doctest::Approx(60.0).epsilon(0.005));
  CHECK(h.quantile_min(0.95) <= 60.0);

  SUBCASE("negative durations count as zero") {
    DurationHistogram n;
    n.add(-5.0);
    n.add(-0.0);
    n.add(10.0);
    CHECK(n.count() == 3);
    CHECK(n.mean_min() == doctest::Approx(10.0 / 3.0));
    CHECK(n.quantile_min(0.5) == 0.0);
  }
  SUBCASE("clear forgets everything") {
    h.clear();
    CHECK(h.count() == 0);
    CHECK(h.mean_min() == 0.0);
    CHECK(h.quantile_min(0.99) == 0.0);
  }
}

TEST_CASE("DurationHistogram: a single value is every quantile of itself") {
  DurationHistogram h;
  h.add(37.0);
  CHECK(h.mean_min() == 37.0);
  CHECK(h.quantile_min(0.5) == doctest::Approx(37.0).epsilon(0.005));
  CHECK(h.quantile_min(0.99) <= 37.0);
  CHECK(h.quantile_min(0.99) == doctest::Approx(37.0).epsilon(0.005));
}

}  // namespace escalsim
