// Who a complaint is, whatever happened to any other complaint.
//
// A first contact is the `candidate`-th candidate arrival of its demand stream, counted
// before any policy thins the stream; the extra demand a policy adds is a stream of its own
// (`extra`) with its own count. A returning customer is its first contact's identity with
// the number of this contact. Every keyed draw about a complaint (keyed_random.h) starts
// from identity_key, so two variants of a scenario give the same complaint the same
// attributes, patience, handle times, resolutions, routes and return, however differently
// they treated other complaints (common random numbers).
#pragma once

#include <cstdint>

#include "engine/random_streams.h"

namespace escalsim {

struct ComplaintIdentity {
  std::uint64_t candidate = 0;  // index among its stream's candidates, from 0, before thinning
  std::uint8_t stream = 0;      // index into Scenario::demand
  bool extra = false;           // from the superposed stream of extra demand (policies)
  std::uint16_t contact = 1;    // 1: a first contact; k: the customer's k-th contact
};

// The 64-bit key of an identity: distinct identities get distinct keys (a collision needs
// two hashed keys within 256 of each other: about 2^-56 per pair).
inline std::uint64_t identity_key(const ComplaintIdentity& who) {
  // A first contact of the first stream is keyed by its candidate index as the arrival-order
  // id keyed it before identities existed, so scenarios that never suffered from that (one
  // stream, no returns, no policy that changes demand) give the results they always gave.
  // Every other identity is hashed, with the top bit set so that it meets none of those.
  if (who.stream == 0 && !who.extra && who.contact == 1) return who.candidate << 8;
  const std::uint64_t word = who.candidate ^ (std::uint64_t{who.stream} << 48) ^
                             (std::uint64_t{who.extra} << 56);
  return mix64(mix64(word) ^ who.contact) | (std::uint64_t{1} << 63);
}

}  // namespace escalsim
