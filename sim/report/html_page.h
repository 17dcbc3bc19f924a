// A report page being built: sections of HTML, Vega-Lite charts and figures that point back
// into the JSON they came from; rendered as one self-contained document.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace escalsim::report {

using Json = nlohmann::ordered_json;

// Text made safe inside HTML elements and attribute values.
std::string escape_html(std::string_view text);

// `value` with `decimals`, thousands separated by "," from 10,000 up; "n/a" for NaN.
std::string format_number(double value, int decimals);

class HtmlPage {
 public:
  // `source_file`: the JSON in the results folder every figure points into; `json`: its
  // parsed content, which figure() reads the values from.
  HtmlPage(std::string title, std::string source_file, const Json& json);

  // A figure read from the JSON at `pointer` (RFC 6901), times `scale`, with `decimals`
  // (negative: about three significant figures): a <span class="figure"> a test can trace
  // back. Throws OutputError if the pointer names no number.
  std::string figure(const std::string& pointer, double scale = 1.0, int decimals = -1) const;
  // The number at `pointer` (throws OutputError when there is none).
  double number(const std::string& pointer) const;
  const Json& json() const { return json_; }

  // Appends raw HTML to the current section.
  void html(std::string_view fragment) { body_ += fragment; }
  // Opens a section with a heading; sections close when the next opens or at render.
  void section(std::string_view id, std::string_view heading);
  // A chart: `spec` is a Vega-Lite spec whose data are inline ("data": {"values": [...]});
  // `slug` names it on the page and in report_data(). An empty `values` draws nothing
  // but a note saying so.
  void chart(std::string slug, std::string_view title, std::string_view caption, Json spec);

  // Names that keep one colour across every chart of the page: desks in the scenario's
  // order, then variants. Each name takes the palette colour of its position (cycling after
  // kSeriesPalette's size). A chart whose colour encoding's field holds only such names gets
  // a scale mapping each name it shows to that colour; its legend lists only those names.
  void add_series_names(const std::vector<std::string>& names);
  // The fixed palette (Tableau 10, readable on a projector and in grey).
  static const std::vector<std::string>& series_palette();

  // Where the footer says the charts' data are (default: "report-data.json and
  // report-data.csv", as the results folders have them).
  void set_chart_data_files(std::string text) { chart_data_files_ = std::move(text); }

  // The whole document: styles, the inlined chart libraries, the charts' specs, the body.
  std::string render() const;
  // {"<slug>": [the chart's data values], ...}, in page order.
  Json report_data() const;

 private:
  std::string title_;
  std::string source_file_;
  const Json& json_;
  std::string body_;
  bool section_open_ = false;
  std::string chart_data_files_ = "report-data.json and report-data.csv";
  Json specs_ = Json::object();
  std::vector<std::string> series_names_;
};

}  // namespace escalsim::report
