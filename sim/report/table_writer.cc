// The console summary a consultant reads: desks, complaints, executive, customers and
// economics, fairness, the silo verdict, bottleneck and warnings, in aligned columns.
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

#include "analysis/saturation.h"
#include "escalsim/findings.h"
#include "report/format_helpers.h"
#include "escalsim/metric_names.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

using detail::Figures;
using detail::format_figure;
using detail::format_span;
using detail::kSaturatedUtilisation;
using detail::TextTable;
using detail::Unit;

struct Row {
  const char* label;
  const char* metric;
  Unit unit;
  // The counts a figure is taken over: when each is zero in every replication, there was
  // nothing to measure and the figure is "not applicable", not 0 (no waits, no backlog).
  const char* counted_over[2] = {nullptr, nullptr};
};

constexpr const char* kNotApplicable = "not applicable";

// True when every count of `row.counted_over` in `scope` is zero in every replication.
bool nothing_to_measure(const Figures& figures, const std::string& scope, const Row& row) {
  if (row.counted_over[0] == nullptr) return false;
  for (const char* count : row.counted_over) {
    if (count == nullptr) continue;
    const Estimate* e = figures.find(scope, count);
    if (e == nullptr || e->mean != 0.0 || e->half_width != 0.0) return false;
  }
  return true;
}

std::string format_row(const Figures& figures, const std::string& scope, const Row& row) {
  if (nothing_to_measure(figures, scope, row)) return kNotApplicable;
  return format_figure(figures.find(scope, row.metric), row.unit);
}

constexpr Row kDeskRows[] = {
    {"arrivals", metric::kArrivals, Unit::kCount},
    {"served", metric::kServed, Unit::kCount},
    {"abandoned", metric::kAbandoned, Unit::kCount},
    {"refused (queue full)", metric::kRefused, Unit::kCount},
    {"utilisation", metric::kUtilisation, Unit::kPercent},
    {"wait mean", metric::kWaitMeanMin, Unit::kDuration, {metric::kServed, metric::kAbandoned}},
    {"wait p50", metric::kWaitP50Min, Unit::kDuration, {metric::kServed, metric::kAbandoned}},
    {"wait p90", metric::kWaitP90Min, Unit::kDuration, {metric::kServed, metric::kAbandoned}},
    {"wait p99", metric::kWaitP99Min, Unit::kDuration, {metric::kServed, metric::kAbandoned}},
    {"mean queue", metric::kMeanQueue, Unit::kNumber},
    {"backlog at end", metric::kBacklogAtEnd, Unit::kCount},
    {"age of backlog p50", metric::kOpenAgeP50Min, Unit::kDuration, {metric::kBacklogAtEnd}},
    {"age of backlog p90", metric::kOpenAgeP90Min, Unit::kDuration, {metric::kBacklogAtEnd}},
    {"backlog growth per week", metric::kBacklogGrowthPerWeek, Unit::kNumber},
};

constexpr Row kComplaintRows[] = {
    {"arrived", metric::kArrived, Unit::kCount},
    {"resolved", metric::kResolved, Unit::kCount},
    {"closed unresolved", metric::kClosedUnresolved, Unit::kCount},
    {"abandoned", metric::kAbandoned, Unit::kCount},
    {"refused", metric::kRefused, Unit::kCount},
    {"open at end", metric::kOpenAtEnd, Unit::kCount},
    {"age of open p50", metric::kOpenAgeP50Min, Unit::kDuration, {metric::kOpenAtEnd}},
    {"age of open p90", metric::kOpenAgeP90Min, Unit::kDuration, {metric::kOpenAtEnd}},
    {"time to resolution mean", metric::kTimeToResolutionMeanMin, Unit::kDuration,
     {metric::kResolved}},
    {"time to resolution p90", metric::kTimeToResolutionP90Min, Unit::kDuration,
     {metric::kResolved}},
    {"resolution rate", metric::kResolutionRate, Unit::kPercent},
    {"escalation rate", metric::kEscalationRate, Unit::kPercent},
    {"reached the executive", metric::kExecutiveShare, Unit::kPercent},
};

// A span in one unit for a set of spans (the unit of the largest), one decimal: "3.2 d".
std::string format_span_in(Duration d, Duration largest) {
  if (largest.in_days() >= 2.0) return fmt::format("{:.1f} d", d.in_days());
  if (largest.in_hours() >= 2.0) return fmt::format("{:.1f} h", d.in_hours());
  return fmt::format("{:.0f} min", d.in_minutes());
}

// A precision as a user writes it: 0.05 as "5%", 0.025 as "2.5%".
std::string format_precision(double precision) {
  return fmt::format("{:g}%", 100.0 * precision);
}

void write_title(fmt::memory_buffer& out, const ExperimentResult& result) {
  auto it = std::back_inserter(out);
  const RunSettings& run = result.scenario.run;
  const std::size_t n = result.runs.empty() ? (result.summary.empty() ? 0 : result.summary[0].n)
                                            : result.runs.size();
  const std::string name = run.name.empty() ? "(unnamed)" : run.name;
  std::string warmup = "warm-up " + format_span(run.warmup);
  if (run.warmup_auto) {
    warmup = "warm-up auto (MSER-5)";
  } else if (run.warmup.in_minutes() == 0.0) {
    warmup = "no warm-up";
  }
  fmt::format_to(it, "escalsim {}: scenario \"{}\", {} {}, horizon {}, {}, seed {}\n",
                 version(), name, n, n == 1 ? "replication" : "replications",
                 format_span(run.horizon), warmup, run.seed);
  if (result.precision) {
    const std::string target = format_precision(*result.precision);
    if (result.precision_reached) {
      fmt::format_to(it, "replications: {} (target precision {} reached)\n", n, target);
    } else {
      std::string missed;
      for (const Estimate& e : result.summary) {
        if (!is_headline(e) || !std::isfinite(e.mean) || e.mean == 0.0) continue;
        if (e.half_width <= *result.precision * std::fabs(e.mean)) continue;
        if (!missed.empty()) missed += ", ";
        missed += e.scope + " " + e.name;
      }
      fmt::format_to(it, "replications: {} (cap reached before {} precision on: {})\n", n, target,
                     missed);
    }
  }
  if (run.warmup_auto && !result.runs.empty()) {
    Duration sum, low = result.runs.front().measured_from, high = low;
    for (const RunResult& r : result.runs) {
      sum = sum + r.measured_from;
      low = std::min(low, r.measured_from);
      high = std::max(high, r.measured_from);
    }
    const Duration mean = sum / static_cast<double>(result.runs.size());
    fmt::format_to(it, "warm-up: MSER-5 per replication, mean {} (range {} to {})\n",
                   format_span_in(mean, high), format_span_in(low, high),
                   format_span_in(high, high));
  }
  if (n > 1) {
    fmt::format_to(it, "figures: mean ± half-width of the 95% confidence interval (Student t) "
                       "over {} replications\n", n);
  } else {
    fmt::format_to(it, "figures: one replication, no confidence intervals "
                       "(use --replications to get them)\n");
  }
}

// Every service-level target of the scenario (its own and its desks'), shortest first.
std::vector<Duration> desk_targets(const Scenario& scenario) {
  std::vector<Duration> targets = scenario.service_level;
  for (const Desk& d : scenario.desks) {
    targets.insert(targets.end(), d.service_level.begin(), d.service_level.end());
  }
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  return targets;
}

void write_desks(fmt::memory_buffer& out, const Figures& figures,
                 const std::vector<std::string>& desks, const Scenario& scenario) {
  if (desks.empty()) return;
  TextTable table;
  std::vector<std::string> header{"Desks"};
  header.insert(header.end(), desks.begin(), desks.end());
  table.add(std::move(header));
  for (const Row& row : kDeskRows) {
    std::vector<std::string> cells{std::string("  ") + row.label};
    for (const std::string& desk : desks) {
      cells.push_back(format_row(figures, metric::kDeskPrefix + desk, row));
    }
    table.add(std::move(cells));
  }
  // Service levels only when the scenario promises some, so that other tables stay as
  // they were; a desk without a target shows "-".
  const std::vector<Duration> targets = desk_targets(scenario);
  if (!targets.empty()) {
    const auto add_row = [&](const std::string& label, const std::string& name, Unit unit) {
      std::vector<std::string> cells{"  " + label};
      for (const std::string& desk : desks) {
        cells.push_back(format_figure(figures.find(metric::kDeskPrefix + desk, name), unit));
      }
      table.add(std::move(cells));
    };
    for (Duration t : targets) {
      const std::string label = metric::service_level_label(t.in_minutes());
      add_row("answered within " + label, metric::kServiceLevelPrefix + label, Unit::kPercent);
    }
    add_row("speed of answer", metric::kSpeedOfAnswerMin, Unit::kDuration);
    add_row("abandonment", metric::kAbandonment, Unit::kPercent);
  }
  fmt::format_to(std::back_inserter(out), "\n");
  table.render(out, "");
  // A utilisation above 100% is explained where it is shown.
  for (const std::string& desk : desks) {
    const Estimate* u = figures.find(metric::kDeskPrefix + desk, metric::kUtilisation);
    if (u == nullptr || !(u->mean > 1.0)) continue;
    const bool executive =
        figures.find(metric::kExecutivePrefix + desk, metric::kBudgetUsedShare) != nullptr;
    fmt::format_to(std::back_inserter(out), "  note: {}'s utilisation is above 100%: {}\n", desk,
                   executive ? "it is budget used over budget, and items started inside the "
                               "budget ran past it (overrun)"
                             : "work in progress ran past the end of a shift");
  }
}

void write_complaints(fmt::memory_buffer& out, const Figures& figures) {
  TextTable table;
  const bool has_executive = !figures.names_in("executive").empty();
  for (const Row& row : kComplaintRows) {
    // Without an executive desk no complaint can reach one: the share does not apply.
    const bool applies = has_executive || std::string_view(row.metric) != metric::kExecutiveShare;
    table.add({std::string("  ") + row.label,
               applies ? format_row(figures, metric::kComplaints, row) : kNotApplicable});
  }
  fmt::format_to(std::back_inserter(out), "\nComplaints\n");
  table.render(out, "");
}

void write_executives(fmt::memory_buffer& out, const Figures& figures) {
  for (const std::string& name : figures.names_in("executive")) {
    const std::string scope = metric::kExecutivePrefix + name;
    const std::string desk_scope = metric::kDeskPrefix + name;
    TextTable table;
    table.add({"  hours used", format_figure(figures.find(scope, metric::kUsedH), Unit::kHours)});
    if (const Estimate* budget = figures.find(scope, metric::kBudgetH)) {
      // The budget is set, not measured: no interval.
      Estimate offered = *budget;
      offered.half_width = 0.0;
      offered.n = 1;
      std::string text = format_figure(&offered, Unit::kHours);
      if (budget->mean > 0.0) {
        text += fmt::format(" ({:.0f}% used)",
                            100.0 * figures.mean_or(scope, metric::kUsedH, 0.0) / budget->mean);
      }
      table.add({"  budget", text});
    }
    table.add({"  overrun", format_figure(figures.find(scope, metric::kOverrunH), Unit::kHours)});
    table.add(
        {"  items handled", format_figure(figures.find(scope, metric::kItems), Unit::kCount)});
    if (const Estimate* e = figures.find(desk_scope, metric::kHandedBack); e && e->mean > 0.0) {
      table.add({"  handed back (budget spent)", format_figure(e, Unit::kCount)});
    }
    if (const Estimate* e = figures.find(desk_scope, metric::kDeclined); e && e->mean > 0.0) {
      table.add({"  declined (budget spent)", format_figure(e, Unit::kCount)});
    }
    table.add({"  backlog growth per week",
               format_figure(figures.find(scope, metric::kBacklogGrowthPerWeek), Unit::kNumber)});
    constexpr Row kReplyRows[] = {
        {"  time to a reply, mean", metric::kReplyMeanMin, Unit::kDuration, {metric::kItems}},
        {"  time to a reply, p90", metric::kReplyP90Min, Unit::kDuration, {metric::kItems}},
    };
    for (const Row& row : kReplyRows) table.add({row.label, format_row(figures, scope, row)});
    fmt::format_to(std::back_inserter(out), "\nExecutive: {}\n", name);
    table.render(out, "");
  }
}

constexpr Row kCustomerRows[] = {
    {"complaints counted", metric::kComplaintsCount, Unit::kCount},
    {"resolved quickly", metric::kResolvedQuicklyShare, Unit::kPercent},
    {"resolved slowly", metric::kResolvedSlowlyShare, Unit::kPercent},
    {"closed unresolved", metric::kUnresolvedShare, Unit::kPercent},
    {"abandoned or refused", metric::kAbandonedShare, Unit::kPercent},
    {"still loyal, mean", metric::kLoyaltyMean, Unit::kPercent},
    {"churn expected per year (customers)", metric::kChurnPerYear, Unit::kNumber},
    {"revenue at risk per year", metric::kRevenueAtRiskPerYear, Unit::kNumber},
    {"repeat contacts", metric::kRepeatContacts, Unit::kCount},
};

constexpr Row kEconomicsRows[] = {
    {"staff hours per year", metric::kStaffHoursPerYear, Unit::kHours},
    {"staff cost per year", metric::kStaffCostPerYear, Unit::kNumber},
    {"executive hours per year", metric::kExecutiveHoursPerYear, Unit::kHours},
    {"executive cost per year", metric::kExecutiveCostPerYear, Unit::kNumber},
    {"cost per year", metric::kCostPerYear, Unit::kNumber},
};

// What each policy did (scopes "policy:<name>"), every figure it registered, in its order.
// The unit follows the name: shares as percentages, hours as hours, the rest as numbers.
void write_policies(fmt::memory_buffer& out, const ExperimentResult& result) {
  TextTable table;
  std::string scope_shown;
  for (const Estimate& e : result.summary) {
    if (e.scope.rfind("policy:", 0) != 0) continue;
    // A weekly series (goodwill_week_<k>_<segment>) is for results.csv and results.json.
    if (e.name.find("_week_") != std::string::npos) continue;
    if (e.scope != scope_shown) {
      table.add({"  " + e.scope.substr(7), ""});
      scope_shown = e.scope;
    }
    std::string label = e.name;
    std::replace(label.begin(), label.end(), '_', ' ');
    bool share = e.name.find("share") != std::string::npos ||
                 e.name.find("visibility") != std::string::npos ||
                 e.name.find("reduction") != std::string::npos;
    bool hours = e.name.size() > 6 && e.name.compare(e.name.size() - 6, 6, "_hours") == 0;
    table.add({"    " + label, format_figure(&e, share ? Unit::kPercent
                                               : hours ? Unit::kHours
                                                       : Unit::kNumber)});
  }
  if (scope_shown.empty()) return;
  fmt::format_to(std::back_inserter(out), "\nPolicies\n");
  table.render(out, "");
}

// Outcomes, loyalty, churn and cost (scopes "customers", "segment:<name>", "economics");
// nothing when the run recorded no customer model (a result built by hand).
void write_customers(fmt::memory_buffer& out, const Figures& figures) {
  if (figures.find(metric::kCustomers, metric::kComplaintsCount) == nullptr) return;
  TextTable table;
  for (const Row& row : kCustomerRows) {
    table.add({std::string("  ") + row.label,
               format_figure(figures.find(metric::kCustomers, row.metric), row.unit)});
  }
  // Per segment only when there is more than one: otherwise it repeats the total.
  const std::vector<std::string> segments = figures.names_in("segment");
  if (segments.size() > 1) {
    for (const std::string& segment : segments) {
      const std::string scope = metric::kSegmentPrefix + segment;
      table.add({"  revenue at risk per year, " + segment,
                 format_figure(figures.find(scope, metric::kRevenueAtRiskPerYear), Unit::kNumber)});
    }
  }
  for (const Row& row : kEconomicsRows) {
    if (const Estimate* e = figures.find(metric::kEconomics, row.metric)) {
      table.add({std::string("  ") + row.label, format_figure(e, row.unit)});
    }
  }
  fmt::format_to(std::back_inserter(out), "\nCustomers and economics\n");
  table.render(out, "");
}

// Who gets executive attention and how fast, per channel, segment and public or private.
void write_fairness(fmt::memory_buffer& out, const Figures& figures) {
  const std::vector<std::string> groups = figures.names_in("fairness");
  if (groups.empty()) return;
  TextTable table;
  table.add({"Fairness: who gets executive attention", "complaints", "executive share",
             "reply mean"});
  for (const std::string& group : groups) {
    const std::string scope = metric::kFairnessPrefix + group;
    std::string label = group;  // "channel:email" reads "channel email"
    if (const auto colon = label.find(':'); colon != std::string::npos) label[colon] = ' ';
    // No complaint of the group reached an executive in any replication: no reply time.
    const Estimate* share = figures.find(scope, metric::kExecutiveShare);
    const bool no_replies = share == nullptr || (share->mean == 0.0 && share->half_width == 0.0);
    // A group without complaints has no share either.
    const Estimate* count = figures.find(scope, metric::kComplaintsCount);
    const bool empty = count != nullptr && count->mean == 0.0 && count->half_width == 0.0;
    table.add({"  " + label, format_figure(count, Unit::kCount),
               empty ? kNotApplicable : format_figure(share, Unit::kPercent),
               no_replies ? kNotApplicable
                          : format_figure(figures.find(scope, metric::kReplyMeanMin),
                                          Unit::kDuration)});
  }
  fmt::format_to(std::back_inserter(out), "\n");
  table.render(out, "");
}

// The silo verdict with its evidence; nothing when the run recorded no silo figures.
void write_silo_verdict(fmt::memory_buffer& out, const Figures& figures,
                        const SiloVerdict& verdict) {
  if (figures.find(metric::kSilo, metric::kBypassShare) == nullptr) return;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "\nVerdict: new silo at the top?\n  {}\n", verdict.headline);
  if (!verdict.desk.empty()) {
    const std::string scope = metric::kExecutivePrefix + verdict.desk;
    TextTable table;
    table.add({"  executive arrivals that came straight to the top",
               format_figure(figures.find(scope, metric::kStraightToTopShare), Unit::kPercent)});
    table.add({"  executive budget used (busy share of window time)",
               format_figure(figures.find(scope, metric::kBudgetUsedShare), Unit::kPercent) + " (" +
                   format_figure(figures.find(scope, metric::kWindowUtilisation), Unit::kPercent) +
                   ")"});
    table.add({"  executive work that came by bypass",
               format_figure(figures.find(metric::kSilo, metric::kBypassShare), Unit::kPercent)});
    table.add({"  waited longer on the executive than on all staff desks",
               format_figure(figures.find(metric::kSilo, metric::kWaitedOnExecutiveLonger),
                             Unit::kPercent)});
    table.render(out, "");
  }
  for (const std::string& line : verdict.evidence) fmt::format_to(it, "  - {}\n", line);
}

// What the figures say about one desk's stability.
struct DeskState {
  std::string desk;
  const Estimate* utilisation = nullptr;
  const Estimate* growth = nullptr;
  bool grows = false;      // the backlog grows: the slope is above zero beyond its interval
                           // and adds more over the span than the desk's own mean level
  bool saturated = false;  // busy nearly all the time
  bool executive = false;   // its utilisation is budget used over budget
  double level = 0.0;       // mean complaints at the desk (mean_in_desk)
  double span_weeks = 0.0;  // the measured span
};

std::vector<DeskState> assess_desks(const ExperimentResult& result, const Figures& figures,
                                    const std::vector<std::string>& desks) {
  const RunSettings& settings = result.scenario.run;
  double span_weeks = (settings.horizon - settings.warmup).in_weeks();
  if (settings.warmup_auto && !result.runs.empty()) {
    // Each replication measured from its own warm-up: the mean measured span.
    span_weeks = 0.0;
    for (const RunResult& run : result.runs) {
      span_weeks += (run.measured_to - run.measured_from).in_weeks();
    }
    span_weeks /= static_cast<double>(result.runs.size());
  }
  std::vector<DeskState> states;
  for (const std::string& desk : desks) {
    const std::string scope = metric::kDeskPrefix + desk;
    DeskState state;
    state.desk = desk;
    state.utilisation = figures.find(scope, metric::kUtilisation);
    state.growth = figures.find(scope, metric::kBacklogGrowthPerWeek);
    state.executive =
        figures.find(metric::kExecutivePrefix + desk, metric::kBudgetUsedShare) != nullptr;
    state.level = figures.mean_or(scope, metric::kMeanInDesk, 0.0);
    state.span_weeks = span_weeks;
    state.grows = detail::backlog_grows(state.growth, state.level, span_weeks);
    state.saturated = detail::utilisation_saturated(state.utilisation);
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
                       "simulation accounts for abandonment, queue limits, budgets and policies\n");
  }
}

void write_warnings(fmt::memory_buffer& out, const ExperimentResult& result,
                    const std::vector<DeskState>& states, const Findings& findings) {
  const Prediction& prediction = findings.prediction;
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
      warnings.push_back(
          s.executive
              ? fmt::format("saturated: {} uses {} of its budget; its backlog may grow without "
                            "bound", s.desk, utilisation)
              : fmt::format("saturated: {} is busy {} of the time; its backlog may grow without "
                            "bound", s.desk, utilisation));
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
  // One rule (detail::backlog_grows) for every line: a slope above zero beyond its interval
  // that adds too little over the span is named as a drift, so the desk table's figure and
  // the line above do not seem to disagree.
  for (const DeskState& s : states) {
    const Estimate* g = s.growth;
    if (s.grows || g == nullptr || !(g->mean > 0.0)) continue;
    if (g->n > 1 && g->mean - g->half_width <= 0.0) continue;
    fmt::format_to(it, "  note: the backlog at {} drifts up by {} per week, {:.0f} over the {:.0f} "
                       "measured weeks: under {}, so not counted as growing\n",
                   s.desk, format_figure(g, Unit::kNumber), g->mean * s.span_weeks, s.span_weeks,
                   s.level > detail::kMinimumGrowthOverSpan
                       ? fmt::format("its mean backlog of {:.0f}", s.level)
                       : fmt::format("{:.0f} complaints", detail::kMinimumGrowthOverSpan));
  }
  // About the scenario as written, not the desks' stability.
  warnings.insert(warnings.end(), findings.warnings.begin(), findings.warnings.end());
  // Not about the desks' stability, so it does not take the "stable" line's place.
  if (const std::size_t unsettled = result.warmup_no_steady_state.size(); unsettled > 0) {
    warnings.push_back(fmt::format(
        "warm-up: MSER-5 found no steady state in {} {}; lengthen the horizon", unsettled,
        unsettled == 1 ? "replication" : "replications"));
  }
  for (const std::string& warning : warnings) fmt::format_to(it, "warning: {}\n", warning);
}

}  // namespace

void write_table(std::ostream& out, const ExperimentResult& result, const Findings& findings) {
  const Figures figures(result.summary);
  const std::vector<std::string> desks = figures.names_in("desk");

  fmt::memory_buffer buffer;
  write_title(buffer, result);
  write_desks(buffer, figures, desks, result.scenario);
  write_complaints(buffer, figures);
  write_executives(buffer, figures);
  write_policies(buffer, result);
  write_customers(buffer, figures);
  write_fairness(buffer, figures);
  write_silo_verdict(buffer, figures, findings.verdict);
  const std::vector<DeskState> states = assess_desks(result, figures, desks);
  write_bottleneck(buffer, states, findings.prediction);
  write_warnings(buffer, result, states, findings);
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace escalsim
