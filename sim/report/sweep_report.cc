// The report of `escalsim sweep`: each desk's figures against the swept parameter, and for
// a scale study the demand multiple at which each desk saturates, simulated and predicted.
#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/core.h>

#include "escalsim/metric_names.h"
#include "report/report_parts.h"

namespace escalsim::report {
namespace {

bool parse_number(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

// The x of each point: the first parameter's value, and the other settings as a label.
struct PointAxis {
  std::string parameter;
  bool numeric = true;
  bool log_scale = false;
  std::vector<double> x;
  std::vector<std::string> x_text;
  std::vector<std::string> rest;  // "" when there is one parameter
};

PointAxis point_axis(const Json& json) {
  PointAxis axis;
  const Json& parameters = json.at("sweep").at("parameters");
  axis.parameter = parameters.empty() ? "point" : parameters[0].at("key").get<std::string>();
  double low = INFINITY, high = -INFINITY;
  for (const Json& point : json.at("points")) {
    const Json& settings = point.at("settings");
    std::string first, rest;
    for (const auto& [key, value] : settings.items()) {
      if (key == axis.parameter) {
        first = value.get<std::string>();
      } else {
        rest += fmt::format("{}{}={}", rest.empty() ? "" : ", ", key, value.get<std::string>());
      }
    }
    double x = 0;
    if (!parse_number(first, x)) axis.numeric = false;
    low = std::min(low, x);
    high = std::max(high, x);
    axis.x.push_back(x);
    axis.x_text.push_back(first);
    axis.rest.push_back(rest);
  }
  axis.log_scale = axis.numeric && low > 0 && high / low >= 8;
  return axis;
}

// One row per point and desk (or executive): x, series, mean, lower, upper.
Json per_point_rows(const Json& json, const PointAxis& axis, std::string_view scope_prefix,
                    std::string_view metric, double scale) {
  Json rows = Json::array();
  const Json& points = json.at("points");
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (const Json& e : points[p].at("summary")) {
      const std::string scope = e.at("scope").get<std::string>();
      if (scope.rfind(scope_prefix, 0) != 0 || e.at("metric") != metric) continue;
      std::string series = scope.substr(scope_prefix.size());
      if (!axis.rest[p].empty()) series += " (" + axis.rest[p] + ")";
      const double mean = e.at("mean").get<double>() * scale;
      const double hw = e.at("half_width").get<double>() * scale;
      Json row = {{"series", series}, {"mean", mean}, {"lower", mean - hw}, {"upper", mean + hw}};
      row["x"] = axis.numeric ? Json(axis.x[p]) : Json(axis.x_text[p]);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

Json against_parameter(Json rows, const PointAxis& axis, std::string_view y_title) {
  Json spec = line_with_band(std::move(rows), axis.parameter, y_title, "desk", axis.log_scale);
  if (!axis.numeric) spec["encoding"]["x"]["type"] = "ordinal";
  spec["layer"][1]["mark"]["point"] = true;
  return spec;
}

}  // namespace

void build_sweep_report(HtmlPage& page, const ReportInput& input) {
  const Json& json = page.json();
  const Json& points = json.at("points");
  const Json& sweep = json.at("sweep");
  const PointAxis axis = point_axis(json);
  if (!points.empty()) {  // one colour per desk in every chart
    page.add_series_names(SummaryIndex(points[0].at("summary"), "/points/0/summary").desks());
  }

  page.html(fmt::format("<h1>Sweep: {}</h1>\n<p class=\"subtitle\">{}</p>\n",
                        escape_html(json.at("scenario").at("name").get<std::string>()),
                        escape_html(json.at("scenario").value("description", std::string()))));
  std::string parameters;
  for (const Json& p : sweep.at("parameters")) {
    std::string values;
    for (const Json& v : p.at("values")) {
      if (!values.empty()) values += ", ";
      values += v.get<std::string>();
    }
    parameters += fmt::format("{}<code>{}</code> over {}", parameters.empty() ? "" : "; ",
                              escape_html(p.at("key").get<std::string>()), escape_html(values));
  }
  page.html(fmt::format(
      "<p class=\"note\">{} points: {}. {} replications a point{}. Figures are means with 95% "
      "intervals.</p>\n",
      points.size(), parameters, sweep.at("replications").dump(),
      sweep.value("common_random_numbers", false) ? ", on common random numbers across points" : ""));

  page.html("<div class=\"headline\">\n");
  const bool scale_study = json.contains("saturation");
  Json saturation_rules = Json::array();
  if (scale_study) {
    const Json& saturation = json.at("saturation");
    page.html("<p>A scale study: the demand multiple at which each desk saturates.</p>\n<ul class=\"evidence\">\n");
    for (std::size_t i = 0; i < saturation.size(); ++i) {
      const std::string desk = saturation[i].at("desk").get<std::string>();
      // sweep.json writes null for a desk that never saturates within the sweep, and for
      // one the traffic equations give no load (it never saturates by their account).
      const Json& simulated_json = saturation[i].at("simulated_multiple");
      const Json& predicted_json = saturation[i].at("predicted_multiple");
      const double simulated = simulated_json.is_number() ? simulated_json.get<double>() : 0.0;
      const std::string at = fmt::format("/saturation/{}", i);
      const std::string predicted =
          predicted_json.is_number()
              ? fmt::format("predict {}×", page.figure(at + "/predicted_multiple", 1.0, 2))
              : std::string("predict no saturation at any demand");
      if (simulated > 0) {
        page.html(fmt::format(
            "<li><strong>{}</strong> saturates at {}× demand in the simulation; the traffic "
            "equations {}.</li>\n",
            escape_html(desk), page.figure(at + "/simulated_multiple", 1.0, 2), predicted));
        saturation_rules.push_back({{"series", desk}, {"multiple", simulated}, {"kind", "simulated"}});
      } else {
        page.html(fmt::format(
            "<li><strong>{}</strong> does not saturate within the sweep; the traffic equations "
            "{}.</li>\n",
            escape_html(desk), predicted));
      }
      const double p = predicted_json.is_number() ? predicted_json.get<double>() : 0.0;
      if (std::isfinite(p) && p > 0) {
        saturation_rules.push_back({{"series", desk}, {"multiple", p}, {"kind", "predicted"}});
      }
    }
    if (json.contains("silo_onset")) {
      const Json& onset = json.at("silo_onset");
      const Json& last_no = onset.at("last_no_multiple");
      const Json& first_yes = onset.at("first_yes_multiple");
      std::string text;
      if (!onset.at("reached").get<bool>()) {
        text = last_no.is_number()
                   ? fmt::format("not reached up to {}× demand", page.figure("/silo_onset/last_no_multiple", 1.0, 2))
                   : std::string("not judged");
      } else if (!last_no.is_number()) {
        text = fmt::format("yes at {}× demand already", page.figure("/silo_onset/first_yes_multiple", 1.0, 2));
      } else if (first_yes.is_number()) {
        text = fmt::format("turns to yes between {}× and {}× demand",
                           page.figure("/silo_onset/last_no_multiple", 1.0, 2),
                           page.figure("/silo_onset/first_yes_multiple", 1.0, 2));
      }
      page.html(fmt::format("<li><strong>The silo verdict</strong>: {}.</li>\n", text));
    }
    page.html("</ul>\n");
  } else {
    page.html(fmt::format("<p>How each desk responds as <code>{}</code> changes.</p>\n",
                          escape_html(axis.parameter)));
  }
  page.html("</div>\n");

  page.section("curves", "Desks against the swept parameter");
  Json utilisation = against_parameter(per_point_rows(json, axis, metric::kDeskPrefix, metric::kUtilisation, 1.0), axis,
                                       "utilisation");
  if (!saturation_rules.empty() && axis.numeric) {
    utilisation["layer"].push_back(
        {{"data", {{"values", saturation_rules}}},
         {"mark", {{"type", "rule"}, {"strokeWidth", 1.5}}},
         {"encoding",
          {{"x", {{"field", "multiple"}, {"type", "quantitative"}}},
           {"color", {{"field", "series"}, {"type", "nominal"}}},
           {"strokeDash", {{"field", "kind"}, {"type", "nominal"}, {"title", "saturation"},
                           {"scale", {{"domain", {"simulated", "predicted"}}, {"range", Json::array({Json::array(), {5, 4}})}}}}},
           {"tooltip", Json::array({{{"field", "series"}, {"title", "desk"}}, {{"field", "kind"}},
                                    {{"field", "multiple"}, {"format", ".2f"}}})}}}});
  }
  page.chart("utilisation-curve", "Utilisation per desk", scale_study
      ? "Mean over the replications with its 95% band. Vertical lines: where each desk saturates, "
        "solid as simulated, dashed as the traffic equations predict."
      : "Mean over the replications with its 95% band.",
      std::move(utilisation));
  // Past saturation one desk's backlog and wait dwarf the rest: a log axis, said in its title.
  Json growth = against_parameter(
      per_point_rows(json, axis, metric::kDeskPrefix, metric::kBacklogGrowthPerWeek, 1.0), axis,
      "complaints a week");
  log_scale_for_outliers(growth);
  page.chart("backlog-growth-curve", "Backlog growth per week, per desk",
             "Complaints added to the backlog each week: above zero, the desk cannot keep up.",
             std::move(growth));
  Json wait = against_parameter(
      per_point_rows(json, axis, metric::kDeskPrefix, metric::kWaitMeanMin, 1.0 / 60), axis,
      "mean wait (h)");
  log_scale_for_outliers(wait);
  page.chart("wait-curve", "Mean wait per desk",
             "In hours, mean over the replications with its 95% band.", std::move(wait));
  Json executive = per_point_rows(json, axis, metric::kExecutivePrefix, metric::kUsedH, 1.0);
  if (!executive.empty()) {
    page.chart("executive-curve", "The executive's hours used",
               "Hours charged to the budget over the measured span.",
               against_parameter(std::move(executive), axis, "hours used"));
  }

  // One row per point with its headline figures.
  page.section("points", "Points");
  std::vector<std::string> desks;
  if (!points.empty()) {
    desks = SummaryIndex(points[0].at("summary"), "/points/0/summary").desks();
  }
  page.html("<table>\n<thead><tr><th>point</th>");
  for (const Json& p : sweep.at("parameters")) page.html(fmt::format("<th>{}</th>", escape_html(p.at("key").get<std::string>())));
  for (const std::string& desk : desks) page.html(fmt::format("<th>{}: utilisation (%)</th>", escape_html(desk)));
  // One unit per column, in its header: the time to resolution of every point in one unit.
  std::vector<std::string> resolution_times;
  for (std::size_t p = 0; p < points.size(); ++p) {
    resolution_times.push_back(SummaryIndex(points[p].at("summary"), fmt::format("/points/{}/summary", p))
                                   .find(metric::kComplaints, metric::kTimeToResolutionMeanMin));
  }
  const auto time_unit = unit_for(page, resolution_times, Shown::kMinutes);
  page.html(fmt::format("<th>silo</th><th>resolution rate (%)</th><th>time to resolution{}</th></tr></thead>\n<tbody>\n",
                        escape_html(unit_suffix(time_unit))));
  for (std::size_t p = 0; p < points.size(); ++p) {
    const SummaryIndex summary(points[p].at("summary"), fmt::format("/points/{}/summary", p));
    page.html(fmt::format("<tr><td>{}</td>", points[p].at("index").dump()));
    for (const Json& parameter : sweep.at("parameters")) {
      page.html(fmt::format("<td>{}</td>", escape_html(points[p].at("settings").value(
                                               parameter.at("key").get<std::string>(), std::string()))));
    }
    for (const std::string& desk : desks) {
      page.html(fmt::format("<td>{}</td>", estimate_cell(page, summary.find(metric::kDeskPrefix + desk, metric::kUtilisation), 100.0)));
    }
    if (points[p].contains("silo_verdict")) {
      const Json& verdict = points[p].at("silo_verdict");
      page.html(fmt::format(
          "<td title=\"{}\">{}</td>",
          escape_html(verdict.at("headline").get<std::string>()),
          verdict.at("silo").get<bool>()
              ? std::string("yes")
              : "no (" + escape_html(verdict.at("grade").get<std::string>()) + ")"));
    } else {
      page.html("<td>-</td>");
    }
    page.html(fmt::format("<td>{}</td><td>{}</td></tr>\n",
                          estimate_cell(page, summary.find(metric::kComplaints, metric::kResolutionRate), 100.0),
                          estimate_cell(page, resolution_times[p], time_unit.first)));
  }
  page.html("</tbody>\n</table>\n");

  organisation_section(page, input);
  page.section("scenario", "The scenario as run");
  scenario_details(page, "/scenario", "The organisation graph and scenario are the base, before each point's settings.");
}

}  // namespace escalsim::report
