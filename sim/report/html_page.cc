// The page's only script waits for every chart and then marks the document ready, so a
// browser test knows when to look; chart failures are logged to the console, never hidden.
#include "report/html_page.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "escalsim/errors.h"
#include "escalsim/report.h"
#include "report/chart_library.h"

namespace escalsim::report {
namespace {

constexpr std::string_view kStyle = R"(
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #2f6fbb; --bad: #b42318; --good: #1e7b3a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #f7f9fb; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 6px; }
.subtitle, .note, figcaption { color: var(--muted); }
.headline { font-size: 17px; background: #eef4fb; border-left: 4px solid var(--accent); padding: 12px 18px; margin: 16px 0; }
.headline p { margin: 6px 0; }
.verdict-yes { color: var(--bad); font-weight: 600; }
.verdict-no { color: var(--good); font-weight: 600; }
ul.evidence { margin: 4px 0 0; padding-left: 20px; font-size: 14px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { color: var(--muted); font-weight: 600; }
.pm { color: var(--muted); }
.significant { font-weight: 600; }
figure { margin: 16px 0 28px; }
.vega-chart { min-height: 60px; }
.organisation svg { max-width: 100%; height: auto; }
pre { background: #f3f5f7; padding: 12px; overflow-x: auto; font-size: 13px; }
details summary { cursor: pointer; color: var(--accent); }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
)";

// Waits for every chart; a chart that fails says why on the console and in an attribute.
// Each chart's view is kept in window.escalsimViews[<slug>], so a test can export it.
constexpr std::string_view kRenderScript = R"(
(function () {
  const specs = JSON.parse(document.getElementById('chart-specs').textContent);
  const charts = Array.from(document.querySelectorAll('.vega-chart'));
  window.escalsimViews = {};
  Promise.allSettled(charts.map(function (el) {
    return vegaEmbed(el, specs[el.dataset.chart], {
      // Save as PNG and SVG, drawn in the page and named after the chart: no source,
      // compiled or editor links (the editor is online).
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: el.dataset.chart,
      renderer: 'svg' })
      .then(function (result) {
        window.escalsimViews[el.dataset.chart] = result.view;
        el.dataset.rendered = 'yes';
      })
      .catch(function (err) {
        el.dataset.renderError = String(err);
        console.error('chart ' + el.dataset.chart + ': ' + err);
      });
  })).then(function () { document.documentElement.dataset.reportReady = 'yes'; });
})();
)";

// JSON inside <script>: "</" would end the element early.
std::string script_safe(std::string text) {
  for (std::size_t at = text.find("</"); at != std::string::npos; at = text.find("</", at)) {
    text.replace(at, 2, "<\\/");
  }
  return text;
}

int significant_decimals(double value) {
  const double magnitude = std::fabs(value);
  if (magnitude >= 100 || magnitude == 0) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  if (magnitude >= 0.1) return 3;
  return 4;
}

// The colour encodings of `node` (a spec, its layers, a facet's inner spec) whose field's
// values are all page series names, with the names they draw marked in `drawn`.
void named_colours(Json& node, const Json* values, const std::vector<std::string>& names,
                   std::vector<Json*>& found, std::vector<bool>& drawn) {
  if (!node.is_object()) return;
  if (node.contains("data") && node["data"].is_object() && node["data"].contains("values")) {
    values = &node["data"]["values"];
  }
  // Colour by any channel that paints: color, fill, stroke, or the field of a condition.
  std::vector<Json*> channels;
  if (node.contains("encoding") && node["encoding"].is_object() && values != nullptr) {
    for (const char* channel : {"color", "fill", "stroke"}) {
      if (!node["encoding"].contains(channel)) continue;
      Json& encoding = node["encoding"][channel];
      channels.push_back(&encoding);
      if (encoding.is_object() && encoding.contains("condition")) channels.push_back(&encoding["condition"]);
    }
  }
  for (Json* channel : channels) {
    Json& colour = *channel;
    if (colour.is_object() && colour.contains("field") && colour["field"].is_string() &&
        !colour.contains("scale")) {
      const std::string field = colour["field"].get<std::string>();
      std::vector<bool> here(names.size(), false);
      bool all_named = false;
      for (const Json& row : *values) {
        if (!row.is_object() || !row.contains(field)) continue;
        const Json& value = row[field];
        const auto at = value.is_string()
                            ? std::find(names.begin(), names.end(), value.get<std::string>())
                            : names.end();
        if (at == names.end()) {
          all_named = false;
          break;
        }
        here[static_cast<std::size_t>(at - names.begin())] = true;
        all_named = true;
      }
      if (all_named) {
        found.push_back(&colour);
        for (std::size_t i = 0; i < names.size(); ++i) drawn[i] = drawn[i] || here[i];
      }
    }
  }
  if (node.contains("layer")) {
    for (Json& layer : node["layer"]) named_colours(layer, values, names, found, drawn);
  }
  if (node.contains("spec")) named_colours(node["spec"], values, names, found, drawn);
}

// Gives every colour encoding of a chart that draws page series names one scale: each name
// drawn, in page order, mapped to the colour of its position in `names`. The domain holds
// only the names the chart draws (in any of its layers), so the legend shows no name
// without a mark, and the layers share one scale without conflict.
void colour_series(Json& spec, const std::vector<std::string>& names,
                   const std::vector<std::string>& palette) {
  std::vector<Json*> found;
  std::vector<bool> drawn(names.size(), false);
  named_colours(spec, nullptr, names, found, drawn);
  if (found.empty()) return;
  Json domain = Json::array();
  Json range = Json::array();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!drawn[i]) continue;
    domain.push_back(names[i]);
    range.push_back(palette[i % palette.size()]);
  }
  for (Json* colour : found) (*colour)["scale"] = {{"domain", domain}, {"range", range}};
}

}  // namespace

const std::vector<std::string>& HtmlPage::series_palette() {
  static const std::vector<std::string> palette = {"#4c78a8", "#f58518", "#e45756", "#72b7b2",
                                                   "#54a24b", "#eeca3b", "#b279a2", "#ff9da6",
                                                   "#9d755d", "#bab0ac"};
  return palette;
}

void HtmlPage::add_series_names(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (std::find(series_names_.begin(), series_names_.end(), name) == series_names_.end()) {
      series_names_.push_back(name);
    }
  }
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_number(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  std::size_t point = text.find('.');
  if (point == std::string::npos) point = text.size();
  if (point - sign > 4) {  // 10,000 and up
    for (std::size_t at = point; at > sign + 3; at -= 3) text.insert(at - 3, ",");
  }
  return text;
}

HtmlPage::HtmlPage(std::string title, std::string source_file, const Json& json)
    : title_(std::move(title)), source_file_(std::move(source_file)), json_(json) {}

double HtmlPage::number(const std::string& pointer) const {
  const Json::json_pointer where(pointer);
  if (!json_.contains(where) || !json_.at(where).is_number()) {
    throw OutputError(fmt::format("{}: no number at {}", source_file_, pointer));
  }
  return json_.at(where).get<double>();
}

std::string HtmlPage::figure(const std::string& pointer, double scale, int decimals) const {
  const double shown = number(pointer) * scale;
  if (decimals < 0) decimals = significant_decimals(shown);
  return fmt::format(
      R"(<span class="figure" data-source="{}" data-pointer="{}" data-scale="{}" data-decimals="{}">{}</span>)",
      escape_html(source_file_), escape_html(pointer), scale, decimals,
      format_number(shown, decimals));
}

void HtmlPage::section(std::string_view id, std::string_view heading) {
  if (section_open_) body_ += "</section>\n";
  body_ += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", escape_html(id), escape_html(heading));
  section_open_ = true;
}

void HtmlPage::chart(std::string slug, std::string_view title, std::string_view caption,
                     Json spec) {
  body_ += fmt::format("<figure>\n<h3>{}</h3>\n", escape_html(title));
  const Json& values = spec["data"]["values"];
  if (values.empty()) {
    body_ += "<p class=\"note\">Nothing to draw: the results hold no data for this chart.</p>\n";
  } else {
    body_ += fmt::format("<div class=\"vega-chart\" data-chart=\"{}\"></div>\n", escape_html(slug));
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json";
    if (!series_names_.empty()) colour_series(spec, series_names_, series_palette());
    specs_[slug] = std::move(spec);
  }
  if (!caption.empty()) body_ += fmt::format("<figcaption>{}</figcaption>\n", caption);
  body_ += "</figure>\n";
}

std::string HtmlPage::render() const {
  std::string page = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"escalsim {}\">\n<title>{}</title>\n<style>{}</style>\n",
      version(), escape_html(title_), kStyle);
  for (const ChartLibrary& library : chart_libraries()) {
    if (library.script.find("</script") != std::string_view::npos) {
      throw OutputError(fmt::format("{} {} cannot be inlined: it holds \"</script\"", library.name,
                                    library.version));
    }
    page += fmt::format("<!-- {} {}, BSD-3-Clause, https://github.com/vega/{} -->\n<script>", library.name,
                        library.version, library.name);
    page += library.script;
    page += "</script>\n";
  }
  page += "</head>\n<body>\n<main>\n";
  page += body_;
  if (section_open_) page += "</section>\n";
  page += fmt::format(
      "<footer>Made by escalsim {} from {} in this folder; the charts' data are in "
      "{}. Charts drawn with ",
      version(), escape_html(source_file_), escape_html(chart_data_files_));
  bool first = true;
  for (const ChartLibrary& library : chart_libraries()) {
    page += fmt::format("{}{} {}", first ? "" : ", ", library.name, library.version);
    first = false;
  }
  page += ", inlined: the page needs no network.</footer>\n</main>\n";
  page += "<script type=\"application/json\" id=\"chart-specs\">";
  page += script_safe(specs_.dump());
  page += "</script>\n<script>";
  page += kRenderScript;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

Json HtmlPage::report_data() const {
  Json data = Json::object();
  for (const auto& [slug, spec] : specs_.items()) data[slug] = spec["data"]["values"];
  return data;
}

}  // namespace escalsim::report
