// The report of `escalsim threshold`: the figure against the varied parameter with its 95%
// band, the condition's value as a horizontal line and the threshold's interval marked.
#include <algorithm>
#include <string>

#include <fmt/core.h>

#include "report/report_parts.h"

namespace escalsim::report {

void build_threshold_report(HtmlPage& page, const ReportInput& input) {
  const Json& json = page.json();
  const Json& search = json.at("search");
  const Json& points = json.at("points");
  const std::string key = search.at("key").get<std::string>();
  const std::string condition = search.at("condition").get<std::string>();

  page.html(fmt::format("<h1>Threshold: {}</h1>\n<p class=\"subtitle\">{}</p>\n",
                        escape_html(json.at("scenario").at("name").get<std::string>()),
                        escape_html(json.at("scenario").value("description", std::string()))));
  page.html(fmt::format(
      "<p class=\"note\"><code>{}</code> from {} to {}, until <code>{}</code>. Every value runs "
      "on the same seeds (common random numbers), with {} replications at first and up to {} "
      "where the 95% interval straddled the condition; {} replications in all.</p>\n",
      escape_html(key), escape_html(search.at("from").get<std::string>()),
      escape_html(search.at("to").get<std::string>()), escape_html(condition),
      search.at("replications").dump(), search.at("max_replications").dump(),
      page.figure("/runs", 1.0, 0)));
  page.html(fmt::format("<div class=\"headline\">\n<p><span class=\"quote\" "
                        "data-source=\"threshold.json\" data-pointer=\"/headline\">{}</span>.</p>\n"
                        "</div>\n",
                        escape_html(json.at("headline").get<std::string>())));

  // The curve: one row per evaluated value; durations in hours or days by their size.
  double scale = 1.0;
  std::string unit;
  const std::string figure = points.empty() ? std::string() : points[0].at("figure").get<std::string>();
  const bool minutes = figure.size() > 4 && figure.compare(figure.size() - 4, 4, "_min") == 0;
  if (minutes) {
    double largest = 0.0;
    for (const Json& p : points) largest = std::max(largest, p.at("mean").get<double>());
    const auto [s, u] = minutes_shown(largest);
    scale = s;
    unit = std::string(u);
  }
  Json rows = Json::array();
  for (const Json& p : points) {
    rows.push_back({{"x", p.at("value")},
                    {"series", figure},
                    {"mean", p.at("mean").get<double>() * scale},
                    {"lower", p.at("low").get<double>() * scale},
                    {"upper", p.at("high").get<double>() * scale}});
  }
  const std::string y_title = unit.empty() ? figure : fmt::format("{} ({})", figure, unit);
  Json spec = line_with_band(std::move(rows), key, y_title, "figure");
  spec["layer"][1]["mark"]["point"] = true;
  if (json.at("threshold").is_object()) {
    const Json& t = json.at("threshold");
    // The interval the threshold lies in, shaded, and its estimate as a rule.
    spec["layer"].push_back(
        {{"data", {{"values", Json::array({{{"low", t.at("low")}, {"high", t.at("high")}}})}}},
         {"mark", {{"type", "rect"}, {"opacity", 0.15}, {"color", "#d62728"}}},
         {"encoding",
          {{"x", {{"field", "low"}, {"type", "quantitative"}}},
           {"x2", {{"field", "high"}}},
           // Its own colour, not the curve's series: no legend entry of its own.
           {"color", {{"value", "#d62728"}}}}}});
    spec["layer"].push_back(reference_line("x", t.at("estimate").get<double>(), "#d62728"));
  }
  page.section("curve", "The figure against the parameter");
  page.chart("threshold-curve", fmt::format("{} against {}", figure, key),
             "Mean over the replications with its 95% band at each value evaluated. Red: the "
             "threshold's interval (shaded) and its estimate (dashed).",
             std::move(spec));

  page.section("points", "Every value evaluated");
  page.html("<table>\n<thead><tr><th>value</th><th>replications</th><th>mean</th><th>95% "
            "from</th><th>95% to</th><th>holds</th></tr></thead>\n<tbody>\n");
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string at = fmt::format("/points/{}", i);
    page.html(fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape_html(points[i].at("value_text").get<std::string>()),
        page.figure(at + "/replications", 1.0, 0), page.figure(at + "/mean", scale, 3),
        page.figure(at + "/low", scale, 3), page.figure(at + "/high", scale, 3),
        points[i].at("holds").get<bool>()
            ? (points[i].at("confident").get<bool>() ? "yes" : "yes (by the mean)")
            : (points[i].at("confident").get<bool>() ? "no" : "no (by the mean)")));
  }
  page.html("</tbody>\n</table>\n");
  if (minutes) page.html(fmt::format("<p class=\"note\">Figures in {}.</p>\n", escape_html(unit)));

  organisation_section(page, input);
  page.section("scenario", "The scenario as run");
  scenario_details(page, "/scenario", "The organisation graph and scenario are the base, before the varied value.");
}

}  // namespace escalsim::report
