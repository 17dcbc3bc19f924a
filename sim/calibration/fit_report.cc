// The fit report: the JSON first (every number), then the page built from it, so that each
// figure on the page is read back from the JSON and points at where it came from.
#include "calibration/fit_report.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "calibration/call_log.h"
#include "report/html_page.h"

namespace escalsim::detail {
namespace {

using report::Json;

const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr int kHistogramBins = 40;
constexpr int kQqPoints = 50;
constexpr int kPatiencePoints = 41;
const char* const kCriterion =
    "maximum likelihood per family; the family with the smallest AIC (2 parameters - 2 "
    "log-likelihood) is chosen; goodness of fit: the Kolmogorov-Smirnov distance (the largest "
    "gap between the fitted and the observed distribution functions)";

// A number as the scenario writes it into a pattern ({:.4g}), read back.
double as_written(double v) { return std::stod(fmt::format("{:.4g}", v)); }

Json fit_json(const DurationFit& f) {
  Json j = {{"family", family_name(f.family)},
            {"mean_s", f.mean_s},
            {"mean_se_s", f.mean_se_s},
            {"sd_s", f.sd_s}};
  if (f.family == Family::kGamma) {
    j["shape"] = f.shape;
    j["shape_se"] = f.shape_se;
  }
  if (f.family == Family::kLognormal) {
    j["log_mean"] = f.mu;
    j["log_sd"] = f.sigma;
  }
  j["log_likelihood"] = f.log_likelihood;
  j["aic"] = f.aic;
  j["ks_distance"] = f.ks_distance;
  return j;
}

const DurationFit* find_family(const std::vector<DurationFit>& fits, Family family) {
  for (const DurationFit& f : fits) {
    if (f.family == family) return &f;
  }
  return nullptr;
}

// A handle-time distribution against its data: the fits, a histogram with each fitted
// density (the expected share per second in each bin), and the QQ points of the chosen fit.
Json distribution_json(const DurationSample& sample, const std::vector<DurationFit>& fits) {
  Json j = {{"services", sample.size()}};
  if (fits.empty()) {
    j["chosen"] = nullptr;
    return j;
  }
  j["chosen"] = family_name(fits.front().family);
  j["criterion"] = kCriterion;
  j["fits"] = Json::array();
  for (const DurationFit& f : fits) j["fits"].push_back(fit_json(f));
  j["mean_observed_s"] = sample.mean();

  const double top = std::max(sample.quantile(0.99), 1.0);
  const double width = std::max(1.0, std::ceil(top / kHistogramBins));
  const auto bins = static_cast<int>(std::ceil(top / width));
  std::vector<std::int64_t> counts(static_cast<std::size_t>(bins), 0);
  std::int64_t above = 0;
  for (const auto& [value, count] : sample.counts()) {
    const auto bin = static_cast<std::int64_t>(std::floor(value / width));
    if (bin < bins) {
      counts[static_cast<std::size_t>(bin)] += count;
    } else {
      above += count;
    }
  }
  const double n = static_cast<double>(sample.size());
  Json histogram = Json::array();
  for (int b = 0; b < bins; ++b) {
    const double from = b * width, to = (b + 1) * width;
    Json row = {{"from_s", from},
                {"to_s", to},
                {"count", counts[static_cast<std::size_t>(b)]},
                {"observed_density", static_cast<double>(counts[static_cast<std::size_t>(b)]) /
                                         (n * width)}};
    for (Family family : {Family::kExponential, Family::kGamma, Family::kLognormal}) {
      const DurationFit* f = find_family(fits, family);
      row[family_name(family)] = (f->cdf(to) - f->cdf(from)) / width;
    }
    histogram.push_back(std::move(row));
  }
  j["histogram"] = std::move(histogram);
  j["histogram_bin_s"] = width;
  j["histogram_above"] = above;

  Json qq = Json::array();
  for (int i = 0; i < kQqPoints; ++i) {
    const double p = (i + 0.5) / kQqPoints;
    qq.push_back({{"p", p},
                  {"observed_s", sample.quantile(p)},
                  {"fitted_s", fits.front().quantile(p)}});
  }
  j["qq"] = std::move(qq);
  return j;
}

Json vl_histogram(const Json& d) {
  Json values = d.at("histogram");
  for (Json& row : values) {
    row["mid_s"] = (row.at("from_s").get<double>() + row.at("to_s").get<double>()) / 2.0;
  }
  const std::string chosen = d.at("chosen").get<std::string>();
  return {{"data", {{"values", values}}},
          {"width", 560},
          {"height", 200},
          {"layer",
           Json::array(
               {{{"mark", {{"type", "bar"}, {"color", "#cbd5e1"}}},
                 {"encoding",
                  {{"x", {{"field", "from_s"}, {"type", "quantitative"},
                          {"title", "handle time (s)"}}},
                   {"x2", {{"field", "to_s"}}},
                   {"y", {{"field", "observed_density"}, {"type", "quantitative"},
                          {"title", "share per second"}}},
                   {"tooltip", Json::array({{{"field", "from_s"}}, {{"field", "to_s"}},
                                            {{"field", "count"}}})}}}},
                {{"transform",
                  Json::array({{{"fold", Json::array({"exponential", "gamma", "lognormal"})},
                                {"as", Json::array({"family", "density"})}}})},
                 {"mark", {{"type", "line"}}},
                 {"encoding",
                  {{"x", {{"field", "mid_s"}, {"type", "quantitative"}}},
                   {"y", {{"field", "density"}, {"type", "quantitative"}}},
                   {"color", {{"field", "family"}, {"type", "nominal"},
                              {"title", "fitted (chosen: " + chosen + ")"}}},
                   {"strokeWidth",
                    {{"condition", {{"test", "datum.family == '" + chosen + "'"}, {"value", 3}}},
                     {"value", 1}}}}}}})}};
}

Json vl_qq(const Json& d) {
  return {{"data", {{"values", d.at("qq")}}},
          {"width", 300},
          {"height", 300},
          {"layer",
           Json::array(
               {{{"mark", {{"type", "line"}, {"color", "#94a3b8"}}},
                 {"encoding", {{"x", {{"field", "fitted_s"}, {"type", "quantitative"},
                                      {"title", "fitted quantile (s)"}}},
                               {"y", {{"field", "fitted_s"}, {"type", "quantitative"}}}}}},
                {{"mark", {{"type", "point"}, {"filled", true}, {"color", "#1f2933"}}},
                 {"encoding",
                  {{"x", {{"field", "fitted_s"}, {"type", "quantitative"}}},
                   {"y", {{"field", "observed_s"}, {"type", "quantitative"},
                          {"title", "observed quantile (s)"}}},
                   {"tooltip", Json::array({{{"field", "p"}}, {{"field", "observed_s"}},
                                            {{"field", "fitted_s"}, {"format", ".1f"}}})}}}}})}};
}

// A figure, or "n/a" where the JSON has no number (a fit that did not converge to one).
std::string figure_or_na(const report::HtmlPage& page, const std::string& pointer,
                         double scale, int decimals) {
  const Json::json_pointer at(pointer);
  if (!page.json().contains(at) || !page.json().at(at).is_number()) return "n/a";
  return page.figure(pointer, scale, decimals);
}

// The fits table and the two charts of one distribution, every number from `pointer`.
void distribution_html(report::HtmlPage& page, const std::string& pointer, const Json& d,
                       const std::string& slug, const std::string& what) {
  if (d.at("chosen").is_null()) {
    page.html("<p>" + page.figure(pointer + "/services", 1.0, 0) +
              " services: too few to fit.</p>\n");
    return;
  }
  page.html("<p>" + page.figure(pointer + "/services", 1.0, 0) + " services, observed mean " +
            page.figure(pointer + "/mean_observed_s", 1.0, 1) + " s. Chosen: <b>" +
            report::escape_html(d.at("chosen").get<std::string>()) + "</b> (" +
            report::escape_html(d.at("criterion").get<std::string>()) + ").</p>\n");
  page.html("<table><tr><th>family</th><th>mean (s)</th><th>se (s)</th><th>sd (s)</th>"
            "<th>shape</th><th>AIC</th><th>KS distance</th></tr>\n");
  const Json& fits = d.at("fits");
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const std::string p = fmt::format("{}/fits/{}", pointer, i);
    page.html("<tr><td>" + report::escape_html(fits[i].at("family").get<std::string>()) +
              "</td><td>" + figure_or_na(page, p + "/mean_s", 1.0, 1) + "</td><td>" +
              figure_or_na(page, p + "/mean_se_s", 1.0, 2) + "</td><td>" +
              figure_or_na(page, p + "/sd_s", 1.0, 1) + "</td><td>" +
              (fits[i].contains("shape") ? figure_or_na(page, p + "/shape", 1.0, 3) : std::string()) +
              "</td><td>" + figure_or_na(page, p + "/aic", 1.0, 1) + "</td><td>" +
              figure_or_na(page, p + "/ks_distance", 1.0, 4) + "</td></tr>\n");
  }
  page.html("</table>\n");
  page.chart(slug + "-histogram", what + ": histogram and fitted densities",
             "Bars: the log (share per second in each bin of " +
                 page.figure(pointer + "/histogram_bin_s", 1.0, 0) + " s; " +
                 page.figure(pointer + "/histogram_above", 1.0, 0) +
                 " services above the last bin, the top 1%). Lines: each family's fitted "
                 "density; the thick one is chosen.",
             vl_histogram(d));
  page.chart(slug + "-qq", what + ": QQ plot of the chosen fit",
             "Each point: a quantile of the log against the same quantile of the chosen fit "
             "(2%, 4%, ... 98%). On the grey line, the fit is exact.",
             vl_qq(d));
}

}  // namespace

FitReport write_fit_report(const FitReportInputs& in) {
  const FittedModel& m = *in.model;
  Json doc;
  doc["log"] = m.log_path;
  doc["map"] = m.map_path;
  doc["period"] = {{"first_day", m.first_day}, {"last_day", m.last_day}, {"days", m.days}};

  // Rows: every data row is kept (a call that asked for an agent) or dropped for one reason.
  Json dropped = Json::array();
  std::int64_t dropped_total = 0;
  for (const auto& [reason, n] : in.dropped) {
    dropped.push_back({{"reason", reason}, {"rows", n}});
    dropped_total += n;
  }
  doc["rows"] = {{"read", in.rows_read},
                 {"kept", m.calls},
                 {"dropped_total", dropped_total},
                 {"dropped", dropped}};
  doc["calls"] = {{"asked_for_agent", m.calls},
                  {"served", in.served},
                  {"abandoned", in.abandoned},
                  {"abandonment", static_cast<double>(in.abandoned) /
                                      static_cast<double>(m.calls)}};

  // Arrivals: observed mean per hour of the week (and its lowest and highest over the times
  // the hour occurs) against what the written scenario asks for: the stream's rate spread
  // by its pattern as written (4 significant figures), summed over the streams.
  const std::array<int, kHoursPerWeek> occurs = hour_occurrences(in.first_day, in.last_day);
  std::array<double, kHoursPerWeek> low{}, high{};
  low.fill(INFINITY);
  high.fill(-INFINITY);
  for (std::int64_t day = in.first_day; day <= in.last_day; ++day) {
    for (int h = 0; h < 24; ++h) {
      const auto it = in.arrivals->by_hour().find(day * 24 + h);
      const double v = it == in.arrivals->by_hour().end() ? 0.0 : it->second;
      const auto w = static_cast<std::size_t>(weekday_of(day) * 24 + h);
      low[w] = std::min(low[w], v);
      high[w] = std::max(high[w], v);
    }
  }
  std::array<double, kHoursPerWeek> fitted{};
  const double weeks = m.days / 7.0;
  auto add_stream = [&](double calls, const std::array<double, kHoursPerWeek>& per_hour) {
    double sum = 0.0;
    for (double v : per_hour) sum += as_written(v);
    if (sum <= 0) return;
    for (std::size_t h = 0; h < fitted.size(); ++h) {
      fitted[h] += calls / weeks * as_written(per_hour[h]) / sum;
    }
  };
  if (!m.desk_fits.empty()) {
    for (const DeskFit& d : m.desk_fits) add_stream(static_cast<double>(d.calls), d.calls_per_hour);
  } else if (m.class_fits.size() >= 2) {
    for (const ClassFit& c : m.class_fits) add_stream(static_cast<double>(c.calls), c.calls_per_hour);
  } else {
    add_stream(static_cast<double>(m.calls), m.calls_per_hour);
  }
  Json by_hour = Json::array();
  double largest_gap = 0.0;
  for (int h = 0; h < kHoursPerWeek; ++h) {
    const auto i = static_cast<std::size_t>(h);
    const bool seen = occurs[i] > 0;
    by_hour.push_back({{"hour_of_week", h},
                       {"day", kDays[h / 24]},
                       {"hour", h % 24},
                       {"occurrences", occurs[i]},
                       {"observed_mean", m.calls_per_hour[i]},
                       {"observed_low", seen ? low[i] : 0.0},
                       {"observed_high", seen ? high[i] : 0.0},
                       {"fitted", fitted[i]}});
    largest_gap = std::max(largest_gap, std::abs(fitted[i] - m.calls_per_hour[i]));
  }
  doc["arrivals"] = {{"rate_per_week", static_cast<double>(m.calls) / weeks},
                     {"largest_gap_per_hour", largest_gap},
                     {"by_hour", by_hour}};

  doc["handle_time"] = distribution_json(*in.handle, m.handle_fits);
  Json left_out = Json::array();
  for (const auto& [reason, n] : in.not_in_handle) {
    left_out.push_back({{"reason", reason}, {"calls", n}});
  }
  doc["handle_time"]["left_out"] = left_out;

  Json classes = Json::array();
  const std::vector<std::string> names = stream_names(m);
  for (std::size_t c = 0; c < m.class_fits.size(); ++c) {
    const ClassFit& k = m.class_fits[c];
    Json row = {{"class", k.name},
                {"stream", names[c]},
                {"calls", k.calls},
                {"share", static_cast<double>(k.calls) / static_cast<double>(m.calls)},
                {"rate_per_week", static_cast<double>(k.calls) / weeks},
                {"rate_se_per_week", std::sqrt(static_cast<double>(k.calls)) / weeks},
                {"high_priority", k.high_priority}};
    row["handle_time"] = distribution_json(*in.class_handle[c], k.handle_fits);
    classes.push_back(std::move(row));
  }
  // With desks mapped the streams are per desk (scenario_writer), not per class.
  doc["classes"] = {{"streams", m.class_fits.size() >= 2 && m.desk_fits.empty()},
                    {"by_class", classes}};

  const bool priority = m.priorities_mapped && m.high_priority > 0 && m.high_priority < m.calls;
  doc["priorities"] = {{"mapped", m.priorities_mapped},
                       {"high", m.high_priority},
                       {"high_share", static_cast<double>(m.high_priority) /
                                          static_cast<double>(m.calls)},
                       {"discipline", priority ? "priority" : "fifo"}};

  // Patience: the censored sample's Kaplan-Meier survival against the exponential fit's.
  const double longest = in.patience->longest_wait_s();
  Json curve = Json::array();
  for (int i = 0; i < kPatiencePoints; ++i) {
    const double t = longest * i / (kPatiencePoints - 1);
    curve.push_back({{"t_s", t},
                     {"kaplan_meier", in.patience->kaplan_meier(t)},
                     {"exponential", std::isfinite(m.patience_mean_s)
                                         ? std::exp(-t / m.patience_mean_s)
                                         : 1.0}});
  }
  doc["patience"] = {
      {"method", "exponential maximum likelihood from censored waits (abandonments / time "
                 "waited: a served call's patience outlasted its wait), beside Kaplan-Meier"},
      {"abandonments", m.abandoned},
      {"waits", m.waits},
      {"waited_s", m.waited_s},
      {"exponential_mean_s", std::isfinite(m.patience_mean_s) ? Json(m.patience_mean_s) : Json()},
      {"exponential_mean_se_s",
       std::isfinite(m.patience_se_s) ? Json(m.patience_se_s) : Json()},
      {"kaplan_meier_median_s", m.km_median_s >= 0 ? Json(m.km_median_s) : Json()},
      {"kaplan_meier_60s", m.km_survival_60s},
      {"survival", curve}};

  Json staff = Json::array();
  int changed_hours = 0;
  for (int h = 0; h < kHoursPerWeek; ++h) {
    const auto i = static_cast<std::size_t>(h);
    const int change = m.staff.staff[i] - in.staff_inferred[i];
    changed_hours += change != 0;
    staff.push_back({{"hour_of_week", h},
                     {"day", kDays[h / 24]},
                     {"hour", h % 24},
                     {"agents_seen", m.staff.agents_seen[i]},
                     {"busy_at_once", m.staff.busy_at_once[i]},
                     {"inferred", in.staff_inferred[i]},
                     {"written", m.staff.staff[i]},
                     {"change", change}});
  }
  Json calibration = nullptr;
  if (in.calibration) {
    const StaffCalibration& c = *in.calibration;
    calibration = {{"rounds", c.rounds},
                   {"best_round", c.best_round},
                   {"agent_hours_added", c.agent_hours_added},
                   {"agent_hours_removed", c.agent_hours_removed},
                   {"abandonment_inferred", c.abandonment_before},
                   {"abandonment_calibrated", c.abandonment_after},
                   {"abandonment_log", c.abandonment_log},
                   {"wait_mean_s_inferred", c.wait_before_s},
                   {"wait_mean_s_calibrated", c.wait_after_s},
                   {"wait_mean_s_log", c.wait_log_s}};
  }
  doc["staff"] = {{"method", "agents seen serving in each hour of each day (distinct names), "
                             "averaged over the times the hour of the week occurs, rounded; at "
                             "least 1 in an hour with calls"},
                  {"hours_changed_by_calibration", changed_hours},
                  {"calibration", calibration},
                  {"by_hour", staff}};
  Json desks = Json::array();
  for (const DeskFit& d : m.desk_fits) {
    Json row = {{"desk", d.name}, {"scenario_desk", desk_name(d.name)}, {"calls", d.calls},
                {"services_fitted", d.handle_n}};
    if (!d.handle_fits.empty()) {
      row["handle_time"] = fit_json(d.handle_fits.front());
    } else {
      row["handle_time"] = nullptr;
    }
    desks.push_back(std::move(row));
  }
  Json routes = Json::array();
  for (const RouteFit& r : m.routes) {
    const double p = r.share();
    routes.push_back({{"from", r.from},
                      {"to", r.to},
                      {"transferred", r.transferred},
                      {"served", r.served},
                      {"share", p},
                      {"share_se", std::sqrt(p * (1.0 - p) / static_cast<double>(r.served))}});
  }
  doc["desks"] = desks;
  doc["routes"] = routes;
  doc["not_modelled"] = unsupported_notes(m);

  // The page, every figure read back from the JSON as written.
  const Json json = Json::parse(doc.dump());
  report::HtmlPage page("Fit: " + m.log_path, "fit_report.json", json);
  page.set_chart_data_files("fit_report.json, under \"charts\"");
  page.section("rows", "The log's rows");
  page.html("<p>" + page.figure("/rows/read", 1.0, 0) + " rows read from " +
            report::escape_html(m.log_path) + "; " + page.figure("/rows/kept", 1.0, 0) +
            " kept: calls that asked for an agent (served, or hung up in the queue) from " +
            report::escape_html(m.first_day) + " to " + report::escape_html(m.last_day) + " (" +
            page.figure("/period/days", 1.0, 0) + " days). " +
            page.figure("/rows/dropped_total", 1.0, 0) + " left out:</p>\n");
  page.html("<table><tr><th>reason</th><th>rows</th></tr>\n");
  for (std::size_t i = 0; i < dropped.size(); ++i) {
    page.html("<tr><td>" + report::escape_html(dropped[i].at("reason").get<std::string>()) +
              "</td><td>" + page.figure(fmt::format("/rows/dropped/{}/rows", i), 1.0, 0) +
              "</td></tr>\n");
  }
  page.html("</table>\n<p>Of the calls kept, " + page.figure("/calls/served", 1.0, 0) +
            " were served and " + page.figure("/calls/abandoned", 1.0, 0) +
            " hung up in the queue: abandonment " + page.figure("/calls/abandonment", 100.0, 2) +
            "%.</p>\n");

  page.section("arrivals", "Arrivals by hour of the week");
  page.html("<p>Demand: " + page.figure("/arrivals/rate_per_week", 1.0, 1) +
            " calls a week. The scenario's rate and weekly pattern (per class stream when "
            "classes are mapped) give the fitted calls per hour; the largest gap to the "
            "observed mean in any hour is " +
            page.figure("/arrivals/largest_gap_per_hour", 1.0, 3) +
            " calls (the pattern is written to 4 significant figures).</p>\n");
  {
    Json values = Json::array();
    for (const Json& row : json.at("arrivals").at("by_hour")) {
      values.push_back({{"hour_of_week", row.at("hour_of_week")},
                        {"observed", row.at("observed_mean")},
                        {"low", row.at("observed_low")},
                        {"high", row.at("observed_high")},
                        {"fitted", row.at("fitted")}});
    }
    const Json x = {{"field", "hour_of_week"}, {"type", "quantitative"},
                    {"title", "hour of the week (0: Monday 00:00)"},
                    {"axis", {{"values", Json::array({0, 24, 48, 72, 96, 120, 144, 168})}}}};
    Json spec = {
        {"data", {{"values", values}}},
        {"width", 640},
        {"height", 220},
        {"encoding", {{"x", x}}},
        {"layer",
         Json::array(
             {{{"mark", {{"type", "area"}, {"opacity", 0.25}, {"color", "#94a3b8"}}},
               {"encoding", {{"y", {{"field", "low"}, {"type", "quantitative"},
                                    {"title", "calls in the hour"}}},
                             {"y2", {{"field", "high"}}}}}},
              {{"mark", {{"type", "line"}, {"color", "#3b82f6"}}},
               {"encoding", {{"y", {{"field", "fitted"}, {"type", "quantitative"}}}}}},
              {{"mark", {{"type", "point"}, {"filled", true}, {"size", 14}, {"color", "#1f2933"}}},
               {"encoding",
                {{"y", {{"field", "observed"}, {"type", "quantitative"}}},
                 {"tooltip", Json::array({{{"field", "hour_of_week"}},
                                          {{"field", "observed"}},
                                          {{"field", "fitted"}, {"format", ".2f"}},
                                          {{"field", "low"}},
                                          {{"field", "high"}}})}}}}})}};
    page.chart("arrivals-by-hour", "Calls by hour of the week: observed against fitted",
               "Dots: the log's mean over the times each hour occurs; band: its lowest and "
               "highest. Line: the fitted scenario's expected calls.",
               std::move(spec));
  }

  page.section("handle-time", "Handle time (all calls): the desk's distribution");
  {
    const Json& lo = json.at("handle_time").at("left_out");
    if (!lo.empty()) {
      std::string text = "<p>Served calls not in the fit:";
      for (std::size_t i = 0; i < lo.size(); ++i) {
        text += (i ? "; " : " ") + report::escape_html(lo[i].at("reason").get<std::string>()) +
                ": " + page.figure(fmt::format("/handle_time/left_out/{}/calls", i), 1.0, 0);
      }
      page.html(text + ".</p>\n");
    }
  }
  distribution_html(page, "/handle_time", json.at("handle_time"), "handle", "Handle time");

  const Json& by_class = json.at("classes").at("by_class");
  if (!by_class.empty()) {
    page.section("classes", "Per class");
    page.html(std::string("<p>") +
              (json.at("classes").at("streams").get<bool>()
                   ? "Each class is its own demand stream in the scenario, with its rate and "
                     "weekly pattern; the mix of classes is the streams' rates. "
                   : "") +
              "Rate standard error: the square root of the count (Poisson), per week.</p>\n");
    page.html("<table><tr><th>class</th><th>calls</th><th>share</th><th>per week</th>"
              "<th>se</th><th>high priority</th><th>handle: chosen</th><th>mean (s)</th>"
              "<th>se (s)</th><th>KS distance</th></tr>\n");
    for (std::size_t c = 0; c < by_class.size(); ++c) {
      const std::string p = fmt::format("/classes/by_class/{}", c);
      const Json& h = by_class[c].at("handle_time");
      std::string handle = "<td>too few</td><td></td><td></td><td></td>";
      if (!h.at("chosen").is_null()) {
        handle = "<td>" + report::escape_html(h.at("chosen").get<std::string>()) + "</td><td>" +
                 figure_or_na(page, p + "/handle_time/fits/0/mean_s", 1.0, 1) + "</td><td>" +
                 figure_or_na(page, p + "/handle_time/fits/0/mean_se_s", 1.0, 2) + "</td><td>" +
                 figure_or_na(page, p + "/handle_time/fits/0/ks_distance", 1.0, 4) + "</td>";
      }
      page.html("<tr><td>" + report::escape_html(by_class[c].at("class").get<std::string>()) +
                "</td><td>" + page.figure(p + "/calls", 1.0, 0) + "</td><td>" +
                page.figure(p + "/share", 1.0, 4) + "</td><td>" +
                page.figure(p + "/rate_per_week", 1.0, 1) + "</td><td>" +
                page.figure(p + "/rate_se_per_week", 1.0, 1) + "</td><td>" +
                page.figure(p + "/high_priority", 1.0, 0) + "</td>" + handle + "</tr>\n");
    }
    page.html("</table>\n");
    for (std::size_t c = 0; c < by_class.size(); ++c) {
      const std::string name = by_class[c].at("class").get<std::string>();
      page.html("<h3>Class " + report::escape_html(name) + "</h3>\n");
      distribution_html(page, fmt::format("/classes/by_class/{}/handle_time", c),
                        by_class[c].at("handle_time"),
                        "class-" + by_class[c].at("stream").get<std::string>(),
                        "Handle time, class " + name);
    }
  }

  page.section("priorities", "Priorities");
  if (json.at("priorities").at("mapped").get<bool>()) {
    page.html("<p>" + page.figure("/priorities/high", 1.0, 0) +
              " calls had a priority the map lists as high (" +
              page.figure("/priorities/high_share", 100.0, 1) +
              "%): severity <code>serious</code> in the scenario, and the desk's discipline is <code>" +
              report::escape_html(json.at("priorities").at("discipline").get<std::string>()) +
              "</code> (serious first, first come first served within).</p>\n");
  } else {
    page.html("<p>The map names no priority column: the desk serves first come, first "
              "served.</p>\n");
  }

  page.section("patience", "Patience");
  {
    const Json& p = json.at("patience");
    std::string text = "<p>" + page.figure("/patience/abandonments", 1.0, 0) +
                       " abandonments in " + page.figure("/patience/waited_s", 1.0, 0) +
                       " s waited by " + page.figure("/patience/waits", 1.0, 0) + " calls";
    if (!p.at("exponential_mean_s").is_null()) {
      text += ": exponential mean " + page.figure("/patience/exponential_mean_s", 1.0, 1) +
              " s (se " + page.figure("/patience/exponential_mean_se_s", 1.0, 1) + " s)";
    }
    text += ". Kaplan-Meier: " + page.figure("/patience/kaplan_meier_60s", 1.0, 3) +
            " still patient at 60 s; median ";
    text += p.at("kaplan_meier_median_s").is_null()
                ? std::string("beyond the longest wait")
                : page.figure("/patience/kaplan_meier_median_s", 1.0, 0) + " s";
    page.html(text + ".</p>\n");
    page.chart("patience-survival", "Patience: Kaplan-Meier against the exponential fit",
               "The share of callers whose patience exceeds t: Kaplan-Meier from the censored "
               "waits (step) and the fitted exponential (smooth).",
               {{"data", {{"values", p.at("survival")}}},
                {"width", 560},
                {"height", 200},
                {"transform", Json::array({{{"fold", Json::array({"kaplan_meier", "exponential"})},
                                            {"as", Json::array({"estimate", "survival"})}}})},
                {"mark", {{"type", "line"}}},
                {"encoding",
                 {{"x", {{"field", "t_s"}, {"type", "quantitative"}, {"title", "wait t (s)"}}},
                  {"y", {{"field", "survival"}, {"type", "quantitative"},
                         {"title", "share still patient"}}},
                  {"color", {{"field", "estimate"}, {"type", "nominal"}}}}}});
  }

  page.section("staff", "Staff by hour of the week");
  page.html("<p>Staff is not in the log: it is inferred as the agents seen serving in each "
            "hour (distinct names), averaged over the times the hour occurs and rounded; "
            "below each, the agents serving at once (agent-time serving / hour), a lower "
            "bound.</p>\n");
  if (in.calibration) {
    const std::string c = "/staff/calibration/";
    page.html("<p>Calibrated by simulation on common random numbers: " +
              page.figure(c + "rounds", 1.0, 0) + " rounds, round " +
              page.figure(c + "best_round", 1.0, 0) + " kept; " +
              page.figure(c + "agent_hours_added", 1.0, 0) + " agent-hours a week added and " +
              page.figure(c + "agent_hours_removed", 1.0, 0) + " removed, in " +
              page.figure("/staff/hours_changed_by_calibration", 1.0, 0) +
              " hours of the week. Abandonment: inferred staff " +
              page.figure(c + "abandonment_inferred", 100.0, 1) + "%, calibrated " +
              page.figure(c + "abandonment_calibrated", 100.0, 1) + "%, log " +
              page.figure(c + "abandonment_log", 100.0, 1) + "%. Mean wait: " +
              page.figure(c + "wait_mean_s_inferred", 1.0, 1) + " s, " +
              page.figure(c + "wait_mean_s_calibrated", 1.0, 1) + " s, log " +
              page.figure(c + "wait_mean_s_log", 1.0, 1) + " s.</p>\n");
  } else {
    page.html("<p>Not calibrated (<code>escalsim fit --calibrate N</code> adjusts it by "
              "simulation): the staff written is the staff inferred.</p>\n");
  }
  page.html("<table class=\"staff\"><tr><th></th>");
  for (int h = 0; h < 24; ++h) page.html(fmt::format("<th>{}</th>", h));
  page.html("</tr>\n");
  for (int d = 0; d < 7; ++d) {
    std::string written = fmt::format("<tr><th>{} staff</th>", kDays[d]);
    std::string busy = "<tr><td>at once</td>";
    std::string change = "<tr><td>change</td>";
    for (int h = 0; h < 24; ++h) {
      const std::string p = fmt::format("/staff/by_hour/{}/", d * 24 + h);
      written += "<td>" + page.figure(p + "written", 1.0, 0) + "</td>";
      busy += "<td>" + page.figure(p + "busy_at_once", 1.0, 1) + "</td>";
      change += "<td>" + page.figure(p + "change", 1.0, 0) + "</td>";
    }
    page.html(written + "</tr>\n" + busy + "</tr>\n" + (in.calibration ? change + "</tr>\n" : ""));
  }
  page.html("</table>\n");
  {
    Json values = Json::array();
    for (const Json& row : json.at("staff").at("by_hour")) {
      values.push_back({{"hour_of_week", row.at("hour_of_week")},
                        {"inferred", row.at("inferred")},
                        {"written", row.at("written")},
                        {"busy_at_once", row.at("busy_at_once")}});
    }
    page.chart("staff-by-hour", "Staff by hour of the week",
               "Inferred (agents seen serving), written to the scenario (after calibration, if "
               "any), and agents serving at once.",
               {{"data", {{"values", values}}},
                {"width", 640},
                {"height", 200},
                {"transform",
                 Json::array({{{"fold", Json::array({"inferred", "written", "busy_at_once"})},
                               {"as", Json::array({"series", "agents"})}}})},
                {"mark", {{"type", "line"}, {"interpolate", "step-after"}}},
                {"encoding",
                 {{"x", {{"field", "hour_of_week"}, {"type", "quantitative"},
                         {"title", "hour of the week (0: Monday 00:00)"}}},
                  {"y", {{"field", "agents"}, {"type", "quantitative"}}},
                  {"color", {{"field", "series"}, {"type", "nominal"}}}}}});
  }

  page.section("routes", "Desks and routing shares");
  if (json.at("desks").empty()) {
    page.html("<p>The map names no desk column: one desk, no routes.</p>\n");
  } else {
    page.html("<p>One desk per desk in the log; a stream per desk that calls came to first. "
              "The share of a desk's served calls passed to another is a route; its standard "
              "error is that of a binomial share.</p>\n<table><tr><th>desk</th><th>calls "
              "came here first</th><th>handle: chosen</th><th>mean (s)</th></tr>\n");
    const Json& dj = json.at("desks");
    for (std::size_t i = 0; i < dj.size(); ++i) {
      const std::string p = fmt::format("/desks/{}/", i);
      const bool fitted = !dj[i].at("handle_time").is_null();
      page.html("<tr><td>" + report::escape_html(dj[i].at("desk").get<std::string>()) +
                "</td><td>" + page.figure(p + "calls", 1.0, 0) + "</td><td>" +
                (fitted ? report::escape_html(dj[i].at("handle_time").at("family").get<std::string>())
                        : std::string("too few: the fit over all desks")) +
                "</td><td>" + (fitted ? figure_or_na(page, p + "handle_time/mean_s", 1.0, 1) : "") +
                "</td></tr>\n");
    }
    page.html("</table>\n<table><tr><th>from</th><th>to</th><th>passed on</th><th>served at "
              "from</th><th>share</th><th>se</th></tr>\n");
    const Json& rj = json.at("routes");
    for (std::size_t i = 0; i < rj.size(); ++i) {
      const std::string p = fmt::format("/routes/{}/", i);
      page.html("<tr><td>" + report::escape_html(rj[i].at("from").get<std::string>()) +
                "</td><td>" + report::escape_html(rj[i].at("to").get<std::string>()) +
                "</td><td>" + page.figure(p + "transferred", 1.0, 0) + "</td><td>" +
                page.figure(p + "served", 1.0, 0) + "</td><td>" +
                page.figure(p + "share", 1.0, 4) + "</td><td>" +
                page.figure(p + "share_se", 1.0, 4) + "</td></tr>\n");
    }
    page.html("</table>\n");
  }

  page.section("not-modelled", "What the scenario does not model");
  {
    const Json& notes = json.at("not_modelled");
    if (notes.empty()) {
      page.html("<p>Nothing left out.</p>\n");
    } else {
      page.html("<ul>\n");
      for (const Json& n : notes) {
        page.html("<li>" + report::escape_html(n.get<std::string>()) + "</li>\n");
      }
      page.html("</ul>\n");
    }
  }

  FitReport out;
  out.html = page.render();
  doc["charts"] = page.report_data();
  out.json = doc.dump(2) + "\n";
  return out;
}

}  // namespace escalsim::detail
