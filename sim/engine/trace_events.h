// Trace events built from the engine's state: a desk's levels and budget, a complaint's
// attributes, named from the scenario. The engine calls these only when a run is traced.
#pragma once

#include <cstdint>

#include "engine/complaint.h"
#include "engine/desk.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"

namespace escalsim::detail {

// An event about desk `d` at `now_min`: its name, levels and (executive) budget left.
inline TraceEvent desk_trace_event(TraceKind kind, double now_min, const DeskState& desk, int d) {
  TraceEvent e;
  e.time_min = now_min;
  e.kind = kind;
  e.desk = d;
  e.desk_name = desk.spec().name;
  e.waiting = desk.waiting;
  e.busy = desk.busy;
  e.staff = desk.staff;
  if (desk.is_executive()) {
    e.budget_left_min = desk.week_left_min();
    e.items_left = desk.month_items_left();
  }
  return e;
}

// `e` with complaint `c`'s id, identity and attributes.
inline TraceEvent with_complaint(TraceEvent e, const Scenario& scenario, const Complaint& c) {
  e.complaint = static_cast<std::int64_t>(c.id);
  e.identity.stream = scenario.demand[c.demand_stream].name;
  e.identity.extra = c.extra_demand;
  e.identity.candidate = static_cast<std::int64_t>(c.candidate);
  e.identity.contact = c.contacts;
  e.channel = scenario.channels[c.channel];
  e.severity = c.severity;
  e.is_public = c.is_public;
  e.segment = scenario.segments[c.segment].name;
  e.contacts = c.contacts;
  e.priority = c.priority;
  return e;
}

// `e` with `other` as its other desk (kExit: none).
inline TraceEvent with_other_desk(TraceEvent e, const Scenario& scenario, int other) {
  e.other_desk = other;
  if (other >= 0) e.other_desk_name = scenario.desks[other].name;
  return e;
}

}  // namespace escalsim::detail
