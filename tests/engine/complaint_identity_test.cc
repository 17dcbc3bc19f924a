// Complaint identities and the keys of draws about them: distinct identities and visits
// never share a key, and the first stream's first contacts keep their arrival-order keys.
#include "engine/complaint_identity.h"

#include <cstdint>
#include <set>

#include <doctest/doctest.h>

#include "engine/keyed_random.h"

namespace escalsim {
namespace {

TEST_CASE("Complaint identity: distinct identities have distinct keys") {
  std::set<std::uint64_t> keys;
  int identities = 0;
  for (std::uint64_t candidate = 0; candidate < 300; ++candidate) {
    for (int stream = 0; stream < 3; ++stream) {
      for (bool extra : {false, true}) {
        for (int contact = 1; contact <= 3; ++contact) {
          ComplaintIdentity who;
          who.candidate = candidate;
          who.stream = static_cast<std::uint8_t>(stream);
          who.extra = extra;
          who.contact = static_cast<std::uint16_t>(contact);
          keys.insert(identity_key(who));
          ++identities;
        }
      }
    }
  }
  CHECK(keys.size() == static_cast<std::size_t>(identities));
}

TEST_CASE("Complaint identity: the first stream's first contacts keep the keys ids gave") {
  ComplaintIdentity who;
  who.candidate = 1234;
  CHECK(identity_key(who) == 1234u << 8);
  // As visit_key once keyed complaint 1234's third visit.
  CHECK(visit_key(77, identity_key(who), 3) == mix64(77 ^ mix64((1234u << 8) | 3u)));
}

TEST_CASE("Keyed draws: visits beyond 255 meet no other visit's key") {
  ComplaintIdentity a;
  a.candidate = 10;
  ComplaintIdentity b;
  b.candidate = 11;
  std::set<std::uint64_t> keys;
  for (std::uint32_t visit = 0; visit < 1000; ++visit) {
    keys.insert(visit_key(5, identity_key(a), visit));
    keys.insert(visit_key(5, identity_key(b), visit));
  }
  CHECK(keys.size() == 2000);
}

}  // namespace
}  // namespace escalsim
