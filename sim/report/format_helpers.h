// Formatting shared by the writers: CSV fields and numbers, figures with their intervals in
// readable units, aligned text tables, and a summary looked up by (scope, metric).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "escalsim/experiment.h"
#include "escalsim/units.h"

namespace escalsim::detail {

// A field as RFC 4180 wants it: quoted, with quotes doubled, when it holds a comma, a quote
// or a line break (desk names may hold any of them).
std::string csv_field(std::string_view text);

// The shortest text that reads back as the same double; NaN and infinities in the
// spelling R and pandas both read.
std::string csv_number(double value);

// How a figure reads.
enum class Unit {
  kCount,     // complaints: whole numbers for one replication
  kNumber,    // a plain quantity (mean queue, growth per week)
  kPercent,   // a share in [0, 1], shown as a percentage
  kDuration,  // minutes, shown in min, h or d by magnitude
  kHours,     // hours
};

// Decimals that keep about three significant figures.
int decimals_for(double value);

// `value` with `decimals`; "n/a" for NaN, "inf" for infinities, never "-0.00".
std::string fixed(double value, int decimals);

// "mean" for one replication, "mean ± half-width" for more, scaled, in `decimals`, with a
// suffix after a space when not empty.
std::string with_interval(const Estimate& e, double scale, int decimals, std::string_view suffix);

// A figure in its unit ("75.0 ± 0.5 %", "5.00 h", "2.78 d"); "-" when null.
std::string format_figure(const Estimate* e, Unit unit);

// Columns on the screen count code points, not bytes ("±" is two bytes in UTF-8).
std::size_t display_width(std::string_view text);

// Rows of cells: the first `left_columns` columns left-aligned, the others right-aligned,
// three spaces apart, trailing spaces trimmed.
class TextTable {
 public:
  explicit TextTable(std::size_t left_columns = 1) : left_columns_(left_columns) {}

  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }

  void render(fmt::memory_buffer& out, std::string_view indent) const;

 private:
  std::size_t left_columns_;
  std::vector<std::vector<std::string>> rows_;
};

// A summary's figures by (scope, metric), and its scopes in order of first appearance.
// Holds pointers into the summary: REQUIRES the summary outlives it.
class Figures {
 public:
  explicit Figures(const std::vector<Estimate>& summary);

  // The estimate, or null.
  const Estimate* find(const std::string& scope, const std::string& name) const;

  double mean_or(const std::string& scope, const std::string& name, double fallback) const;

  // The names after "<prefix>:" of the scopes that start with it, in summary order.
  std::vector<std::string> names_in(std::string_view prefix) const;

 private:
  std::map<std::pair<std::string, std::string>, const Estimate*> by_key_;
  std::vector<std::string> scopes_;
};

}  // namespace escalsim::detail
