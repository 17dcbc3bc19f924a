// Random numbers keyed by what they are for, not by when they are drawn.
//
// The k-th visit of complaint 17 to the specialists draws the same handle time, patience,
// resolution and routing numbers in every variant of a scenario, whatever happened before
// (common random numbers keyed per complaint). Each key starts a short SplitMix64
// sequence, a Boost.Random-compatible generator, so Boost's distributions draw from it.
#pragma once

#include <cstdint>
#include <limits>

#include "random_streams.h"

namespace escalsim {

class KeyedRandom {
 public:
  using result_type = std::uint64_t;

  explicit KeyedRandom(std::uint64_t key) : state_(key) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(operator()() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// The key of one draw: a purpose's base key (from the run seed and the purpose's name)
// and the complaint's visit (its id and how many desks it has entered).
inline std::uint64_t visit_key(std::uint64_t purpose_key, std::uint64_t complaint_id,
                               std::uint8_t visit) {
  return mix64(purpose_key ^ mix64((complaint_id << 8) | visit));
}

}  // namespace escalsim
