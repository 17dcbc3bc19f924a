// Test helper: reads every figure of a report page (<span class="figure" data-pointer=...
// data-scale=... data-decimals=...>text</span>) and checks its text against the JSON it
// points into, read independently of the page's own formatting code.
#pragma once

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace escalsim::testing {

// The page's body (<main>...</main>): the inlined chart libraries stay out of the search.
inline std::string page_body(const std::string& html) {
  const std::size_t from = html.find("<main>");
  const std::size_t to = html.find("</main>");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  return html.substr(from, to - from);
}

struct PageFigure {
  std::string pointer;
  double scale = 1.0;
  int decimals = 0;
  std::string text;
};

inline std::vector<PageFigure> page_figures(const std::string& page, const std::string& source) {
  const std::string html = page_body(page);
  static const std::regex figure(
      R"re(<span class="figure" data-source="([^"]*)" data-pointer="([^"]*)" data-scale="([^"]*)" data-decimals="([^"]*)">([^<]*)</span>)re");
  std::vector<PageFigure> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), figure);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    CHECK(m[1].str() == source);
    out.push_back({m[2].str(), std::stod(m[3].str()), std::stoi(m[4].str()), m[5].str()});
  }
  return out;
}

// Each figure's text, commas removed, equals the JSON value times the scale to within half
// a unit of its last decimal. Returns how many figures were checked.
inline int check_page_figures(const std::string& html, const nlohmann::json& json,
                              const std::string& source) {
  int checked = 0;
  for (const PageFigure& f : page_figures(html, source)) {
    const nlohmann::json::json_pointer at(f.pointer);
    REQUIRE_MESSAGE(json.contains(at), f.pointer);
    REQUIRE_MESSAGE(json.at(at).is_number(), f.pointer);
    std::string digits;
    for (char c : f.text) {
      if (c != ',') digits += c;
    }
    const double shown = std::stod(digits);
    const double expected = json.at(at).get<double>() * f.scale;
    INFO(f.pointer, " shows ", f.text, ", the JSON has ", expected);
    CHECK(std::abs(shown - expected) <= 0.5 * std::pow(10.0, -f.decimals) * (1 + 1e-9) + 1e-12);
    ++checked;
  }
  return checked;
}

// Every table cell with a digit in it holds a figure: no number on the page's tables that
// does not come from the JSON.
inline void check_table_cells_are_figures(const std::string& page) {
  const std::string html = page_body(page);
  static const std::regex cell(R"re(<td>(.*?)</td>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), cell);
       it != std::sregex_iterator(); ++it) {
    const std::string inside = (*it)[1].str();
    // Tags and character references (&#39;) are not numbers.
    const std::string bare =
        std::regex_replace(inside, std::regex("<[^>]*>|&#?[0-9A-Za-z]+;"), "");
    if (bare.find_first_of("0123456789") == std::string::npos) continue;
    INFO(inside);
    CHECK(inside.find("class=\"figure\"") != std::string::npos);
  }
}

}  // namespace escalsim::testing
