// `escalsim validate`: the log's figures and the simulated replications' figures in the same
// cells (day of the week x hour of the day, with margins), one pass over each.
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "calibration/call_log.h"
#include "calibration/log_map.h"
#include "escalsim/calibration.h"
#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"
#include "report/format_helpers.h"
#include "report/html_page.h"

namespace escalsim {
namespace {

using namespace detail;

const char* const kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "all"};
const char* const kMetrics[] = {"calls", "abandonment", "wait_mean_s", "waited_share",
                                "service_level_20s", "handle_time_mean_s"};
constexpr int kMetricCount = 6;
constexpr double kServiceLevelS = 20.0;

// Sums for one cell.
struct Cell {
  double calls = 0, abandoned = 0, wait_s = 0, waited = 0, within = 0, handle_s = 0, handled = 0;
  std::optional<double> metric(int m) const {
    if (m == 0) return calls;
    if (m == 5) return handled > 0 ? std::optional<double>(handle_s / handled) : std::nullopt;
    if (calls <= 0) return std::nullopt;
    switch (m) {
      case 1: return abandoned / calls;
      case 2: return wait_s / calls;
      case 3: return waited / calls;
      case 4: return within / calls;
    }
    return std::nullopt;
  }
};

// 8 days (the last: all) x 25 hours (the last: all).
struct Grid {
  std::array<Cell, 8 * 25> cells{};
  Cell& at(int day, int hour) { return cells[static_cast<std::size_t>(day * 25 + hour)]; }
  const Cell& at(int day, int hour) const {
    return cells[static_cast<std::size_t>(day * 25 + hour)];
  }
  template <class F>
  void add(int day, int hour, F f) {
    f(at(day, hour));
    f(at(day, 24));
    f(at(7, hour));
    f(at(7, 24));
  }
};

std::optional<std::int64_t> day_option(const std::optional<std::string>& text, const char* flag) {
  if (!text) return std::nullopt;
  const std::int64_t day = parse_day(*text);
  if (day < 0) throw Error(fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", flag, *text));
  return day;
}

class GridObserver final : public RunObserver {
 public:
  explicit GridObserver(Grid& grid) : grid_(grid) {}
  void on_event(const TraceEvent& e) override {
    if (e.kind == TraceKind::kArrival) {
      const auto minute = static_cast<std::int64_t>(std::floor(e.time_min));
      const int day = static_cast<int>((minute / 1440) % 7);
      const int hour = static_cast<int>((minute % 1440) / 60);
      where_[e.complaint] = {day, hour};
      grid_.add(day, hour, [](Cell& c) { c.calls += 1; });
      return;
    }
    const auto it = where_.find(e.complaint);
    if (it == where_.end()) return;
    const auto [day, hour] = it->second;
    const double wait_s = e.wait_min * 60.0;
    if (e.kind == TraceKind::kStart) {
      const double handle_s = e.duration_min * 60.0;
      grid_.add(day, hour, [&](Cell& c) {
        c.wait_s += wait_s;
        c.waited += wait_s > 0;
        c.within += wait_s <= kServiceLevelS;
        c.handle_s += handle_s;
        c.handled += 1;
      });
    } else if (e.kind == TraceKind::kAbandon) {
      grid_.add(day, hour, [&](Cell& c) {
        c.abandoned += 1;
        c.wait_s += wait_s;
        c.waited += wait_s > 0;
      });
    } else if (e.kind == TraceKind::kClose) {
      where_.erase(it);
    }
  }

 private:
  Grid& grid_;
  std::unordered_map<std::int64_t, std::pair<int, int>> where_;
};

// The p-quantile of sorted values (linear between order statistics).
double quantile(const std::vector<double>& sorted, double p) {
  const double x = p * static_cast<double>(sorted.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(x));
  if (i + 1 >= sorted.size()) return sorted.back();
  return sorted[i] + (x - static_cast<double>(i)) * (sorted[i + 1] - sorted[i]);
}

std::string number(std::optional<double> v) {
  return v ? fmt::format("{:.6g}", *v) : std::string();
}

}  // namespace

ValidationOutcome validate_against_log(const ValidateRequest& request) {
  const std::optional<std::int64_t> from = day_option(request.from, "--from");
  const std::optional<std::int64_t> to = day_option(request.to, "--to");
  const LogMap map = load_log_map(request.map_path);

  Grid observed;
  std::int64_t first_day = INT64_MAX, last_day = INT64_MIN;
  read_call_log(request.log_path, map, [&](const CallRecord& r) {
    if (r.outcome == CallOutcome::kDropped || r.outcome == CallOutcome::kLeftEarly) return;
    if ((from && r.day < *from) || (to && r.day > *to)) return;
    first_day = std::min(first_day, r.day);
    last_day = std::max(last_day, r.day);
    const int day = weekday_of(r.day);
    const int hour = std::min(23, static_cast<int>(r.arrival_s / 3600.0));
    const bool served = r.outcome == CallOutcome::kServed;
    observed.add(day, hour, [&](Cell& c) {
      c.calls += 1;
      c.abandoned += !served;
      c.wait_s += r.wait_s;
      c.waited += r.wait_s > 0;
      c.within += served && r.wait_s <= kServiceLevelS;
      if (served && r.handle_s > 0) {
        c.handle_s += r.handle_s;
        c.handled += 1;
      }
    });
  });
  if (first_day == INT64_MAX) {
    throw Error(fmt::format("{}: no call asked for an agent in the period", request.log_path));
  }
  if (from) first_day = *from;
  if (to) last_day = *to;
  const int days = static_cast<int>(last_day - first_day + 1);

  const Scenario scenario = load_scenario(
      request.scenario_path,
      {fmt::format("run.horizon={} days", days), "run.warmup=0 min",
       fmt::format("run.replications={}", request.replications)});
  std::vector<Grid> runs(static_cast<std::size_t>(request.replications));
  for (int r = 0; r < request.replications; ++r) {
    GridObserver observer(runs[static_cast<std::size_t>(r)]);
    EngineOptions options;
    options.trace = &observer;
    run_once(scenario, r, options);
  }

  ValidationOutcome out;
  out.csv = "day,hour,metric,observed,simulated_mean,simulated_low,simulated_high\n";
  nlohmann::json rows = nlohmann::json::array();
  std::vector<std::string> outside;
  double ab_gap = 0, wait_gap = 0;
  int working_hours = 0;
  for (int day = 0; day < 8; ++day) {
    for (int hour = 0; hour < 25; ++hour) {
      const Cell& o = observed.at(day, hour);
      for (int m = 0; m < kMetricCount; ++m) {
        std::vector<double> sims;
        for (const Grid& g : runs) {
          if (const auto v = g.at(day, hour).metric(m)) sims.push_back(*v);
        }
        std::sort(sims.begin(), sims.end());
        std::optional<double> mean, low, high;
        if (!sims.empty()) {
          double s = 0;
          for (double v : sims) s += v;
          mean = s / static_cast<double>(sims.size());
          low = quantile(sims, 0.025);
          high = quantile(sims, 0.975);
        }
        const std::optional<double> obs = o.metric(m);
        const std::string day_name = kDayNames[day];
        const std::string hour_name = hour == 24 ? "all" : std::to_string(hour);
        out.csv += fmt::format("{},{},{},{},{},{},{}\n", day_name, hour_name, kMetrics[m],
                               number(obs), number(mean), number(low), number(high));
        rows.push_back({{"day", day_name},
                        {"hour", hour_name},
                        {"metric", kMetrics[m]},
                        {"observed", obs ? nlohmann::json(*obs) : nlohmann::json()},
                        {"simulated_mean", mean ? nlohmann::json(*mean) : nlohmann::json()},
                        {"simulated_low", low ? nlohmann::json(*low) : nlohmann::json()},
                        {"simulated_high", high ? nlohmann::json(*high) : nlohmann::json()}});
        // The verdict reads the overall figures and the hours of the day (all days), where
        // the log has calls enough to judge (20).
        const bool judged = day == 7 && o.calls >= 20;
        if (judged && obs && low && (*obs < *low || *obs > *high)) {
          outside.push_back(fmt::format("{} at {}", kMetrics[m],
                                        hour == 24 ? std::string("overall")
                                                   : fmt::format("{:02}h", hour)));
        }
      }
      // Working hours: Sunday to Thursday, 08:00-22:00 (the bank's busy week).
      const bool working = (day <= 3 || day == 6) && hour >= 8 && hour < 22;
      if (working && o.calls > 0) {
        double ab = 0, w = 0;
        int n = 0;
        for (const Grid& g : runs) {
          const Cell& c = g.at(day, hour);
          if (c.calls <= 0) continue;
          ab += c.abandoned / c.calls;
          w += c.wait_s / c.calls;
          ++n;
        }
        if (n > 0) {
          ab_gap += std::abs(ab / n - o.abandoned / o.calls);
          wait_gap += std::abs(w / n - o.wait_s / o.calls);
          ++working_hours;
        }
      }
    }
  }
  const Cell& all = observed.at(7, 24);
  double sim_ab = 0, sim_wait = 0;
  for (const Grid& g : runs) {
    sim_ab += g.at(7, 24).abandoned / g.at(7, 24).calls;
    sim_wait += g.at(7, 24).wait_s / g.at(7, 24).calls;
  }
  sim_ab /= request.replications;
  sim_wait /= request.replications;
  const double mean_ab_gap = working_hours > 0 ? ab_gap / working_hours : 0.0;
  const double mean_wait_gap = working_hours > 0 ? wait_gap / working_hours : 0.0;
  std::string where;
  for (std::size_t i = 0; i < outside.size() && i < 12; ++i) {
    where += (i == 0 ? "" : ", ") + outside[i];
  }
  if (outside.size() > 12) where += fmt::format(" and {} more", outside.size() - 12);
  out.verdict = fmt::format(
      "{} to {}: abandonment log {:.3f}, simulated {:.3f}; mean wait log {:.1f} s, simulated "
      "{:.1f} s; working hours (Sun-Thu 08-22, {} hours): mean gap {:.3f} in abandonment, "
      "{:.1f} s in wait; the log is {}",
      format_day(first_day), format_day(last_day), all.abandoned / all.calls, sim_ab,
      all.wait_s / all.calls, sim_wait, working_hours, mean_ab_gap, mean_wait_gap,
      outside.empty() ? std::string("inside the simulated 95% band everywhere judged")
                      : "outside the simulated 95% band for " + where);
  if (weekday_of(first_day) != 0) {
    out.verdict += "; note: the period does not start on a Monday, but the simulated week does";
  }
  nlohmann::json doc = {
      {"scenario", request.scenario_path},
      {"log", request.log_path},
      {"from", format_day(first_day)},
      {"to", format_day(last_day)},
      {"replications", request.replications},
      {"overall",
       {{"abandonment_log", all.abandoned / all.calls},
        {"abandonment_simulated", sim_ab},
        {"wait_mean_s_log", all.wait_s / all.calls},
        {"wait_mean_s_simulated", sim_wait}}},
      {"working_hours",
       {{"hours", working_hours},
        {"mean_abandonment_gap", mean_ab_gap},
        {"mean_wait_gap_s", mean_wait_gap}}},
      {"outside_band", outside},
      {"verdict", out.verdict},
      {"rows", rows}};
  out.json = doc.dump(2) + "\n";

  // The page: observed against simulated by hour of the day (all days), with the bands.
  const report::Json page_json = report::Json::parse(out.json);
  report::HtmlPage page("Validation: " + request.scenario_path + " against " + request.log_path,
                        "validation.json", page_json);
  page.section("verdict", "Verdict");
  page.html("<p>" + report::escape_html(out.verdict) + "</p>\n");
  page.html("<p>Overall: abandonment " + page.figure("/overall/abandonment_log", 100.0, 1) +
            "% in the log, " + page.figure("/overall/abandonment_simulated", 100.0, 1) +
            "% simulated; mean wait " + page.figure("/overall/wait_mean_s_log", 1.0, 1) +
            " s in the log, " + page.figure("/overall/wait_mean_s_simulated", 1.0, 1) +
            " s simulated. Working hours: mean gap " +
            page.figure("/working_hours/mean_abandonment_gap", 100.0, 1) +
            " points of abandonment, " + page.figure("/working_hours/mean_wait_gap_s", 1.0, 1) +
            " s of wait.</p>\n");
  page.html("<p>Calls that asked for an agent, by the hour they asked; the band is the central "
            "95% of the simulated replications, where one realisation such as the log "
            "should fall.</p>\n");
  page.section("hours", "Observed against simulated, by hour of the day (all days)");
  for (int m = 0; m < kMetricCount; ++m) {
    report::Json values = report::Json::array();
    for (const auto& row : page_json.at("rows")) {
      if (row.at("day") != "all" || row.at("hour") == "all" || row.at("metric") != kMetrics[m]) {
        continue;
      }
      if (row.at("observed").is_null() && row.at("simulated_mean").is_null()) continue;
      values.push_back({{"hour", std::stoi(row.at("hour").get<std::string>())},
                        {"observed", row.at("observed")},
                        {"simulated", row.at("simulated_mean")},
                        {"low", row.at("simulated_low")},
                        {"high", row.at("simulated_high")}});
    }
    const report::Json x = {{"field", "hour"}, {"type", "quantitative"}, {"title", "hour"}};
    report::Json spec = {
        {"data", {{"values", values}}},
        {"width", 560},
        {"height", 180},
        {"encoding", {{"x", x}}},
        {"layer",
         report::Json::array(
             {{{"mark", {{"type", "area"}, {"opacity", 0.25}, {"color", "#3b82f6"}}},
               {"encoding", {{"y", {{"field", "low"}, {"type", "quantitative"},
                                    {"title", kMetrics[m]}}},
                             {"y2", {{"field", "high"}}}}}},
              {{"mark", {{"type", "line"}, {"color", "#3b82f6"}}},
               {"encoding", {{"y", {{"field", "simulated"}, {"type", "quantitative"}}}}}},
              {{"mark", {{"type", "point"}, {"filled", true}, {"color", "#1f2933"}}},
               {"encoding",
                {{"y", {{"field", "observed"}, {"type", "quantitative"}}},
                 {"tooltip", report::Json::array({{{"field", "hour"}},
                                                  {{"field", "observed"}, {"format", ".3~f"}},
                                                  {{"field", "simulated"}, {"format", ".3~f"}},
                                                  {{"field", "low"}, {"format", ".3~f"}},
                                                  {{"field", "high"}, {"format", ".3~f"}}})}}}}})}};
    page.chart(std::string("hour-") + kMetrics[m], kMetrics[m],
               "Dots: the log. Line: the simulated mean. Band: 95% of the replications.",
               std::move(spec));
  }
  out.html = page.render();
  // The page's footer names these: its charts' data, as the other pages write them.
  const report::Json data = page.report_data();
  out.data_json = data.dump(2) + "\n";
  out.data_csv = "chart,row,field,value\n";
  for (const auto& [chart, chart_rows] : data.items()) {
    for (std::size_t row = 0; row < chart_rows.size(); ++row) {
      for (const auto& [field, value] : chart_rows[row].items()) {
        const std::string text = value.is_number() ? detail::csv_number(value.get<double>())
                                 : value.is_null() ? std::string()
                                 : value.is_string() ? value.get<std::string>()
                                                     : value.dump();
        out.data_csv += fmt::format("{},{},{},{}\n", detail::csv_field(chart), row,
                                    detail::csv_field(field), detail::csv_field(text));
      }
    }
  }
  return out;
}

}  // namespace escalsim
