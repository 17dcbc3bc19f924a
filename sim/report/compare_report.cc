// The report of `escalsim compare`: each variant's headline figures with their intervals,
// and the paired differences from the baseline with the significant ones marked.
#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "escalsim/comparison.h"
#include "escalsim/metric_names.h"
#include "report/report_parts.h"

namespace escalsim::report {
namespace {

// A headline figure of a comparison: which metric, how it is shown, how it reads.
struct Headline {
  std::string scope;
  std::string metric;
  Shown shown;
  std::string label;
};

std::vector<Headline> headlines(const SummaryIndex& baseline) {
  std::vector<Headline> list;
  for (const std::string& desk : baseline.desks()) {
    const std::string scope = metric::kDeskPrefix + desk;
    list.push_back({scope, metric::kUtilisation, Shown::kPercent, desk + ": utilisation"});
    list.push_back({scope, metric::kWaitMeanMin, Shown::kMinutes, desk + ": mean wait"});
  }
  list.push_back({metric::kComplaints, metric::kResolutionRate, Shown::kPercent, "resolution rate"});
  list.push_back({metric::kComplaints, metric::kTimeToResolutionMeanMin, Shown::kMinutes, "time to resolution"});
  list.push_back({metric::kComplaints, metric::kExecutiveShare, Shown::kPercent, "reached an executive"});
  return list;
}

// Executive scopes are those of any variant: a variant may add the CEO.
void add_executive_headlines(std::vector<Headline>& list, const Json& variants) {
  std::vector<std::string> seen;
  for (const Json& v : variants) {
    for (const Json& e : v.at("summary")) {
      const std::string scope = e.at("scope").get<std::string>();
      if (scope.rfind("executive:", 0) != 0 || e.at("metric") != metric::kUsedH) continue;
      if (std::find(seen.begin(), seen.end(), scope) != seen.end()) continue;
      seen.push_back(scope);
      list.push_back({scope, metric::kUsedH, Shown::kHours, scope.substr(10) + ": hours used"});
      list.push_back({scope, metric::kReplyMeanMin, Shown::kMinutes, scope.substr(10) + ": time to a reply"});
    }
  }
  list.push_back({metric::kSilo, metric::kBypassShare, Shown::kPercent, "executive work by bypass"});
  list.push_back({metric::kCustomers, metric::kLoyaltyMean, Shown::kPercent, "customers still loyal"});
  list.push_back({metric::kEconomics, metric::kCostPerYear, Shown::kNumber, "cost per year"});
  list.push_back({metric::kEconomics, metric::kExecutiveHoursPerYear, Shown::kHours,
                  "executive hours per year"});
}

double display_scale(Shown shown) {
  switch (shown) {
    case Shown::kPercent: return 100.0;
    case Shown::kMinutes: return 1.0 / 60.0;  // hours on the charts, one axis per figure
    default: return 1.0;
  }
}

std::string_view display_unit(Shown shown) {
  switch (shown) {
    case Shown::kPercent: return " (%)";
    case Shown::kMinutes: case Shown::kHours: return " (h)";
    default: return "";
  }
}

// Against the baseline, per year: the cost per churned customer avoided ("not applicable"
// when the variant does not churn fewer) and the executive hours it takes, from
// /differences/k/metrics.
void economics_line(HtmlPage& page, const Json& metrics, std::size_t k) {
  std::string cost = "not measured", hours = "not measured";
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const std::string at = fmt::format("/differences/{}/metrics/{}", k, i);
    if (metrics[i].at("metric") == kCostPerChurnedAvoided) {
      cost = !metrics[i].value("applicable", true)
                 ? std::string("not applicable (churn is not lower)")
                 : fmt::format("{} <span class=\"pm\">± {}</span>",
                               page.figure(at + "/difference", 1.0, 0),
                               page.figure(at + "/half_width", 1.0, 0));
    } else if (metrics[i].at("scope") == metric::kEconomics &&
               metrics[i].at("metric") == metric::kExecutiveHoursPerYear) {
      hours = fmt::format("{}{} h", page.number(at + "/difference") > 0 ? "+" : "",
                          page.figure(at + "/difference", 1.0, 1));
    }
  }
  page.html(fmt::format("<p class=\"economics\">Per year: cost per churned customer avoided {}; "
                        "executive hours {}.</p>\n",
                        cost, hours));
}

}  // namespace

void build_comparison_report(HtmlPage& page, const ReportInput& input) {
  const Json& json = page.json();
  const Json& variants = json.at("variants");
  if (variants.empty()) return;
  std::vector<SummaryIndex> summaries;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    summaries.emplace_back(variants[v].at("summary"), fmt::format("/variants/{}/summary", v));
  }
  // One colour per variant (and per desk, should a chart encode desks) in every chart.
  std::vector<std::string> variant_names;
  for (const Json& v : variants) variant_names.push_back(v.at("name").get<std::string>());
  page.add_series_names(variant_names);
  page.add_series_names(summaries.front().desks());
  std::vector<Headline> figures = headlines(summaries.front());
  add_executive_headlines(figures, variants);

  page.html(fmt::format("<h1>Comparison: {}</h1>\n", escape_html(json.at("baseline").get<std::string>())));
  std::string names;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    names += fmt::format("{}<strong>{}</strong>", v == 0 ? "" : ", ",
                         escape_html(variants[v].at("name").get<std::string>()));
  }
  page.html(fmt::format(
      "<p class=\"subtitle\">{} variants: {}. Each ran {} replications on common random numbers "
      "(seed {}): replication r of every variant met the same complaints, so differences are "
      "paired by replication.</p>\n",
      variants.size(), names, json.at("replications").dump(), json.at("seed").dump()));

  // Headline: the silo verdict per variant, then the significant differences.
  page.html("<div class=\"headline\">\n");
  for (std::size_t v = 0; v < variants.size(); ++v) {
    if (!variants[v].contains("silo_verdict")) continue;
    const Json& verdict = variants[v].at("silo_verdict");
    const std::string desk = verdict.value("desk", std::string());
    const std::string name = variants[v].at("name").get<std::string>();
    if (desk.empty()) {
      page.html(fmt::format("<p>{}: no executive desk.</p>\n", escape_html(name)));
      continue;
    }
    const bool silo = verdict.at("silo").get<bool>();
    const bool alarm = silo || verdict.value("cannot_keep_up", false);
    const std::string headline =
        verdict.value("headline", std::string(silo ? "yes" : "no"));
    page.html(fmt::format(
        "<p>{}: new silo at the top? <span class=\"{}\">{}</span>; {} worked {} on complaints.</p>\n",
        escape_html(name), alarm ? "verdict-yes" : "verdict-no", escape_html(headline),
        escape_html(desk),
        estimate_html(page, summaries[v].find(metric::kExecutivePrefix + desk, metric::kUsedH), Shown::kHours)));
  }
  const Json& differences = json.at("differences");
  for (std::size_t k = 0; k < differences.size(); ++k) {
    const Json& against = differences[k];
    std::vector<std::string> significant;
    const Json& metrics = against.at("metrics");
    for (const Headline& h : figures) {
      for (std::size_t i = 0; i < metrics.size(); ++i) {
        if (metrics[i].at("scope") != h.scope || metrics[i].at("metric") != h.metric) continue;
        if (!metrics[i].at("significant").get<bool>()) break;
        const std::string at = fmt::format("/differences/{}/metrics/{}", k, i);
        const double difference = page.number(at + "/difference");
        double scale = 1.0;
        std::string unit;
        if (h.shown == Shown::kPercent) {
          scale = 100.0;
          unit = " points";
        } else if (h.shown == Shown::kMinutes) {
          const auto [by, name] = minutes_shown(difference);
          scale = by;
          unit = fmt::format(" {}", name);
        } else if (h.shown == Shown::kHours) {
          unit = " h";
        }
        const double shown = std::fabs(difference * scale);
        const int decimals = shown >= 100 ? 0 : shown >= 10 ? 1 : shown >= 1 ? 2 : 3;
        significant.push_back(fmt::format(
            "{} {}{} <span class=\"pm\">± {}</span>{}", escape_html(h.label), difference > 0 ? "+" : "",
            page.figure(at + "/difference", scale, decimals), page.figure(at + "/half_width", scale, decimals),
            unit));
        break;
      }
    }
    page.html(fmt::format("<p><strong>{}</strong> against {}: ",
                          escape_html(against.at("variant").get<std::string>()),
                          escape_html(against.at("baseline").get<std::string>())));
    // The headline in plain words, quoted from the JSON as the console prints it.
    if (against.contains("headline") && !against.at("headline").empty()) {
      const Json& sentences = against.at("headline");
      page.html("the largest significant differences (95% intervals)</p>\n<ul class=\"evidence\">\n");
      for (std::size_t i = 0; i < sentences.size(); ++i) {
        page.html(fmt::format(
            "<li><span class=\"quote\" data-source=\"comparison.json\" "
            "data-pointer=\"/differences/{}/headline/{}\">{}</span></li>\n",
            k, i, escape_html(sentences[i].get<std::string>())));
      }
      page.html("</ul>\n");
      economics_line(page, metrics, k);
      continue;
    }
    if (significant.empty()) {
      page.html("no headline figure differs significantly.</p>\n");
      economics_line(page, metrics, k);
    } else {
      page.html("significant differences in ");
      for (std::size_t i = 0; i < significant.size(); ++i) page.html((i == 0 ? "" : "; ") + significant[i]);
      page.html(".</p>\n");
      economics_line(page, metrics, k);
    }
  }
  page.html("</div>\n");

  // The figures side by side.
  page.section("figures", "Headline figures per variant");
  page.html("<table>\n<thead><tr><th>figure</th>");
  for (const Json& v : variants) page.html(fmt::format("<th>{}</th>", escape_html(v.at("name").get<std::string>())));
  page.html("</tr></thead>\n<tbody>\n");
  Json rows = Json::array();
  for (const Headline& h : figures) {
    // A row is one figure: one unit for the row, in its label, none in the cells.
    std::vector<std::string> pointers;
    for (std::size_t v = 0; v < variants.size(); ++v) pointers.push_back(summaries[v].find(h.scope, h.metric));
    const auto unit = unit_for(page, pointers, h.shown);
    page.html(fmt::format("<tr><td>{}{}</td>", escape_html(h.label), escape_html(unit_suffix(unit))));
    for (std::size_t v = 0; v < variants.size(); ++v) {
      page.html(fmt::format("<td>{}</td>", estimate_cell(page, pointers[v], unit.first)));
      const Json* e = summaries[v].get(h.scope, h.metric);
      if (!e) continue;
      const double scale = display_scale(h.shown);
      const double mean = e->at("mean").get<double>() * scale, hw = e->at("half_width").get<double>() * scale;
      rows.push_back({{"figure", h.label + std::string(display_unit(h.shown))},
                      {"order", rows.size()},
                      {"variant", variants[v].at("name")},
                      {"mean", mean}, {"lower", mean - hw}, {"upper", mean + hw}});
    }
    page.html("</tr>\n");
  }
  page.html("</tbody>\n</table>\n");
  const Json variant_axis = {{"field", "variant"}, {"type", "nominal"}, {"title", nullptr}, {"sort", nullptr}};
  Json per_variant = {
      {"data", {{"values", rows}}},
      {"facet", {{"field", "figure"}, {"type", "nominal"}, {"title", nullptr},
                 {"sort", {{"field", "order"}, {"op", "min"}}}}},
      {"columns", 3},
      {"resolve", {{"scale", {{"y", "independent"}}}}},
      {"spec",
       {{"width", 220},
        {"height", 150},
        {"encoding", {{"x", variant_axis}, {"color", variant_axis}}},
        {"layer",
         Json::array({{{"mark", "bar"},
                       {"encoding", {{"y", {{"field", "mean"}, {"type", "quantitative"}, {"title", nullptr}}},
                                     {"tooltip", Json::array({{{"field", "variant"}},
                                                              {{"field", "mean"}, {"format", ".3~f"}},
                                                              {{"field", "lower"}, {"title", "95% from"}, {"format", ".3~f"}},
                                                              {{"field", "upper"}, {"title", "95% to"}, {"format", ".3~f"}}})}}}},
                      {{"mark", {{"type", "rule"}, {"color", "#1f2933"}}},
                       {"encoding", {{"y", {{"field", "lower"}, {"type", "quantitative"}}},
                                     {"y2", {{"field", "upper"}}}}}}})}}}};
  page.chart("variants", "Each variant's headline figures, with 95% whiskers",
             "Times in hours, shares in %. Each panel has its own scale.", std::move(per_variant));

  // Paired differences, relative to the baseline so that one axis fits every figure.
  Json relative = Json::array();
  for (const Json& against : differences) {
    int order = 0;
    for (const Headline& h : figures) {
      ++order;
      for (const Json& m : against.at("metrics")) {
        if (m.at("scope") != h.scope || m.at("metric") != h.metric) continue;
        const double base = m.at("mean_baseline").get<double>();
        if (base == 0) break;  // no relative change from nothing
        const double d = m.at("difference").get<double>() / std::fabs(base);
        const double hw = m.at("half_width").get<double>() / std::fabs(base);
        const bool significant = m.at("significant").get<bool>();
        relative.push_back({{"figure", h.label}, {"order", order}, {"variant", against.at("variant")},
                            {"change", d}, {"lower", d - hw}, {"upper", d + hw},
                            {"significant", significant ? "significant" : "not significant"}});
        break;
      }
    }
  }
  // The zero line is a layer of its own data: the figure encodings stay off it.
  const Json figure_axis = {{"field", "figure"}, {"type", "nominal"}, {"title", nullptr},
                            {"sort", {{"field", "order"}, {"op", "min"}}}};
  const Json variant_offset = {{"field", "variant"}, {"sort", nullptr}};
  const Json variant_colour = {{"field", "variant"}, {"type", "nominal"}, {"sort", nullptr}};
  Json diff_spec = {
      {"width", 560},
      {"data", {{"values", relative}}},
      {"layer",
       Json::array(
           {{{"mark", "rule"},
             {"encoding", {{"y", figure_axis}, {"yOffset", variant_offset}, {"color", variant_colour},
                           {"x", {{"field", "lower"}, {"type", "quantitative"}, {"title", "change from the baseline"},
                                  {"axis", {{"format", "+.0%"}}}}},
                           {"x2", {{"field", "upper"}}}}}},
            {{"mark", {{"type", "point"}, {"size", 70}}},
             {"encoding", {{"y", figure_axis}, {"yOffset", variant_offset}, {"color", variant_colour},
                           {"x", {{"field", "change"}, {"type", "quantitative"}}},
                           // No legend for the shapes: Vega-Lite draws its symbols without
                           // stroke or fill here (the fill is conditional), so it would list
                           // names without marks; the chart's note says what the shapes mean.
                           {"shape", {{"field", "significant"}, {"type", "nominal"}, {"title", nullptr},
                                      {"legend", nullptr},
                                      {"scale", {{"domain", {"significant", "not significant"}},
                                                 {"range", {"circle", "triangle-up"}}}}}},
                           {"fill", {{"condition", {{"test", "datum.significant === 'significant'"},
                                                    {"field", "variant"}, {"type", "nominal"}}},
                                     {"value", "white"}}},
                           {"tooltip", Json::array({{{"field", "variant"}}, {{"field", "figure"}},
                                                    {{"field", "change"}, {"format", "+.1%"}},
                                                    {{"field", "lower"}, {"title", "95% from"}, {"format", "+.1%"}},
                                                    {{"field", "upper"}, {"title", "95% to"}, {"format", "+.1%"}},
                                                    {{"field", "significant"}}})}}}},
            reference_line("x", 0.0, "#52606d")})}};
  page.section("differences", "Paired differences from the baseline");
  page.chart("differences", "Change from the baseline, paired by replication",
             "Each variant minus the baseline, as a share of the baseline's mean, with the 95% interval "
             "of the paired difference. Filled circles: significant (the interval excludes zero); open "
             "triangles: not significant. Figures whose baseline is zero are in differences.csv.",
             std::move(diff_spec));

  organisation_section(page, input);
  page.section("scenario", "The scenarios as run");
  for (std::size_t v = 0; v < variants.size(); ++v) {
    page.html(fmt::format("<h3>{}</h3>\n", escape_html(variants[v].at("name").get<std::string>())));
    std::string settings;
    for (const Json& o : variants[v].value("variant_overrides", Json::array())) {
      settings += fmt::format(" <code>{}</code>", escape_html(o.get<std::string>()));
    }
    if (!settings.empty()) settings = "Variant of the first file with" + settings + ".";
    scenario_details(page, fmt::format("/variants/{}/scenario", v), settings);
  }
}

}  // namespace escalsim::report
