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
#include "escalsim/run_observer.h"
#include "escalsim/scenario.h"

namespace escalsim {

class ServiceRecorder final : public RunObserver {
 public:
  explicit ServiceRecorder(const Scenario& scenario);

  // RunObserver (escalsim/run_observer.h says when each comes). Visits that arrive from
  // the start of measuring on are counted; a wait ended by service is an answer (0: at
  // once), one ended by patience an abandonment; a refusal found the queue full.
  void on_measuring_start(double now_min) override { measured_from_min_ = now_min; }
  void on_desk_arrival(const Complaint& c, int desk, ArrivalWay way) override;
  void on_wait_end(const Complaint& c, int desk, double wait_min, bool served) override;
  void on_visit_end(const Complaint& c, int desk, VisitEnd how, bool resolved,
                    double sojourn_min) override;

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
