// The engine's trace glue: the trace events that need more than one handler's state
// (routes, entries, calendar changes), sent only when a run is traced.
#include <string>

#include "engine/engine.h"

namespace escalsim::detail {

void Engine::trace_route(const Complaint& c, int d, bool resolved, int target, int routed,
                         const Policy* policy) {
  if (target == kExit && (routed == kExit || routed == kFollowRoutes)) return;  // it leaves
  const Route* route = policy ? nullptr : pick_route(c, d, resolved);  // the same keyed draw
  const bool blocked = target == kExit;  // a policy kept it from the desk its route chose
  const std::string why = policy ? policy->explain_route(*this, c, d) : std::string();
  trace(blocked ? TraceKind::kNotRouted : TraceKind::kRoute, &c, d, [&](TraceEvent& e) {
    e = detail::with_other_desk(e, scenario_, blocked ? routed : target);
    e.reason = policy ? TraceReason::kPolicy : TraceReason::kRoute;
    if (policy) e.policy = policy->name();
    e.detail = why;
    e.route = route;
  });
}

void Engine::trace_entry(const Complaint& c, const Policy& policy, int desk, int to) {
  const std::string why = policy.explain_route(*this, c, desk);
  trace(TraceKind::kRoute, &c, desk, [&](TraceEvent& e) {
    e = detail::with_other_desk(e, scenario_, to);
    e.reason = TraceReason::kEntry;
    e.policy = policy.name();
    e.detail = why;
  });
}

void Engine::trace_calendar(int d, int staff_before, bool window_before) {
  const DeskState& desk = desks_[d];
  if (desk.staff != staff_before) {
    trace(TraceKind::kStaffChange, nullptr, d,
          [&](TraceEvent& e) { e.staff_before = staff_before; });
  }
  if (desk.window_open != window_before) {
    trace(desk.window_open ? TraceKind::kWindowOpen : TraceKind::kWindowClose, nullptr, d);
  }
}

}  // namespace escalsim::detail
