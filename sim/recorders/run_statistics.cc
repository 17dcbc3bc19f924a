// Streaming statistics: counters, time integrals of levels, histograms and fixed bins,
// backlog and queue samples, the executive's weeks.
#include "recorders/run_statistics.h"

#include <algorithm>
#include <cmath>

#include "escalsim/units.h"

namespace escalsim {
namespace {

std::int64_t week_of(double minutes) {
  return static_cast<std::int64_t>(std::floor(minutes / kWeekMin));
}

// Least-squares slope of y against x; 0 with fewer than two points.
double slope(const std::vector<double>& x, const std::vector<std::int32_t>& y) {
  std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0.0;
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  return sxx > 0.0 ? sxy / sxx : 0.0;
}

}  // namespace

RunStatistics::RunStatistics(const Scenario& scenario)
    : scenario_(scenario),
      desks_(scenario.desks.size()),
      samples_(scenario.desks.size()),
      queue_samples_(scenario.desks.size()) {
  for (std::size_t i = 0; i < desks_.size(); ++i) {
    desks_[i].result.name = scenario.desks[i].name;
    desks_[i].result.executive = scenario.desks[i].is_executive();
  }
}

void RunStatistics::on_measuring_start(double now_min) {
  measuring_ = true;
  measured_from_min_ = now_min;
  first_week_ = week_of(now_min);
  for (DeskTrack& d : desks_) d.since_min = now_min;
}

void RunStatistics::on_wait_end(const Complaint& c, int desk, double wait_min, bool /*served*/) {
  const Severity severity = c.severity;
  if (!measuring_) return;
  DeskTrack& d = desks_[desk];
  d.wait.add(wait_min);
  ++d.wait_bins[duration_bin(wait_min)];
  if (wait_min > 0.0) ++d.waited_positive;
  int s = static_cast<int>(severity);
  d.wait_sum_by_severity[s] += wait_min;
  ++d.result.wait_count_by_severity[s];
}

void RunStatistics::on_visit_end(const Complaint& /*c*/, int desk, VisitEnd how, bool resolved,
                                 double sojourn_min) {
  if (!measuring_) return;
  DeskTrack& d = desks_[desk];
  switch (how) {
    case VisitEnd::kServed:
      ++d.result.served;
      if (resolved) ++d.result.resolved;
      break;
    case VisitEnd::kAbandoned: ++d.result.abandoned; break;
    case VisitEnd::kRefused: ++d.result.refused; break;
    case VisitEnd::kHandedBack: ++d.result.handed_back; break;
    case VisitEnd::kDeclined: ++d.result.declined; break;
  }
  d.sojourn_sum_min += sojourn_min;
  ++d.result.sojourn_count;
}

void RunStatistics::on_executive_charge(int desk, double now_min, double charged_min,
                                      double overrun_min) {
  if (!measuring_) return;
  DeskTrack& d = desks_[desk];
  d.charged_min += charged_min;
  d.overrun_min += overrun_min;
  ++d.items;
  // Grown as weeks pass: at most one entry per week of the horizon.
  auto week = static_cast<std::size_t>(std::max<std::int64_t>(0, week_of(now_min) - first_week_));
  if (week >= d.items_by_week.size()) {
    d.charged_by_week_min.resize(week + 1, 0.0);
    d.items_by_week.resize(week + 1, 0);
  }
  d.charged_by_week_min[week] += charged_min;
  ++d.items_by_week[week];
}

void RunStatistics::on_executive_elsewhere(int desk, double now_min, double minutes,
                                        double overrun_min) {
  if (!measuring_) return;
  DeskTrack& d = desks_[desk];
  d.charged_min += minutes;
  d.overrun_min += overrun_min;
  d.elsewhere_min += minutes;
  auto week = static_cast<std::size_t>(std::max<std::int64_t>(0, week_of(now_min) - first_week_));
  if (week >= d.items_by_week.size()) {
    d.charged_by_week_min.resize(week + 1, 0.0);
    d.items_by_week.resize(week + 1, 0);
  }
  d.charged_by_week_min[week] += minutes;
}

void RunStatistics::on_executive_reply(const Complaint& c, int desk, double now_min) {
  if (measuring_) desks_[desk].reply.add(now_min - c.arrived_min);
}

void RunStatistics::on_complaint_arrival(const Complaint& c) {
  if (c.measured) ++complaints_.arrived;
}

void RunStatistics::on_complaint_open(const Complaint& c, double end_min) {
  const double age_min = end_min - c.arrived_min;
  desks_[c.desk].open_age.add(age_min);
  if (c.measured) open_age_.add(age_min);
}

void RunStatistics::on_complaint_end(const Complaint& c, FinalState state, double now_min) {
  if (!c.measured) return;
  switch (state) {
    case FinalState::kResolved:
      ++complaints_.resolved;
      time_to_resolution_.add(now_min - c.arrived_min);
      ++time_to_resolution_bins_[duration_bin(now_min - c.arrived_min)];
      break;
    case FinalState::kClosedUnresolved: ++complaints_.closed_unresolved; break;
    case FinalState::kAbandoned: ++complaints_.abandoned; break;
    case FinalState::kRefused: ++complaints_.refused; break;
  }
  time_in_system_.add(now_min - c.arrived_min);
  if (c.visits >= 2) ++escalated_;
  if (c.touched_executive) ++touched_executive_;
}

void RunStatistics::on_backlog_sample(double now_min, const std::vector<int>& backlog_by_desk) {
  sample_times_min_.push_back(now_min);
  for (std::size_t i = 0; i < backlog_by_desk.size(); ++i) {
    samples_[i].push_back(static_cast<std::int32_t>(backlog_by_desk[i]));
  }
  for (std::size_t i = 0; i < desks_.size(); ++i) {
    queue_samples_[i].push_back(static_cast<std::int32_t>(desks_[i].levels.waiting));
  }
}

RunResult RunStatistics::finish(double end_min, const std::vector<int>& backlog_by_desk) {
  RunResult run;
  run.measured_from = SimTime::minutes(measured_from_min_);
  run.measured_to = SimTime::minutes(end_min);
  double span_min = end_min - measured_from_min_;

  std::vector<double> sample_weeks;
  for (double t : sample_times_min_) sample_weeks.push_back(t / kWeekMin);

  for (std::size_t i = 0; i < desks_.size(); ++i) {
    DeskTrack& d = desks_[i];
    if (measuring_) integrate(d, end_min);
    d.since_min = end_min;
    DeskResult r = d.result;
    r.utilisation = d.available_area > 0.0 ? d.busy_area / d.available_area : 0.0;
    if (span_min > 0.0) {
      r.mean_staff = d.staff_area / span_min;
      r.mean_queue = d.waiting_area / span_min;
      r.mean_in_desk = d.in_desk_area / span_min;
    }
    r.wait = d.wait.summary();
    r.open_age = d.open_age.summary();
    r.wait_bins = d.wait_bins;
    std::int64_t wait_ends = d.wait.count();
    r.waited_share = wait_ends ? static_cast<double>(d.waited_positive) / wait_ends : 0.0;
    for (int s = 0; s < kSeverityCount; ++s) {
      std::int64_t n = r.wait_count_by_severity[s];
      r.wait_mean_by_severity[s] = Duration::minutes(n ? d.wait_sum_by_severity[s] / n : 0.0);
    }
    r.sojourn_mean = Duration::minutes(r.sojourn_count ? d.sojourn_sum_min / r.sojourn_count : 0.0);
    r.backlog_at_end = backlog_by_desk[i];
    r.backlog_growth_per_week = slope(sample_weeks, samples_[i]);
    run.desks.push_back(r);

    const Desk& spec = scenario_.desks[i];
    if (spec.is_executive()) {
      ExecutiveResult e;
      e.desk = spec.name;
      if (spec.executive->per_week) {
        e.budget = *spec.executive->per_week * (span_min / kWeekMin);
      }
      e.used = Duration::minutes(d.charged_min);
      e.overrun = Duration::minutes(d.overrun_min);
      e.elsewhere = Duration::minutes(d.elsewhere_min);
      e.items = d.items;
      e.arrivals_by_way = d.arrivals_by_way;
      e.window_utilisation = r.utilisation;
      if (spec.executive->per_week) {
        e.budget_used_share = e.budget.in_minutes() > 0.0 ? d.charged_min / e.budget.in_minutes()
                                                           : 0.0;
      } else if (spec.executive->items_per_month) {
        const double offered = *spec.executive->items_per_month * (span_min / kMonth.in_minutes());
        e.budget_used_share = offered > 0.0 ? static_cast<double>(d.items) / offered : 0.0;
      }
      // An executive's utilisation is its budget used, so it compares with staff desks;
      // busy time inside its windows is window_utilisation.
      run.desks.back().utilisation = e.budget_used_share;
      e.reply = d.reply.summary();
      e.backlog_growth_per_week = r.backlog_growth_per_week;
      e.budget_per_week = spec.executive->per_week;
      e.first_week = static_cast<int>(first_week_);
      // Weeks from the one holding the start of the span to the one holding its last
      // moment; a charge at the end itself (on a week boundary) folds into the last.
      std::int64_t weeks = std::max<std::int64_t>(
          1, static_cast<std::int64_t>(std::ceil(end_min / kWeekMin)) - first_week_);
      std::vector<double> charged = d.charged_by_week_min;
      std::vector<std::int64_t> items = d.items_by_week;
      const auto n = static_cast<std::size_t>(weeks);
      for (std::size_t w = n; w < charged.size(); ++w) {
        charged[n - 1] += charged[w];
        items[n - 1] += items[w];
      }
      charged.resize(n, 0.0);
      items.resize(n, 0);
      for (double minutes : charged) e.used_by_week.push_back(Duration::minutes(minutes));
      e.items_by_week = std::move(items);
      run.executives.push_back(e);
    }
  }

  ComplaintResult c = complaints_;
  std::int64_t ended = c.resolved + c.closed_unresolved + c.abandoned + c.refused;
  c.open_at_end = c.arrived - ended;
  c.time_to_resolution = time_to_resolution_.summary();
  c.time_to_resolution_bins = time_to_resolution_bins_;
  c.time_in_system = time_in_system_.summary();
  c.open_age = open_age_.summary();
  if (ended > 0) {
    c.resolution_rate = static_cast<double>(c.resolved) / ended;
    c.escalation_rate = static_cast<double>(escalated_) / ended;
    c.executive_share = static_cast<double>(touched_executive_) / ended;
  }
  run.complaints = c;

  run.backlog.interval = scenario_.run.sample_interval;
  run.backlog.first = SimTime::minutes(sample_times_min_.empty() ? 0.0 : sample_times_min_.front());
  run.backlog.by_desk = samples_;
  run.backlog.queue_by_desk = queue_samples_;
  return run;
}

}  // namespace escalsim
