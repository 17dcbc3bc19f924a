// The console summary a consultant reads: desks, complaints, executive, bottleneck and
// warnings, in aligned columns.
//
// Every figure is taken from ExperimentResult::summary by (scope, metric), so the table,
// the JSON and the CSV always agree.
#include "escalsim/report.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace escalsim {
namespace {

// A desk whose mean utilisation reaches this is saturated: queueing theory says its backlog
// grows without bound at 1, and a simulation cannot tell 0.99 from 1 in finite time.
constexpr double kSaturatedUtilisation = 0.98;
// A backlog "grows" when its slope over the measured span adds more than this many
// complaints (and more than its own mean level): noise in a stable desk's slope does not.
constexpr double kMinimumGrowthOverSpan = 10.0;

// How a figure reads.
enum class Unit {
  kCount,     // complaints: whole numbers for one replication
  kNumber,    // a plain quantity (mean queue, growth per week)
  kPercent,   // a share in [0, 1], shown as a percentage
  kDuration,  // minutes, shown in min, h or d by magnitude
  kHours,     // hours
};

// Decimals that keep about three significant figures.
int decimals_for(double value) {
  const double a = std::fabs(value);
  if (a >= 100.0) return 0;
  if (a >= 10.0) return 1;
  return 2;
}

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

// "mean" for one replication, "mean ± half-width" for more, in `decimals`, with a suffix.
std::string with_interval(const Estimate& e, double scale, int decimals, std::string_view suffix) {
  std::string text = fixed(e.mean * scale, decimals);
  if (e.n > 1) text += " ± " + fixed(e.half_width * scale, decimals);
  if (!suffix.empty()) {
    text += ' ';
    text += suffix;
  }
  return text;
}

std::string format_figure(const Estimate* e, Unit unit) {
  if (e == nullptr) return "-";
  if (e->mean == 0.0 && e->half_width == 0.0) {
    // Nothing happened, in every replication: no decimals to pretend otherwise.
    switch (unit) {
      case Unit::kPercent: return "0 %";
      case Unit::kDuration: return "0 min";
      case Unit::kHours: return "0 h";
      default: return "0";
    }
  }
  switch (unit) {
    case Unit::kCount:
      // A mean count needs one decimal at most.
      return with_interval(*e, 1.0, e->n > 1 && std::fabs(e->mean) < 100.0 ? 1 : 0, "");
    case Unit::kNumber:
      return with_interval(*e, 1.0, decimals_for(e->mean), "");
    case Unit::kPercent:
      return with_interval(*e, 100.0, 1, "%");
    case Unit::kHours:
      return with_interval(*e, 1.0, 1, "h");
    case Unit::kDuration: {
      const double minutes = std::fabs(e->mean);
      if (minutes < 120.0) return with_interval(*e, 1.0, decimals_for(e->mean), "min");
      if (minutes < 48.0 * 60.0) {
        return with_interval(*e, 1.0 / 60.0, decimals_for(e->mean / 60.0), "h");
      }
      return with_interval(*e, 1.0 / 1440.0, decimals_for(e->mean / 1440.0), "d");
    }
  }
  return "-";
}

// A span of time as a user would write it: "52 weeks", "3 days", "8 h", "90 min".
std::string format_span(Duration d) {
  const double minutes = d.in_minutes();
  auto whole = [](double x) { return std::fabs(x - std::round(x)) < 1e-9; };
  auto plural = [](double x, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", x, x == 1.0 ? one : many);
  };
  if (minutes == 0.0) return "none";
  if (whole(d.in_weeks())) return plural(std::round(d.in_weeks()), "week", "weeks");
  if (whole(d.in_days())) return plural(std::round(d.in_days()), "day", "days");
  if (whole(d.in_hours())) return fmt::format("{} h", std::round(d.in_hours()));
  return fmt::format("{} min", minutes);
}

// Columns on the screen count code points, not bytes ("±" is two bytes in UTF-8).
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Rows of cells: the first column left-aligned, the others right-aligned.
class TextTable {
 public:
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  void render(fmt::memory_buffer& out, std::string_view indent) const {
    std::vector<std::size_t> width;
    for (const auto& row : rows_) {
      width.resize(std::max(width.size(), row.size()), 0);
      for (std::size_t c = 0; c < row.size(); ++c) {
        width[c] = std::max(width[c], display_width(row[c]));
      }
    }
    auto it = std::back_inserter(out);
    for (const auto& row : rows_) {
      std::string line(indent);
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string padding(width[c] - display_width(row[c]), ' ');
        if (c == 0) {
          line += row[c] + padding;
        } else {
          line += "   " + padding + row[c];
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      fmt::format_to(it, "{}\n", line);
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

// The summary's figures by (scope, metric), and its scopes in order of first appearance.
class Figures {
 public:
  explicit Figures(const std::vector<Estimate>& summary) {
    for (const Estimate& e : summary) {
      by_key_.emplace(std::make_pair(e.scope, e.name), &e);
      if (std::find(scopes_.begin(), scopes_.end(), e.scope) == scopes_.end()) {
        scopes_.push_back(e.scope);
      }
    }
  }

  const Estimate* find(const std::string& scope, const std::string& name) const {
    const auto it = by_key_.find({scope, name});
    return it == by_key_.end() ? nullptr : it->second;
  }

  double mean_or(const std::string& scope, const std::string& name, double fallback) const {
    const Estimate* e = find(scope, name);
    return e == nullptr ? fallback : e->mean;
  }

  // The names after "<prefix>:" of the scopes that start with it, in summary order.
  std::vector<std::string> names_in(std::string_view prefix) const {
    std::vector<std::string> names;
    for (const std::string& scope : scopes_) {
      if (scope.size() > prefix.size() && scope.compare(0, prefix.size(), prefix) == 0 &&
          scope[prefix.size()] == ':') {
        names.push_back(scope.substr(prefix.size() + 1));
      }
    }
    return names;
  }

 private:
  std::map<std::pair<std::string, std::string>, const Estimate*> by_key_;
  std::vector<std::string> scopes_;
};

struct Row {
  const char* label;
  const char* metric;
  Unit unit;
};

constexpr Row kDeskRows[] = {
    {"arrivals", "arrivals", Unit::kCount},
    {"served", "served", Unit::kCount},
    {"abandoned", "abandoned", Unit::kCount},
    {"refused (queue full)", "refused", Unit::kCount},
    {"utilisation", "utilisation", Unit::kPercent},
    {"wait mean", "wait_mean_min", Unit::kDuration},
    {"wait p50", "wait_p50_min", Unit::kDuration},
    {"wait p90", "wait_p90_min", Unit::kDuration},
    {"wait p99", "wait_p99_min", Unit::kDuration},
    {"mean queue", "mean_queue", Unit::kNumber},
    {"backlog at end", "backlog_at_end", Unit::kCount},
    {"backlog growth per week", "backlog_growth_per_week", Unit::kNumber},
};

constexpr Row kComplaintRows[] = {
    {"arrived", "arrived", Unit::kCount},
    {"resolved", "resolved", Unit::kCount},
    {"closed unresolved", "closed_unresolved", Unit::kCount},
    {"abandoned", "abandoned", Unit::kCount},
    {"refused", "refused", Unit::kCount},
    {"open at end", "open_at_end", Unit::kCount},
    {"time to resolution mean", "time_to_resolution_mean_min", Unit::kDuration},
    {"time to resolution p90", "time_to_resolution_p90_min", Unit::kDuration},
    {"resolution rate", "resolution_rate", Unit::kPercent},
    {"escalation rate", "escalation_rate", Unit::kPercent},
    {"reached the executive", "executive_share", Unit::kPercent},
};

void write_title(fmt::memory_buffer& out, const ExperimentResult& result) {
  auto it = std::back_inserter(out);
  const RunSettings& run = result.scenario.run;
  const std::size_t n = result.runs.empty() ? (result.summary.empty() ? 0 : result.summary[0].n)
                                            : result.runs.size();
  const std::string name = run.name.empty() ? "(unnamed)" : run.name;
  const std::string warmup = run.warmup.in_minutes() == 0.0
                                 ? std::string("no warm-up")
                                 : "warm-up " + format_span(run.warmup);
  fmt::format_to(it, "escalsim {}: scenario \"{}\", {} {}, horizon {}, {}, seed {}\n",
                 version(), name, n, n == 1 ? "replication" : "replications",
                 format_span(run.horizon), warmup, run.seed);
  if (n > 1) {
    fmt::format_to(it, "figures: mean ± half-width of the 95% confidence interval (Student t) "
                       "over {} replications\n", n);
  } else {
    fmt::format_to(it, "figures: one replication, no confidence intervals "
                       "(use --replications to get them)\n");
  }
}

void write_desks(fmt::memory_buffer& out, const Figures& figures,
                 const std::vector<std::string>& desks) {
  if (desks.empty()) return;
  TextTable table;
  std::vector<std::string> header{"Desks"};
  header.insert(header.end(), desks.begin(), desks.end());
  table.add(std::move(header));
  for (const Row& row : kDeskRows) {
    std::vector<std::string> cells{std::string("  ") + row.label};
    for (const std::string& desk : desks) {
      cells.push_back(format_figure(figures.find("desk:" + desk, row.metric), row.unit));
    }
    table.add(std::move(cells));
  }
  fmt::format_to(std::back_inserter(out), "\n");
  table.render(out, "");
}

void write_complaints(fmt::memory_buffer& out, const Figures& figures) {
  TextTable table;
  for (const Row& row : kComplaintRows) {
    table.add({std::string("  ") + row.label,
               format_figure(figures.find("complaints", row.metric), row.unit)});
  }
  fmt::format_to(std::back_inserter(out), "\nComplaints\n");
  table.render(out, "");
}

void write_executives(fmt::memory_buffer& out, const Figures& figures) {
  for (const std::string& name : figures.names_in("executive")) {
    const std::string scope = "executive:" + name;
    const std::string desk_scope = "desk:" + name;
    TextTable table;
    table.add({"  hours used", format_figure(figures.find(scope, "used_h"), Unit::kHours)});
    if (const Estimate* budget = figures.find(scope, "budget_h")) {
      // The budget is set, not measured: no interval.
      Estimate offered = *budget;
      offered.half_width = 0.0;
      offered.n = 1;
      std::string text = format_figure(&offered, Unit::kHours);
      if (budget->mean > 0.0) {
        text += fmt::format(" ({:.0f}% used)",
                            100.0 * figures.mean_or(scope, "used_h", 0.0) / budget->mean);
      }
      table.add({"  budget", text});
    }
    table.add({"  overrun", format_figure(figures.find(scope, "overrun_h"), Unit::kHours)});
    table.add({"  items handled", format_figure(figures.find(scope, "items"), Unit::kCount)});
    if (const Estimate* e = figures.find(desk_scope, "handed_back"); e && e->mean > 0.0) {
      table.add({"  handed back (budget spent)", format_figure(e, Unit::kCount)});
    }
    if (const Estimate* e = figures.find(desk_scope, "declined"); e && e->mean > 0.0) {
      table.add({"  declined (budget spent)", format_figure(e, Unit::kCount)});
    }
    table.add({"  backlog growth per week",
               format_figure(figures.find(scope, "backlog_growth_per_week"), Unit::kNumber)});
    table.add({"  time to a reply, mean",
               format_figure(figures.find(scope, "reply_mean_min"), Unit::kDuration)});
    table.add({"  time to a reply, p90",
               format_figure(figures.find(scope, "reply_p90_min"), Unit::kDuration)});
    fmt::format_to(std::back_inserter(out), "\nExecutive: {}\n", name);
    table.render(out, "");
  }
}

// What the figures say about one desk's stability.
struct DeskState {
  std::string desk;
  const Estimate* utilisation = nullptr;
  const Estimate* growth = nullptr;
  bool grows = false;      // the backlog grows: the slope is above zero beyond its interval
                           // and adds more over the span than the desk's own mean level
  bool saturated = false;  // busy nearly all the time
};

std::vector<DeskState> assess_desks(const ExperimentResult& result, const Figures& figures,
                                    const std::vector<std::string>& desks) {
  const RunSettings& settings = result.scenario.run;
  const double span_weeks = (settings.horizon - settings.warmup).in_weeks();
  std::vector<DeskState> states;
  for (const std::string& desk : desks) {
    const std::string scope = "desk:" + desk;
    DeskState state;
    state.desk = desk;
    state.utilisation = figures.find(scope, "utilisation");
    state.growth = figures.find(scope, "backlog_growth_per_week");
    if (state.growth != nullptr && state.growth->mean > 0.0) {
      const Estimate& g = *state.growth;
      const double lower = g.n > 1 ? g.mean - g.half_width : g.mean;
      const double level = figures.mean_or(scope, "mean_in_desk", 0.0);
      state.grows = lower > 0.0 && g.mean * span_weeks > std::max(kMinimumGrowthOverSpan, level);
    }
    state.saturated =
        state.utilisation != nullptr && state.utilisation->mean >= kSaturatedUtilisation;
    states.push_back(state);
  }
  return states;
}

// The simulated bottleneck is the desk whose backlog grows fastest, or when none grows, the
// busiest: an executive desk starved by its budget may be the bottleneck while idle.
void write_bottleneck(fmt::memory_buffer& out, const std::vector<DeskState>& states,
                      const Prediction& prediction) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "\nBottleneck\n");
  const DeskState* top = nullptr;
  for (const DeskState& s : states) {
    if (s.grows && (top == nullptr || s.growth->mean > top->growth->mean)) top = &s;
  }
  if (top != nullptr) {
    fmt::format_to(it, "  simulated: {} (backlog grows by {} per week)\n", top->desk,
                   format_figure(top->growth, Unit::kNumber));
  } else {
    for (const DeskState& s : states) {
      if (s.utilisation != nullptr &&
          (top == nullptr || s.utilisation->mean > top->utilisation->mean)) {
        top = &s;
      }
    }
    if (top != nullptr) {
      fmt::format_to(it, "  simulated: {} (utilisation {})\n", top->desk,
                     format_figure(top->utilisation, Unit::kPercent));
    } else {
      fmt::format_to(it, "  simulated: unknown (no utilisation measured)\n");
    }
  }
  const int p = prediction.bottleneck;
  std::string predicted;
  if (p >= 0 && p < static_cast<int>(prediction.desks.size())) {
    predicted = prediction.desks[p].desk;
    fmt::format_to(it, "  predicted: {} (load {:.2f}, traffic equations)\n", predicted,
                   prediction.desks[p].load);
  } else {
    fmt::format_to(it, "  predicted: none\n");
  }
  if (top != nullptr && !predicted.empty() && predicted != top->desk) {
    fmt::format_to(it, "  note: the simulation and the traffic equations disagree; the "
                       "simulation accounts for abandonment, queue limits and budgets\n");
  }
}

void write_warnings(fmt::memory_buffer& out, const ExperimentResult& result,
                    const std::vector<DeskState>& states, const Prediction& prediction) {
  auto it = std::back_inserter(out);
  const RunSettings& settings = result.scenario.run;
  std::vector<std::string> warnings;

  for (const DeskState& s : states) {
    const std::string utilisation = format_figure(s.utilisation, Unit::kPercent);
    if (s.grows) {
      warnings.push_back(fmt::format(
          "unstable: the backlog at {} grows by {} per week (utilisation {})", s.desk,
          format_figure(s.growth, Unit::kNumber), utilisation));
    } else if (s.saturated) {
      warnings.push_back(fmt::format(
          "saturated: {} is busy {} of the time; its backlog may grow without bound", s.desk,
          utilisation));
    } else {
      // A load just under or over 1 may not show within the horizon; the equations see it.
      for (const DeskPrediction& p : prediction.desks) {
        if (p.desk == s.desk && p.reachable && p.load >= kSaturatedUtilisation) {
          warnings.push_back(fmt::format(
              "saturated: the traffic equations give {} a load of {:.2f}; its backlog may "
              "grow without bound over a longer horizon", s.desk, p.load));
        }
      }
    }
  }

  int stopped = 0;
  const RunResult* first_stopped = nullptr;
  for (const RunResult& run : result.runs) {
    if (!run.stopped_early) continue;
    if (stopped++ == 0) first_stopped = &run;
  }
  if (first_stopped != nullptr) {
    warnings.push_back(fmt::format(
        "unstable: {} of {} runs stopped early with too many complaints in the system "
        "(replication {} at week {:.1f} of {}); the backlog grows without bound",
        stopped, result.runs.size(), first_stopped->replication,
        first_stopped->measured_to.in_weeks(), format_span(settings.horizon)));
  }

  for (const RunResult& run : result.runs) {
    std::vector<std::string> broken;
    if (!run.invariants.conservation) broken.emplace_back("conservation of complaints");
    if (!run.invariants.clock_monotone) broken.emplace_back("monotone clock");
    if (!run.invariants.capacity_respected) broken.emplace_back("busy staff within capacity");
    for (const std::string& what : broken) {
      warnings.push_back(fmt::format("invariant broken in replication {}: {}",
                                     run.replication, what));
    }
  }

  if (warnings.empty()) {
    fmt::format_to(it, "  stable: no desk's backlog grows\n");
  }
  for (const std::string& warning : warnings) fmt::format_to(it, "warning: {}\n", warning);
}

}  // namespace

void write_table(std::ostream& out, const ExperimentResult& result, const Prediction& prediction) {
  const Figures figures(result.summary);
  const std::vector<std::string> desks = figures.names_in("desk");

  fmt::memory_buffer buffer;
  write_title(buffer, result);
  write_desks(buffer, figures, desks);
  write_complaints(buffer, figures);
  write_executives(buffer, figures);
  const std::vector<DeskState> states = assess_desks(result, figures, desks);
  write_bottleneck(buffer, states, prediction);
  write_warnings(buffer, result, states, prediction);
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace escalsim
