// Tests of the report's shared chart shapes: an axis that one outlier does not flatten.
#include "report/report_parts.h"

#include <string>

#include <doctest/doctest.h>

namespace escalsim::report {
namespace {

// Rows of one series per entry of `means` (x = its index), for line_with_band.
Json rows(const std::vector<std::pair<std::string, std::vector<double>>>& series) {
  Json out = Json::array();
  for (const auto& [name, means] : series) {
    for (std::size_t i = 0; i < means.size(); ++i) {
      out.push_back({{"x", static_cast<double>(i)}, {"series", name}, {"mean", means[i]},
                     {"lower", means[i]}, {"upper", means[i]}});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("log_scale_for_outliers: a silo's backlog puts the axis on a log scale, said in its title") {
  // The front line holds 3 to 5 complaints; the CEO's backlog climbs to 300: 300 / median 5
  // (the median of the positive means, 4 4 5 5 ... ) is far above 20.
  Json spec = line_with_band(rows({{"frontline", {3, 4, 5, 4, 3}},
                                   {"specialists", {5, 6, 5, 6, 5}},
                                   {"ceo", {10, 60, 120, 200, 300}}}),
                             "week of the run", "complaints", "desk");
  CHECK(log_scale_for_outliers(spec));
  // Both layers (band and line) share the scale, and both say so.
  for (const Json& layer : spec["layer"]) {
    CHECK(layer["encoding"]["y"]["scale"]["type"] == "symlog");
    CHECK(layer["encoding"]["y"]["title"] == "complaints (log scale)");
  }
  // The x axis is left alone.
  CHECK_FALSE(spec["encoding"]["x"].contains("scale"));
}

TEST_CASE("log_scale_for_outliers: comparable series keep a linear axis") {
  // Largest 40, median of positives 10: a ratio of 4, well under 20.
  Json spec = line_with_band(rows({{"frontline", {5, 10, 15}}, {"ceo", {8, 20, 40}}}),
                             "week of the run", "complaints", "desk");
  const Json before = spec;
  CHECK_FALSE(log_scale_for_outliers(spec));
  CHECK(spec == before);
}

TEST_CASE("log_scale_for_outliers: the threshold is a ratio of 20 to the positive median") {
  // Median of the positive means is 1 (zeros do not count): 20 stays linear, 21 does not.
  const std::vector<double> quiet = {0, 0, 0, 1, 1, 1, 1};
  std::vector<double> at_limit = quiet, past_limit = quiet;
  at_limit.push_back(20);
  past_limit.push_back(21);
  Json linear = line_with_band(rows({{"a", at_limit}}), "x", "y", "s");
  Json log = line_with_band(rows({{"a", past_limit}}), "x", "y", "s");
  CHECK_FALSE(log_scale_for_outliers(linear));
  CHECK(log_scale_for_outliers(log));
  // All zero: nothing to scale.
  Json empty = line_with_band(rows({{"a", {0, 0, 0}}}), "x", "y", "s");
  CHECK_FALSE(log_scale_for_outliers(empty));
}

}  // namespace escalsim::report
