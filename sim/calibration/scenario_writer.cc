// The fitted scenario's text. One desk, `agents`, staffed by hour of the week; one demand
// stream entering it, or one per call class when the map names two or more classes (each
// with its rate and weekly pattern); priority customers as a severity served first. Shares
// are written so that they sum to 1 as the loader requires.
#include "calibration/scenario_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/core.h>

namespace escalsim::detail {
namespace {

const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// The `shifts:` items of a staff table at `indent`: one item per run of equal staff within a
// day, hours without staff left out.
std::string shifts_yaml(const std::array<int, kHoursPerWeek>& staff, const std::string& indent) {
  std::string y;
  for (int day = 0; day < 7; ++day) {
    int h = 0;
    while (h < 24) {
      const int here = staff[static_cast<std::size_t>(day * 24 + h)];
      int end = h + 1;
      while (end < 24 && staff[static_cast<std::size_t>(day * 24 + end)] == here) ++end;
      if (here > 0) {
        y += fmt::format("{}- {{days: {}, from: \"{:02}:00\", to: \"{:02}:00\", staff: {}}}\n",
                         indent, kDays[day], h, end, here);
      }
      h = end;
    }
  }
  return y;
}

std::string handle_time_yaml(const DurationFit& fit) {
  switch (fit.family) {
    case Family::kExponential:
      return fmt::format("{{distribution: exponential, mean: {:.1f} s}}", fit.mean_s);
    case Family::kGamma:
      return fmt::format("{{distribution: gamma, mean: {:.1f} s, shape: {:.4f}}}", fit.mean_s,
                         fit.shape);
    case Family::kLognormal:
      return fmt::format("{{distribution: lognormal, mean: {:.1f} s, sd: {:.1f} s}}",
                         fit.mean_s, fit.sd_s);
  }
  return {};
}

std::string fit_line(const DurationFit& f) {
  std::string params;
  if (f.family == Family::kGamma) params = fmt::format(", shape {:.3f} (se {:.3f})", f.shape, f.shape_se);
  if (f.family == Family::kLognormal) {
    params = fmt::format(", sd {:.1f} s (log mean {:.3f}, log sd {:.3f})", f.sd_s, f.mu, f.sigma);
  }
  return fmt::format("{:<11} mean {:.1f} s (se {:.1f}){}; AIC {:.1f}; KS distance {:.3f}",
                     family_name(f.family), f.mean_s, f.mean_se_s, params, f.aic,
                     f.ks_distance);
}

}  // namespace

std::string channel_name(const std::string& call_class) {
  if (call_class.empty()) return "unknown";
  std::string out;
  for (char c : call_class) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) || c == '-' || c == '_' ? static_cast<char>(std::tolower(u)) : '_';
  }
  return out;
}

std::vector<std::string> stream_names(const FittedModel& m) {
  std::vector<std::string> names;
  for (const ClassFit& c : m.class_fits) {
    const std::string base = channel_name(c.name);
    std::string name = base;
    for (int k = 2; std::find(names.begin(), names.end(), name) != names.end(); ++k) {
      name = fmt::format("{}_{}", base, k);
    }
    names.push_back(name);
  }
  return names;
}

std::vector<std::string> unsupported_notes(const FittedModel& m) {
  std::vector<std::string> notes;
  if (!m.desk_fits.empty()) {
    notes.push_back(
        "classes when desks are mapped: the streams are per desk, not per class; a passed-on "
        "call's service at its new desk takes that desk's handle time.");
  }
  if (m.class_fits.size() >= 2) {
    notes.push_back(
        "handle times per class: a desk has one handle-time distribution, so the desk uses the "
        "fit over all calls (the class mixture); each class's own fit is reported.");
  }
  if (m.priorities_mapped) {
    notes.push_back(
        "more than two priority levels: the map's priorities.high values become severity "
        "serious, every other value minor; the desk serves serious first, without preemption.");
  }
  return notes;
}

// A scenario name for a desk value: as channel_name, never the reserved `exit`.
std::string desk_name(const std::string& desk) {
  const std::string name = channel_name(desk);
  return name == "exit" ? "exit_desk" : name;
}

namespace {

// The scenario of a log with a desk column: the desks, one stream per desk that calls came to
// first, and the routing shares as routes.
std::string write_desks_yaml(const FittedModel& m) {
  std::string y;
  auto line = [&y](const std::string& s) { y += s + "\n"; };
  const double weeks = m.days / 7.0;
  const bool priority = m.priorities_mapped && m.high_priority > 0 && m.high_priority < m.calls;
  line(fmt::format("# Fitted by `escalsim fit` from {} (map: {}),", m.log_path, m.map_path));
  line(fmt::format("# calls from {} to {} ({} days), with the map's `desk` and `transfer`", m.first_day,
                   m.last_day, m.days));
  line("# columns: one desk per desk in the log, one demand stream per desk that calls came to");
  line("# first, and the share of each desk's served calls passed to another as routes.");
  line("# A passed-on call is served at its new desk with that desk's handle time, fitted on the");
  line("# calls that came to it first: the log has no service time for the second desk.");
  line("run:");
  line(fmt::format("  name: {}", m.name));
  line(fmt::format("  description: fitted from {} to {}", m.first_day, m.last_day));
  line(fmt::format("  horizon: {} days   # the fitted period's length", m.days));
  line("  warmup: 0 min");
  line("  seed: 1");
  line("  replications: 10");
  line("");
  line("demand:");
  for (const DeskFit& d : m.desk_fits) {
    if (d.calls == 0) continue;
    line(fmt::format("  - name: {}", desk_name(d.name)));
    line(fmt::format("    enters: {}", desk_name(d.name)));
    line(fmt::format("    rate: {:.10g} per week   # {} calls came to desk {} first over {} days",
                     static_cast<double>(d.calls) / weeks, d.calls, d.name, m.days));
    line("    pattern:");
    for (int day = 0; day < 7; ++day) {
      std::string row;
      for (int h = 0; h < 24; ++h) {
        row += fmt::format("{}{:.4g}", h == 0 ? "" : ", ",
                           d.calls_per_hour[static_cast<std::size_t>(day * 24 + h)]);
      }
      line(fmt::format("      {}: [{}]", kDays[day], row));
    }
    if (priority && d.high_priority > 0) {
      const std::int64_t micro = std::llround(1e6 * static_cast<double>(d.high_priority) /
                                              static_cast<double>(d.calls));
      line(fmt::format("    severity: {{minor: {:.6f}, serious: {:.6f}}}   # {} high priority",
                       static_cast<double>(1000000 - micro) / 1e6,
                       static_cast<double>(micro) / 1e6, d.high_priority));
    }
  }
  for (const std::string& note : unsupported_notes(m)) line("# Not modelled: " + note);
  line("");
  line("desks:");
  for (const DeskFit& d : m.desk_fits) {
    line(fmt::format("  {}:", desk_name(d.name)));
    bool any_staff = false;
    for (int v : d.staff.staff) any_staff = any_staff || v > 0;
    if (!any_staff) {
      line("    staff: 1   # no agent seen serving here in the log (it only received transfers)");
    } else {
      line("    # Staff: the agents seen serving at this desk in each hour, averaged, rounded.");
      line("    shifts:");
      y += shifts_yaml(d.staff.staff, "      ");
    }
    const std::vector<DurationFit>& fits = d.handle_fits.empty() ? m.handle_fits : d.handle_fits;
    if (!fits.empty()) {
      line(fmt::format("    # handle time: {} ({})", fit_line(fits.front()),
                       d.handle_fits.empty() ? "too few services here: the fit over all desks"
                                             : fmt::format("{} services here", d.handle_n)));
      line(fmt::format("    handle_time: {}", handle_time_yaml(fits.front())));
    }
    const double patience = std::isfinite(d.patience_mean_s) && d.patience_mean_s > 0
                                ? d.patience_mean_s
                                : m.patience_mean_s;
    if (std::isfinite(patience) && patience > 0) {
      line(fmt::format("    patience: {{distribution: exponential, mean: {:.1f} s}}   # {}",
                       patience,
                       patience == d.patience_mean_s
                           ? fmt::format("censored MLE, {} abandonments here", d.abandoned)
                           : std::string("none abandoned here: the fit over all desks")));
    }
    line(fmt::format("    discipline: {}", priority ? "priority" : "fifo"));
  }
  if (!m.routes.empty()) {
    line("");
    line("# Routing shares: calls passed from one desk to another / calls served at the first.");
    line("routes:");
    for (const RouteFit& r : m.routes) {
      line(fmt::format("  - {{from: {}, to: {}, probability: {:.6f}}}   # {} of {} served",
                       desk_name(r.from), desk_name(r.to), r.share(), r.transferred, r.served));
    }
  }
  return y;
}

}  // namespace

std::string write_scenario_yaml(const FittedModel& m) {
  if (!m.desk_fits.empty()) return write_desks_yaml(m);
  std::string y;
  auto line = [&y](const std::string& s) { y += s + "\n"; };
  const double weeks = m.days / 7.0;
  const double per_week = static_cast<double>(m.calls) / weeks;

  line(fmt::format("# Fitted by `escalsim fit` from {} (map: {}),", m.log_path, m.map_path));
  line(fmt::format("# calls from {} to {} ({} days).", m.first_day, m.last_day, m.days));
  line("# A call here is one that asked for an agent: it was served, or it hung up in the");
  line("# queue. Every number below says where it came from; `escalsim fit --help` says how.");
  line("# The simulated week starts on a Monday at 00:00, as the pattern and shifts do.");
  line("run:");
  line(fmt::format("  name: {}", m.name));
  line(fmt::format("  description: fitted from {} to {}", m.first_day, m.last_day));
  line(fmt::format("  horizon: {} days   # the fitted period's length", m.days));
  line("  warmup: 0 min      # the log's days start empty at night, as the run does");
  line("  seed: 1");
  line("  replications: 10");
  line("");
  const bool priority = m.priorities_mapped && m.high_priority > 0 && m.high_priority < m.calls;
  auto pattern_lines = [&](const std::array<double, kHoursPerWeek>& per_hour,
                           const std::string& indent) {
    line(indent + "pattern:");
    for (int d = 0; d < 7; ++d) {
      std::string row;
      for (int h = 0; h < 24; ++h) {
        row += fmt::format("{}{:.4g}", h == 0 ? "" : ", ",
                           per_hour[static_cast<std::size_t>(d * 24 + h)]);
      }
      line(fmt::format("{}  {}: [{}]", indent, kDays[d], row));
    }
  };
  // Shares in millionths, so that they sum to exactly 1 (the largest takes the rounding).
  auto severity_line = [&](std::int64_t high, std::int64_t calls, const std::string& indent) {
    const std::int64_t micro =
        std::llround(1e6 * static_cast<double>(high) / static_cast<double>(calls));
    line(fmt::format("{}severity: {{minor: {:.6f}, serious: {:.6f}}}", indent,
                     static_cast<double>(1000000 - micro) / 1e6,
                     static_cast<double>(micro) / 1e6));
  };

  line("demand:");
  if (m.class_fits.size() >= 2) {
    line("  # One stream per call class (the map's `class` column), each with its own rate and");
    line("  # weekly pattern: calls of that class that asked for an agent in each hour of the");
    line("  # week / the times the hour occurs (the loader scales the pattern to the rate).");
    line("  # The class mix is the streams' rates. All enter the one desk, which has a single");
    line("  # handle time: the scenario model has no handle time per class at a shared desk, so");
    line("  # the per-class fits are in the comments and in fit_report.html, not in the model.");
    const std::vector<std::string> names = stream_names(m);
    for (std::size_t i = 0; i < m.class_fits.size(); ++i) {
      const ClassFit& c = m.class_fits[i];
      const double share = static_cast<double>(c.calls) / static_cast<double>(m.calls);
      line(fmt::format("  - name: {}", names[i]));
      line("    enters: agents");
      line(fmt::format("    rate: {:.10g} per week   # {} calls of class {} over {} days; {:.4f} "
                       "of all calls",
                       static_cast<double>(c.calls) / weeks, c.calls, c.name, m.days, share));
      pattern_lines(c.calls_per_hour, "    ");
      line(fmt::format("    channels: {{{}: 1}}", names[i]));
      if (priority && c.high_priority > 0) {
        line(fmt::format("    # {} of its {} calls had a high priority: `serious`, served first.",
                         c.high_priority, c.calls));
        severity_line(c.high_priority, c.calls, "    ");
      }
      if (!c.handle_fits.empty()) {
        line(fmt::format("    # its handle time ({} services): {}", c.handle_n,
                         fit_line(c.handle_fits.front())));
      }
    }
  } else {
    line("  enters: agents");
    line(fmt::format("  rate: {:.10g} per week   # {} calls over {} days ({:.4g} weeks)",
                     per_week, m.calls, m.days, weeks));
    line("  # Mean calls in each hour of the week over the period (the loader scales them to the");
    line("  # rate): calls that asked for an agent in that hour / the times the hour occurs.");
    pattern_lines(m.calls_per_hour, "  ");
    if (!m.classes.empty()) {
      line("  # The call classes (the map's `class` column) as channels: their shares of calls.");
      std::string parts;
      std::int64_t rounded_total = 0;
      std::vector<std::int64_t> micro;
      for (const auto& [name, count] : m.classes) {
        micro.push_back(
            std::llround(1e6 * static_cast<double>(count) / static_cast<double>(m.calls)));
        rounded_total += micro.back();
      }
      micro.front() += 1000000 - rounded_total;  // the largest class takes the rounding
      for (std::size_t i = 0; i < m.classes.size(); ++i) {
        parts += fmt::format("{}{}: {:.6f}", i == 0 ? "" : ", ",
                             channel_name(m.classes[i].first),
                             static_cast<double>(micro[i]) / 1e6);
      }
      line(fmt::format("  channels: {{{}}}", parts));
      std::string counts;
      for (const auto& [name, count] : m.classes) {
        counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", channel_name(name), count);
      }
      line(fmt::format("  # calls by class: {}", counts));
    }
    if (priority) {
      line(fmt::format("  # {} of {} calls had a priority the map lists as high; they are",
                       m.high_priority, m.calls));
      line("  # `serious` here and the desk serves them first (discipline: priority).");
      severity_line(m.high_priority, m.calls, "  ");
    }
  }
  for (const std::string& note : unsupported_notes(m)) line("# Not modelled: " + note);
  line("");
  line("desks:");
  line("  agents:");
  line("    # Staffing is inferred: in each hour of each day, the agents seen serving (distinct");
  line("    # names in the map's `agent` column), averaged over the days, rounded; at least 1 in");
  line("    # an hour with calls. `escalsim fit` prints the table beside the agents serving at");
  line("    # once (agent-time serving / hour), a lower bound.");
  for (const std::string& note : m.staff_notes) line("    # " + note);
  line("    shifts:");
  y += shifts_yaml(m.staff.staff, "      ");
  if (!m.handle_fits.empty()) {
    const DurationFit& best = m.handle_fits.front();
    line(fmt::format("    # Handle time: maximum likelihood on {} services, the family with the",
                     m.handle_n));
    line("    # smallest AIC (2 parameters - 2 log-likelihood). All three:");
    for (const DurationFit& f : m.handle_fits) line("    #   " + fit_line(f));
    std::string deciles;
    for (std::size_t i = 0; i < m.handle_deciles.size(); ++i) {
      deciles += fmt::format("{}{:.0f}", i == 0 ? "" : ", ", m.handle_deciles[i]);
    }
    line(fmt::format("    #   empirical deciles (s): {}", deciles));
    line(fmt::format("    handle_time: {}", handle_time_yaml(best)));
  }
  line(fmt::format("    # Patience: exponential MLE from censored waits: {} abandonments over {:.0f} s",
                   m.abandoned, m.waited_s));
  line(fmt::format("    # waited by {} calls (a served call's patience outlasted its wait);",
                   m.waits));
  line(fmt::format("    # mean {:.1f} s, standard error {:.1f} s. Kaplan-Meier: {:.3f} still patient at 60 s;",
                   m.patience_mean_s, m.patience_se_s, m.km_survival_60s));
  line(m.km_median_s >= 0 ? fmt::format("    # median patience {:.0f} s.", m.km_median_s)
                          : "    # the median patience is beyond the longest wait.");
  if (std::isfinite(m.patience_mean_s) && m.patience_mean_s > 0) {
    line(fmt::format("    patience: {{distribution: exponential, mean: {:.1f} s}}",
                     m.patience_mean_s));
  } else {
    line("    patience: none   # no call abandoned in the queue");
  }
  line(fmt::format("    discipline: {}{}", priority ? "priority" : "fifo",
                   priority ? "   # priority customers (severity serious) first, FIFO within"
                            : ""));
  return y;
}

}  // namespace escalsim::detail
