// "Did you mean" suggestions for unknown keys and names in scenario files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace escalsim::detail {

// The edit distance between two strings: insertions, deletions, substitutions and swaps of
// neighbouring letters each count 1 (optimal string alignment); case is ignored.
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a likely typo: distance <= 2
// (<= 1 for words of 3 characters or fewer). Ties go to the earlier candidate. Empty if none.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// The tail of an "unknown ..." message: ", did you mean 'x'?" when a close match exists,
// else "; accepted: a, b, c" (`what` names the list, e.g. "accepted keys").
std::string suggestion_tail(std::string_view word, const std::vector<std::string>& candidates,
                            std::string_view what = "accepted");

// "a, b, c": candidates joined with ", ".
std::string join_names(const std::vector<std::string>& names);

}  // namespace escalsim::detail
