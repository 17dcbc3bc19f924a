// unit_exponential must be Boost's exponential draw, bit for bit and word for word: the
// engine's results (and every published figure) were computed with Boost's.
#include "engine/unit_exponential.h"

#include <cstdint>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <doctest/doctest.h>

#include "engine/keyed_random.h"

namespace escalsim {
namespace {

// A generator that counts the words it gives, to see each branch of the ziggurat taken.
template <typename Inner>
class Counting {
 public:
  using result_type = std::uint64_t;
  explicit Counting(Inner inner) : inner_(inner) {}
  static constexpr result_type min() { return Inner::min(); }
  static constexpr result_type max() { return Inner::max(); }
  result_type operator()() {
    ++words_;
    return inner_();
  }
  long words() const { return words_; }

 private:
  Inner inner_;
  long words_ = 0;
};

}  // namespace

TEST_CASE("unit_exponential: the numbers of Boost's exponential_distribution from a keyed draw") {
  long draws_with_more_words = 0;
  long mismatches = 0;
  for (std::uint64_t key = 0; key < 400000; ++key) {
    Counting<KeyedRandom> ours(KeyedRandom(mix64(key)));
    Counting<KeyedRandom> boosts(KeyedRandom(mix64(key)));
    const double a = unit_exponential(ours);
    const double b = boost::random::exponential_distribution<double>(1.0)(boosts);
    if (a != b || ours.words() != boosts.words() || ours() != boosts()) ++mismatches;
    if (boosts.words() > 1) ++draws_with_more_words;
  }
  CHECK(mismatches == 0);
  // The wedges and the tail (about 1.2% of draws) were exercised, not only the fast path.
  CHECK(draws_with_more_words > 2000);
}

TEST_CASE("unit_exponential: the same sequence as Boost's from one Mersenne Twister") {
  boost::random::mt19937_64 ours(20261207);
  boost::random::mt19937_64 boosts(20261207);
  boost::random::exponential_distribution<double> exponential(1.0);
  long mismatches = 0;
  double sum = 0.0;
  constexpr int kDraws = 1000000;
  for (int k = 0; k < kDraws; ++k) {
    const double a = unit_exponential(ours);
    if (a != exponential(boosts)) ++mismatches;
    sum += a;
  }
  CHECK(mismatches == 0);
  CHECK(ours == boosts);  // the generators consumed the same words
  // And it is an exponential with mean 1: the standard error of the mean is 0.001.
  CHECK(sum / kDraws == doctest::Approx(1.0).epsilon(0.005));
}

}  // namespace escalsim
