// Service levels of one run: the share answered within each target, the speed of answer,
// abandonment, per desk, per channel and per demand stream, and the same by hour of the
// week.
//
// Populations. A desk's figures cover every visit that arrived at the desk after the warm-up
// (the figures are counted when its wait ends, in the group of its arrival). A channel's
// and a demand stream's figures cover each complaint's first visit (the desk its contact
// entered: first contacts and customers' returns), the answer a customer waits for first.
// Answered: service started. Abandoned: patience ran out in the queue. Refused (a full
// queue), handed back or declined (an executive's spent budget) and still waiting at the
// end are neither: they stay out of the service level and the abandonment probability.
//
// Memory is fixed per desk, channel and stream (counters, 168 hour bins per desk); every
// call is a few additions, bounded by the number of targets (at most 8).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/complaint.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {

class ServiceRecorder final {
 public:
  explicit ServiceRecorder(const Scenario& scenario);

  // Visits that arrive from `now_min` on are counted.
  void start_measuring(double now_min) { measured_from_min_ = now_min; }

  // `c` arrived at `desk` (c.desk_arrived_min and c.visits already set for this visit).
  void desk_arrival(int desk, const Complaint& c);
  // `c`'s service at `desk` started after `wait_min` in its queue (0: at once).
  void answered(int desk, const Complaint& c, double wait_min);
  // `c` left `desk`'s queue after `wait_min` when its patience ran out.
  void abandoned(int desk, const Complaint& c, double wait_min);
  // `c` found `desk`'s queue full.
  void refused(int desk, const Complaint& c);

  // Appends the figures to run.extra (desk scopes, then "channel:<c>", then "stream:<s>";
  // see metric_names.h) and fills run.by_hour_of_week. REQUIRES: run.desks filled (the
  // waits by severity are read from them).
  void add_results(RunResult& run) const;

 private:
  struct Group {
    std::int64_t arrivals = 0, refused = 0, answered = 0, abandoned = 0;
    double answered_wait_sum_min = 0.0;
    double wait_sum_min = 0.0;  // answered and abandoned
    std::size_t first_target = 0, targets = 0;  // into targets_min_ and within_
  };

  bool measured(const Complaint& c) const { return c.desk_arrived_min >= measured_from_min_; }
  static int hour_of_week(double t_min);
  void add_group(std::size_t g, const std::vector<Duration>& targets);
  void wait_ended(std::size_t g, double wait_min, bool answered);
  void wait_ended_hour(HourOfWeekCounts& h, int hour, double wait_min, bool answered);

  const Scenario& scenario_;
  double measured_from_min_;
  // Groups: desks [0, D), channels [D, D + C), streams [D + C, D + C + S).
  std::vector<Group> groups_;
  std::vector<double> targets_min_;
  std::vector<std::int64_t> within_;  // answered within each target, parallel to targets_min_
  std::size_t channels_at_ = 0, streams_at_ = 0;
  // [0]: "complaints" (first visits), then one per desk.
  std::vector<HourOfWeekCounts> hours_;
};

}  // namespace escalsim
