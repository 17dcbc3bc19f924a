// Figures on the page are always read from the JSON through a pointer, never recomputed,
// so that what a reader sees is what the results folder holds.
#include "report/report_parts.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/core.h>

#include "escalsim/experiment.h"
#include "escalsim/metric_names.h"
#include "escalsim/metrics.h"

namespace escalsim::report {
namespace {

constexpr double kMinutesPerHour = 60.0;
constexpr double kMinutesPerDay = 1440.0;
constexpr int kChartWidth = 820;
constexpr int kChartHeight = 260;

int decimals_for(double shown) {
  const double magnitude = std::fabs(shown);
  if (magnitude >= 100 || magnitude == 0) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  return 3;
}

}  // namespace

std::pair<double, std::string_view> minutes_shown(double minutes) {
  const double magnitude = std::fabs(minutes);
  if (magnitude >= 2 * kMinutesPerDay) return {1.0 / kMinutesPerDay, "d"};
  if (magnitude >= 2 * kMinutesPerHour) return {1.0 / kMinutesPerHour, "h"};
  return {1.0, "min"};
}

SummaryIndex::SummaryIndex(const Json& summary, std::string pointer)
    : summary_(summary), pointer_(std::move(pointer)) {
  for (std::size_t i = 0; i < summary_.size(); ++i) {
    index_.emplace(std::make_pair(summary_[i].at("scope").get<std::string>(),
                                  summary_[i].at("metric").get<std::string>()),
                   i);
  }
}

std::string SummaryIndex::find(std::string_view scope, std::string_view metric) const {
  detail::note_metric_request(scope, metric);
  const auto it = index_.find(std::make_pair(std::string(scope), std::string(metric)));
  return it == index_.end() ? "" : fmt::format("{}/{}", pointer_, it->second);
}

const Json* SummaryIndex::get(std::string_view scope, std::string_view metric) const {
  detail::note_metric_request(scope, metric);
  const auto it = index_.find(std::make_pair(std::string(scope), std::string(metric)));
  return it == index_.end() ? nullptr : &summary_[it->second];
}

double SummaryIndex::mean(std::string_view scope, std::string_view metric) const {
  const Json* e = get(scope, metric);
  return e ? e->at("mean").get<double>() : NAN;
}

std::vector<std::string> SummaryIndex::desks() const {
  std::vector<std::string> names;
  for (const Json& e : summary_) {
    const std::string scope = e.at("scope").get<std::string>();
    if (scope.rfind(metric::kDeskPrefix, 0) == 0 && e.at("metric") == metric::kArrivals) {
      names.push_back(scope.substr(std::char_traits<char>::length(metric::kDeskPrefix)));
    }
  }
  return names;
}

std::string estimate_html(const HtmlPage& page, const std::string& pointer, Shown shown) {
  if (pointer.empty()) return "—";
  const double mean = page.number(pointer + "/mean");
  double scale = 1.0;
  std::string_view unit;
  switch (shown) {
    case Shown::kNumber: break;
    case Shown::kPercent: scale = 100.0; unit = "%"; break;
    case Shown::kMinutes: std::tie(scale, unit) = minutes_shown(mean); break;
    case Shown::kHours: unit = "h"; break;
  }
  const int decimals = decimals_for(mean * scale);
  std::string text = page.figure(pointer + "/mean", scale, decimals);
  if (page.number(pointer + "/n") > 1) {
    text += " <span class=\"pm\">± " + page.figure(pointer + "/half_width", scale, decimals) +
            "</span>";
  }
  if (!unit.empty()) text += fmt::format("&#8239;{}", unit);
  return text;
}

std::pair<double, std::string> unit_for(const HtmlPage& page, const std::vector<std::string>& pointers,
                                        Shown shown) {
  switch (shown) {
    case Shown::kNumber: return {1.0, ""};
    case Shown::kPercent: return {100.0, "%"};
    case Shown::kHours: return {1.0, "h"};
    case Shown::kMinutes: break;
  }
  double largest = 0.0;
  for (const std::string& pointer : pointers) {
    if (!pointer.empty()) largest = std::max(largest, std::fabs(page.number(pointer + "/mean")));
  }
  const auto [scale, unit] = minutes_shown(largest);
  return {scale, std::string(unit)};
}

std::string unit_suffix(const std::pair<double, std::string>& unit) {
  return unit.second.empty() ? "" : fmt::format(" ({})", unit.second);
}

std::string estimate_cell(const HtmlPage& page, const std::string& pointer, double scale) {
  if (pointer.empty()) return "—";
  const double mean = page.number(pointer + "/mean");
  const int decimals = decimals_for(mean * scale);
  std::string text = page.figure(pointer + "/mean", scale, decimals);
  if (page.number(pointer + "/n") > 1) {
    text += " <span class=\"pm\">± " + page.figure(pointer + "/half_width", scale, decimals) +
            "</span>";
  }
  return text;
}

Json line_with_band(Json values, std::string_view x_title, std::string_view y_title,
                    std::string_view series_title, bool log_x) {
  Json x = {{"field", "x"}, {"type", "quantitative"}, {"title", x_title}};
  if (log_x) x["scale"] = {{"type", "log"}, {"base", 2}};
  // The legend shows lines, as drawn, not the pale disc of the band beneath them.
  const Json color = {{"field", "series"}, {"type", "nominal"}, {"title", series_title},
                      {"legend", {{"symbolType", "stroke"}, {"symbolStrokeWidth", 3}, {"symbolOpacity", 1}}}};
  return {
      {"width", kChartWidth},
      {"height", kChartHeight},
      {"data", {{"values", std::move(values)}}},
      {"encoding", {{"x", x}, {"color", color}}},
      {"layer",
       Json::array(
           {{{"mark", {{"type", "area"}, {"opacity", 0.18}}},
             {"encoding",
              {{"y", {{"field", "lower"}, {"type", "quantitative"}, {"title", y_title}}},
               {"y2", {{"field", "upper"}}}}}},
            {{"mark", {{"type", "line"}, {"point", false}, {"strokeWidth", 2}}},
             {"encoding",
              {{"y", {{"field", "mean"}, {"type", "quantitative"}, {"title", y_title}}},
               {"tooltip",
                Json::array({{{"field", "series"}, {"title", series_title}},
                             {{"field", "x"}, {"title", x_title}, {"format", ".3~f"}},
                             {{"field", "mean"}, {"title", y_title}, {"format", ".3~f"}},
                             {{"field", "lower"}, {"title", "95% from"}, {"format", ".3~f"}},
                             {{"field", "upper"}, {"title", "95% to"}, {"format", ".3~f"}}})}}}}})}};
}

namespace {

void put_on_log_scale(Json& node, const std::string& channel) {
  if (!node.is_object()) return;
  if (node.contains("encoding") && node["encoding"].contains(channel)) {
    Json& axis = node["encoding"][channel];
    if (axis.is_object() && axis.contains("field")) {
      axis["scale"] = {{"type", "symlog"}};
      if (axis.contains("title") && axis["title"].is_string()) {
        axis["title"] = axis["title"].get<std::string>() + " (log scale)";
      }
    }
  }
  if (node.contains("layer")) {
    for (Json& layer : node["layer"]) put_on_log_scale(layer, channel);
  }
}

}  // namespace

bool log_scale_for_outliers(Json& spec, std::string_view channel) {
  // The median of the positive values, not of all: a backlog that is mostly empty is not
  // an outlier story, and a median of 0 would make any value one.
  std::vector<double> positive;
  double largest = 0.0;
  for (const Json& row : spec["data"]["values"]) {
    if (!row.contains("mean") || !row["mean"].is_number()) continue;
    const double magnitude = std::fabs(row["mean"].get<double>());
    largest = std::max(largest, magnitude);
    if (magnitude > 0) positive.push_back(magnitude);
  }
  if (positive.empty()) return false;
  const auto middle = positive.begin() + static_cast<std::ptrdiff_t>(positive.size() / 2);
  std::nth_element(positive.begin(), middle, positive.end());
  if (largest <= kOutlierRatio * *middle) return false;
  put_on_log_scale(spec, std::string(channel));
  return true;
}

Json bars_with_whiskers(Json values, std::string_view category_title, std::string_view y_title,
                        std::string_view group_title, bool horizontal) {
  const std::string along = horizontal ? "y" : "x";
  const std::string across = horizontal ? "x" : "y";
  const std::string offset = horizontal ? "yOffset" : "xOffset";
  // Each layer carries the category encodings itself, so a caller may add a layer of its
  // own (a reference line, say) that does not inherit them.
  const Json category = {{"field", "category"}, {"type", "nominal"}, {"title", category_title},
                         {"sort", nullptr}};
  const Json group_offset = {{"field", "group"}, {"sort", nullptr}};
  const Json colour = {{"field", "group"}, {"type", "nominal"}, {"title", group_title},
                       {"sort", nullptr}};
  Json bar = {
      {"mark", "bar"},
      {"encoding",
       {{along, category},
        {offset, group_offset},
        {"color", colour},
        {across, {{"field", "mean"}, {"type", "quantitative"}, {"title", y_title}}},
        {"tooltip",
         Json::array({{{"field", "category"}, {"title", category_title}},
                      {{"field", "group"}, {"title", group_title}},
                      {{"field", "mean"}, {"title", y_title}, {"format", ".3~f"}},
                      {{"field", "lower"}, {"title", "95% from"}, {"format", ".3~f"}},
                      {{"field", "upper"}, {"title", "95% to"}, {"format", ".3~f"}}})}}}};
  Json whisker = {{"mark", {{"type", "rule"}, {"color", "#1f2933"}}},
                  {"encoding",
                   {{along, category},
                    {offset, group_offset},
                    {across, {{"field", "lower"}, {"type", "quantitative"}}},
                    {across + "2", {{"field", "upper"}}}}}};
  Json spec = {{"data", {{"values", std::move(values)}}},
               {"layer", Json::array({std::move(bar), std::move(whisker)})}};
  if (horizontal) {
    spec["width"] = kChartWidth - 220;
  } else {
    spec["width"] = kChartWidth;
    spec["height"] = kChartHeight;
  }
  return spec;
}

Json distribution_bars(Json values, std::string_view x_title, std::string_view group_title) {
  return {
      {"width", kChartWidth},
      {"height", kChartHeight},
      {"data", {{"values", std::move(values)}}},
      {"mark", "bar"},
      {"encoding",
       {{"x",
         {{"field", "label"}, {"type", "ordinal"}, {"title", x_title},
          {"sort", {{"field", "bin"}, {"op", "min"}}}, {"axis", {{"labelAngle", -30}}}}},
        {"xOffset", {{"field", "group"}, {"sort", nullptr}}},
        {"y", {{"field", "share"}, {"type", "quantitative"}, {"title", "share"},
               {"axis", {{"format", ".0%"}}}}},
        {"color", {{"field", "group"}, {"type", "nominal"}, {"title", group_title}, {"sort", nullptr}}},
        {"tooltip",
         Json::array({{{"field", "group"}, {"title", group_title}},
                      {{"field", "label"}, {"title", x_title}},
                      {{"field", "share"}, {"title", "share"}, {"format", ".1%"}},
                      {{"field", "count"}, {"title", "count, all replications"}}})}}}};
}

Json reference_line(std::string_view channel, double value, std::string_view colour) {
  return {{"data", {{"values", Json::array({{{"reference", value}}})}}},
          {"mark", {{"type", "rule"}, {"strokeDash", {4, 4}}, {"color", colour}}},
          {"encoding", {{std::string(channel), {{"field", "reference"}, {"type", "quantitative"}}}}}};
}

std::pair<double, double> mean_and_half_width(const std::vector<double>& sample) {
  if (sample.empty()) return {NAN, 0.0};
  const Estimate e = estimate(sample);
  return {e.mean, e.half_width};
}

std::string span_label(double minutes) {
  if (minutes >= 2 * kWeekMin || minutes == kWeekMin) return fmt::format("{:g} wk", minutes / kWeekMin);
  if (minutes >= kMinutesPerDay) return fmt::format("{:g} d", minutes / kMinutesPerDay);
  if (minutes >= kMinutesPerHour) return fmt::format("{:g} h", minutes / kMinutesPerHour);
  return fmt::format("{:g} min", minutes);
}

void organisation_section(HtmlPage& page, const ReportInput& input) {
  page.section("organisation", "The organisation");
  page.html(
      "<p class=\"note\">Desks and routes as the scenario describes them. Desks are coloured by "
      "the load the traffic equations predict; dashed arrows are the flows policies add.</p>\n");
  if (!input.organisation_svg.empty()) {
    page.html("<div class=\"organisation\">\n");
    page.html(input.organisation_svg);
    page.html("</div>\n");
  } else if (!input.organisation_dot.empty()) {
    page.html(
        "<p class=\"note\">Graphviz was not found when this report was made, so here is the graph "
        "in its DOT language; <code>dot -Tsvg</code> draws it.</p>\n<pre>");
    page.html(escape_html(input.organisation_dot));
    page.html("</pre>\n");
  } else {
    page.html("<p class=\"note\">The scenario could not be read again to draw its graph.</p>\n");
  }
}

void scenario_details(HtmlPage& page, const std::string& pointer, std::string_view settings_html) {
  const Json& scenario = page.json().at(Json::json_pointer(pointer));
  page.html(fmt::format("<p>File <code>{}</code>",
                        escape_html(scenario.value("path", std::string("(none)")))));
  const Json overrides = scenario.value("overrides", Json::array());
  if (overrides.empty()) {
    page.html(", as written (no <code>--set</code> overrides).");
  } else {
    page.html(", with the overrides");
    for (const Json& o : overrides) page.html(fmt::format(" <code>--set {}</code>", escape_html(o.get<std::string>())));
    page.html(".");
  }
  page.html(fmt::format(" {} escalsim {}.</p>\n", settings_html,
                        escape_html(page.json().value("escalsim_version", std::string("?")))));
  page.html("<details><summary>The scenario file</summary>\n<pre>");
  page.html(escape_html(scenario.value("text", std::string())));
  page.html("</pre></details>\n");
}

}  // namespace escalsim::report
