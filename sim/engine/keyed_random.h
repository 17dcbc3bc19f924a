// Random numbers keyed by what they are for, not by when they are drawn.
//
// The k-th visit of a complaint to the specialists draws the same handle time, patience,
// resolution and routing numbers in every variant of a scenario, whatever happened before
// (common random numbers keyed per complaint's identity, complaint_identity.h). Each key starts a short SplitMix64
// sequence, a Boost.Random-compatible generator, so Boost's distributions draw from it.
#pragma once

#include <cstdint>
#include <limits>

#include "engine/random_streams.h"

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

// The word of a complaint's visit: its identity_key and how many desks it has entered (0
// for draws about the complaint as a whole). Computed once per visit (Complaint::visit_word).
inline std::uint64_t visit_word(std::uint64_t identity_key, std::uint32_t visit) {
  std::uint64_t word = mix64(identity_key + (visit & 0xffu));
  // Beyond 255 visits (a loop), the visit's higher bits are mixed in separately, so that
  // visit 256 never meets the next candidate's visit 0 (first-stream keys are 256 apart).
  if (visit > 0xffu) [[unlikely]] word = mix64(word ^ visit);
  return word;
}

// The key of one draw: a purpose's base key (from the run seed and the purpose's name) and
// the visit's word.
inline std::uint64_t draw_key(std::uint64_t purpose_key, std::uint64_t visit_word) {
  return mix64(purpose_key ^ visit_word);
}

// draw_key of the visit `visit` of the complaint whose identity_key is `identity_key`.
inline std::uint64_t visit_key(std::uint64_t purpose_key, std::uint64_t identity_key,
                               std::uint32_t visit) {
  return draw_key(purpose_key, visit_word(identity_key, visit));
}

}  // namespace escalsim
