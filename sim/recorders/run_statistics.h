// The statistics of one run, streamed from the engine's lifecycle callbacks.
//
// Memory is fixed per desk (histograms, fixed bins, counters, time integrals) plus the
// backlog and queue series, which grow with horizon / sample interval, and the executive's
// weekly figures, which grow with horizon / week; never with the number of complaints.
// Nothing is counted before on_measuring_start() (the end of the warm-up).
#pragma once

#include <cstdint>
#include <vector>

#include "escalsim/complaint.h"
#include "escalsim/results.h"
#include "escalsim/run_observer.h"
#include "escalsim/scenario.h"
#include "recorders/duration_histogram.h"

namespace escalsim {

class RunStatistics final : public RunObserver {
 public:
  explicit RunStatistics(const Scenario& scenario);

  bool measuring() const { return measuring_; }
  // RunObserver: the lifecycle callbacks (escalsim/run_observer.h says when each comes).
  // Levels already set carry on into the measured time.
  void on_measuring_start(double now_min) override;
  void on_levels(int desk, double now_min, const DeskLevels& levels) override {
    DeskTrack& d = desks_[desk];
    if (measuring_) integrate(d, now_min);
    d.since_min = now_min;
    // Field by field: `levels` was just written field by field, and a copy of the whole
    // (two overlapping 8-byte reads) could not be forwarded from those writes, a stall
    // that cost 2% of the escalation model's time.
    d.levels.waiting = levels.waiting;
    d.levels.busy = levels.busy;
    d.levels.staff = levels.staff;
    d.levels.window_open = levels.window_open;
  }
  void on_desk_arrival(const Complaint& /*c*/, int desk, ArrivalWay way) override {
    if (!measuring_) return;
    DeskTrack& d = desks_[desk];
    ++d.result.arrivals;
    ++d.arrivals_by_way[static_cast<std::size_t>(way)];
  }
  void on_wait_end(const Complaint& c, int desk, double wait_min, bool served) override;
  void on_visit_end(const Complaint& c, int desk, VisitEnd how, bool resolved,
                    double sojourn_min) override;
  // The charge's time picks the calendar week it counts in.
  void on_executive_charge(int desk, double now_min, double charged_min,
                           double overrun_min) override;
  // Executive time used elsewhere counts in the week's hours, not as an item.
  void on_executive_elsewhere(int desk, double now_min, double minutes,
                              double overrun_min) override;
  void on_executive_reply(const Complaint& c, int desk, double now_min) override;
  void on_complaint_arrival(const Complaint& c) override;
  void on_complaint_end(const Complaint& c, FinalState state, double now_min) override;
  // Call for each complaint still in the system just before finish().
  void on_complaint_open(const Complaint& c, double end_min) override;
  // Also samples each desk's queue (waiting only) as last given to on_levels.
  void on_backlog_sample(double now_min, const std::vector<int>& backlog_by_desk) override;

  // Closes the integrals at `end_min` and assembles the result. `backlog_by_desk` is
  // waiting + in service at the end.
  RunResult finish(double end_min, const std::vector<int>& backlog_by_desk);

 private:
  struct DeskTrack {
    DeskResult result;
    DeskLevels levels;
    double since_min = 0.0;
    double waiting_area = 0.0, in_desk_area = 0.0, busy_area = 0.0, available_area = 0.0,
           staff_area = 0.0;
    DurationHistogram wait;
    DurationHistogram open_age;
    DurationBinCounts wait_bins{};
    std::int64_t waited_positive = 0;
    std::array<double, kSeverityCount> wait_sum_by_severity{};
    double sojourn_sum_min = 0.0;
    // Executive desks only.
    double charged_min = 0.0, overrun_min = 0.0, elsewhere_min = 0.0;
    std::int64_t items = 0;
    std::array<std::int64_t, kArrivalWayCount> arrivals_by_way{};
    DurationHistogram reply;
    std::vector<double> charged_by_week_min;  // [week - first week measured]
    std::vector<std::int64_t> items_by_week;
  };

  // Adds the levels held since d.since_min to the time integrals, up to `now_min`. Inline:
  // it runs at every level change, on the engine's hot path.
  static void integrate(DeskTrack& d, double now_min) {
    const double dt = now_min - d.since_min;
    if (dt <= 0.0) return;
    const DeskLevels& l = d.levels;
    d.waiting_area += l.waiting * dt;
    d.in_desk_area += (l.waiting + l.busy) * dt;
    d.busy_area += l.busy * dt;
    d.staff_area += l.staff * dt;
    if (l.window_open) d.available_area += l.staff * dt;
  }

  const Scenario& scenario_;
  bool measuring_ = false;
  double measured_from_min_ = 0.0;
  std::int64_t first_week_ = 0;  // the calendar week holding measured_from_min_
  std::vector<DeskTrack> desks_;
  ComplaintResult complaints_;
  std::int64_t escalated_ = 0, touched_executive_ = 0;
  DurationHistogram time_to_resolution_, time_in_system_, open_age_;
  DurationBinCounts time_to_resolution_bins_{};
  std::vector<double> sample_times_min_;
  std::vector<std::vector<std::int32_t>> samples_;  // [desk][sample]
  std::vector<std::vector<std::int32_t>> queue_samples_;  // [desk][sample]
};

}  // namespace escalsim
