// What a program reads from its command line the way the loader reads a scenario file: a
// duration in words, and the closest of several names for a "did you mean".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "escalsim/units.h"

namespace escalsim {

// A duration as typed, or why it is not one.
struct DurationText {
  std::optional<Duration> value;
  std::string problem;  // set when value is empty: what is wrong, without a location
};

// "<number> <unit>" exactly as scenarios write it ("8 weeks", "30 min", "1.5h"): units s,
// min, h, day, week and their long forms. Negative durations and those too large for the
// program's units are refused.
DurationText parse_duration_text(std::string_view text);

// The candidate closest to `word` when it is close enough to be a likely typo (at most 2
// edits, 1 for words of 3 characters or fewer; case ignored; ties go to the earlier
// candidate), as scenario errors suggest it. Empty when none is.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace escalsim
