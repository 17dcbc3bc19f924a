// The sweep writers: tidy CSV, summary CSV, JSON and the console table of a sweep, with the
// scale study's saturation multiples when the sweep has a demand multiplier.
//
// Nothing depends on the clock or the machine: the same sweep gives the same bytes.
#include "escalsim/report.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/saturation.h"
#include "escalsim/errors.h"
#include "escalsim/findings.h"
#include "report/format_helpers.h"
#include "report/json_helpers.h"
#include "escalsim/metric_names.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

using Json = nlohmann::ordered_json;
using detail::csv_field;
using detail::csv_number;
using detail::Figures;
using detail::format_figure;
using detail::scenario_json;
using detail::summary_json;
using detail::TextTable;
using detail::Unit;

// The parameters' keys, in parameter order: the spec's, or (listed points, or a result
// without its spec) the keys of the points' settings in order of first appearance.
std::vector<std::string> parameter_keys(const Scenario& scenario,
                                        const std::vector<SweepPoint>& points) {
  std::vector<std::string> keys;
  auto add = [&keys](const std::string& key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  };
  if (scenario.sweep) {
    for (const SweepParameter& p : scenario.sweep->parameters) add(p.key);
  }
  for (const SweepPoint& point : points) {
    for (const auto& [key, value] : point.settings) add(key);
  }
  return keys;
}

// The settings of the result's points, in order.
std::vector<SweepPoint> points_of(const SweepResult& result) {
  std::vector<SweepPoint> points;
  points.reserve(result.points.size());
  for (const PointResult& point : result.points) points.push_back(point.point);
  return points;
}

std::vector<std::string> parameter_keys(const Scenario& scenario, const SweepResult& result) {
  return parameter_keys(scenario, points_of(result));
}

// The point's value for `key` as written; empty when the point does not set it.
std::string setting_of(const SweepPoint& point, const std::string& key) {
  for (const auto& [k, value] : point.settings) {
    if (k == key) return value;
  }
  return {};
}

// "point,<param>...," or "<index>,<value>...," for a CSV row.
std::string point_columns(const SweepPoint& point, const std::vector<std::string>& keys) {
  std::string text = fmt::format("{},", point.index);
  for (const std::string& key : keys) {
    text += csv_field(setting_of(point, key));
    text += ',';
  }
  return text;
}

std::string header_columns(const std::vector<std::string>& keys) {
  std::string text = "point,";
  for (const std::string& key : keys) {
    text += csv_field(key);
    text += ',';
  }
  return text;
}

// The verdict's columns of a CSV row, ",yes,silo" or ",no,keeps up"; ",," when the sweep's
// findings hold no verdict for the point (a result written before they were computed).
std::string verdict_columns(const SiloVerdict* v) {
  if (v == nullptr) return ",,";
  return fmt::format(",{},{}", v->silo ? "yes" : "no", csv_field(grade_name(v->grade)));
}

const SiloVerdict* verdict_at(const SweepFindings& findings, std::size_t point) {
  return point < findings.verdicts.size() && findings.verdicts[point] ? &*findings.verdicts[point]
                                                                      : nullptr;
}

// One point's rows of sweep.csv.
void append_csv_rows(fmt::memory_buffer& buffer, const PointResult& point,
                     const std::vector<std::string>& keys, const SiloVerdict* v) {
  auto it = std::back_inserter(buffer);
  const std::string prefix = point_columns(point.point, keys);
  const std::string verdict = verdict_columns(v);
  for (std::size_t r = 0; r < point.runs.size(); ++r) {
    const std::string seed = r < point.seeds.size() ? std::to_string(point.seeds[r]) : "";
    for (const Metric& metric : point.runs[r]) {
      fmt::format_to(it, "{}{},{},{},{},{}{}\n", prefix, r, seed, csv_field(metric.scope),
                     csv_field(metric.name), csv_number(metric.value), verdict);
    }
  }
}

// One point's rows of summary.csv.
void append_summary_rows(fmt::memory_buffer& buffer, const PointResult& point,
                         const std::vector<std::string>& keys, const SiloVerdict* v) {
  auto it = std::back_inserter(buffer);
  const std::string prefix = point_columns(point.point, keys);
  const std::string verdict = verdict_columns(v);
  for (const Estimate& e : point.summary) {
    fmt::format_to(it, "{}{},{},{},{},{},{}{}\n", prefix, csv_field(e.scope), csv_field(e.name),
                   csv_number(e.mean), csv_number(e.half_width), csv_number(e.sd), e.n, verdict);
  }
}

std::string csv_head(const std::vector<std::string>& keys) {
  return header_columns(keys) + "replication,seed,scope,metric,value,silo,silo_grade\n";
}

std::string summary_head(const std::vector<std::string>& keys) {
  return header_columns(keys) + "scope,metric,mean,half_width,sd,n,silo,silo_grade\n";
}

// "yes", or "no (keeps up)": the verdict in the tables.
std::string verdict_text(const SiloVerdict& v) {
  return v.silo ? std::string("yes") : fmt::format("no ({})", grade_name(v.grade));
}

void flush(std::ostream& out, const fmt::memory_buffer& buffer) {
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

// A demand multiple as the table shows it: "2x", "0.25x".
std::string multiple_text(double multiple) { return fmt::format("{}x", multiple); }

// The largest and smallest demand multiples swept (nullopt when none parses).
std::optional<std::pair<double, double>> multiple_range(const SweepResult& result) {
  std::optional<std::pair<double, double>> range;
  for (const PointResult& point : result.points) {
    const std::optional<double> m =
        detail::parse_multiple(setting_of(point.point, kDemandMultiplier));
    if (!m) continue;
    if (!range) {
      range.emplace(*m, *m);
    } else {
      range->first = std::min(range->first, *m);
      range->second = std::max(range->second, *m);
    }
  }
  return range;
}

Json sweep_json(const Scenario& scenario, const std::vector<SweepPoint>& points,
                const std::vector<std::string>& keys) {
  Json j;
  j["parameters"] = Json::array();
  for (const std::string& key : keys) {
    Json parameter;
    parameter["key"] = key;
    Json values = Json::array();
    const SweepParameter* spec = nullptr;
    if (scenario.sweep) {
      for (const SweepParameter& p : scenario.sweep->parameters) {
        if (p.key == key) spec = &p;
      }
    }
    if (spec != nullptr) {
      for (const std::string& v : spec->values) values.push_back(v);
    } else {
      // Not in the spec (listed points): the values the points use, in order of appearance.
      std::vector<std::string> seen;
      for (const SweepPoint& point : points) {
        std::string v = setting_of(point, key);
        if (std::find(seen.begin(), seen.end(), v) == seen.end()) seen.push_back(std::move(v));
      }
      for (const std::string& v : seen) values.push_back(v);
    }
    parameter["values"] = std::move(values);
    j["parameters"].push_back(std::move(parameter));
  }
  const bool has_spec = scenario.sweep.has_value();
  j["replications"] = has_spec ? scenario.sweep->replications.value_or(scenario.run.replications)
                               : scenario.run.replications;
  j["common_random_numbers"] = has_spec ? scenario.sweep->common_random_numbers : true;
  return j;
}

Json point_json(const PointResult& point, const SiloVerdict* verdict) {
  Json j;
  j["index"] = point.point.index;
  Json settings = Json::object();
  for (const auto& [key, value] : point.point.settings) settings[key] = value;
  j["settings"] = std::move(settings);
  j["seeds"] = point.seeds;
  if (verdict != nullptr) j["silo_verdict"] = detail::silo_verdict_json(*verdict);
  j["summary"] = summary_json(point.summary);
  return j;
}

// A multiple, or null: never within the sweep (simulated 0) or no load at all (infinite).
Json multiple_json(double multiple) {
  return multiple > 0.0 && std::isfinite(multiple) ? Json(multiple) : Json(nullptr);
}

// The scale study's members of sweep.json (after the points): saturation and silo_onset.
void add_scale_study(Json& j, const SweepFindings& findings) {
  if (!findings.scale_study) return;
  j["saturation"] = Json::array();
  for (const Saturation& s : findings.saturation) {
    Json row;
    row["desk"] = s.desk;
    row["simulated_multiple"] = multiple_json(s.simulated_multiple);
    row["predicted_multiple"] = multiple_json(s.predicted_multiple);
    j["saturation"].push_back(std::move(row));
  }
  // Where the verdict turns to yes: null bounds where the sweep does not say.
  Json onset;
  onset["reached"] = findings.silo_onset.reached;
  onset["last_no_multiple"] = multiple_json(findings.silo_onset.last_no);
  onset["first_yes_multiple"] =
      findings.silo_onset.reached ? Json(findings.silo_onset.first_yes) : Json(nullptr);
  j["silo_onset"] = std::move(onset);
}

// ---- sweep.json in pieces -----------------------------------------------------------------
//
// nlohmann's dump(2) of an object writes "{\n", then each member as indent, "\"key\": " and
// the value dumped at that depth, separated by ",\n", then "\n" and the closing brace at the
// outer indent; arrays alike, and "[]" or "{}" when empty. A value dumped on its own at depth
// 0 differs only in its indentation: every line after its first starts `depth` spaces less.
// Strings are escaped, so a newline in the text is always one of the layout's.

std::string dumped(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::replace);
}

// `text` (a value dumped at depth 0) as it appears at `depth` spaces.
std::string indented(const std::string& text, int depth) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  const std::string newline = "\n" + std::string(static_cast<std::size_t>(depth), ' ');
  for (const char c : text) {
    if (c == '\n') {
      out += newline;
    } else {
      out += c;
    }
  }
  return out;
}

// "  \"key\": <value>" for a member of the top-level object.
std::string member_text(const std::string& key, const Json& value) {
  return fmt::format("  {}: {}", dumped(Json(key)), indented(dumped(value), 2));
}

// ---- the table ----------------------------------------------------------------------------

// The number of replications, "5" or "3 to 12" when points differ (target precision).
std::string replications_text(const SweepResult& result) {
  std::set<std::size_t> counts;
  for (const PointResult& point : result.points) {
    counts.insert(std::max(point.seeds.size(), point.runs.size()));
  }
  if (counts.empty()) return "0 replications";
  const std::size_t low = *counts.begin();
  const std::size_t high = *counts.rbegin();
  if (low == high) {
    return fmt::format("{} {} each", low, low == 1 ? "replication" : "replications");
  }
  return fmt::format("{} to {} replications", low, high);
}

int max_n(const SweepResult& result) {
  int n = 0;
  for (const PointResult& point : result.points) {
    n = std::max(n, static_cast<int>(std::max(point.seeds.size(), point.runs.size())));
    for (const Estimate& e : point.summary) n = std::max(n, e.n);
  }
  return n;
}

void write_sweep_title(fmt::memory_buffer& out, const Scenario& scenario,
                       const SweepResult& result, const std::vector<std::string>& keys) {
  auto it = std::back_inserter(out);
  const RunSettings& run = scenario.run;
  const std::string name = run.name.empty() ? "(unnamed)" : run.name;
  const std::string warmup = run.warmup_auto              ? std::string("automatic warm-up")
                             : run.warmup.in_minutes() == 0.0 ? std::string("no warm-up")
                                                          : "warm-up " +
                                                                detail::format_span(run.warmup);
  std::string over;
  for (std::size_t k = 0; k < keys.size(); ++k) over += (k == 0 ? "" : " × ") + keys[k];
  const std::size_t points = result.points.size();
  fmt::format_to(it, "escalsim {}: sweep of scenario \"{}\", {} {}{}{}, {}, horizon {}, {}, seed {}\n",
                 version(), name, points, points == 1 ? "point" : "points",
                 over.empty() ? "" : " over ", over, replications_text(result),
                 detail::format_span(run.horizon), warmup, run.seed);
  if (!result.complete) {
    const std::size_t total = scenario.sweep ? scenario.sweep->points.size() : 0;
    if (total > points) {
      fmt::format_to(it, "incomplete: {} of the sweep's {} points are present\n", points, total);
    } else {
      fmt::format_to(it, "incomplete: not every point of the sweep is present\n");
    }
  }
  const bool crn = !scenario.sweep || scenario.sweep->common_random_numbers;
  if (max_n(result) > 1) {
    fmt::format_to(it, "figures: mean ± half-width of the 95% confidence interval (Student t) "
                       "over each point's replications{}\n",
                   crn ? "; common random numbers across points" : "");
  } else {
    fmt::format_to(it, "figures: one replication per point, no confidence intervals\n");
  }
}

// What the figures say about every desk at one point.
struct PointState {
  const PointResult* point = nullptr;
  const SiloVerdict* verdict = nullptr;  // null when the findings hold none
  std::vector<std::pair<std::string, detail::DeskStability>> desks;

  // Made row by row rather than kept: a sweep's table has a row per point, and an index of
  // each point's figures held for all of them at once would grow with the points.
  Figures figures() const { return Figures(point->summary); }

  bool unstable() const {
    return std::any_of(desks.begin(), desks.end(),
                       [](const auto& d) { return d.second.unstable(); });
  }
  // "stable", or "unstable: ceo, specialists".
  std::string status() const {
    std::string names;
    for (const auto& [desk, s] : desks) {
      if (!s.unstable()) continue;
      names += (names.empty() ? "" : ", ") + desk;
    }
    return names.empty() ? "stable" : "unstable: " + names;
  }
};

// The desk names across points, in order of first appearance.
std::vector<std::string> desk_names(const std::vector<PointState>& states,
                                    std::string_view prefix) {
  std::vector<std::string> names;
  for (const PointState& s : states) {
    for (const std::string& name : s.figures().names_in(prefix)) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

// The leading cells of a row: the point's index and its parameter values.
std::vector<std::string> point_cells(const SweepPoint& point, const std::vector<std::string>& keys) {
  std::vector<std::string> cells{std::to_string(point.index)};
  for (const std::string& key : keys) cells.push_back(setting_of(point, key));
  return cells;
}

std::vector<std::string> header_cells(const std::vector<std::string>& keys,
                                      std::initializer_list<const char*> figures) {
  std::vector<std::string> cells{"point"};
  cells.insert(cells.end(), keys.begin(), keys.end());
  for (const char* f : figures) cells.emplace_back(f);
  return cells;
}

void write_points(fmt::memory_buffer& out, const std::vector<PointState>& states,
                  const std::vector<std::string>& keys) {
  TextTable table(keys.size() + 2);
  table.add(header_cells(keys, {"status", "silo", "time in system", "resolution rate"}));
  for (const PointState& s : states) {
    const Figures figures = s.figures();
    std::vector<std::string> cells = point_cells(s.point->point, keys);
    cells.push_back(s.status());
    cells.push_back(s.verdict == nullptr ? std::string("-") : verdict_text(*s.verdict));
    cells.push_back(format_figure(figures.find(metric::kComplaints, metric::kTimeInSystemMeanMin),
                                  Unit::kDuration));
    cells.push_back(format_figure(figures.find(metric::kComplaints, metric::kResolutionRate),
                                  Unit::kPercent));
    table.add(std::move(cells));
  }
  fmt::format_to(std::back_inserter(out), "\nPoints: complaints\n");
  table.render(out, "  ");
}

void write_desk_tables(fmt::memory_buffer& out, const std::vector<PointState>& states,
                       const std::vector<std::string>& keys) {
  for (const std::string& desk : desk_names(states, "desk")) {
    const std::string scope = metric::kDeskPrefix + desk;
    TextTable table(keys.size() + 2);
    table.add(header_cells(keys, {"state", "utilisation", "wait mean", "backlog growth per week"}));
    for (const PointState& s : states) {
      const Figures figures = s.figures();
      std::vector<std::string> cells = point_cells(s.point->point, keys);
      std::string state;
      for (const auto& [name, stability] : s.desks) {
        if (name != desk) continue;
        state = stability.grows ? "grows" : stability.saturated ? "saturated" : "";
      }
      cells.push_back(state);
      cells.push_back(format_figure(figures.find(scope, metric::kUtilisation), Unit::kPercent));
      cells.push_back(format_figure(figures.find(scope, metric::kWaitMeanMin), Unit::kDuration));
      cells.push_back(
          format_figure(figures.find(scope, metric::kBacklogGrowthPerWeek), Unit::kNumber));
      table.add(std::move(cells));
    }
    fmt::format_to(std::back_inserter(out), "\nDesk: {}\n", desk);
    table.render(out, "  ");
  }
}

void write_executive_tables(fmt::memory_buffer& out, const std::vector<PointState>& states,
                            const std::vector<std::string>& keys) {
  for (const std::string& name : desk_names(states, "executive")) {
    const std::string scope = metric::kExecutivePrefix + name;
    TextTable table(keys.size() + 1);
    table.add(header_cells(keys, {"hours used", "budget", "backlog growth per week"}));
    for (const PointState& s : states) {
      const Figures figures = s.figures();
      std::vector<std::string> cells = point_cells(s.point->point, keys);
      cells.push_back(format_figure(figures.find(scope, metric::kUsedH), Unit::kHours));
      std::string budget = "-";
      if (const Estimate* e = figures.find(scope, metric::kBudgetH)) {
        // The budget is set, not measured: no interval.
        Estimate offered = *e;
        offered.half_width = 0.0;
        offered.n = 1;
        budget = format_figure(&offered, Unit::kHours);
        if (e->mean > 0.0) {
          budget += fmt::format(" ({:.0f}% used)",
                                100.0 * figures.mean_or(scope, metric::kUsedH, 0.0) / e->mean);
        }
      }
      cells.push_back(std::move(budget));
      cells.push_back(
          format_figure(figures.find(scope, metric::kBacklogGrowthPerWeek), Unit::kNumber));
      table.add(std::move(cells));
    }
    fmt::format_to(std::back_inserter(out), "\nExecutive: {}\n", name);
    table.render(out, "  ");
  }
}

void write_stability(fmt::memory_buffer& out, const std::vector<PointState>& states) {
  auto it = std::back_inserter(out);
  std::vector<std::string> unstable;
  for (const PointState& s : states) {
    if (s.unstable()) unstable.push_back(std::to_string(s.point->point.index));
  }
  fmt::format_to(it, "\nStability\n");
  if (unstable.empty()) {
    fmt::format_to(it, "  stable: no desk's backlog grows at any point\n");
    return;
  }
  fmt::format_to(it,
                 "warning: unstable at {} of {} points ({}): a desk's backlog grows, or it is "
                 "busy {:.0f}% of the time or more; its backlog may grow without bound\n",
                 unstable.size(), states.size(), fmt::join(unstable, ", "),
                 100.0 * detail::kSaturatedUtilisation);
}

// "silo: yes from 3x (no at 2x)", "silo: yes at 0.5x already", "silo: not reached up to 4x".
std::string silo_onset_text(const SiloOnset& onset) {
  if (!onset.reached) {
    return onset.last_no > 0.0 ? "not reached up to " + multiple_text(onset.last_no)
                               : std::string("not judged (no point on the demand axis)");
  }
  if (onset.last_no <= 0.0) return "yes at " + multiple_text(onset.first_yes) + " already";
  return fmt::format("turns to yes between {} and {}", multiple_text(onset.last_no),
                     multiple_text(onset.first_yes));
}

void write_saturation(fmt::memory_buffer& out, const Scenario& scenario,
                      const SweepResult& result, const std::vector<Saturation>& rows,
                      const SiloOnset& onset) {
  auto it = std::back_inserter(out);
  const auto range = multiple_range(result);
  fmt::format_to(it, "\nSaturation: the demand multiple at which each desk saturates\n");
  TextTable table(3);
  for (const Saturation& s : rows) {
    std::string simulated;
    if (s.simulated_multiple > 0.0) {
      simulated = multiple_text(s.simulated_multiple);
      // Saturated at the smallest multiple swept: it may saturate below it too.
      if (range && s.simulated_multiple <= range->first) simulated += " or less";
    } else if (range) {
      simulated = "beyond " + multiple_text(range->second);
    } else {
      simulated = "not swept";
    }
    const std::string predicted = std::isfinite(s.predicted_multiple)
                                      ? fmt::format("{:.2f}x", s.predicted_multiple)
                                      : std::string("never (no load)");
    table.add({s.desk, "simulated " + simulated, "predicted " + predicted});
  }
  table.render(out, "  ");

  // Which points the simulated column read, when other parameters vary.
  std::vector<std::string> held;
  if (scenario.sweep) {
    for (const SweepParameter& p : scenario.sweep->parameters) {
      if (p.key != kDemandMultiplier && !p.values.empty()) {
        held.push_back(p.key + "=" + p.values[0]);
      }
    }
  }
  fmt::format_to(it,
                 "  simulated: the first swept multiple at which the desk was busy {:.0f}% of "
                 "the time or more or its backlog grew{}{}\n",
                 100.0 * detail::kSaturatedUtilisation, held.empty() ? "" : ", at ",
                 fmt::join(held, ", "));
  fmt::format_to(it, "  predicted: 1 / the desk's load at 1x demand (traffic equations){}\n",
                 held.empty() ? "" : ", at the same values");
  fmt::format_to(it,
                 "  silo verdict: {} (the swept multiples; `escalsim threshold --vary "
                 "demand_multiplier --until verdict.silo` narrows it)\n",
                 silo_onset_text(onset));
}

}  // namespace

void write_sweep_csv(std::ostream& out, const Scenario& scenario, const SweepResult& result) {
  const std::vector<std::string> keys = parameter_keys(scenario, result);
  fmt::memory_buffer buffer;
  fmt::format_to(std::back_inserter(buffer), "{}", csv_head(keys));
  for (std::size_t p = 0; p < result.points.size(); ++p) {
    append_csv_rows(buffer, result.points[p], keys, verdict_at(result.findings, p));
  }
  flush(out, buffer);
}

void write_sweep_summary_csv(std::ostream& out, const Scenario& scenario,
                             const SweepResult& result) {
  const std::vector<std::string> keys = parameter_keys(scenario, result);
  fmt::memory_buffer buffer;
  fmt::format_to(std::back_inserter(buffer), "{}", summary_head(keys));
  for (std::size_t p = 0; p < result.points.size(); ++p) {
    append_summary_rows(buffer, result.points[p], keys, verdict_at(result.findings, p));
  }
  flush(out, buffer);
}

void write_sweep_json(std::ostream& out, const Scenario& scenario, const SweepResult& result,
                      const SweepFindings& findings) {
  const std::vector<std::string> keys = parameter_keys(scenario, result);
  Json j;
  j["escalsim_version"] = version();
  j["scenario"] = scenario_json(scenario);
  j["sweep"] = sweep_json(scenario, points_of(result), keys);
  j["points"] = Json::array();
  for (std::size_t p = 0; p < result.points.size(); ++p) {
    j["points"].push_back(point_json(
        result.points[p], p < findings.verdicts.size() && findings.verdicts[p]
                              ? &*findings.verdicts[p]
                              : nullptr));
  }
  add_scale_study(j, findings);
  // Invalid UTF-8 in the scenario text or names is replaced rather than thrown on.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_sweep_table(std::ostream& out, const Scenario& scenario, const SweepResult& result,
                       const SweepFindings& findings) {
  const std::vector<std::string> keys = parameter_keys(scenario, result);
  const double span_weeks = detail::measured_span_weeks(scenario);
  std::vector<PointState> states;
  states.reserve(result.points.size());
  for (std::size_t p = 0; p < result.points.size(); ++p) {
    const PointResult& point = result.points[p];
    states.push_back(PointState{&point,
                                p < findings.verdicts.size() && findings.verdicts[p]
                                    ? &*findings.verdicts[p]
                                    : nullptr,
                                {}});
  }
  for (PointState& s : states) {
    for (const std::string& desk : s.figures().names_in("desk")) {
      s.desks.emplace_back(desk, detail::assess_desk(s.point->summary, desk, span_weeks));
    }
  }

  fmt::memory_buffer buffer;
  write_sweep_title(buffer, scenario, result, keys);
  write_points(buffer, states, keys);
  write_desk_tables(buffer, states, keys);
  write_executive_tables(buffer, states, keys);
  write_stability(buffer, states);
  if (findings.scale_study) {
    write_saturation(buffer, scenario, result, findings.saturation, findings.silo_onset);
  }
  flush(out, buffer);
}

void copy_file_to(std::ostream& out, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw OutputError(fmt::format("cannot read {}", path));
  std::vector<char> piece(1 << 16);
  while (in) {
    in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    out.write(piece.data(), in.gcount());
  }
  if (in.bad()) throw OutputError(fmt::format("cannot read {}", path));
}

bool sweep_table_reads(const std::string& scope, const std::string& name) {
  const auto starts = [&scope](const char* prefix) { return scope.rfind(prefix, 0) == 0; };
  if (scope == metric::kComplaints) {
    return name == metric::kTimeInSystemMeanMin || name == metric::kResolutionRate;
  }
  if (starts(metric::kDeskPrefix)) {
    return name == metric::kUtilisation || name == metric::kWaitMeanMin ||
           name == metric::kBacklogGrowthPerWeek || name == metric::kMeanInDesk;
  }
  if (starts(metric::kExecutivePrefix)) {
    return name == metric::kUsedH || name == metric::kBudgetH ||
           name == metric::kBacklogGrowthPerWeek;
  }
  return false;
}

SweepOutputWriter::SweepOutputWriter(std::ostream& csv, std::ostream& summary_csv,
                                     std::ostream& json, const Scenario& scenario,
                                     const std::vector<SweepPoint>& points)
    : csv_(csv), summary_(summary_csv), json_(json), keys_(parameter_keys(scenario, points)) {
  csv_ << csv_head(keys_);
  summary_ << summary_head(keys_);
  json_ << "{\n"
        << member_text("escalsim_version", Json(version())) << ",\n"
        << member_text("scenario", scenario_json(scenario)) << ",\n"
        << member_text("sweep", sweep_json(scenario, points, keys_)) << ",\n"
        << "  \"points\": ";
}

void SweepOutputWriter::add(const PointResult& point, const SiloVerdict* verdict) {
  fmt::memory_buffer buffer;
  append_csv_rows(buffer, point, keys_, verdict);
  flush(csv_, buffer);
  buffer.clear();
  append_summary_rows(buffer, point, keys_, verdict);
  flush(summary_, buffer);
  json_ << (added_ == 0 ? "[\n    " : ",\n    ") << indented(dumped(point_json(point, verdict)), 4);
  ++added_;
}

void SweepOutputWriter::finish(const SweepFindings& findings) {
  json_ << (added_ == 0 ? "[]" : "\n  ]");
  Json tail;
  add_scale_study(tail, findings);
  for (const auto& [key, value] : tail.items()) json_ << ",\n" << member_text(key, value);
  json_ << "\n}\n";
}

}  // namespace escalsim
