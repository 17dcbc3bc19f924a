// The report of `escalsim optimise`: the cost-service frontier (the objective against the
// first constraint's figure, one point per simulated plan, the chosen plan marked), and the
// plans that came close with why each lost.
#include <string>

#include <fmt/core.h>

#include "report/report_parts.h"

namespace escalsim::report {

void build_optimise_report(HtmlPage& page, const ReportInput& input) {
  const Json& json = page.json();
  const Json& search = json.at("search");
  const Json& plans = json.at("plans");
  const std::string objective = search.at("objective").get<std::string>();
  const Json& constraints = search.at("constraints");

  page.html(fmt::format("<h1>Optimise: {}</h1>\n<p class=\"subtitle\">{}</p>\n",
                        escape_html(json.at("scenario").at("name").get<std::string>()),
                        escape_html(json.at("scenario").value("description", std::string()))));
  std::string constraint_list;
  for (const Json& c : constraints) {
    constraint_list += (constraint_list.empty() ? "" : "; ") + std::string("<code>") +
                       escape_html(c.get<std::string>()) + "</code>";
  }
  page.html(fmt::format(
      "<p class=\"note\">{} <code>{}</code> over {} plans, subject to {}. Theory screened out {} "
      "plans; the rest ran on common random numbers, {} replications at first and up to {}, "
      "selected by Kim and Nelson's procedure with an indifference zone of {}; {} runs in all "
      "against {} for exhaustive search.</p>\n",
      search.at("sense") == "max" ? "Maximise" : "Minimise", escape_html(objective),
      page.figure("/grid_plans", 1.0, 0),
      constraint_list.empty() ? std::string("no constraint") : constraint_list,
      page.figure("/screened_plans", 1.0, 0), search.at("first_replications").dump(),
      search.at("max_replications").dump(), page.figure("/search/indifference_zone", 1.0, 0),
      page.figure("/runs", 1.0, 0), page.figure("/exhaustive_runs", 1.0, 0)));
  page.html(fmt::format("<div class=\"headline\">\n<p><span class=\"quote\" "
                        "data-source=\"optimise.json\" data-pointer=\"/headline\">{}</span></p>\n"
                        "</div>\n",
                        escape_html(json.at("headline").get<std::string>())));

  // The frontier: each simulated plan's objective against the first constraint's figure.
  if (!constraints.empty()) {
    const std::string figure = constraints[0].get<std::string>();
    Json rows = Json::array();
    for (std::size_t i = 0; i < plans.size(); ++i) {
      const Json& p = plans[i];
      if (!p.at("simulated").get<bool>() || !p.at("constraints")[0].contains("mean")) continue;
      std::string label;
      for (const auto& [key, value] : p.at("values").items()) {
        label += (label.empty() ? "" : ", ") + key + "=" + value.get<std::string>();
      }
      rows.push_back({{"x", p.at("constraints")[0].at("mean")},
                      {"y", p.at("objective").at("mean")},
                      {"status", p.at("status")},
                      {"plan", label}});
    }
    Json spec = {
        {"width", 560},
        {"height", 320},
        {"data", {{"values", std::move(rows)}}},
        {"mark", {{"type", "point"}, {"filled", true}, {"size", 70}}},
        {"encoding",
         {{"x", {{"field", "x"}, {"type", "quantitative"}, {"title", "constraint 1 (" + figure + ")"},
                 {"scale", {{"zero", false}}}}},
          {"y", {{"field", "y"}, {"type", "quantitative"}, {"title", objective},
                 {"scale", {{"zero", false}}}}},
          {"color", {{"field", "status"}, {"type", "nominal"}, {"title", "plan"}}},
          {"shape", {{"field", "status"}, {"type", "nominal"}}},
          {"tooltip", Json::array({{{"field", "plan"}},
                                   {{"field", "status"}},
                                   {{"field", "x"}, {"title", figure}, {"format", ".4~g"}},
                                   {{"field", "y"}, {"title", objective}, {"format", ".4~g"}}})}}}};
    // The constraint's value as a vertical rule: the feasible side is the one its operator says.
    if (search.contains("constraint_limits") && !search.at("constraint_limits").empty()) {
      // The points' data stays at the top, where the page reads a chart's data from.
      Json points = {{"mark", spec.at("mark")}, {"encoding", spec.at("encoding")}};
      spec.erase("mark");
      spec.erase("encoding");
      spec["layer"] = Json::array({std::move(points)});
      spec["layer"].push_back(reference_line(
          "x", search.at("constraint_limits")[0].at("value").get<double>(), "#d62728"));
    }
    page.section("frontier", "The cost-service frontier");
    page.chart("optimise-frontier", fmt::format("{} against {}", objective, figure),
               "One point per simulated plan: the mean over its replications. The chosen plan "
               "is marked 'chosen'; runners-up are within the indifference zone of it. Red "
               "dashed: the constraint's value.",
               spec);
  }

  page.section("plans", "The chosen plan, the runners-up and why the others lost");
  page.html("<table>\n<thead><tr><th>plan</th><th>status</th><th>replications</th><th>");
  page.html(escape_html(objective));
  page.html("</th><th>why</th></tr></thead>\n<tbody>\n");
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const Json& p = plans[i];
    const std::string status = p.at("status").get<std::string>();
    if (status == "screened") continue;
    std::string label;
    for (const auto& [key, value] : p.at("values").items()) {
      label += (label.empty() ? "" : ", ") + key + "=" + value.get<std::string>();
    }
    const std::string at = fmt::format("/plans/{}", i);
    page.html(fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                          escape_html(label), escape_html(status),
                          page.figure(at + "/replications", 1.0, 0),
                          page.figure(at + "/objective/mean", 1.0, 0),
                          escape_html(p.at("reason").get<std::string>())));
  }
  page.html("</tbody>\n</table>\n");
  page.html(fmt::format("<p class=\"note\">{} plans screened out by theory are listed in "
                        "optimise.csv with the reason.</p>\n",
                        page.figure("/screened_plans", 1.0, 0)));

  organisation_section(page, input);
  page.section("scenario", "The scenario as run");
  scenario_details(page, "/scenario", "The organisation graph and scenario are the base, before the plan's values.");
}

}  // namespace escalsim::report
