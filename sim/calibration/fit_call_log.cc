// `escalsim fit`: one pass over the log feeding the estimators, then the scenario and the
// report. Nothing per row is kept: counts per distinct value, per hour and per agent-hour.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/core.h>

#include "calibration/call_log.h"
#include "calibration/estimators.h"
#include "calibration/fit_report.h"
#include "calibration/log_map.h"
#include "calibration/scenario_writer.h"
#include "calibration/staff_calibration.h"
#include "calibration/staff_inference.h"
#include "calibration/weekly_profile.h"
#include "escalsim/calibration.h"
#include "escalsim/errors.h"

namespace escalsim {
namespace {

using namespace detail;

std::optional<std::int64_t> day_option(const std::optional<std::string>& text,
                                       const char* flag) {
  if (!text) return std::nullopt;
  const std::int64_t day = parse_day(*text);
  if (day < 0) {
    throw Error(fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", flag, *text));
  }
  return day;
}

std::string run_name(const std::string& log_path) {
  std::string stem = std::filesystem::path(log_path).stem().string();
  for (char& c : stem) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '-' && c != '_' && c != '.') c = '_';
  }
  return stem.empty() ? "fitted" : "fitted-" + stem;
}

}  // namespace

FitOutcome fit_call_log(const FitRequest& request) {
  const std::optional<std::int64_t> from = day_option(request.from, "--from");
  const std::optional<std::int64_t> to = day_option(request.to, "--to");
  if (from && to && *to < *from) {
    throw Error(fmt::format("--to {} is before --from {}", *request.to, *request.from));
  }
  const LogMap map = load_log_map(request.map_path);

  std::int64_t rows = 0;
  std::map<std::string, std::int64_t> dropped;       // reason -> rows
  std::map<std::string, std::int64_t> not_in_handle;  // reason -> served calls
  // Per class: calls, high priority, arrivals by hour and handle times.
  struct ClassData {
    std::int64_t calls = 0;
    std::int64_t high = 0;
    WeeklyProfile arrivals;
    DurationSample handle;
  };
  std::map<std::string, ClassData, std::less<>> classes;
  // Per desk (the map's desk column): the calls that came to it, its services, waits and
  // agents, and where its served calls were passed on to.
  struct DeskData {
    std::int64_t calls = 0, high = 0, served = 0;
    WeeklyProfile arrivals;
    DurationSample handle;
    CensoredSample patience;
    StaffInference staff;
    std::map<std::string, std::int64_t, std::less<>> passed_to;
  };
  std::map<std::string, DeskData, std::less<>> desks;
  std::int64_t calls = 0, served = 0, abandoned = 0, high = 0;
  std::int64_t first_day = INT64_MAX, last_day = INT64_MIN;
  WeeklyProfile arrivals, abandons, waits;
  StaffInference staff;
  DurationSample handle;
  CensoredSample patience;

  read_call_log(request.log_path, map, [&](const CallRecord& r) {
    ++rows;
    if (r.outcome == CallOutcome::kDropped) {
      ++dropped[fmt::format("outcome {} (the map's outcomes.drop)", r.outcome_text)];
      return;
    }
    if (r.outcome == CallOutcome::kLeftEarly) {
      ++dropped["hung up before queueing: never asked for an agent"];
      return;
    }
    if ((from && r.day < *from) || (to && r.day > *to)) {
      ++dropped["outside --from/--to"];
      return;
    }
    ++calls;
    first_day = std::min(first_day, r.day);
    last_day = std::max(last_day, r.day);
    arrivals.add(r.day, r.arrival_s);
    ClassData* cls = nullptr;
    if (!map.call_class.empty()) {
      auto it = classes.find(r.call_class);
      if (it == classes.end()) it = classes.emplace(std::string(r.call_class), ClassData{}).first;
      cls = &it->second;
      ++cls->calls;
      cls->arrivals.add(r.day, r.arrival_s);
      if (r.high_priority) ++cls->high;
    }
    if (r.high_priority) ++high;
    const bool was_served = r.outcome == CallOutcome::kServed;
    if (!map.desk.empty()) {
      auto it = desks.find(r.desk);
      if (it == desks.end()) it = desks.emplace(std::string(r.desk), DeskData{}).first;
      DeskData& d = it->second;
      ++d.calls;
      d.arrivals.add(r.day, r.arrival_s);
      if (r.high_priority) ++d.high;
      d.patience.add(r.wait_s, !was_served);
      if (was_served) {
        ++d.served;
        if (!r.transfer.empty()) ++d.passed_to[std::string(r.transfer)];
        if (r.service_start_s >= 0 && r.service_end_s > r.service_start_s) {
          d.staff.add_service(r.day, r.service_start_s, r.service_end_s, r.agent);
        }
        if (r.handle_s > 0 && !(!map.agent.empty() && r.agent.empty())) d.handle.add(r.handle_s);
      }
    }
    (was_served ? served : abandoned) += 1;
    if (!was_served) abandons.add(r.day, r.arrival_s);
    waits.add(r.day, r.arrival_s, r.wait_s);
    patience.add(r.wait_s, !was_served);
    if (!was_served) return;
    if (r.service_start_s >= 0 && r.service_end_s > r.service_start_s) {
      staff.add_service(r.day, r.service_start_s, r.service_end_s, r.agent);
    }
    if (!map.agent.empty() && r.agent.empty()) {
      ++not_in_handle[fmt::format("served with no agent ({})", map.no_agent)];
    } else if (r.handle_s <= 0) {
      ++not_in_handle["handle time 0"];
    } else {
      handle.add(r.handle_s);
      if (cls != nullptr) cls->handle.add(r.handle_s);
    }
  });

  if (calls == 0) {
    throw Error(fmt::format("{}: no call asked for an agent{}", request.log_path,
                            from || to ? " between --from and --to" : ""));
  }
  if (from) first_day = *from;
  if (to) last_day = *to;

  FittedModel m;
  m.name = run_name(request.log_path);
  m.log_path = request.log_path;
  m.map_path = request.map_path;
  m.first_day = format_day(first_day);
  m.last_day = format_day(last_day);
  m.days = static_cast<int>(last_day - first_day + 1);
  m.calls = calls;
  m.calls_per_hour = arrivals.mean_per_hour(first_day, last_day);
  for (const auto& [name, data] : classes) m.classes.emplace_back(name, data.calls);
  std::stable_sort(m.classes.begin(), m.classes.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<const DurationSample*> class_handle;
  if (classes.size() >= 2) {
    for (const auto& [name, count] : m.classes) {
      const ClassData& data = classes.find(name)->second;
      ClassFit c;
      c.name = name;
      c.calls = data.calls;
      c.calls_per_hour = data.arrivals.mean_per_hour(first_day, last_day);
      c.high_priority = data.high;
      c.handle_n = data.handle.size();
      // Two distinct values at least: a lognormal of one value has no spread to fit.
      if (data.handle.counts().size() >= 2) c.handle_fits = fit_all(data.handle);
      m.class_fits.push_back(std::move(c));
      class_handle.push_back(&data.handle);
    }
  }
  m.high_priority = high;
  m.priorities_mapped = !map.priority.empty() && !map.high_priority.empty();
  m.handle_n = handle.size();
  if (handle.size() >= 2) {
    m.handle_fits = fit_all(handle);
    for (std::size_t i = 0; i < m.handle_deciles.size(); ++i) {
      m.handle_deciles[i] = handle.quantile(0.1 * static_cast<double>(i + 1));
    }
  }
  m.patience_mean_s = patience.exponential_mean_s();
  m.patience_se_s = patience.exponential_mean_se_s();
  m.abandoned = patience.events();
  m.waits = patience.size();
  m.waited_s = patience.exposure_s();
  m.km_median_s = patience.kaplan_meier_median_s();
  m.km_survival_60s = patience.kaplan_meier(60.0);
  m.staff = staff.table(first_day, last_day, m.calls_per_hour);
  const std::array<int, kHoursPerWeek> staff_inferred = m.staff.staff;
  if (!map.desk.empty()) {
    // Desks that only received transfers are desks too.
    std::map<std::string, std::int64_t> order;
    for (const auto& [name, d] : desks) {
      order[name] += d.calls;
      for (const auto& [to, n] : d.passed_to) order.emplace(to, 0);
    }
    std::vector<std::pair<std::string, std::int64_t>> by_calls(order.begin(), order.end());
    std::stable_sort(by_calls.begin(), by_calls.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [name, calls] : by_calls) {
      DeskFit f;
      f.name = name;
      const auto it = desks.find(name);
      if (it != desks.end()) {
        const DeskData& d = it->second;
        f.calls = d.calls;
        f.calls_per_hour = d.arrivals.mean_per_hour(first_day, last_day);
        f.high_priority = d.high;
        f.handle_n = d.handle.size();
        if (d.handle.counts().size() >= 2) f.handle_fits = fit_all(d.handle);
        f.patience_mean_s = d.patience.exponential_mean_s();
        f.abandoned = d.patience.events();
        f.staff = d.staff.table(first_day, last_day, f.calls_per_hour);
        for (const auto& [to, n] : d.passed_to) {
          m.routes.push_back({name, to, n, d.served});
        }
      }
      m.desk_fits.push_back(std::move(f));
    }
    if (request.calibrate_rounds > 0) {
      throw Error(fmt::format("--calibrate adjusts the staff of one desk; the map {} names a "
                              "desk column ({} desks): fit without --calibrate",
                              request.map_path, m.desk_fits.size()));
    }
  }
  std::optional<StaffCalibration> calibration;
  if (request.calibrate_rounds > 0) {
    HourFigures observed;
    observed.calls = m.calls_per_hour;
    observed.abandoned = abandons.mean_per_hour(first_day, last_day);
    observed.wait_s = waits.mean_per_hour(first_day, last_day);
    calibration = calibrate_staff(m, observed, request.replications, request.calibrate_rounds);
    const StaffCalibration& c = *calibration;
    m.staff_notes = {
        fmt::format("Calibrated by simulation (escalsim fit --calibrate {}): {} rounds of {} "
                    "replications on",
                    request.calibrate_rounds, c.rounds, request.replications),
        fmt::format("the same seeds; round {} kept. Per hour of the week, one agent added where "
                    "the simulation",
                    c.best_round),
        "waited or abandoned more than the log (by 0.03 of abandonment plus 15 s of wait), one",
        fmt::format("taken where less: {} agent-hours a week added, {} removed. Abandonment: "
                    "inferred staff {:.3f},",
                    c.agent_hours_added, c.agent_hours_removed, c.abandonment_before),
        fmt::format("calibrated {:.3f}, log {:.3f}; mean wait: {:.1f} s, {:.1f} s, log {:.1f} s.",
                    c.abandonment_after, c.abandonment_log, c.wait_before_s, c.wait_after_s,
                    c.wait_log_s)};
    m.staff.staff = c.staff;
  }

  FitOutcome out;
  out.scenario_yaml = write_scenario_yaml(m);
  FitReportInputs report;
  report.model = &m;
  report.rows_read = rows;
  report.dropped = dropped;
  report.not_in_handle = not_in_handle;
  report.served = served;
  report.abandoned = abandoned;
  report.handle = &handle;
  report.class_handle = class_handle;
  report.patience = &patience;
  report.arrivals = &arrivals;
  report.first_day = first_day;
  report.last_day = last_day;
  report.staff_inferred = staff_inferred;
  report.calibration = calibration;
  FitReport written = write_fit_report(report);
  out.report_json = std::move(written.json);
  out.report_html = std::move(written.html);
  std::string& s = out.summary;
  s += fmt::format("Read {}: {} rows.\n", request.log_path, rows);
  s += fmt::format("Period {} to {} ({} days): {} calls asked for an agent ({} served, {} "
                   "abandoned in the queue: {:.2f}%).\n",
                   m.first_day, m.last_day, m.days, calls, served, abandoned,
                   100.0 * static_cast<double>(abandoned) / static_cast<double>(calls));
  s += "Rows left out, by reason:\n";
  if (dropped.empty()) s += "  none\n";
  for (const auto& [reason, n] : dropped) s += fmt::format("  {:>7}  {}\n", n, reason);
  s += fmt::format("Handle time, {} services", m.handle_n);
  for (const auto& [reason, n] : not_in_handle) s += fmt::format("; left out {}: {}", reason, n);
  s += " (best first, by AIC):\n";
  for (const DurationFit& f : m.handle_fits) {
    std::string params;
    if (f.family == Family::kGamma) params = fmt::format("  shape {:.3f}", f.shape);
    if (f.family == Family::kLognormal) params = fmt::format("  sd {:.1f} s", f.sd_s);
    s += fmt::format("  {:<11}  mean {:6.1f} s (se {:.1f}){}  AIC {:.1f}  KS {:.3f}\n",
                     family_name(f.family), f.mean_s, f.mean_se_s, params, f.aic,
                     f.ks_distance);
  }
  if (!m.class_fits.empty()) {
    s += fmt::format("Per class ({} demand streams; handle time: the chosen fit):\n",
                     m.class_fits.size());
    for (const ClassFit& c : m.class_fits) {
      s += fmt::format("  {:<10} {:>7} calls  {:8.1f} per week  {:5.1f}% high priority",
                       c.name, c.calls, static_cast<double>(c.calls) / (m.days / 7.0),
                       100.0 * static_cast<double>(c.high_priority) /
                           static_cast<double>(c.calls));
      if (!c.handle_fits.empty()) {
        const DurationFit& f = c.handle_fits.front();
        s += fmt::format("  handle {} mean {:.1f} s (se {:.1f}), KS {:.3f}", family_name(f.family),
                         f.mean_s, f.mean_se_s, f.ks_distance);
      }
      s += "\n";
    }
  }
  if (!m.desk_fits.empty()) {
    s += fmt::format("Desks ({}; the map's desk column) and routing shares:\n", m.desk_fits.size());
    for (const DeskFit& d : m.desk_fits) {
      s += fmt::format("  {:<12} {:>7} calls came here first", d.name, d.calls);
      if (!d.handle_fits.empty()) {
        s += fmt::format("; handle {} mean {:.1f} s", family_name(d.handle_fits.front().family),
                         d.handle_fits.front().mean_s);
      }
      s += "\n";
    }
    for (const RouteFit& r : m.routes) {
      s += fmt::format("  {} -> {}: {} of {} served ({:.4f})\n", r.from, r.to, r.transferred,
                       r.served, r.share());
    }
  }
  for (const std::string& note : unsupported_notes(m)) s += "Not modelled: " + note + "\n";
  s += fmt::format("Patience: exponential mean {:.1f} s (se {:.1f}) from {} abandonments in "
                   "{:.0f} s of waiting by {} calls; Kaplan-Meier: {:.3f} patient at 60 s, "
                   "median {}.\n",
                   m.patience_mean_s, m.patience_se_s, m.abandoned, m.waited_s, m.waits,
                   m.km_survival_60s,
                   m.km_median_s >= 0 ? fmt::format("{:.0f} s", m.km_median_s)
                                      : std::string("beyond the longest wait"));
  if (calibration) {
    for (const std::string& note : m.staff_notes) s += note + "\n";
  }
  s += fmt::format("Staff by hour ({}; below: agents serving at once):\n",
                   calibration ? "calibrated" : "agents seen serving, rounded");
  static const char* const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  s += "       ";
  for (int h = 0; h < 24; ++h) s += fmt::format("{:>3}", h);
  s += "\n";
  for (int d = 0; d < 7; ++d) {
    std::string seen, busy;
    for (int h = 0; h < 24; ++h) {
      const auto i = static_cast<std::size_t>(d * 24 + h);
      seen += fmt::format("{:>3}", m.staff.staff[i]);
      busy += fmt::format("{:>3.0f}", m.staff.busy_at_once[i]);
    }
    s += fmt::format("  {}  {}\n       {}\n", days[d], seen, busy);
  }
  return out;
}

}  // namespace escalsim
