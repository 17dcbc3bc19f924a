// The program's exit statuses: bad input is 2, a broken invariant or any other exception 3.
// (No input reaches a ModelError through the program any more, the loader refusing what
// would break one, so the mapping that tools/escalsim.cc applies is tested directly.)
#include <new>
#include <stdexcept>

#include <doctest/doctest.h>

#include "escalsim/errors.h"

namespace escalsim {
namespace {

TEST_CASE("Exit status: a broken invariant (ModelError) is a bug, 3, not bad input") {
  CHECK(exit_status_for(ModelError("invariant broken in scenario 's', replication 0: x")) == 3);
}

TEST_CASE("Exit status: bad input is 2") {
  CHECK(exit_status_for(ScenarioError("s.yaml", 1, 1, "bad")) == 2);
  CHECK(exit_status_for(OutputError("cannot write")) == 2);
  CHECK(exit_status_for(Error("compare needs at least two variants")) == 2);
}

TEST_CASE("Exit status: any other exception is a bug, 3") {
  CHECK(exit_status_for(std::runtime_error("json type error")) == 3);
  CHECK(exit_status_for(std::bad_alloc()) == 3);
}

}  // namespace
}  // namespace escalsim
