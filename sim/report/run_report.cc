// The report of `escalsim run`: the headline (bottleneck and silo verdict in plain words),
// desks over time, utilisation beside the prediction, distributions, fairness.
#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "escalsim/metric_names.h"
#include "escalsim/units.h"
#include "report/report_parts.h"

namespace escalsim::report {
namespace {

// Series longer than this are averaged over consecutive samples, to keep pages light.
constexpr std::size_t kMaxPointsPerSeries = 400;

std::string desk_scope(const std::string& desk) { return metric::kDeskPrefix + desk; }

// The utilisation chart's two bars, in greys that no desk takes.
constexpr const char* kSimulatedGrey = "#7b8794";
constexpr const char* kPredictedGrey = "#cbd2d9";

// The index of `desk` in prediction.desks, or -1.
int predicted_index(const Json& json, const std::string& desk) {
  const Json& desks = json.at("prediction").at("desks");
  for (std::size_t i = 0; i < desks.size(); ++i) {
    if (desks[i].at("desk") == desk) return static_cast<int>(i);
  }
  return -1;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + escape_html(names[i]);
  }
  return text;
}

void headline(HtmlPage& page, const SummaryIndex& summary, const std::vector<std::string>& desks) {
  const Json& json = page.json();
  page.html("<div class=\"headline\">\n");

  // The bottleneck: the desk busiest in the simulation, beside the prediction.
  std::string busiest;
  for (const std::string& desk : desks) {
    if (busiest.empty() || summary.mean(desk_scope(desk), metric::kUtilisation) >
                               summary.mean(desk_scope(busiest), metric::kUtilisation)) {
      busiest = desk;
    }
  }
  if (!busiest.empty()) {
    page.html(fmt::format(
        "<p><strong>The bottleneck is {}</strong>: busy {} of its time in the simulation.",
        escape_html(busiest),
        estimate_html(page, summary.find(desk_scope(busiest), metric::kUtilisation), Shown::kPercent)));
    const std::string predicted = json.at("prediction").value("bottleneck", std::string());
    const int p = predicted_index(json, predicted);
    if (p >= 0) {
      page.html(fmt::format(
          " The traffic equations {} {} (load {}).",
          predicted == busiest ? "predicted it too:" : "predicted another desk,",
          escape_html(predicted), page.figure(fmt::format("/prediction/desks/{}/load", p), 1.0, 2)));
    }
    page.html("</p>\n");
  }

  // Desks that cannot keep up: a backlog growing significantly.
  std::vector<std::string> growing;
  for (const std::string& desk : desks) {
    const Json* g = summary.get(desk_scope(desk), metric::kBacklogGrowthPerWeek);
    if (g && g->at("mean").get<double>() - g->at("half_width").get<double>() > 0 &&
        g->at("mean").get<double>() >= 1.0) {
      growing.push_back(desk);
    }
  }
  if (growing.empty()) {
    page.html("<p>Every desk keeps up: no backlog grows week after week.</p>\n");
  } else {
    page.html(fmt::format("<p><strong>{} cannot keep up</strong>:", join_names(growing)));
    for (const std::string& desk : growing) {
      page.html(fmt::format(
          " {}'s backlog grows by {} complaints a week;", escape_html(desk),
          estimate_html(page, summary.find(desk_scope(desk), metric::kBacklogGrowthPerWeek),
                        Shown::kNumber)));
    }
    page.html(" it will go on growing as long as the demand lasts.</p>\n");
  }

  // The silo verdict and its evidence, as the JSON states them.
  const Json& verdict = json.at("silo_verdict");
  const std::string executive = verdict.value("desk", std::string());
  if (executive.empty()) {
    page.html("<p>No executive desk: there is no silo at the top to look for.</p>\n");
  } else {
    // A desk that cannot keep up is shown as a warning whether or not it is a silo.
    const bool silo = verdict.at("silo").get<bool>();
    const bool alarm = silo || verdict.value("cannot_keep_up", false);
    const std::string headline = verdict.value(
        "headline", fmt::format("{}: {} {} a new silo at the top", silo ? "yes" : "no",
                                executive, silo ? "is" : "is not"));
    page.html(fmt::format(
        "<p>New silo at the top? <span class=\"quote {}\" data-source=\"results.json\" "
        "data-pointer=\"/silo_verdict/headline\">{}</span>.</p>\n",
        alarm ? "verdict-yes" : "verdict-no", escape_html(headline)));
    page.html("<ul class=\"evidence\">\n");
    const Json& evidence = verdict.at("evidence");
    for (std::size_t i = 0; i < evidence.size(); ++i) {
      page.html(fmt::format(
          "<li><span class=\"quote\" data-source=\"results.json\" "
          "data-pointer=\"/silo_verdict/evidence/{}\">{}</span></li>\n",
          i, escape_html(evidence[i].get<std::string>())));
    }
    page.html("</ul>\n");
    const std::string scope = "executive:" + executive;
    if (!summary.find(scope, metric::kUsedH).empty()) {
      page.html(fmt::format("<p>{} worked {} on complaints against a budget of {}",
                            escape_html(executive),
                            estimate_html(page, summary.find(scope, metric::kUsedH), Shown::kHours),
                            estimate_html(page, summary.find(scope, metric::kBudgetH), Shown::kHours)));
      page.html(fmt::format("; a reply took {} on average.</p>\n",
                            estimate_html(page, summary.find(scope, metric::kReplyMeanMin), Shown::kMinutes)));
    }
  }

  page.html(fmt::format(
      "<p>Complaints: {} resolved, in {} on average; {} reached an executive.</p>\n",
      estimate_html(page, summary.find(metric::kComplaints, metric::kResolutionRate), Shown::kPercent),
      estimate_html(page, summary.find(metric::kComplaints, metric::kTimeToResolutionMeanMin), Shown::kMinutes),
      estimate_html(page, summary.find(metric::kComplaints, metric::kExecutiveShare), Shown::kPercent)));
  page.html("</div>\n");
}

void desk_table(HtmlPage& page, const SummaryIndex& summary, const std::vector<std::string>& desks) {
  // One unit per column, in its header: a CEO's waits in days and the front line's in
  // minutes would otherwise share a column, which a reader compares by digits.
  struct Column {
    std::string header;
    std::string_view metric;
    Shown shown;
  };
  const std::vector<Column> columns = {
      {"arrivals", metric::kArrivals, Shown::kNumber},
      {"utilisation", metric::kUtilisation, Shown::kPercent},
      {"predicted load", "", Shown::kNumber},
      {"wait, mean", metric::kWaitMeanMin, Shown::kMinutes},
      {"wait, p90", metric::kWaitP90Min, Shown::kMinutes},
      {"abandoned", metric::kAbandoned, Shown::kNumber},
      {"backlog at the end", metric::kBacklogAtEnd, Shown::kNumber},
      // What is still open is reported beside what was served: in a silo it is the story.
      {"its age, p50", metric::kOpenAgeP50Min, Shown::kMinutes},
      {"its age, p90", metric::kOpenAgeP90Min, Shown::kMinutes},
      {"backlog growth a week", metric::kBacklogGrowthPerWeek, Shown::kNumber},
  };
  std::vector<std::pair<double, std::string>> units;
  page.html("<table>\n<thead><tr><th>desk</th>");
  for (const Column& c : columns) {
    std::vector<std::string> pointers;
    if (!c.metric.empty()) {
      for (const std::string& desk : desks) pointers.push_back(summary.find(desk_scope(desk), c.metric));
    }
    units.push_back(unit_for(page, pointers, c.shown));
    page.html(fmt::format("<th>{}{}</th>", escape_html(c.header), escape_html(unit_suffix(units.back()))));
  }
  page.html("</tr></thead>\n<tbody>\n");
  for (const std::string& desk : desks) {
    const std::string scope = desk_scope(desk);
    const int p = predicted_index(page.json(), desk);
    page.html(fmt::format("<tr><td>{}</td>", escape_html(desk)));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::string cell;
      if (columns[c].metric.empty()) {
        cell = p >= 0 ? page.figure(fmt::format("/prediction/desks/{}/load", p), 1.0, 2) : "—";
      } else {
        cell = estimate_cell(page, summary.find(scope, columns[c].metric), units[c].first);
      }
      page.html(fmt::format("<td>{}</td>", cell));
    }
    page.html("</tr>\n");
  }
  page.html("</tbody>\n</table>\n");
  // A utilisation above 100% is explained where it is shown, as in the table `run` prints.
  for (const std::string& desk : desks) {
    if (!(summary.mean(desk_scope(desk), metric::kUtilisation) > 1.0)) continue;
    const bool executive = summary.get(metric::kExecutivePrefix + desk, metric::kBudgetUsedShare) != nullptr;
    page.html(fmt::format(
        "<p class=\"note\">{}'s utilisation is above 100%: {}.</p>\n", escape_html(desk),
        executive ? "it is budget used over budget, and items started inside the budget ran "
                    "past it (overrun)"
                  : "work in progress ran past the end of a shift"));
  }
}

// Rows of line_with_band from one series per run ("backlog" or "queue"), in weeks.
Json series_rows(const Json& runs, const std::string& key) {
  Json rows = Json::array();
  if (runs.empty() || !runs[0].contains(key)) return rows;
  const Json& first = runs[0].at(key);
  const double interval_min = first.at("interval_min").get<double>();
  const double first_min = first.at("first_min").get<double>();
  for (const auto& [desk, ignored] : first.at("desks").items()) {
    std::size_t samples = 0;
    for (const Json& run : runs) samples = std::max(samples, run.at(key).at("desks").at(desk).size());
    const std::size_t stride = (samples + kMaxPointsPerSeries - 1) / kMaxPointsPerSeries;
    for (std::size_t at = 0; stride > 0 && at < samples; at += stride) {
      std::vector<double> per_run;
      for (const Json& run : runs) {
        const Json& values = run.at(key).at("desks").at(desk);
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t i = at; i < std::min(at + stride, values.size()); ++i, ++n) {
          sum += values[i].get<double>();
        }
        if (n > 0) per_run.push_back(sum / static_cast<double>(n));
      }
      const auto [mean, half_width] = mean_and_half_width(per_run);
      rows.push_back({{"x", (first_min + static_cast<double>(at) * interval_min) / kWeekMin},
                      {"series", desk},
                      {"mean", mean},
                      {"lower", std::max(0.0, mean - half_width)},
                      {"upper", mean + half_width}});
    }
  }
  return rows;
}

void over_time(HtmlPage& page, const Json& runs) {
  page.section("over-time", "Desks over time");
  // A silo's backlog can be a hundred times the others': then a log axis, said in its title.
  Json backlog = line_with_band(series_rows(runs, "backlog"), "week of the run", "complaints", "desk");
  log_scale_for_outliers(backlog);
  page.chart("backlog", "Backlog per desk (waiting and in service)",
             "Mean over the replications, with its 95% confidence band; sampled from the end of "
             "the warm-up. A line that keeps rising is a desk that cannot keep up.",
             std::move(backlog));
  if (!runs.empty() && runs[0].contains("queue")) {
    Json queue = line_with_band(series_rows(runs, "queue"), "week of the run", "complaints waiting",
                                "desk");
    log_scale_for_outliers(queue);
    page.chart("queue", "Queue length per desk (waiting only)",
               "Complaints waiting for a member of staff, mean over the replications with its 95% band.",
               std::move(queue));
  }
  if (runs.empty() || !runs[0].contains("executive_weeks")) return;
  Json rows = Json::array();
  for (const auto& [desk, first] : runs[0].at("executive_weeks").items()) {
    const std::size_t weeks = first.at("used_h").size();
    const int first_week = first.at("first_week").get<int>();
    for (std::size_t w = 0; w < weeks; ++w) {
      std::vector<double> used;
      for (const Json& run : runs) {
        const Json& series = run.at("executive_weeks").at(desk).at("used_h");
        if (w < series.size()) used.push_back(series[w].get<double>());
      }
      const auto [mean, half_width] = mean_and_half_width(used);
      Json row = {{"week", first_week + static_cast<int>(w) + 1},
                  {"desk", desk},
                  {"mean", mean},
                  {"lower", std::max(0.0, mean - half_width)},
                  {"upper", mean + half_width}};
      row["budget"] = first.at("budget_h");
      rows.push_back(row);
    }
  }
  const Json week = {{"field", "week"}, {"type", "ordinal"}, {"title", "week of the run"}};
  Json spec = {
      {"width", 820},
      {"height", 240},
      {"data", {{"values", rows}}},
      {"encoding", {{"x", week}}},
      {"layer",
       Json::array(
           {{{"mark", {{"type", "bar"}, {"color", "#2f6fbb"}}},
             {"encoding",
              {{"y", {{"field", "mean"}, {"type", "quantitative"}, {"title", "hours used"}}},
               {"tooltip", Json::array({{{"field", "desk"}},
                                        {{"field", "week"}},
                                        {{"field", "mean"}, {"title", "hours used"}, {"format", ".2f"}},
                                        {{"field", "budget"}, {"title", "budget, h"}}})}}}},
            {{"mark", {{"type", "rule"}, {"color", "#1f2933"}}},
             {"encoding", {{"y", {{"field", "lower"}, {"type", "quantitative"}}}, {"y2", {{"field", "upper"}}}}}},
            {{"mark", {{"type", "tick"}, {"color", "#b42318"}, {"thickness", 2}}},
             {"encoding", {{"y", {{"field", "budget"}, {"type", "quantitative"}}}}}}})}};
  if (runs[0].at("executive_weeks").size() > 1) {
    spec["encoding"]["column"] = {{"field", "desk"}, {"type", "nominal"}};
  }
  page.chart("executive-hours", "The executive's hours per week against the budget",
             "Bars: hours charged to the budget each week (mean over the replications, 95% whiskers; "
             "an item in progress may run past the budget). Red ticks: the weekly budget.",
             std::move(spec));
}

// Arrivals per hour and mean wait by hour of the week (results.json "by_hour_of_week",
// pooled over the replications: no band); nothing for results written before it existed.
void by_hour_of_week(HtmlPage& page, const Json& json) {
  if (!json.contains("by_hour_of_week") || json.at("by_hour_of_week").empty()) return;
  const auto rows = [&](const char* key) {
    Json out = Json::array();
    for (const auto& [scope, figures] : json.at("by_hour_of_week").items()) {
      const Json& values = figures.at(key);
      for (std::size_t h = 0; h < values.size(); ++h) {
        const double v = values[h].get<double>();
        // A desk by its name, so it keeps the colour it has in every other chart.
        const std::string series = scope.rfind(metric::kDeskPrefix, 0) == 0
                                       ? scope.substr(std::string_view(metric::kDeskPrefix).size())
                                       : scope;
        out.push_back({{"x", static_cast<double>(h) / 24.0}, {"series", series}, {"mean", v},
                       {"lower", v}, {"upper", v}});
      }
    }
    return out;
  };
  page.section("by-hour", "By hour of the week");
  page.chart("arrivals-by-hour", "Arrivals per hour, by hour of the week",
             "Arrivals per hour in each hour of the week (day 0 is Monday), pooled over the "
             "replications; \"complaints\" counts each complaint's first visit, a desk every "
             "visit. Also in results_by_hour.csv.",
             line_with_band(rows("arrival_rate_per_hour"), "day of the week (0 = Monday)",
                            "arrivals per hour", "scope"));
  Json wait = line_with_band(rows("wait_mean_min"), "day of the week (0 = Monday)",
                             "mean wait, minutes", "scope");
  log_scale_for_outliers(wait);
  page.chart("wait-by-hour", "Mean wait by hour of the week",
             "Mean wait in minutes of the visits that arrived in each hour of the week, pooled "
             "over the replications (0 where no wait ended).",
             std::move(wait));
}

void utilisation(HtmlPage& page, const SummaryIndex& summary, const std::vector<std::string>& desks) {
  Json rows = Json::array();
  for (const std::string& desk : desks) {
    const Json* u = summary.get(desk_scope(desk), metric::kUtilisation);
    if (!u) continue;
    const double mean = u->at("mean").get<double>(), hw = u->at("half_width").get<double>();
    rows.push_back({{"category", desk}, {"group", "simulated utilisation"}, {"mean", mean},
                    {"lower", mean - hw}, {"upper", mean + hw}});
    const int p = predicted_index(page.json(), desk);
    if (p >= 0) {
      const double load = page.json().at("prediction").at("desks")[p].at("load").get<double>();
      rows.push_back({{"category", desk}, {"group", "predicted load"}, {"mean", load},
                      {"lower", load}, {"upper", load}});
    }
  }
  Json spec = bars_with_whiskers(rows, "desk", "share of capacity", "");
  // Greys for simulated and predicted: the palette's colours stand for desks on this page.
  for (Json& layer : spec["layer"]) {
    Json& encoding = layer["encoding"];
    if (encoding.contains("color") && encoding["color"].value("field", "") == "group") {
      encoding["color"]["scale"] = {{"domain", {"simulated utilisation", "predicted load"}},
                                    {"range", {kSimulatedGrey, kPredictedGrey}}};
    }
  }
  spec["layer"].push_back(reference_line("y", 1.0, "#b42318"));
  page.section("utilisation", "Utilisation, simulated beside predicted");
  page.chart("utilisation", "Utilisation per desk beside the traffic-equation prediction",
             "Simulated: busy time over available time (95% whiskers). Predicted: offered work over "
             "capacity from the traffic equations, before any simulation; the equations leave out "
             "abandonment, queue limits and the flows policies add. The dashed line is full capacity.",
             std::move(spec));
}

void distributions(HtmlPage& page, const Json& runs) {
  page.section("distributions", "Waiting and resolution times");
  if (runs.empty() || !runs[0].contains("distributions")) {
    page.html("<p class=\"note\">These results hold no distributions.</p>\n");
    return;
  }
  const Json& edges = runs[0].at("distributions").at("edges_min");
  const auto label = [&](std::size_t bin) -> std::string {
    if (bin == 0) return "no wait";
    const double from = edges[bin - 1].get<double>();
    if (bin >= edges.size()) return span_label(from) + " or more";
    return fmt::format("{} to {}", from == 0 ? "0" : span_label(from), span_label(edges[bin].get<double>()));
  };
  // Shares per bin of one histogram summed over the runs.
  const auto add_rows = [&](Json& rows, const std::string& scope, const std::string& key,
                            const std::string& group, bool skip_zero_bin) {
    std::vector<double> counts;
    for (const Json& run : runs) {
      const Json& d = run.at("distributions");
      if (!d.contains(scope) || !d.at(scope).contains(key)) return;
      const Json& c = d.at(scope).at(key);
      counts.resize(std::max(counts.size(), c.size()), 0.0);
      for (std::size_t i = 0; i < c.size(); ++i) counts[i] += c[i].get<double>();
    }
    double total = 0;
    for (double c : counts) total += c;
    if (total == 0) return;
    for (std::size_t bin = skip_zero_bin ? 1 : 0; bin < counts.size(); ++bin) {
      rows.push_back({{"bin", bin}, {"label", label(bin)}, {"group", group},
                      {"share", counts[bin] / total}, {"count", counts[bin]}});
    }
  };
  Json waits = Json::array();
  for (const auto& [scope, ignored] : runs[0].at("distributions").items()) {
    if (scope.rfind("desk:", 0) == 0) add_rows(waits, scope, "wait", scope.substr(5), false);
  }
  page.chart("wait-distribution", "Waiting time per desk",
             "Share of the visits to each desk (served or abandoned) whose wait fell in each band, "
             "over all replications. \"No wait\": served at once.",
             distribution_bars(std::move(waits), "wait", "desk"));
  Json resolution = Json::array();
  add_rows(resolution, "complaints", "time_to_resolution", "resolved complaints", true);
  page.chart("resolution-distribution", "Time to resolution",
             "Resolved complaints, from their first arrival to their resolution, over all replications.",
             distribution_bars(std::move(resolution), "time to resolution", ""));
}

void fairness(HtmlPage& page, const SummaryIndex& summary) {
  Json rows = Json::array();
  for (const Json& e : page.json().at("summary")) {
    const std::string scope = e.at("scope").get<std::string>();
    if (scope.rfind("fairness:", 0) != 0 || e.at("metric") != metric::kExecutiveShare) continue;
    std::string group = scope.substr(9);
    std::replace(group.begin(), group.end(), ':', ' ');
    const double mean = e.at("mean").get<double>(), hw = e.at("half_width").get<double>();
    rows.push_back({{"category", group}, {"group", "reached an executive"}, {"mean", mean},
                    {"lower", std::max(0.0, mean - hw)}, {"upper", mean + hw}});
  }
  if (rows.empty()) return;
  (void)summary;
  page.section("fairness", "Who gets executive attention");
  Json spec = bars_with_whiskers(rows, "complaints by", "share that reached an executive", "", true);
  spec["layer"][0]["encoding"]["color"] = {{"value", "#2f6fbb"}};
  spec["layer"][0]["encoding"]["x"]["axis"] = {{"format", ".2~%"}};
  page.chart("fairness", "Share of complaints that reached an executive, by group",
             "By channel, customer segment and public or private complaint, with 95% whiskers. "
             "Unequal bars are the unfairness customers see: some get the CEO, others do not.",
             std::move(spec));
}

}  // namespace

// Goodwill per segment over the weeks (the goodwill policy's series goodwill_week_<k>_<segment>
// in each run's metrics), when the scenario has it: mean over the replications, 95% band.
void goodwill(HtmlPage& page, const Json& runs) {
  constexpr std::string_view kPrefix = "goodwill_week_";
  if (runs.empty() || !runs[0].at("metrics").contains("policy:goodwill")) return;
  Json rows = Json::array();
  for (const auto& [name, ignored] : runs[0].at("metrics").at("policy:goodwill").items()) {
    if (name.rfind(kPrefix, 0) != 0) continue;
    const std::size_t split = name.find('_', kPrefix.size());
    if (split == std::string::npos) continue;
    const int week = std::stoi(name.substr(kPrefix.size(), split - kPrefix.size()));
    std::vector<double> per_run;
    for (const Json& run : runs) {
      const Json& figures = run.at("metrics").at("policy:goodwill");
      if (figures.contains(name)) per_run.push_back(figures.at(name).get<double>());
    }
    const auto [mean, half_width] = mean_and_half_width(per_run);
    rows.push_back({{"x", week + 1},
                    {"series", name.substr(split + 1)},
                    {"mean", mean},
                    {"lower", mean - half_width},
                    {"upper", mean + half_width}});
  }
  if (rows.empty()) return;
  page.section("goodwill", "Goodwill");
  page.chart("goodwill", "Goodwill per segment at the end of each week",
             "The goodwill policy's stock over the segment's expected complaints in its mean "
             "lifetime (it settles at the segment's mean score); mean over the replications "
             "with its 95% band, weeks after the warm-up.",
             line_with_band(std::move(rows), "end of week", "goodwill", "segment"));
}

void build_run_report(HtmlPage& page, const ReportInput& input) {
  const Json& json = page.json();
  const Json& scenario = json.at("scenario");
  const Json& settings = json.at("settings");
  const int replications = settings.at("replications_used").get<int>();
  page.html(fmt::format("<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n",
                        escape_html(scenario.at("name").get<std::string>()),
                        escape_html(scenario.value("description", std::string()))));
  page.html(fmt::format(
      "<p class=\"note\">{} replication{} of {} after a warm-up of {}, seed {}. Figures are means "
      "with the half-width of their 95% confidence interval (Student t).</p>\n",
      replications, replications == 1 ? "" : "s",
      span_label(settings.at("horizon_min").get<double>() - settings.at("warmup_min").get<double>()),
      span_label(settings.at("warmup_min").get<double>()), settings.at("seed").dump()));

  const SummaryIndex summary(json.at("summary"), "/summary");
  const std::vector<std::string> desks = summary.desks();
  page.add_series_names(desks);  // one colour per desk in every chart
  page.add_series_names({std::string(metric::kComplaints)});  // all complaints, by hour of the week
  headline(page, summary, desks);
  page.section("desks", "Desks");
  desk_table(page, summary, desks);
  over_time(page, json.at("runs"));
  by_hour_of_week(page, json);
  utilisation(page, summary, desks);
  distributions(page, json.at("runs"));
  fairness(page, summary);
  goodwill(page, json.at("runs"));
  organisation_section(page, input);
  page.section("scenario", "The scenario as run");
  scenario_details(page, "/scenario",
                   fmt::format("Seed {}, {} replications, horizon {}.", settings.at("seed").dump(),
                               replications, span_label(settings.at("horizon_min").get<double>())));
}

}  // namespace escalsim::report
