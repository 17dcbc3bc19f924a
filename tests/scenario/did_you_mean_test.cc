// "Did you mean" suggestions for unknown keys and names.
#include "scenario/did_you_mean.h"

#include <doctest/doctest.h>

using namespace escalsim::detail;

TEST_CASE("DidYouMean: edit distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("horizon", "horizon") == 0);
  CHECK(edit_distance("horizn", "horizon") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("rnu", "run") == 1);
  CHECK(edit_distance("Horizon", "horizon") == 0);
}

TEST_CASE("DidYouMean: a close name is suggested, otherwise the accepted names are listed") {
  const std::vector<std::string> keys = {"horizon", "warmup", "seed"};
  CHECK(closest_match("horizn", keys) == "horizon");
  CHECK(closest_match("colour", keys).empty());
  CHECK(closest_match("sed", keys) == "seed");
  CHECK(closest_match("abc", keys).empty());
  CHECK(suggestion_tail("warmpu", keys) == ", did you mean 'warmup'?");
  CHECK(suggestion_tail("colour", keys, "accepted keys") ==
        "; accepted keys: horizon, warmup, seed");
}
