// Seed derivation and the random stream wrapper.
#include "engine/random_streams.h"

#include "engine/unit_exponential.h"

#include "escalsim/engine.h"

namespace escalsim {

std::uint64_t stable_hash(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::uint64_t derive_run_seed(std::uint64_t scenario_seed, std::uint64_t point, int replication) {
  // Chained mixing: each input changes every bit of the result, and (seed, point, rep)
  // tuples that differ in one place do not collide in practice.
  std::uint64_t s = mix64(scenario_seed);
  s = mix64(s ^ mix64(point + 0x5851f42d4c957f2dULL));
  s = mix64(s ^ mix64(static_cast<std::uint64_t>(replication) + 0x14057b7ef767814fULL));
  return s;
}

RandomStream::RandomStream(std::uint64_t run_seed, std::string_view purpose)
    : engine_(mix64(run_seed ^ stable_hash(purpose))) {}

double RandomStream::exponential() {
  return unit_exponential(engine_);
}

}  // namespace escalsim
