// Formatting shared by the writers (see format_helpers.h).
#include "report/format_helpers.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "escalsim/metrics.h"

namespace escalsim::detail {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  return fmt::format("{}", value);
}

int decimals_for(double value) {
  const double a = std::fabs(value);
  if (a >= 100.0) return 0;
  if (a >= 10.0) return 1;
  return 2;
}

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

std::string with_interval(const Estimate& e, double scale, int decimals, std::string_view suffix) {
  std::string text = fixed(e.mean * scale, decimals);
  if (e.n > 1) text += " ± " + fixed(e.half_width * scale, decimals);
  if (!suffix.empty()) {
    text += ' ';
    text += suffix;
  }
  return text;
}

std::string format_figure(const Estimate* e, Unit unit) {
  if (e == nullptr) return "-";
  if (e->mean == 0.0 && e->half_width == 0.0) {
    // Nothing happened, in every replication: no decimals to pretend otherwise.
    switch (unit) {
      case Unit::kPercent: return "0 %";
      case Unit::kDuration: return "0 min";
      case Unit::kHours: return "0 h";
      default: return "0";
    }
  }
  switch (unit) {
    case Unit::kCount:
      // A mean count needs one decimal at most.
      return with_interval(*e, 1.0, e->n > 1 && std::fabs(e->mean) < 100.0 ? 1 : 0, "");
    case Unit::kNumber:
      return with_interval(*e, 1.0, decimals_for(e->mean), "");
    case Unit::kPercent:
      return with_interval(*e, 100.0, 1, "%");
    case Unit::kHours:
      return with_interval(*e, 1.0, 1, "h");
    case Unit::kDuration: {
      const double minutes = std::fabs(e->mean);
      if (minutes < 120.0) return with_interval(*e, 1.0, decimals_for(e->mean), "min");
      if (minutes < 48.0 * 60.0) {
        return with_interval(*e, 1.0 / 60.0, decimals_for(e->mean / 60.0), "h");
      }
      return with_interval(*e, 1.0 / 1440.0, decimals_for(e->mean / 1440.0), "d");
    }
  }
  return "-";
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void TextTable::render(fmt::memory_buffer& out, std::string_view indent) const {
  std::vector<std::size_t> width;
  for (const auto& row : rows_) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) {
      width[c] = std::max(width[c], display_width(row[c]));
    }
  }
  auto it = std::back_inserter(out);
  for (const auto& row : rows_) {
    std::string line(indent);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(width[c] - display_width(row[c]), ' ');
      if (c > 0) line += "   ";
      if (c < left_columns_) {
        line += row[c] + padding;
      } else {
        line += padding + row[c];
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::format_to(it, "{}\n", line);
  }
}

Figures::Figures(const std::vector<Estimate>& summary) {
  for (const Estimate& e : summary) {
    by_key_.emplace(std::make_pair(e.scope, e.name), &e);
    if (std::find(scopes_.begin(), scopes_.end(), e.scope) == scopes_.end()) {
      scopes_.push_back(e.scope);
    }
  }
}

const Estimate* Figures::find(const std::string& scope, const std::string& name) const {
  note_metric_request(scope, name);
  const auto it = by_key_.find({scope, name});
  return it == by_key_.end() ? nullptr : it->second;
}

double Figures::mean_or(const std::string& scope, const std::string& name,
                        double fallback) const {
  const Estimate* e = find(scope, name);
  return e == nullptr ? fallback : e->mean;
}

std::vector<std::string> Figures::names_in(std::string_view prefix) const {
  std::vector<std::string> names;
  for (const std::string& scope : scopes_) {
    if (scope.size() > prefix.size() && scope.compare(0, prefix.size(), prefix) == 0 &&
        scope[prefix.size()] == ':') {
      names.push_back(scope.substr(prefix.size() + 1));
    }
  }
  return names;
}

}  // namespace escalsim::detail
