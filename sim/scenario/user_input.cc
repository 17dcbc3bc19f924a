// The public face of the loader's unit parser and suggestions, for the program's flags: the
// same words mean the same in a file and on a command line.
#include "escalsim/user_input.h"

#include "scenario/did_you_mean.h"
#include "scenario/unit_parser.h"

namespace escalsim {

DurationText parse_duration_text(std::string_view text) {
  detail::Parsed<Duration> parsed = detail::parse_duration(text);
  return DurationText{parsed.value, std::move(parsed.problem)};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  return detail::closest_match(word, candidates);
}

}  // namespace escalsim
