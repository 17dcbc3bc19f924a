// The library's Erlang B/C/A (sim/analysis/erlang.h) against hand values and against the
// tests' own queueing theory (tests/validation/queueing_theory.h), which computes Erlang A
// by a different route (Mandelbaum and Zeltyn's incomplete-gamma form, not the chain).
#include "analysis/erlang.h"

#include <cmath>

#include <doctest/doctest.h>

#include "validation/queueing_theory.h"

namespace escalsim::detail {
namespace {

TEST_CASE("Erlang B by hand: one server at 1 Erlang blocks half, two block a fifth") {
  CHECK(erlang_b(0, 3.0) == doctest::Approx(1.0));
  CHECK(erlang_b(1, 1.0) == doctest::Approx(0.5));
  // B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2.
  CHECK(erlang_b(2, 1.0) == doctest::Approx(0.2));
}

TEST_CASE("Erlang C and the M/M/c service level agree with the tests' theory") {
  for (int c : {1, 2, 5, 12, 40}) {
    for (double rho : {0.3, 0.7, 0.9, 0.97}) {
      const double mean_min = 4.0;
      const double lambda_per_min = rho * c / mean_min;
      CAPTURE(c);
      CAPTURE(rho);
      CHECK(erlang_c(c, lambda_per_min * mean_min) ==
            doctest::Approx(theory::erlang_c(c, lambda_per_min, mean_min)).epsilon(1e-9));
      for (double t_min : {0.0, 0.33, 2.0, 10.0}) {
        const double sl = erlang_c_service_level(c, lambda_per_min * 60.0, mean_min / 60.0,
                                                 t_min / 60.0);
        CHECK(sl == doctest::Approx(1.0 - theory::mmc_prob_wait_exceeds(c, lambda_per_min,
                                                                         mean_min, t_min))
                        .epsilon(1e-9));
      }
      CHECK(erlang_c_mean_wait_h(c, lambda_per_min * 60.0, mean_min / 60.0) * 60.0 ==
            doctest::Approx(theory::mmc_mean_wait_min(c, lambda_per_min, mean_min))
                .epsilon(1e-9));
    }
  }
}

TEST_CASE("Erlang C of an unstable queue: everyone waits, nobody is answered in time") {
  CHECK(erlang_c(3, 3.0) == 1.0);
  CHECK(erlang_c_service_level(3, 40.0, 0.1, 1.0) == 0.0);
  CHECK(std::isinf(erlang_c_mean_wait_h(3, 40.0, 0.1)));
}

TEST_CASE("Erlang A (the birth-death chain) agrees with Mandelbaum-Zeltyn's closed form") {
  for (int c : {1, 3, 10, 30}) {
    for (double rho : {0.5, 0.9, 1.0, 1.3}) {
      for (double patience_min : {2.0, 15.0}) {
        const double mean_min = 5.0;
        const double lambda_per_min = rho * c / mean_min;
        CAPTURE(c);
        CAPTURE(rho);
        CAPTURE(patience_min);
        const ErlangAFigures mine =
            erlang_a(c, lambda_per_min * 60.0, mean_min / 60.0, patience_min / 60.0);
        const theory::ErlangA yardstick =
            theory::erlang_a(c, lambda_per_min, mean_min, patience_min);
        CHECK(mine.prob_wait == doctest::Approx(yardstick.prob_wait).epsilon(1e-7));
        CHECK(mine.prob_abandon == doctest::Approx(yardstick.prob_abandon).epsilon(1e-7));
        CHECK(mine.mean_wait_h * 60.0 == doctest::Approx(yardstick.mean_wait_min).epsilon(1e-7));
      }
    }
  }
}

}  // namespace
}  // namespace escalsim::detail
