// Tests of SlotPool and ComplaintPool: slots reused, live counts, stale generations.
#include "engine/slot_pool.h"

#include <vector>

#include <doctest/doctest.h>

#include "engine/complaint.h"

namespace escalsim {
namespace {

TEST_CASE("SlotPool: a released slot is the next one allocated") {
  SlotPool<int> pool;
  const std::uint32_t a = pool.allocate();
  const std::uint32_t b = pool.allocate();
  CHECK(a != b);
  CHECK(pool.live() == 2);
  pool[b] = 7;
  pool.release(b);
  CHECK(pool.live() == 1);
  CHECK(pool.allocate() == b);
  CHECK(pool[b] == 7);  // a reused slot holds its old value
  CHECK(pool.allocate() == 2);
}

TEST_CASE("SlotPool: for_each_live visits the allocated slots in slot order") {
  SlotPool<int> pool;
  for (int i = 0; i < 4; ++i) pool[pool.allocate()] = i;
  pool.release(1);
  std::vector<int> seen;
  pool.for_each_live([&](int v) { seen.push_back(v); });
  CHECK(seen == std::vector<int>{0, 2, 3});
}

TEST_CASE("ComplaintPool: releasing a slot bumps its complaint's generation") {
  ComplaintPool pool;
  const std::uint32_t slot = pool.allocate();
  const std::uint32_t before = pool[slot].generation;
  pool.release(slot);
  CHECK(pool.live() == 0);
  CHECK(pool.allocate() == slot);
  CHECK(pool[slot].generation == before + 1);
}

}  // namespace
}  // namespace escalsim
