// Pieces the three kinds of report share: estimates looked up by scope and metric, figures
// with their intervals in readable units, Vega-Lite chart shapes, and the closing sections
// (the organisation graph, the scenario as run).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "escalsim/html_report.h"
#include "report/html_page.h"

namespace escalsim::report {

// Pointers to the estimates of a "summary" array (scope, metric, mean, half_width, sd, n).
class SummaryIndex {
 public:
  // `summary`: the array; `pointer`: where it sits in the page's JSON, e.g. "/summary".
  SummaryIndex(const Json& summary, std::string pointer);
  // "<pointer>/<i>" of the estimate, or "" when the summary does not hold it.
  std::string find(std::string_view scope, std::string_view metric) const;
  // The estimate itself, or nullptr.
  const Json* get(std::string_view scope, std::string_view metric) const;
  double mean(std::string_view scope, std::string_view metric) const;
  // Desk names in summary order ("desk:<name>" scopes).
  std::vector<std::string> desks() const;

 private:
  const Json& summary_;
  std::string pointer_;
  std::map<std::pair<std::string, std::string>, std::size_t, std::less<>> index_;
};

// How a figure is shown.
enum class Shown { kNumber, kPercent, kMinutes, kHours };

// The scale and unit a number of minutes reads best in: (1, "min"), (1/60, "h"), (1/1440, "d").
std::pair<double, std::string_view> minutes_shown(double minutes);

// "mean ± half-width unit" for the estimate at `pointer`, figures traceable; minutes are
// shown in min, h or d by the mean's magnitude. The interval is left out when n is 1.
std::string estimate_html(const HtmlPage& page, const std::string& pointer, Shown shown);

// Tables carry one unit per column (or per row, where a row is one figure), named in its
// header: the scale and unit of `shown` for the estimates at `pointers` ("" skipped), minutes
// in min, h or d by the largest |mean| among them; ("", 1) for plain numbers.
std::pair<double, std::string> unit_for(const HtmlPage& page, const std::vector<std::string>& pointers,
                                        Shown shown);
// " (unit)" for a header, or "" for plain numbers.
std::string unit_suffix(const std::pair<double, std::string>& unit);
// "mean ± half-width" times `scale`, without a unit (the header carries it).
std::string estimate_cell(const HtmlPage& page, const std::string& pointer, double scale);

// A Vega-Lite line per series with its confidence band. Rows: x, series, mean, lower, upper.
Json line_with_band(Json values, std::string_view x_title, std::string_view y_title,
                    std::string_view series_title, bool log_x = false);
// When one series' outliers would flatten the rest (the largest |mean| of `spec`'s rows is
// more than kOutlierRatio times the median of the positive |mean|s), puts every `channel`
// encoding of the spec and its layers on a symmetric log scale (zero and negatives drawn)
// and says "(log scale)" in the axis titles. Returns whether it did.
inline constexpr double kOutlierRatio = 20.0;
bool log_scale_for_outliers(Json& spec, std::string_view channel = "y");
// Bars with 95% whiskers, grouped. Rows: category, group, mean, lower, upper.
Json bars_with_whiskers(Json values, std::string_view category_title, std::string_view y_title,
                        std::string_view group_title, bool horizontal = false);
// Shares per bin, grouped. Rows: bin (order), label, group, share, count.
Json distribution_bars(Json values, std::string_view x_title, std::string_view group_title);

// A dashed reference line at `value` along `channel` ("x" or "y"), as a layer with data of
// its own, so the chart's other encodings do not reach it (full capacity, zero change).
Json reference_line(std::string_view channel, double value, std::string_view colour);

// Mean and 95% half-width (Student t) of a sample; half-width 0 below two values.
std::pair<double, double> mean_and_half_width(const std::vector<double>& sample);

// A label for a span of minutes, as on the charts' axes: "1 min", "2 h", "1 d", "2 wk".
std::string span_label(double minutes);

// The organisation graph section: the SVG, or the DOT text with a note.
void organisation_section(HtmlPage& page, const ReportInput& input);
// "The scenario as run": file, overrides, seed, version and the text, from a scenario object
// in the JSON at `pointer` (name, description, path, text, overrides).
void scenario_details(HtmlPage& page, const std::string& pointer, std::string_view settings_html);

// The three kinds of page.
void build_run_report(HtmlPage& page, const ReportInput& input);
void build_comparison_report(HtmlPage& page, const ReportInput& input);
void build_sweep_report(HtmlPage& page, const ReportInput& input);
void build_threshold_report(HtmlPage& page, const ReportInput& input);
void build_optimise_report(HtmlPage& page, const ReportInput& input);

}  // namespace escalsim::report
