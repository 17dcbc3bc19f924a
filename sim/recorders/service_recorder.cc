// Service levels: counters per desk, channel and stream, and hour-of-week bins.
#include "recorders/service_recorder.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "escalsim/metric_names.h"
#include "escalsim/units.h"
#include "recorders/metric_list.h"

namespace escalsim {

ServiceRecorder::ServiceRecorder(const Scenario& scenario)
    : scenario_(scenario), measured_from_min_(std::numeric_limits<double>::infinity()) {
  for (const Desk& d : scenario.desks) {
    add_group(groups_.size(), d.service_level.empty() ? scenario.service_level : d.service_level);
  }
  channels_at_ = groups_.size();
  for (std::size_t c = 0; c < scenario.channels.size(); ++c) {
    const bool own = c < scenario.channel_service_level.size() &&
                     !scenario.channel_service_level[c].empty();
    add_group(groups_.size(), own ? scenario.channel_service_level[c] : scenario.service_level);
  }
  streams_at_ = groups_.size();
  for (std::size_t s = 0; s < scenario.demand.size(); ++s) {
    add_group(groups_.size(), scenario.service_level);
  }
  hours_.resize(scenario.desks.size() + 1);
  hours_[0].scope = metric::kComplaints;
  for (std::size_t d = 0; d < scenario.desks.size(); ++d) {
    hours_[d + 1].scope = metric::kDeskPrefix + scenario.desks[d].name;
  }
}

void ServiceRecorder::add_group(std::size_t g, const std::vector<Duration>& targets) {
  groups_.resize(g + 1);
  groups_[g].first_target = targets_min_.size();
  groups_[g].targets = targets.size();
  for (Duration t : targets) targets_min_.push_back(t.in_minutes());
  within_.resize(targets_min_.size(), 0);
}

void ServiceRecorder::on_desk_arrival(const Complaint& c, int desk, ArrivalWay /*way*/) {
  if (!measured(c)) return;
  const int hour = c.desk_arrived_hour;
  ++groups_[static_cast<std::size_t>(desk)].arrivals;
  ++hours_[static_cast<std::size_t>(desk) + 1].arrivals[hour];
  if (c.visits == 1) {
    if (c.channel < streams_at_ - channels_at_) ++groups_[channels_at_ + c.channel].arrivals;
    if (streams_at_ + c.demand_stream < groups_.size()) {
      ++groups_[streams_at_ + c.demand_stream].arrivals;
    }
    ++hours_[0].arrivals[hour];
  }
}

inline void ServiceRecorder::wait_ended(std::size_t g, double wait_min, bool answered) {
  Group& group = groups_[g];
  group.wait_sum_min += wait_min;
  if (!answered) {
    ++group.abandoned;
    return;
  }
  ++group.answered;
  group.answered_wait_sum_min += wait_min;
  for (std::size_t k = group.first_target; k < group.first_target + group.targets; ++k) {
    if (wait_min <= targets_min_[k]) ++within_[k];
  }
}

void ServiceRecorder::wait_ended_hour(HourOfWeekCounts& h, int hour, double wait_min,
                                      bool answered) {
  ++(answered ? h.answered : h.abandoned)[hour];
  h.wait_sum_min[hour] += wait_min;
}

void ServiceRecorder::on_wait_end(const Complaint& c, int desk, double wait_min, bool served) {
  if (!measured(c)) return;
  const int hour = c.desk_arrived_hour;
  wait_ended(static_cast<std::size_t>(desk), wait_min, served);
  HourOfWeekCounts& desk_hours = hours_[static_cast<std::size_t>(desk) + 1];
  wait_ended_hour(desk_hours, hour, wait_min, served);
  const Group& group = groups_[static_cast<std::size_t>(desk)];
  if (served && group.targets > 0 && wait_min <= targets_min_[group.first_target]) {
    ++desk_hours.answered_within_first_target[hour];
  }
  if (c.visits == 1) {
    if (c.channel < streams_at_ - channels_at_) wait_ended(channels_at_ + c.channel, wait_min, served);
    if (streams_at_ + c.demand_stream < groups_.size()) {
      wait_ended(streams_at_ + c.demand_stream, wait_min, served);
    }
    wait_ended_hour(hours_[0], hour, wait_min, served);
  }
}

void ServiceRecorder::on_visit_end(const Complaint& c, int desk, VisitEnd how, bool /*resolved*/,
                                   double /*sojourn_min*/) {
  if (how != VisitEnd::kRefused || !measured(c)) return;
  ++groups_[static_cast<std::size_t>(desk)].refused;
  if (c.visits == 1) {
    if (c.channel < streams_at_ - channels_at_) ++groups_[channels_at_ + c.channel].refused;
    if (streams_at_ + c.demand_stream < groups_.size()) ++groups_[streams_at_ + c.demand_stream].refused;
  }
}

namespace {

double ratio(double a, std::int64_t b) { return b > 0 ? a / static_cast<double>(b) : 0.0; }

}  // namespace

void ServiceRecorder::add_results(RunResult& run) const {
  detail::MetricList m(run.extra);
  // The figures every group has; `full` adds the counts a desk scope already has.
  const auto scoped = [&](const std::string& scope, const Group& g, bool full) {
    m.scope(scope);
    const std::int64_t ended = g.answered + g.abandoned;
    if (full) {
      m.add(metric::kArrivals, g.arrivals);
      m.add(metric::kRefused, g.refused);
      m.add(metric::kAbandoned, g.abandoned);
      m.add(metric::kWaitMeanMin, ratio(g.wait_sum_min, ended));
    }
    m.add(metric::kAnswered, g.answered);
    m.add(metric::kSpeedOfAnswerMin, ratio(g.answered_wait_sum_min, g.answered));
    m.add(metric::kAbandonment, ratio(static_cast<double>(g.abandoned), ended));
    for (std::size_t k = g.first_target; k < g.first_target + g.targets; ++k) {
      run.extra.push_back(
          Metric{scope, metric::kServiceLevelPrefix + metric::service_level_label(targets_min_[k]),
                 ratio(static_cast<double>(within_[k]), ended)});
    }
  };
  for (std::size_t d = 0; d < scenario_.desks.size(); ++d) {
    const std::string scope = metric::kDeskPrefix + scenario_.desks[d].name;
    scoped(scope, groups_[d], false);
    if (d < run.desks.size()) {
      for (int s = 0; s < kSeverityCount; ++s) {
        run.extra.push_back(Metric{scope,
                                   metric::kWaitMeanMinPrefix +
                                       std::string(severity_name(static_cast<Severity>(s))),
                                   run.desks[d].wait_mean_by_severity[s].in_minutes()});
      }
    }
  }
  for (std::size_t c = 0; c < scenario_.channels.size(); ++c) {
    scoped(metric::kChannelPrefix + scenario_.channels[c], groups_[channels_at_ + c], true);
  }
  for (std::size_t s = 0; s < scenario_.demand.size(); ++s) {
    scoped(metric::kStreamPrefix + scenario_.demand[s].name, groups_[streams_at_ + s], true);
  }
  run.by_hour_of_week = hours_;
}

}  // namespace escalsim
