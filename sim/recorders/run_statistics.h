// The statistics of one run, streamed from the engine's lifecycle callbacks.
//
// Memory is fixed per desk (histograms, fixed bins, counters, time integrals) plus the
// backlog and queue series, which grow with horizon / sample interval, and the executive's
// weekly figures, which grow with horizon / week; never with the number of complaints.
// Nothing is counted before start_measuring() (the end of the warm-up).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/complaint.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"
#include "recorders/duration_histogram.h"

namespace escalsim {

// What a desk holds at a moment: the levels whose time averages are reported.
struct DeskLevels {
  int waiting = 0;
  int busy = 0;
  int staff = 0;
  bool window_open = true;
};

// How a visit to a desk ended.
enum class VisitEnd { kServed, kAbandoned, kRefused, kHandedBack, kDeclined };

class RunStatistics final {
 public:
  explicit RunStatistics(const Scenario& scenario);

  bool measuring() const { return measuring_; }
  // Starts every count and integral at `now_min`; levels already set carry on.
  void start_measuring(double now_min);

  // Call after any change of a desk's levels, with the new levels.
  void set_levels(int desk, double now_min, const DeskLevels& levels) {
    DeskTrack& d = desks_[desk];
    if (measuring_) integrate(d, now_min);
    d.since_min = now_min;
    d.levels = levels;
  }

  void desk_arrival(int desk, ArrivalWay way) {
    if (!measuring_) return;
    DeskTrack& d = desks_[desk];
    ++d.result.arrivals;
    ++d.arrivals_by_way[static_cast<std::size_t>(way)];
  }
  // A wait ended by service or by abandonment.
  void wait_ended(int desk, Severity severity, double wait_min);
  void visit_ended(int desk, VisitEnd how, bool resolved, double sojourn_min);
  // An executive desk charged an item at `now_min`: its handle time, and the part beyond
  // the budget. The time picks the calendar week it counts in.
  void executive_charged(int desk, double now_min, double charged_min, double overrun_min);
  // An executive desk's executive worked `minutes` on another desk's staff, ending at
  // `now_min`: executive time used (and `overrun_min` of it beyond the week's budget), not
  // an item.
  void executive_elsewhere(int desk, double now_min, double minutes, double overrun_min);
  void executive_replied(int desk, double since_first_arrival_min);
  void complaint_arrived(const Complaint& c);
  void complaint_ended(const Complaint& c, FinalState state, double now_min);
  // `c` is still in the system at the end of the run, at its desk c.desk; call for each
  // such complaint just before finish().
  void complaint_open(const Complaint& c, double end_min);
  // Samples backlog (waiting + in service) of each desk, in desk order, and each desk's
  // queue (waiting only) as last given to set_levels.
  void sample_backlog(double now_min, const std::vector<int>& backlog_by_desk);

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

  static void integrate(DeskTrack& d, double now_min);

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
