// Tests of the closed forms: published and hand-computed values, and a numerical
// birth-death solution of the same chains as an independent cross-check.
#include "validation/queueing_theory.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include <doctest/doctest.h>

namespace escalsim::theory {
namespace {

// The figures of an M/M/c-type birth-death chain, read off its stationary distribution.
struct ChainFigures {
  double prob_wait = 0.0;     // P(N >= c) (PASTA: what an arrival sees)
  double prob_full = 0.0;     // P(N = N_max)
  double mean_queue = 0.0;    // E[(N - c)+]
  double mean_in_system = 0.0;
};

ChainFigures solve_chain(int servers, int max_in_system, double arrival_rate_per_min,
                         double mean_service_min, double mean_patience_min /* 0: none */) {
  const std::size_t states = static_cast<std::size_t>(max_in_system) + 1;
  std::vector<double> birth(states, arrival_rate_per_min), death(states, 0.0);
  birth.back() = 0.0;
  for (std::size_t n = 1; n < states; ++n) {
    const double busy = std::min<double>(n, servers);
    const double waiting = static_cast<double>(n) - busy;
    death[n] = busy / mean_service_min + (mean_patience_min > 0 ? waiting / mean_patience_min : 0.0);
  }
  const std::vector<double> p = birth_death_stationary(birth, death);
  ChainFigures f;
  for (std::size_t n = 0; n < states; ++n) {
    if (n >= static_cast<std::size_t>(servers)) f.prob_wait += p[n];
    f.mean_queue += std::max(0.0, static_cast<double>(n) - servers) * p[n];
    f.mean_in_system += static_cast<double>(n) * p[n];
  }
  f.prob_full = p.back();
  return f;
}

}  // namespace

TEST_CASE("Queueing theory: Erlang B and C match published values") {
  CHECK(erlang_b(1, 1.0) == doctest::Approx(0.5));
  CHECK(erlang_b(10, 5.0) == doctest::Approx(0.018385).epsilon(1e-4));  // standard table
  CHECK(erlang_c(2, 1.0, 1.0) == doctest::Approx(1.0 / 3.0));           // c = 2, a = 1
  CHECK(erlang_c(3, 2.0, 1.0) == doctest::Approx(4.0 / 9.0));           // c = 3, a = 2
  SUBCASE("M/M/1 reduces to rho") {
    CHECK(erlang_c(1, 0.05, 10.0) == doctest::Approx(0.5));
    CHECK(mmc_mean_wait_min(1, 0.05, 10.0) == doctest::Approx(0.5 / (0.1 - 0.05)));  // 10 min
    CHECK(mmc_mean_queue(1, 0.5, 1.0) == doctest::Approx(0.5));  // rho^2 / (1 - rho)
    CHECK(mmc_prob_wait_exceeds(1, 0.5, 1.0, 2.0) == doctest::Approx(0.5 * std::exp(-1.0)));
  }
  SUBCASE("M/M/2 with a = 1: Wq = C / (2 mu - lambda)") {
    CHECK(mmc_mean_wait_min(2, 1.0, 1.0) == doctest::Approx(1.0 / 3.0));
    CHECK(mmc_prob_wait_exceeds(2, 1.0, 1.0, 0.0) == doctest::Approx(1.0 / 3.0));
  }
  SUBCASE("an unstable M/M/c is rejected") {
    CHECK_THROWS_AS(erlang_c(2, 2.0, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(mmc_mean_wait_min(0, 0.5, 1.0), std::invalid_argument);
  }
}

TEST_CASE("Queueing theory: Erlang C agrees with the birth-death chain") {
  struct Set { int c; double lambda; double mean_service; };
  for (Set s : {Set{1, 0.5, 1.0}, Set{1, 0.095, 10.0}, Set{2, 1.6, 1.0}, Set{5, 0.45, 10.0},
                Set{10, 9.5, 1.0}, Set{30, 2.7, 10.0}}) {
    CAPTURE(s.c);
    CAPTURE(s.lambda);
    const ChainFigures f = solve_chain(s.c, s.c + 4000, s.lambda, s.mean_service, 0.0);
    CHECK(erlang_c(s.c, s.lambda, s.mean_service) == doctest::Approx(f.prob_wait).epsilon(1e-9));
    CHECK(mmc_mean_queue(s.c, s.lambda, s.mean_service) ==
          doctest::Approx(f.mean_queue).epsilon(1e-8));
  }
}

TEST_CASE("Queueing theory: M/M/c/K matches hand values and the birth-death chain") {
  SUBCASE("M/M/1/2 at rho = 0.5 blocks 1/7 of arrivals") {
    // p_K = rho^K (1 - rho) / (1 - rho^(K+1)) = 0.25 * 0.5 / 0.875.
    CHECK(mmck_blocking(1, 2, 0.5, 1.0) == doctest::Approx(1.0 / 7.0));
    // States 0, 1, 2 with weights 4, 2, 1 (over 7): L = (2 + 2) / 7.
    CHECK(mmck_mean_in_system(1, 2, 0.5, 1.0) == doctest::Approx(4.0 / 7.0));
    // Lq = 1/7; admitted rate 0.5 * 6/7: Wq = (1/7) / (3/7) = 1/3.
    CHECK(mmck_mean_wait_admitted_min(1, 2, 0.5, 1.0) == doctest::Approx(1.0 / 3.0));
  }
  SUBCASE("M/M/c/c is Erlang B") {
    CHECK(mmck_blocking(10, 10, 0.5, 10.0) == doctest::Approx(erlang_b(10, 5.0)));
    CHECK(mmck_mean_wait_admitted_min(10, 10, 0.5, 10.0) == doctest::Approx(0.0));
  }
  SUBCASE("several sets, loads below and above 1") {
    struct Set { int c; int k; double lambda; double mean_service; };
    for (Set s : {Set{1, 5, 0.08, 10.0}, Set{2, 6, 0.19, 10.0}, Set{3, 3, 2.0, 1.0},
                  Set{4, 12, 5.0, 1.0}, Set{10, 15, 1.2, 10.0}, Set{2, 4, 2.0, 1.0}}) {
      CAPTURE(s.c);
      CAPTURE(s.k);
      CAPTURE(s.lambda);
      const ChainFigures f = solve_chain(s.c, s.k, s.lambda, s.mean_service, 0.0);
      CHECK(mmck_blocking(s.c, s.k, s.lambda, s.mean_service) ==
            doctest::Approx(f.prob_full).epsilon(1e-10));
      CHECK(mmck_mean_in_system(s.c, s.k, s.lambda, s.mean_service) ==
            doctest::Approx(f.mean_in_system).epsilon(1e-10));
      CHECK(mmck_mean_wait_admitted_min(s.c, s.k, s.lambda, s.mean_service) ==
            doctest::Approx(f.mean_queue / (s.lambda * (1.0 - f.prob_full))).epsilon(1e-10));
    }
  }
}

TEST_CASE("Queueing theory: Erlang A matches hand values") {
  SUBCASE("with patience equal to service, the count in system is Poisson(a)") {
    // theta = mu makes every customer leave at rate mu, served or not: M/M/inf.
    // c = 1, a = 1: P(W > 0) = P(N >= 1) = 1 - e^-1; E[(N - 1)+] = e^-1; P(Ab) = E[Lq]/a.
    const ErlangA e = erlang_a(1, 0.1, 10.0, 10.0);
    CHECK(e.prob_wait == doctest::Approx(1.0 - std::exp(-1.0)));
    CHECK(e.prob_abandon == doctest::Approx(std::exp(-1.0)));
    CHECK(e.mean_wait_min == doctest::Approx(10.0 * std::exp(-1.0)));
    CHECK(e.mean_queue == doctest::Approx(std::exp(-1.0)));
  }
  SUBCASE("with nearly infinite patience it tends to Erlang C") {
    const ErlangA e = erlang_a(3, 2.0, 1.0, 1e7);
    CHECK(e.prob_wait == doctest::Approx(4.0 / 9.0).epsilon(1e-4));
    CHECK(e.mean_wait_min == doctest::Approx(mmc_mean_wait_min(3, 2.0, 1.0)).epsilon(1e-4));
  }
  SUBCASE("overload: the served rate is at most c mu") {
    // lambda (1 - P(Ab)) = mu E[busy] <= c mu, so P(Ab) >= 1 - 1/rho.
    const ErlangA e = erlang_a(10, 2.0, 10.0, 5.0);  // rho = 2
    CHECK(e.prob_abandon > 0.5);
    CHECK(e.prob_abandon < 0.6);
    CHECK(e.prob_wait < 1.0);
  }
}

TEST_CASE("Queueing theory: Erlang A agrees with the birth-death chain, overloads included") {
  struct Set { int c; double lambda; double mean_service; double mean_patience; };
  for (Set s : {Set{1, 0.5, 1.0, 2.0}, Set{1, 0.15, 10.0, 3.0}, Set{3, 2.5, 1.0, 0.5},
                Set{5, 4.0, 1.0, 10.0}, Set{10, 1.2, 10.0, 50.0}, Set{20, 18.0, 1.0, 1000.0},
                Set{50, 60.0, 1.0, 1.0}, Set{2, 0.4, 10.0, 20.0}, Set{1, 3.0, 1.0, 0.3}}) {
    CAPTURE(s.c);
    CAPTURE(s.lambda);
    CAPTURE(s.mean_patience);
    const ChainFigures f = solve_chain(s.c, s.c + 6000, s.lambda, s.mean_service, s.mean_patience);
    const ErlangA e = erlang_a(s.c, s.lambda, s.mean_service, s.mean_patience);
    const double prob_abandon = f.mean_queue / s.mean_patience / s.lambda;  // theta Lq / lambda
    CHECK(e.prob_wait == doctest::Approx(f.prob_wait).epsilon(1e-8));
    CHECK(e.prob_abandon == doctest::Approx(prob_abandon).epsilon(1e-8));
    CHECK(e.mean_wait_min == doctest::Approx(f.mean_queue / s.lambda).epsilon(1e-8));
    CHECK(e.mean_queue == doctest::Approx(f.mean_queue).epsilon(1e-8));
  }
}

TEST_CASE("Queueing theory: Pollaczek-Khinchine matches M/M/1 and M/D/1") {
  CHECK(mg1_mean_wait_min(0.5, 1.0, 1.0) == doctest::Approx(mmc_mean_wait_min(1, 0.5, 1.0)));
  CHECK(mg1_mean_wait_min(0.5, 1.0, 0.0) == doctest::Approx(0.5));  // rho / (2 mu (1 - rho))
  CHECK(mg1_mean_wait_min(0.08, 10.0, 0.25) == doctest::Approx(0.08 * 100.0 * 1.25 / 0.4));
  CHECK_THROWS_AS(mg1_mean_wait_min(0.1, 10.0, 1.0), std::invalid_argument);
}

TEST_CASE("Queueing theory: Cobham's priority waits match hand values and conservation") {
  SUBCASE("M/M/1 with two classes of 0.25 each, mu = 1") {
    // W0 = sum lambda_i E[S^2] / 2 = 0.5; W1 = 0.5 / 0.75; W2 = 0.5 / (0.75 * 0.5).
    const std::vector<PriorityClass> classes{{0.25, 1.0, 1.0}, {0.25, 1.0, 1.0}};
    const std::vector<double> w = priority_mg1_mean_wait_min(classes);
    REQUIRE(w.size() == 2);
    CHECK(w[0] == doctest::Approx(2.0 / 3.0));
    CHECK(w[1] == doctest::Approx(4.0 / 3.0));
    const std::vector<double> w_mmc = priority_mmc_mean_wait_min(1, classes);
    CHECK(w_mmc[0] == doctest::Approx(w[0]));
    CHECK(w_mmc[1] == doctest::Approx(w[1]));
  }
  SUBCASE("the rate-weighted mean wait equals FIFO's (Kleinrock's conservation law)") {
    const std::vector<PriorityClass> classes{{0.1, 10.0, 1.0}, {0.15, 10.0, 1.0}, {0.2, 10.0, 1.0}};
    const std::vector<double> w = priority_mmc_mean_wait_min(5, classes);
    const double weighted = (0.1 * w[0] + 0.15 * w[1] + 0.2 * w[2]) / 0.45;
    CHECK(weighted == doctest::Approx(mmc_mean_wait_min(5, 0.45, 10.0)));
    CHECK(w[0] < w[1]);
    CHECK(w[1] < w[2]);
    const std::vector<PriorityClass> general{{0.02, 10.0, 0.0}, {0.05, 10.0, 0.0}};
    const std::vector<double> g = priority_mg1_mean_wait_min(general);
    CHECK((0.02 * g[0] + 0.05 * g[1]) / 0.07 == doctest::Approx(mg1_mean_wait_min(0.07, 10.0, 0.0)));
  }
}

TEST_CASE("Queueing theory: Jackson networks match hand values") {
  SUBCASE("two M/M/1 in tandem, rho = 0.5 each: 2 + 2 minutes") {
    const JacksonResult r = jackson({{0.5, 1.0, 1}, {0.0, 1.0, 1}}, {{0.0, 1.0}, {0.0, 0.0}});
    CHECK(r.arrival_rate_per_min[1] == doctest::Approx(0.5));
    CHECK(r.mean_sojourn_min[0] == doctest::Approx(2.0));
    CHECK(r.mean_sojourn_min[1] == doctest::Approx(2.0));
    CHECK(r.mean_time_in_system_min == doctest::Approx(4.0));
  }
  SUBCASE("one node with feedback: gamma = 0.25, half return, so lambda = 0.5") {
    const JacksonResult r = jackson({{0.25, 1.0, 1}}, {{0.5}});
    CHECK(r.arrival_rate_per_min[0] == doctest::Approx(0.5));
    CHECK(r.mean_in_node[0] == doctest::Approx(1.0));
    CHECK(r.mean_time_in_system_min == doctest::Approx(4.0));  // L / gamma
  }
  SUBCASE("an escalation chain with a return loop and external arrivals at two desks") {
    const std::vector<JacksonNode> nodes{{1.0, 8.0, 10}, {0.05, 30.0, 6}, {0.0, 60.0, 1}};
    const std::vector<std::vector<double>> routing{
        {0.0, 0.1, 0.0}, {0.2, 0.0, 0.1}, {0.0, 0.0, 0.0}};
    const JacksonResult r = jackson(nodes, routing);
    // lambda0 = 1 + 0.2 lambda1, lambda1 = 0.05 + 0.1 lambda0, lambda2 = 0.1 lambda1.
    const double lambda1 = (0.05 + 0.1) / (1.0 - 0.02);
    CHECK(r.arrival_rate_per_min[1] == doctest::Approx(lambda1));
    CHECK(r.arrival_rate_per_min[0] == doctest::Approx(1.0 + 0.2 * lambda1));
    CHECK(r.arrival_rate_per_min[2] == doctest::Approx(0.1 * lambda1));
    CHECK(r.mean_sojourn_min[1] ==
          doctest::Approx(30.0 + mmc_mean_wait_min(6, lambda1, 30.0)));
    const double total_l = std::accumulate(r.mean_in_node.begin(), r.mean_in_node.end(), 0.0);
    CHECK(r.mean_time_in_system_min == doctest::Approx(total_l / 1.05));
  }
  SUBCASE("a closed loop is rejected") {
    CHECK_THROWS_AS(jackson({{0.1, 1.0, 1}}, {{1.0}}), std::invalid_argument);
  }
}

TEST_CASE("Queueing theory: the z-score counts standard errors from the theory") {
  const ZScore z = z_score({1.0, 2.0, 3.0}, 1.0);
  CHECK(z.n == 3);
  CHECK(z.mean == doctest::Approx(2.0));
  CHECK(z.sd == doctest::Approx(1.0));
  CHECK(z.z == doctest::Approx(std::sqrt(3.0)));
  CHECK(z.relative_half_width == doctest::Approx(1.96 / std::sqrt(3.0)));
  CHECK(z_score({2.0, 2.0}, 2.0).z == 0.0);
  CHECK(std::isinf(z_score({2.0, 2.0}, 1.0).z));
  CHECK_THROWS_AS(z_score({1.0}, 1.0), std::invalid_argument);
}

}  // namespace escalsim::theory
