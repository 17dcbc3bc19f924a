// The organisation chart as Graphviz DOT (organisation_dot).
#include "escalsim/org_chart.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "escalsim/policy_flows.h"
#include "escalsim/staff_on_duty.h"
#include "analysis/org_graph.h"
#include "report/format_helpers.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

constexpr double kBusyFrom = 0.7;
constexpr double kSaturatedFrom = 0.9;
constexpr double kOverloadedFrom = 1.0;

const char* day_name(int day) {  // 0 = Monday
  static constexpr const char* kDayNames[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return kDayNames[((day % 7) + 7) % 7];
}

// Colours of what is not a desk's load.
constexpr const char* kTerminalColour = "#e8e8e8";   // demand and exit
constexpr const char* kUnknownColour = "#ffffff";    // a desk with no predicted load
constexpr const char* kQuietColour = "#a0a0a0";     // "otherwise" exits, routes never taken
constexpr const char* kPolicyColour = "#1f5fbf";
constexpr const char* kHandBackColour = "#7a3fb0";
constexpr const char* kReturnColour = "#8c6d1f";

// A DOT double-quoted string. Backslashes are doubled, since DOT reads `\n`, `\l`, `\N`
// and friends inside labels as escapes; a line break becomes `\n`, other control
// characters a space.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A label of several lines, each escaped.
std::string lines(const std::vector<std::string>& parts) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? "\n" : "") + parts[i];
  return quoted(joined);
}

std::string desk_id(int desk) { return fmt::format("\"desk{}\"", desk); }

std::string percent(double share) { return fmt::format("{:.4g}%", share * 100.0); }

// "400 per day" for most demand, "3 per week" when it is thin.
std::string rate_text(Rate rate) {
  const double per_day = rate.in_per_hour() * 24.0;
  if (per_day >= 1.0) return fmt::format("{:.4g} per day", per_day);
  return fmt::format("{:.4g} per week", rate.in_per_hour() * 168.0);
}

// "08", "08:30", "24": the hour alone when it is whole.
std::string clock_text(Duration time_of_day) {
  const int minutes = static_cast<int>(std::lround(time_of_day.in_minutes()));
  if (minutes % 60 == 0) return fmt::format("{:02}", minutes / 60);
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

std::string staff_text(const Desk& desk) {
  if (desk.shifts.empty()) return fmt::format("{} staff", desk.staff);
  const StaffOnDuty staff = staff_on_duty(desk);
  if (staff.most == 0) return "no staff on duty";
  if (staff.fewest == staff.most) return fmt::format("{} staff in shifts", staff.most);
  return fmt::format("{}-{} staff in shifts", staff.fewest, staff.most);
}

std::string budget_text(const ExecutiveBudget& budget) {
  std::vector<std::string> parts;
  if (budget.per_week) parts.push_back(fmt::format("{:g} h per week", budget.per_week->in_hours()));
  if (budget.items_per_month) {
    parts.push_back(fmt::format("{} items per month", *budget.items_per_month));
  }
  if (parts.empty()) parts.push_back("no budget limit");
  if (budget.windows.empty()) parts.push_back("any time");
  // Consecutive days with the same hours read as one range: "Mon-Fri 08-10".
  const std::vector<AvailabilityWindow>& windows = budget.windows;
  for (std::size_t i = 0; i < windows.size();) {
    std::size_t last = i;
    while (last + 1 < windows.size() && windows[last + 1].day == windows[last].day + 1 &&
           windows[last + 1].from == windows[i].from && windows[last + 1].to == windows[i].to) {
      ++last;
    }
    const std::string days =
        last == i ? day_name(windows[i].day)
                  : fmt::format("{}-{}", day_name(windows[i].day), day_name(windows[last].day));
    parts.push_back(fmt::format("{} {}-{}", days, clock_text(windows[i].from),
                                clock_text(windows[i].to)));
    i = last + 1;
  }
  std::string text = fmt::format("{}", fmt::join(parts, ", "));
  if (budget.when_spent == WhenBudgetSpent::kDecline) text += "; declines when spent";
  return text;
}

std::string condition_text(const Route& r) {
  switch (r.condition) {
    case RouteCondition::kAlways: return "always";
    case RouteCondition::kUnresolved: return "unresolved";
    case RouteCondition::kResolved: return "resolved";
    case RouteCondition::kSeverityAtLeast:
      return fmt::format("severity at least {}", severity_name(r.min_severity));
    case RouteCondition::kWaitedLongerThan:
      return fmt::format("waited longer than {}", detail::format_span(r.waited));
    case RouteCondition::kPublic: return "public";
  }
  return condition_name(r.condition);
}

std::string load_text(const DeskPrediction& p) {
  const LoadBand band = load_band(p.load);
  const std::string value = std::isinf(p.load) ? "inf" : fmt::format("{:.2f}", p.load);
  if (band == LoadBand::kOverloaded) return fmt::format("load {}, overloaded", value);
  return fmt::format("load {}", value);
}

// The prediction for desk `i`, or null when `prediction` does not cover it.
const DeskPrediction* prediction_for(const Scenario& scenario, const Prediction& prediction,
                                     std::size_t i) {
  if (i >= prediction.desks.size() || prediction.desks[i].desk != scenario.desks[i].name) {
    return nullptr;
  }
  return &prediction.desks[i];
}

void write_desk(fmt::memory_buffer& out, const Scenario& scenario, const Prediction& prediction,
                std::size_t i) {
  const Desk& desk = scenario.desks[i];
  std::vector<std::string> label{desk.name};
  label.push_back(desk.is_executive() ? budget_text(*desk.executive) : staff_text(desk));
  label.push_back(
      fmt::format("mean handle time {}", detail::format_span(desk.handle_time.expected())));
  std::string fill = kUnknownColour;
  std::string font = "black";
  if (const DeskPrediction* p = prediction_for(scenario, prediction, i)) {
    if (p->reachable) {
      label.push_back(load_text(*p));
      const LoadBand band = load_band(p->load);
      fill = load_band_colour(band);
      if (band == LoadBand::kOverloaded) font = "white";
    } else {
      label.push_back("load not predicted (reached only through policies)");
    }
  }
  fmt::format_to(std::back_inserter(out),
                 "  {} [label={}, fillcolor=\"{}\", fontcolor=\"{}\"{}];\n",
                 desk_id(static_cast<int>(i)), lines(label), fill, font,
                 desk.is_executive() ? ", peripheries=2" : "");
}

void write_edge(fmt::memory_buffer& out, const std::string& from, const std::string& to,
                const std::string& label, std::string_view attributes) {
  fmt::format_to(std::back_inserter(out), "  {} -> {} [label={}{}{}];\n", from, to,
                 label, attributes.empty() ? "" : ", ", attributes);
}

// One node holding a table of the bands (an HTML-like label: its text is fixed, so
// nothing in it needs escaping).
void write_legend(fmt::memory_buffer& out) {
  out.append(std::string_view(
      "  \"legend\" [shape=plain, style=\"\", fontsize=14, label=<<table border=\"0\" "
      "cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
      "<tr><td border=\"0\">predicted load (traffic equations)</td></tr>"));
  const struct {
    LoadBand band;
    const char* range;
  } bands[] = {{LoadBand::kCalm, "below 0.7"},
               {LoadBand::kBusy, "0.7 to 0.9"},
               {LoadBand::kSaturated, "0.9 to 1"},
               {LoadBand::kOverloaded, "1 or more"}};
  for (const auto& b : bands) {
    fmt::format_to(std::back_inserter(out),
                   "<tr><td bgcolor=\"{}\"><font color=\"{}\">{}: {}</font></td></tr>",
                   load_band_colour(b.band), b.band == LoadBand::kOverloaded ? "white" : "black",
                   load_band_name(b.band), b.range);
  }
  out.append(std::string_view(
      "<tr><td border=\"0\">dashed: flows outside the routes<br/>"
      "(policies, hand backs, returns),<br/>left out of the predicted load</td></tr>"
      "</table>>];\n"));
}

}  // namespace

LoadBand load_band(double load) {
  if (!(load < kOverloadedFrom)) return LoadBand::kOverloaded;  // NaN too: nothing to trust
  if (load >= kSaturatedFrom) return LoadBand::kSaturated;
  if (load >= kBusyFrom) return LoadBand::kBusy;
  return LoadBand::kCalm;
}

const char* load_band_name(LoadBand band) {
  switch (band) {
    case LoadBand::kCalm: return "calm";
    case LoadBand::kBusy: return "busy";
    case LoadBand::kSaturated: return "saturated";
    case LoadBand::kOverloaded: return "overloaded";
  }
  return "?";
}

const char* load_band_colour(LoadBand band) {
  switch (band) {
    case LoadBand::kCalm: return "#b8e0a8";        // green
    case LoadBand::kBusy: return "#ffd27a";        // amber
    case LoadBand::kSaturated: return "#f28b74";   // red
    case LoadBand::kOverloaded: return "#b2182b";  // dark red, white text
  }
  return kUnknownColour;
}

std::string organisation_dot(const Scenario& scenario, const Prediction& prediction) {
  fmt::memory_buffer out;
  auto put = [&out](std::string_view text) { out.append(text); };
  const std::string title =
      scenario.run.name.empty() ? scenario.source_path : scenario.run.name;

  put("digraph \"organisation\" {\n");
  fmt::format_to(std::back_inserter(out),
                 "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=18, charset=\"UTF-8\", labelloc=t, "
                 "label={}];\n",
                 quoted(fmt::format("organisation graph: {}", title)));
  // Text of at least 14 pt, readable on a projector; boxes grow to their labels (no
  // fixedsize), so no label is cut.
  put("  node [fontname=\"Helvetica\", fontsize=14, shape=box, style=\"rounded,filled\", margin=\"0.15,0.08\"];\n");
  put("  edge [fontname=\"Helvetica\", fontsize=14];\n");

  // Demand and exit.
  double total_per_hour = 0.0;
  for (const DemandStream& d : scenario.demand) total_per_hour += d.rate.in_per_hour();
  fmt::format_to(std::back_inserter(out),
                 "  \"demand\" [shape=ellipse, fillcolor=\"{}\", label={}];\n", kTerminalColour,
                 lines({"demand", rate_text(Rate::per_hour(total_per_hour))}));
  fmt::format_to(std::back_inserter(out),
                 "  \"exit\" [shape=ellipse, fillcolor=\"{}\", label=\"exit\"];\n",
                 kTerminalColour);

  for (std::size_t i = 0; i < scenario.desks.size(); ++i) write_desk(out, scenario, prediction, i);

  const bool several_streams = scenario.demand.size() > 1;
  for (const DemandStream& d : scenario.demand) {
    write_edge(out, "\"demand\"", desk_id(d.enters_desk),
               several_streams ? lines({d.name, rate_text(d.rate)}) : quoted(""), "");
  }

  // Routes, greyed where no complaint can take them.
  const OrgGraph graph(scenario);
  std::vector<bool> possible(scenario.routes.size(), true);
  for (auto [e, end] = boost::edges(graph.graph()); e != end; ++e) {
    const OrgEdge& edge = graph.graph()[*e];
    if (edge.kind == EdgeKind::kRoute) possible[edge.index] = edge.possible;
  }
  for (std::size_t k = 0; k < scenario.routes.size(); ++k) {
    const Route& r = scenario.routes[k];
    const std::string to = r.to == kExit ? std::string("\"exit\"") : desk_id(r.to);
    std::vector<std::string> label{condition_text(r), percent(r.probability)};
    if (!possible[k]) label.push_back("never taken");
    write_edge(out, desk_id(r.from), to, lines(label),
               possible[k] ? "" : fmt::format("color=\"{0}\", fontcolor=\"{0}\"", kQuietColour));
  }
  for (int desk = 0; desk < graph.desk_count(); ++desk) {
    if (!graph.has_implicit_exit(desk)) continue;
    write_edge(out, desk_id(desk), "\"exit\"", quoted("otherwise"),
               fmt::format("color=\"{0}\", fontcolor=\"{0}\"", kQuietColour));
  }

  // Flows outside the routes, dashed.
  for (const PolicyFlow& f : policy_flows(scenario)) {
    write_edge(out, f.from == kFromDemand ? std::string("\"demand\"") : desk_id(f.from),
               desk_id(f.to), quoted(f.label),
               fmt::format("style=dashed, color=\"{0}\", fontcolor=\"{0}\"", kPolicyColour));
  }
  for (std::size_t i = 0; i < scenario.desks.size(); ++i) {
    const Desk& desk = scenario.desks[i];
    if (!desk.is_executive() || desk.executive->when_spent != WhenBudgetSpent::kHandBack ||
        desk.executive->hand_back_desk < 0) {
      continue;
    }
    write_edge(out, desk_id(static_cast<int>(i)), desk_id(desk.executive->hand_back_desk),
               quoted("hand back when the budget is spent"),
               fmt::format("style=dashed, color=\"{0}\", fontcolor=\"{0}\"", kHandBackColour));
  }
  const CustomerModel& customers = scenario.customers;
  if (customers.return_probability > 0.0) {
    // Returning customers enter return_desk, or where their demand entered.
    std::vector<int> entries;
    if (customers.return_desk >= 0) {
      entries.push_back(customers.return_desk);
    } else {
      for (const DemandStream& d : scenario.demand) {
        if (std::find(entries.begin(), entries.end(), d.enters_desk) == entries.end()) {
          entries.push_back(d.enters_desk);
        }
      }
    }
    const std::string label =
        fmt::format("returns: {} of unresolved or abandoned, after {} on average",
                    percent(customers.return_probability), detail::format_span(customers.return_delay));
    for (int desk : entries) {
      write_edge(out, "\"exit\"", desk_id(desk), quoted(label),
                 fmt::format("style=dashed, constraint=false, color=\"{0}\", fontcolor=\"{0}\"",
                             kReturnColour));
    }
  }

  write_legend(out);
  put("}\n");
  return fmt::to_string(out);
}

}  // namespace escalsim
