// Watching a run: the one interface through which anything sees a run as it happens.
//
// Three final implementations ship: the run's statistics and the customer model
// (sim/recorders/, which the engine always runs) and TraceWriter (escalsim/trace.h), which
// a caller sets in EngineOptions::trace. The engine calls its own recorders through their
// final types, so those calls are direct and inline; only a caller's observer costs a
// virtual call, behind one predicted branch when none is set.
//
// Callbacks come in the order things happen, each at the clock time it names. Every
// callback has an empty default: an observer overrides what it needs. The complaint, the
// levels and the series are valid only during the call.
#pragma once

#include <vector>

#include "escalsim/complaint.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim {

struct TraceEvent;

// What a desk holds at a moment: the levels whose time averages are reported.
struct DeskLevels {
  int waiting = 0;
  int busy = 0;
  int staff = 0;
  bool window_open = true;
};

// How a visit to a desk ended.
enum class VisitEnd { kServed, kAbandoned, kRefused, kHandedBack, kDeclined };

class RunObserver {
 public:
  virtual ~RunObserver() = default;

  // The warm-up is over at `now_min`: what follows is measured (at 0 without a warm-up).
  virtual void on_measuring_start(double /*now_min*/) {}
  // A desk's levels changed at `now_min` (a queue joined or left, a service started or
  // ended, a shift or a window changed); called once per desk at 0 with its first levels.
  virtual void on_levels(int /*desk*/, double /*now_min*/, const DeskLevels& /*levels*/) {}
  // A complaint entered the system (a first contact, or a customer's return).
  virtual void on_complaint_arrival(const Complaint& /*c*/) {}
  // `c` reached `desk` by the way `way` (c.desk, c.desk_arrived_min and c.visits are this
  // visit's).
  virtual void on_desk_arrival(const Complaint& /*c*/, int /*desk*/, ArrivalWay /*way*/) {}
  // `c`'s wait in `desk`'s queue ended after `wait_min` (0: served at once): by the start of
  // its service when `served`, by its patience running out otherwise.
  virtual void on_wait_end(const Complaint& /*c*/, int /*desk*/, double /*wait_min*/,
                           bool /*served*/) {}
  // `c`'s visit to `desk` ended `how` after `sojourn_min` (for a refusal: 0).
  virtual void on_visit_end(const Complaint& /*c*/, int /*desk*/, VisitEnd /*how*/,
                            bool /*resolved*/, double /*sojourn_min*/) {}
  // An executive desk charged an item at `now_min`: its handle time, and the part beyond
  // the budget.
  virtual void on_executive_charge(int /*desk*/, double /*now_min*/, double /*charged_min*/,
                                   double /*overrun_min*/) {}
  // An executive desk's executive worked `minutes` on another desk's staff, ending at
  // `now_min` (`overrun_min` of it beyond the week's budget).
  virtual void on_executive_elsewhere(int /*desk*/, double /*now_min*/, double /*minutes*/,
                                      double /*overrun_min*/) {}
  // Executive desk `desk` finished serving `c` at `now_min`: a reply from the top.
  virtual void on_executive_reply(const Complaint& /*c*/, int /*desk*/, double /*now_min*/) {}
  // `c` left the system at `now_min` in `state`.
  virtual void on_complaint_end(const Complaint& /*c*/, FinalState /*state*/,
                                double /*now_min*/) {}
  // The backlog (waiting + in service) of each desk, in desk order, at a sampling time.
  virtual void on_backlog_sample(double /*now_min*/, const std::vector<int>& /*backlog*/) {}
  // The run is over at `end_min` and `c` is still in the system, at desk c.desk: called for
  // each such complaint, before on_run_end.
  virtual void on_complaint_open(const Complaint& /*c*/, double /*end_min*/) {}

  // Each lifecycle point as a plain, self-contained TraceEvent with names and reasons (an
  // arrival, joining a queue, a service's start and end, a route and the policy behind it,
  // an abandonment, a refusal or a decline, leaving, a customer's coming return, a window,
  // a staff change, a budget period: TraceKind says which). The engine builds these only
  // for a caller's observer, never for its own recorders.
  virtual void on_event(const TraceEvent& /*event*/) {}
  // True when no more events are wanted: the engine then ends the run after the event it
  // is handling (the run's statistics then cover the run up to that time).
  virtual bool done() const { return false; }
  // The run is over at `end_min` (the horizon, or earlier when done() or the run stopped
  // early); nothing follows.
  virtual void on_run_end(double /*end_min*/) {}
};

}  // namespace escalsim
