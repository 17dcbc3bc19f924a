// "Did you mean" suggestions: edit distance and the closest accepted name.
#include "scenario/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace escalsim::detail {

int edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus swapping two neighbours ("rnu" -> "run").
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  const int limit = word.size() <= 3 ? 1 : 2;
  std::string best;
  int best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    int d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string suggestion_tail(std::string_view word, const std::vector<std::string>& candidates,
                            std::string_view what) {
  std::string match = closest_match(word, candidates);
  if (!match.empty()) return ", did you mean '" + match + "'?";
  return "; " + std::string(what) + ": " + join_names(candidates);
}

}  // namespace escalsim::detail
