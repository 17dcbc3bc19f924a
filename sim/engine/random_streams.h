// Seeded random streams, one per purpose, keyed by name so that adding a stream never
// shifts the numbers another stream gives (common random numbers across variants).
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

namespace escalsim {

// SplitMix64's finaliser: a bijective mix of 64 bits, used to derive seeds and for the keyed
// draws. Inline: it runs several times per complaint, and LTO did not inline it from its
// own file (3% of the escalation model's instructions as a call).
inline std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a of a name: stable across compilers and standard libraries (unlike std::hash).
std::uint64_t stable_hash(std::string_view name);

// One stream of random numbers. Boost.Random gives the same sequence with every
// standard library, which std:: distributions do not.
class RandomStream {
 public:
  using Engine = boost::random::mt19937_64;

  // The stream named `purpose` of the run whose seed is `run_seed`.
  RandomStream(std::uint64_t run_seed, std::string_view purpose);

  // Uniform on [0, 1).
  double uniform() { return boost::random::uniform_01<double>()(engine_); }
  // Exponential with mean 1.
  double exponential();

  Engine& engine() { return engine_; }

 private:
  Engine engine_;
};

}  // namespace escalsim
