// The engine as the policies' context: what a policy may see and do during a run.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/engine.h"

namespace escalsim::detail {

double Engine::uniform_for(const Complaint& c, std::string_view purpose) {
  return KeyedRandom(draw_key(mix64(seed_ ^ stable_hash(purpose)), c.visit_word)).uniform();
}

double Engine::uniform(std::string_view purpose) {
  return KeyedRandom(mix64(seed_ ^ stable_hash(purpose)) ^ mix64(++policy_draws_)).uniform();
}

void Engine::schedule(Policy& policy, double at_min, std::uint32_t tag) {
  schedule_at(std::max(at_min, now_min_), PolicyTimer{static_cast<std::uint16_t>(policy.index), tag});
}

bool Engine::spend_executive_time(int d, double minutes) {
  DeskState& desk = desks_[d];
  if (!desk.is_executive() || desk.away || !desk.budget_left()) return false;
  const double overrun_min = desk.charge(minutes);
  notify([&](auto& o) { o.on_executive_charge(d, now_min_, minutes, overrun_min); });
  if (observer_) [[unlikely]] {
    trace(TraceKind::kExecutiveTime, nullptr, d, [&](TraceEvent& e) {
      if (acting_complaint_) {
        e.complaint = static_cast<std::int64_t>(acting_complaint_->id);
        e.identity = detail::with_complaint(e, scenario_, *acting_complaint_).identity;
      }
      e.duration_min = minutes;
      if (acting_policy_) e.policy = acting_policy_->name();
    });
  }
  budget_charged(d);
  return true;
}

void Engine::lend_executive(int x, int d, bool on) {
  DeskState& executive = desks_[x];
  if (executive.away == on) return;
  executive.away = on;
  if (on) {
    executive.away_since_min = now_min_;
  } else {
    const double minutes = now_min_ - executive.away_since_min;
    const double overrun_min = executive.charge_time(minutes);
    notify([&](auto& o) { o.on_executive_elsewhere(x, now_min_, minutes, overrun_min); });
    budget_charged(x);
  }
  add_staff(x, 0);  // the executive desk's staff: 0 while away
  add_staff(d, on ? 1 : -1);
}

void Engine::add_staff(int d, int extra) {
  DeskState& desk = desks_[d];
  const int staff_before = desk.staff;
  desk.extra_staff += extra;
  desk.staff =
      desk.away ? 0 : std::max(0, desk.calendar.at(now_min_).staff + desk.extra_staff);
  levels_changed(d, desk);
  if (observer_ && desk.staff != staff_before) [[unlikely]] {
    trace(TraceKind::kStaffChange, nullptr, d, [&](TraceEvent& e) {
      e.staff_before = staff_before;
      e.reason = TraceReason::kPolicy;
      if (acting_policy_) e.policy = acting_policy_->name();
    });
  }
  start_waiting_work(d);
}

void Engine::count(const Policy& policy, std::string_view metric, double amount) {
  // Registered on first use whatever the time, so every replication reports the same
  // figures; amounts count only after the warm-up.
  for (PolicyMetric& m : policy_metrics_) {
    if (m.policy == policy.index && m.name == metric) {
      if (stats_.measuring()) m.value += amount;
      return;
    }
  }
  policy_metrics_.push_back(PolicyMetric{policy.index, std::string(metric),
                                         stats_.measuring() ? amount : 0.0});
}

}  // namespace escalsim::detail
