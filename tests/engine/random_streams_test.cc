// Tests of seeding and the random stream wrapper: reproducible, independent by name, and
// with the documented distributions.
#include "engine/random_streams.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"

namespace escalsim {
namespace {

std::vector<double> first_uniforms(RandomStream stream, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(stream.uniform());
  return out;
}

}  // namespace

TEST_CASE("RandomStream: the same seed and name give the same sequence") {
  CHECK(first_uniforms(RandomStream(42, "arrivals/0"), 100) ==
        first_uniforms(RandomStream(42, "arrivals/0"), 100));

  SUBCASE("exponential draws repeat too") {
    RandomStream a(7, "handle/3");
    RandomStream b(7, "handle/3");
    for (int i = 0; i < 100; ++i) CHECK(a.exponential() == b.exponential());
  }
}

TEST_CASE("RandomStream: streams with different names or seeds give different sequences") {
  auto base = first_uniforms(RandomStream(42, "arrivals/0"), 20);

  SUBCASE("another name with the same seed differs") {
    CHECK(first_uniforms(RandomStream(42, "arrivals/1"), 20) != base);
    CHECK(first_uniforms(RandomStream(42, "attributes/0"), 20) != base);
  }
  SUBCASE("the same name with another seed differs") {
    CHECK(first_uniforms(RandomStream(43, "arrivals/0"), 20) != base);
  }
  SUBCASE("no draw is shared at the same position by many named streams") {
    // Independent streams agree at a position with probability ~2^-53: never here.
    std::set<double> firsts;
    for (int i = 0; i < 1000; ++i) {
      firsts.insert(RandomStream(42, "handle/" + std::to_string(i)).uniform());
    }
    CHECK(firsts.size() == 1000);
  }
}

TEST_CASE("stable_hash and mix64: fixed functions whose values do not depend on the platform") {
  SUBCASE("FNV-1a of the empty string is the offset basis") {
    CHECK(stable_hash("") == 0xcbf29ce484222325ULL);
  }
  SUBCASE("FNV-1a of \"a\" is the published test vector") {
    CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cULL);
  }
  SUBCASE("mix64 of 0 is SplitMix64's first output for seed 0") {
    CHECK(mix64(0) == 0xe220a8397b1dcdafULL);
  }
}

TEST_CASE("derive_run_seed: one seed per (scenario seed, point, replication), stable") {
  SUBCASE("two calls with the same arguments agree") {
    CHECK(derive_run_seed(1, 0, 0) == derive_run_seed(1, 0, 0));
    CHECK(derive_run_seed(987654321, 5, 17) == derive_run_seed(987654321, 5, 17));
  }
  SUBCASE("replications of one point differ") {
    CHECK(derive_run_seed(1, 0, 0) != derive_run_seed(1, 0, 1));
  }
  SUBCASE("points of one replication differ") {
    CHECK(derive_run_seed(1, 0, 0) != derive_run_seed(1, 1, 0));
  }
  SUBCASE("scenario seeds differ") {
    CHECK(derive_run_seed(1, 0, 0) != derive_run_seed(2, 0, 0));
  }
  SUBCASE("1000 (seed, replication) pairs give 1000 distinct seeds") {
    std::set<std::uint64_t> seeds;
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
      for (int rep = 0; rep < 25; ++rep) seeds.insert(derive_run_seed(seed, 0, rep));
    }
    CHECK(seeds.size() == 1000);
  }
  SUBCASE("1000 (point, replication) pairs give 1000 distinct seeds") {
    std::set<std::uint64_t> seeds;
    for (std::uint64_t point = 0; point < 40; ++point) {
      for (int rep = 0; rep < 25; ++rep) seeds.insert(derive_run_seed(1, point, rep));
    }
    CHECK(seeds.size() == 1000);
  }
  SUBCASE("swapping point and replication gives another seed") {
    CHECK(derive_run_seed(1, 2, 3) != derive_run_seed(1, 3, 2));
  }
}

TEST_CASE("RandomStream: uniform draws lie between 0 (included) and 1 (excluded) with mean 1/2") {
  RandomStream stream(2024, "uniform-check");
  constexpr int kDraws = 100000;
  double sum = 0.0;
  double low = 1.0, high = 0.0;
  int below_quarter = 0;
  for (int i = 0; i < kDraws; ++i) {
    double u = stream.uniform();
    sum += u;
    low = std::min(low, u);
    high = std::max(high, u);
    if (u < 0.25) ++below_quarter;
  }
  CHECK(low >= 0.0);
  CHECK(high < 1.0);
  // Var U = 1/12: standard error of the mean sqrt(1/12 / n).
  double se = std::sqrt(1.0 / 12.0 / kDraws);
  CHECK(std::abs(sum / kDraws - 0.5) < 5.0 * se);
  // A quarter fall below 1/4: binomial standard error sqrt(p(1-p)/n).
  double p_se = std::sqrt(0.25 * 0.75 / kDraws);
  CHECK(std::abs(below_quarter / double(kDraws) - 0.25) < 5.0 * p_se);
}

TEST_CASE("RandomStream: exponential draws are positive with mean 1 and variance 1") {
  RandomStream stream(2024, "exponential-check");
  constexpr int kDraws = 100000;
  double sum = 0.0, sum_sq = 0.0;
  bool negative = false;
  for (int i = 0; i < kDraws; ++i) {
    double x = stream.exponential();
    if (x < 0.0) negative = true;
    sum += x;
    sum_sq += x * x;
  }
  CHECK_FALSE(negative);
  double mean = sum / kDraws;
  CHECK(std::abs(mean - 1.0) < 5.0 * std::sqrt(1.0 / kDraws));  // Var = 1
  double variance = sum_sq / kDraws - mean * mean;
  // Var of X^2 for Exp(1) is E X^4 - (E X^2)^2 = 24 - 4 = 20: the sample variance's
  // standard error is about sqrt(20 / n).
  CHECK(std::abs(variance - 1.0) < 5.0 * std::sqrt(20.0 / kDraws));
}

}  // namespace escalsim
