// `escalsim check SCENARIO [--set k=v]...`: validate a scenario, print its organisation graph
// and the traffic equations' predicted load per desk, before any simulation.
#include "commands.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "escalsim/analysis.h"
#include "escalsim/scenario.h"

namespace escalsim::tools {
namespace {

// "25 min", "2 h", "1.5 h", "3 days": the largest unit that reads naturally.
std::string duration_text(Duration d) {
  const double m = d.in_minutes();
  if (m == 0.0) return "0 min";
  if (std::abs(m) < 1.0) return fmt::format("{:.3g} s", m * 60.0);
  if (std::abs(m) < 120.0 && std::fmod(m, 60.0) != 0.0) return fmt::format("{:.4g} min", m);
  if (std::abs(m) < 2880.0) return fmt::format("{:.4g} h", m / 60.0);
  return fmt::format("{:.4g} days", m / 1440.0);
}

std::string time_of_day(Duration d) {
  const int minutes = static_cast<int>(std::lround(d.in_minutes()));
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

const char* kDayNames[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// "Mon-Fri,Sun": runs of consecutive days as ranges.
std::string days_text(const std::array<bool, 7>& days) {
  std::vector<std::string> runs;
  for (int d = 0; d < 7;) {
    if (!days[d]) {
      ++d;
      continue;
    }
    int end = d;
    while (end + 1 < 7 && days[end + 1]) ++end;
    runs.push_back(end == d ? std::string(kDayNames[d])
                            : fmt::format("{}-{}", kDayNames[d], kDayNames[end]));
    d = end + 1;
  }
  return runs.empty() ? std::string("no days") : fmt::format("{}", fmt::join(runs, ","));
}

std::string distribution_text(const Distribution& dist) {
  using Kind = Distribution::Kind;
  switch (dist.kind) {
    case Kind::kExponential:
      return fmt::format("exponential, mean {}", duration_text(dist.mean));
    case Kind::kFixed:
      return fmt::format("fixed {}", duration_text(dist.mean));
    case Kind::kUniform:
      return fmt::format("uniform {} to {}", duration_text(dist.low), duration_text(dist.high));
    case Kind::kLognormal:
      return fmt::format("lognormal, mean {}, sd {}", duration_text(dist.mean),
                         duration_text(dist.sd));
    case Kind::kGamma:
      return fmt::format("gamma, mean {}, shape {:g}", duration_text(dist.mean), dist.shape);
    case Kind::kErlang:
      return fmt::format("erlang, mean {}, {:g} phases", duration_text(dist.mean), dist.shape);
    case Kind::kEmpirical:
      return fmt::format("empirical, {} values, mean {}", dist.values.size(),
                         duration_text(dist.expected()));
  }
  return distribution_name(dist.kind);
}

std::string condition_text(const Route& r) {
  switch (r.condition) {
    case RouteCondition::kAlways: return "always";
    case RouteCondition::kUnresolved: return "when unresolved";
    case RouteCondition::kResolved: return "when resolved";
    case RouteCondition::kSeverityAtLeast:
      return fmt::format("when severity at least {}", severity_name(r.min_severity));
    case RouteCondition::kWaitedLongerThan:
      return fmt::format("when waited longer than {}", duration_text(r.waited));
    case RouteCondition::kPublic: return "when public";
  }
  return condition_name(r.condition);
}

const char* when_spent_text(WhenBudgetSpent w) {
  switch (w) {
    case WhenBudgetSpent::kWait: return "wait";
    case WhenBudgetSpent::kHandBack: return "hand back";
    case WhenBudgetSpent::kDecline: return "decline";
  }
  return "?";
}

std::string capacity_text(const Scenario& scenario, const Desk& desk) {
  if (desk.is_executive()) {
    const ExecutiveBudget& b = *desk.executive;
    std::vector<std::string> parts;
    if (b.per_week) parts.push_back(fmt::format("{:g} h per week", b.per_week->in_hours()));
    if (b.items_per_month) parts.push_back(fmt::format("{} items per month", *b.items_per_month));
    if (parts.empty()) parts.push_back("no budget limit");
    std::vector<std::string> windows;
    for (const AvailabilityWindow& w : b.windows) {
      windows.push_back(fmt::format("{} {}-{}", kDayNames[w.day % 7], time_of_day(w.from),
                                    time_of_day(w.to)));
    }
    std::string text = fmt::format("executive: {}, {}", fmt::join(parts, " and "),
                                   windows.empty() ? std::string("any time")
                                                   : fmt::format("in {}", fmt::join(windows, ", ")));
    text += fmt::format("; when spent: {}", when_spent_text(b.when_spent));
    if (b.when_spent == WhenBudgetSpent::kHandBack && b.hand_back_desk >= 0 &&
        b.hand_back_desk < static_cast<int>(scenario.desks.size())) {
      text += fmt::format(" to {}", scenario.desks[b.hand_back_desk].name);
    }
    return text;
  }
  if (!desk.shifts.empty()) {
    std::vector<std::string> shifts;
    for (const Shift& s : desk.shifts) {
      shifts.push_back(fmt::format("{} {}-{} x{}", days_text(s.days), time_of_day(s.from),
                                   time_of_day(s.to), s.staff));
    }
    return fmt::format("shifts: {}", fmt::join(shifts, "; "));
  }
  return fmt::format("staff {}", desk.staff);
}

std::string number_text(double x) {
  if (std::isinf(x)) return "inf";
  return fmt::format("{:.3f}", x);
}

std::string percent(double share) { return fmt::format("{:.3g}%", share * 100.0); }

std::string severity_mix_text(const std::array<double, kSeverityCount>& shares,
                              const char* what) {
  const bool same = std::all_of(shares.begin(), shares.end(),
                                [&](double x) { return x == shares[0]; });
  if (same && std::string(what) == "resolves") return fmt::format("{} {}", what, percent(shares[0]));
  std::vector<std::string> parts;
  for (int s = 0; s < kSeverityCount; ++s) {
    if (std::string(what) == "severity" && shares[s] == 0.0) continue;
    parts.push_back(fmt::format("{} {}", severity_name(static_cast<Severity>(s)),
                                percent(shares[s])));
  }
  return fmt::format("{} {}", what, fmt::join(parts, ", "));
}

void print_graph(const Scenario& scenario) {
  fmt::print("organisation graph\n");
  for (const DemandStream& d : scenario.demand) {
    std::string entry = d.enters_desk >= 0 && d.enters_desk < static_cast<int>(scenario.desks.size())
                            ? scenario.desks[d.enters_desk].name
                            : "?";
    fmt::print("  demand {} -> {}: {:.4g} per day ({:.4g} per hour), pattern {}", d.name, entry,
               d.rate.in_per_hour() * 24.0, d.rate.in_per_hour(), d.pattern.name);
    if (!d.surges.empty()) fmt::print(", {} surge{}", d.surges.size(), d.surges.size() > 1 ? "s" : "");
    fmt::print("\n    {}; public {}\n", severity_mix_text(d.severity_share, "severity"),
               percent(d.public_share));
  }
  for (std::size_t i = 0; i < scenario.desks.size(); ++i) {
    const Desk& desk = scenario.desks[i];
    fmt::print("  desk {}: {}\n", desk.name, capacity_text(scenario, desk));
    std::string detail = fmt::format("handle time {}; {}", distribution_text(desk.handle_time),
                                     severity_mix_text(desk.resolution_probability, "resolves"));
    if (desk.patience) detail += fmt::format("; patience {}", distribution_text(*desk.patience));
    detail += fmt::format("; queue {}", discipline_name(desk.discipline));
    if (desk.queue_limit) detail += fmt::format(", limit {}", *desk.queue_limit);
    fmt::print("    {}\n", detail);
    for (const Route& r : scenario.routes) {
      if (r.from != static_cast<int>(i)) continue;
      std::string to = r.to == kExit ? std::string("exit") : scenario.desks[r.to].name;
      fmt::print("    -> {}  {}  p={:g}\n", to, condition_text(r), r.probability);
    }
  }
}

void print_prediction(const Prediction& prediction) {
  std::size_t width = 4;
  for (const DeskPrediction& d : prediction.desks) width = std::max(width, d.desk.size());
  fmt::print("\npredicted load (traffic equations)\n");
  fmt::print("  {:<{}}  {:>12}  {:>12}  {:>12}  {:>8}\n", "desk", width, "arrivals/h",
             "offered h/h", "capacity h/h", "load");
  for (const DeskPrediction& d : prediction.desks) {
    fmt::print("  {:<{}}  {:>12}  {:>12}  {:>12}  {:>8}{}{}\n", d.desk, width,
               number_text(d.arrival_rate_per_hour), number_text(d.offered_hours_per_hour),
               number_text(d.capacity_hours_per_hour), number_text(d.load),
               d.load >= 1.0 ? "  OVERLOADED" : "", d.reachable ? "" : "  (unreachable)");
  }
  if (prediction.bottleneck >= 0) {
    const DeskPrediction& b = prediction.desks[prediction.bottleneck];
    fmt::print("\npredicted bottleneck: {} (load {})\n", b.desk,
               std::isinf(b.load) ? std::string("inf") : fmt::format("{:.2f}", b.load));
  } else {
    fmt::print("\npredicted bottleneck: none (no desk has any load)\n");
  }
  if (!prediction.notes.empty()) {
    fmt::print("notes:\n");
    for (const std::string& note : prediction.notes) fmt::print("  - {}\n", note);
  }
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_status) {
  struct Options {
    std::string path;
    std::vector<std::string> overrides;
  };
  auto options = std::make_shared<Options>();
  CLI::App* check = app.add_subcommand(
      "check", "Validate a scenario and predict each desk's load before any simulation");
  check->add_option("scenario", options->path, "Scenario file (YAML)")->required();
  check->add_option("--set", options->overrides,
                    "Override a value of the file: key.path=value, a list or map in YAML flow "
                    "style (policies=[...]), or demand_multiplier=X (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->callback([options, &exit_status] {
    // load_scenario validates the graph, with the desks policies send complaints to.
    const Scenario scenario = load_scenario(options->path, options->overrides);
    for (const std::string& note : scenario.notes) {
      fmt::print(stderr, "escalsim: warning: {}\n", note);
    }
    const Prediction prediction = predict(scenario);

    fmt::print("scenario: {}\n", scenario.run.name.empty() ? options->path : scenario.run.name);
    if (!scenario.run.description.empty()) fmt::print("  {}\n", scenario.run.description);
    fmt::print("  from {}{}\n\n", scenario.source_path.empty() ? options->path : scenario.source_path,
               scenario.overrides.empty()
                   ? std::string()
                   : fmt::format(" with {}", fmt::join(scenario.overrides, ", ")));
    print_graph(scenario);
    print_prediction(prediction);
    for (const std::string& warning : budget_fit_warnings(scenario)) {
      fmt::print("warning: {}\n", warning);
    }
    std::fflush(stdout);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
