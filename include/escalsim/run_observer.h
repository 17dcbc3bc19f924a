// Watching a run: the one interface through which anything outside the engine sees a run
// as it happens (EngineOptions::trace). TraceWriter (escalsim/trace.h) is one.
//
// The engine's own recorders (the statistics and the customer model, in sim/recorders/)
// are final classes the engine calls directly on its hot path, with the complaint's
// internal state; a RunObserver sees every lifecycle point as a plain TraceEvent, built
// only when an observer is set, so an unobserved run pays one predicted branch per point.
#pragma once

namespace escalsim {

struct TraceEvent;

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // Each lifecycle point of the run, in the order they happen: an arrival, joining a
  // queue, a service's start and end, a route, an abandonment, a refusal or a decline,
  // leaving the system, a customer's coming return, a window, a staff change, a budget
  // period (TraceKind says which). The event is valid only during the call.
  virtual void on_event(const TraceEvent& event) = 0;
  // True when no more events are wanted: the engine then ends the run after the event it
  // is handling (the run's statistics then cover the run up to that time).
  virtual bool done() const { return false; }
  // The run is over at `end_min` (the horizon, or earlier when done() or the run stopped
  // early); no event follows.
  virtual void on_run_end(double /*end_min*/) {}
};

}  // namespace escalsim
