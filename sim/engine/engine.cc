// The event loop: one handler per event kind, the complaint lifecycle between them.
#include "engine/engine.h"

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/units.h"

namespace escalsim {
namespace detail {

RunResult Engine::run() {
  const double warmup_min = scenario_.run.warmup.in_minutes();
  for (std::size_t d = 0; d < desks_.size(); ++d) {
    DeskState& desk = desks_[d];
    auto index = static_cast<std::uint16_t>(d);
    const DeskLevels levels = desk.levels();
    notify([&](auto& o) { o.on_levels(static_cast<int>(d), 0.0, levels); });
    if (!desk.calendar.constant()) {
      schedule_at(desk.calendar.next_change_after(0.0), CalendarChange{index});
    }
    if (desk.is_executive()) {
      schedule_at(kWeekMin, BudgetPeriodStart{index, false});
      if (desk.spec().executive->items_per_month) {
        schedule_at(kMonth.in_minutes(), BudgetPeriodStart{index, true});
      }
    }
  }
  if (warmup_min > 0.0) {
    schedule_at(warmup_min, WarmupEnd{});
  } else {
    notify([](auto& o) { o.on_measuring_start(0.0); });
  }
  schedule_at(warmup_min, BacklogSample{});
  for (auto& policy : policies_) policy->start(*this);
  for (std::size_t s = 0; s < demand_.size(); ++s) {
    double first = demand_[s].next_arrival_min(0.0, horizon_min_);
    if (first <= horizon_min_) schedule_arrival(static_cast<std::uint16_t>(s), first);
  }

  while (!events_.empty() && events_.top().time_min <= horizon_min_ && !stopped_early_) {
    const Event event = events_.pop();
    if (event.time_min < now_min_) {
      breach(invariants_.clock_monotone,
             fmt::format("clock went back from {} min to {} min", now_min_, event.time_min));
    }
    now_min_ = event.time_min;
    ++events_processed_;
    if (options_.clock_min != nullptr && (events_processed_ & 0xFFFF) == 0) [[unlikely]] {
      options_.clock_min->store(now_min_, std::memory_order_relaxed);
    }
    dispatch(event);
    if (observer_ && observer_->done()) [[unlikely]] {
      horizon_min_ = now_min_;  // the trace has seen enough: the run ends here
      break;
    }
  }

  double end_min = stopped_early_ ? now_min_ : horizon_min_;
  if (options_.clock_min != nullptr) options_.clock_min->store(end_min, std::memory_order_relaxed);
  if (created_ != ended_ + pool_.live()) {
    breach(invariants_.conservation,
           fmt::format("conservation: {} complaints arrived, {} ended, {} in the system at {} min",
                       created_, ended_, pool_.live(), end_min));
  }
  // What is still open is counted, not dropped: its age, and what it means for customers.
  pool_.for_each_live([this, end_min](const Complaint& c) {
    notify([&](auto& o) { o.on_complaint_open(c, end_min); });
  });
  RunResult result = stats_.finish(end_min, backlog());
  for (const PolicyMetric& m : policy_metrics_) {
    result.extra.push_back(
        Metric{"policy:" + std::string(policies_[m.policy]->name()), m.name, m.value});
  }
  for (Metric& m : outcomes_.metrics(result)) result.extra.push_back(std::move(m));
  service_.add_results(result);
  result.replication = result_replication_;
  result.seed = seed_;
  result.stopped_early = stopped_early_;
  result.events = events_processed_;
  result.invariants = invariants_;
  if (observer_) observer_->on_run_end(end_min);
  return result;
}

void Engine::handle(const ArrivalDue& e) {
  DemandProcess& stream = demand_[e.stream];
  double next = stream.next_arrival_min(now_min_, horizon_min_);
  if (next <= horizon_min_) schedule_arrival(e.stream, next);

  // Who this candidate is and what it is like, drawn before anything may thin it out.
  ComplaintIdentity who;
  who.candidate = stream.take_candidate();
  who.stream = static_cast<std::uint8_t>(stream.stream_index());
  who.extra = stream.extra();
  ComplaintAttributes attributes = stream.draw_attributes();
  if (!policies_.empty()) {
    double factor = 1.0;
    for (auto& policy : policies_) factor *= policy->demand_factor(*this, attributes, who.stream);
    // A base candidate is kept with probability min(1, factor); an extra one (its stream
    // runs at max - 1 times the rate) with (factor - 1) / (max - 1): together, demand at
    // factor times the scenario's. Certain outcomes need no draw, and skipping it changes
    // no other number, for the draw is keyed per candidate.
    const double keep = who.extra ? (factor - 1.0) / (max_demand_factor_ - 1.0) : factor;
    if (keep < 1.0 && !(keep > 0.0 && KeyedRandom(visit_key(thinning_key_, identity_key(who), 0))
                                              .uniform() < keep)) {
      return;  // thinned out
    }
  }
  std::uint32_t slot = new_complaint(attributes, who);
  const int entry = choose_entry_desk(slot, stream.enters_desk());
  enter_desk(slot, entry,
             entry == stream.enters_desk() ? ArrivalWay::kDemand : ArrivalWay::kBypass);
}

void Engine::handle(const CustomerReturns& e) {
  const ReturningCustomer back = returning_[e.customer];
  returning_.release(e.customer);
  std::uint32_t slot = new_complaint(back.attributes, back.who);
  const int entry = choose_entry_desk(slot, back.desk);
  enter_desk(slot, entry, entry == back.desk ? ArrivalWay::kReturn : ArrivalWay::kBypass);
}

std::uint32_t Engine::new_complaint(const ComplaintAttributes& attributes,
                                    const ComplaintIdentity& who) {
  std::uint32_t slot = pool_.allocate();
  Complaint& c = pool_[slot];
  std::uint32_t generation = c.generation;
  // Copied from a constant: `c = Complaint{}` built a temporary field by field and read it
  // back 16 bytes at a time, reads the processor cannot forward from those writes (7% of
  // the escalation model's time); building it in place cleared it with `rep stos`, as slow
  // to start.
  static constexpr Complaint kFresh{};
  c = kFresh;
  c.generation = generation;
  c.id = next_complaint_id_++;
  c.candidate = who.candidate;
  c.key = identity_key(who);
  c.visit_word = visit_word(c.key, 0);
  c.arrived_min = now_min_;
  c.channel = attributes.channel;
  c.segment = attributes.segment;
  c.severity = attributes.severity;
  c.is_public = attributes.is_public;
  c.contacts = who.contact;
  c.demand_stream = who.stream;
  c.extra_demand = who.extra;
  c.measured = stats_.measuring();
  ++created_;
  notify([&](auto& o) { o.on_complaint_arrival(c); });
  if (pool_.live() > options_.max_in_system) stopped_early_ = true;
  if (observer_) [[unlikely]] trace(TraceKind::kArrival, &c, -1);
  return slot;
}

void Engine::handle(const PolicyTimer& e) {
  acting_policy_ = policies_[e.policy].get();
  acting_complaint_ = nullptr;
  policies_[e.policy]->on_timer(*this, e.tag);
  acting_policy_ = nullptr;
}

void Engine::budget_charged(int d) {
  DeskState& desk = desks_[d];
  if (desk.budget_left()) return;
  const ExecutiveBudget& budget = *desk.spec().executive;
  if (observer_) [[unlikely]] {
    trace(TraceKind::kBudgetSpent, nullptr, d, [&](TraceEvent& e) {
      e.when_spent = budget.when_spent;
      if (budget.when_spent == WhenBudgetSpent::kHandBack) {
        e = detail::with_other_desk(e, scenario_, budget.hand_back_desk);
      }
    });
  }
  if (budget.when_spent != WhenBudgetSpent::kWait) turn_away_waiting(d);
}

void Engine::handle(const ServiceEnd& e) {
  DeskState& desk = desks_[e.desk];
  Complaint& c = pool_[e.slot];
  --desk.busy;
  levels_changed(e.desk, desk);
  double p_resolve = desk.spec().resolution_probability[static_cast<int>(c.severity)];
  for (auto& policy : policies_) p_resolve = policy->resolution_probability(*this, c, e.desk, p_resolve);
  // Draws are keyed per visit, so a certain outcome needs no draw and skipping it changes
  // no other number.
  bool resolved = p_resolve >= 1.0 ||
                  (p_resolve > 0.0 &&
                   KeyedRandom(draw_key(desk.resolution_key, c.visit_word)).uniform() < p_resolve);
  const double sojourn_min = now_min_ - c.desk_arrived_min;
  notify([&](auto& o) { o.on_visit_end(c, e.desk, VisitEnd::kServed, resolved, sojourn_min); });
  if (observer_) [[unlikely]] {
    trace(TraceKind::kFinish, &c, e.desk, [&](TraceEvent& t) { t.resolved = resolved; });
  }
  if (desk.is_executive()) {
    notify([&](auto& o) { o.on_executive_reply(c, e.desk, now_min_); });
  }
  for (auto& policy : policies_) policy->on_served(*this, c, e.desk, resolved);
  // The freed server takes the next in line before the leaver is routed, so a complaint
  // routed back to this desk joins the end of the line rather than jumping it.
  start_waiting_work(e.desk);
  route_after_service(e.slot, e.desk, resolved);
}

void Engine::handle(const PatienceEnd& e) {
  Complaint& c = pool_[e.slot];
  if (c.generation != e.generation) return;  // served or gone since the timer was set
  int d = c.desk;
  DeskState& desk = desks_[d];
  --desk.waiting;
  ++c.generation;
  levels_changed(d, desk);
  double waited = now_min_ - c.desk_arrived_min;
  notify([&](auto& o) { o.on_wait_end(c, d, waited, false); });
  (desk.is_executive() ? c.waited_executive_min : c.waited_staff_min) += static_cast<float>(waited);
  notify([&](auto& o) { o.on_visit_end(c, d, VisitEnd::kAbandoned, false, waited); });
  if (observer_) [[unlikely]] {
    trace(TraceKind::kAbandon, &c, d, [&](TraceEvent& t) { t.wait_min = waited; });
  }
  leave(e.slot, FinalState::kAbandoned);
}

void Engine::handle(const CalendarChange& e) {
  DeskState& desk = desks_[e.desk];
  CalendarState state = desk.calendar.at(now_min_);
  const int staff_before = desk.staff;
  const bool window_before = desk.window_open;
  desk.staff = desk.away ? 0 : std::max(0, state.staff + desk.extra_staff);
  desk.window_open = state.window_open;
  levels_changed(e.desk, desk);
  schedule_at(desk.calendar.next_change_after(now_min_), CalendarChange{e.desk});
  if (observer_) [[unlikely]] trace_calendar(e.desk, staff_before, window_before);
  start_waiting_work(e.desk);
}

void Engine::handle(const BudgetPeriodStart& e) {
  DeskState& desk = desks_[e.desk];
  if (e.month) {
    desk.start_month();
    double next_month = (std::round(now_min_ / kMonth.in_minutes()) + 1.0) * kMonth.in_minutes();
    schedule_at(next_month, BudgetPeriodStart{e.desk, true});
  } else {
    desk.start_week();
    schedule_at(now_min_ + kWeekMin, BudgetPeriodStart{e.desk, false});
  }
  if (observer_) [[unlikely]] {
    trace(e.month ? TraceKind::kBudgetMonth : TraceKind::kBudgetWeek, nullptr, e.desk);
  }
  start_waiting_work(e.desk);
}

void Engine::handle(const WarmupEnd&) {
  notify([this](auto& o) { o.on_measuring_start(now_min_); });
}

void Engine::handle(const BacklogSample&) {
  const std::vector<int> backlog_by_desk = backlog();
  notify([&](auto& o) { o.on_backlog_sample(now_min_, backlog_by_desk); });
  double next = now_min_ + scenario_.run.sample_interval.in_minutes();
  if (next <= horizon_min_) schedule_at(next, BacklogSample{});
}

void Engine::enter_desk(std::uint32_t slot, int d, ArrivalWay way) {
  Complaint& c = pool_[slot];
  DeskState& desk = desks_[d];
  c.desk = static_cast<std::uint16_t>(d);
  c.desk_arrived_min = now_min_;
  c.desk_arrived_hour = static_cast<std::uint8_t>(hour_of_week(now_min_));
  ++c.visits;
  c.visit_word = visit_word(c.key, c.visits);
  notify([&](auto& o) { o.on_desk_arrival(c, d, way); });

  if (desk.is_executive() && !desk.budget_left() &&
      desk.spec().executive->when_spent != WhenBudgetSpent::kWait) {
    apply_spent_budget(slot, d);
    return;
  }
  if (desk.waiting == 0 && desk.can_start()) {
    start_service(slot, d, 0.0);
    return;
  }
  if (desk.spec().queue_limit && desk.waiting >= *desk.spec().queue_limit) {
    notify([&](auto& o) { o.on_visit_end(c, d, VisitEnd::kRefused, false, 0.0); });
    if (observer_) [[unlikely]] trace(TraceKind::kRefuse, &c, d);
    leave(slot, FinalState::kRefused);
    return;
  }
  desk.queue.push(QueueEntry{slot, c.generation, c.id, c.severity, c.priority});
  ++desk.waiting;
  levels_changed(d, desk);
  double patience_min = std::numeric_limits<double>::infinity();
  if (desk.patience) {
    KeyedRandom draw(draw_key(desk.patience_key, c.visit_word));
    patience_min = desk.patience->sample_min(draw);
    schedule_at(now_min_ + patience_min, PatienceEnd{slot, c.generation});
  }
  if (observer_) [[unlikely]] {
    trace(TraceKind::kJoin, &c, d, [&](TraceEvent& e) { e.duration_min = patience_min; });
  }
}

void Engine::start_service(std::uint32_t slot, int d, double wait_min) {
  Complaint& c = pool_[slot];
  DeskState& desk = desks_[d];
  if (desk.busy >= desk.staff) {
    breach(invariants_.capacity_respected,
           fmt::format("desk '{}' started complaint {} with {} of {} staff busy at {} min",
                       desk.spec().name, c.id, desk.busy, desk.staff, now_min_));
  }
  ++c.generation;  // out of the queue: a pending patience timer is now stale
  ++desk.busy;
  levels_changed(d, desk);
  notify([&](auto& o) { o.on_wait_end(c, d, wait_min, true); });
  (desk.is_executive() ? c.waited_executive_min : c.waited_staff_min) += static_cast<float>(wait_min);
  KeyedRandom draw(draw_key(desk.handle_key, c.visit_word));
  double handle_min = desk.handle.sample_min(draw);
  for (auto& policy : policies_) handle_min = policy->handle_time_min(*this, c, d, handle_min);
  c.priority = false;  // priority buys a place in one line, not in every line after
  schedule_at(now_min_ + handle_min, ServiceEnd{slot, static_cast<std::uint16_t>(d)});
  if (desk.is_executive()) {
    c.touched_executive = true;
    const double overrun_min = desk.charge(handle_min);
    notify([&](auto& o) { o.on_executive_charge(d, now_min_, handle_min, overrun_min); });
  }
  if (observer_) [[unlikely]] {
    trace(TraceKind::kStart, &c, d, [&](TraceEvent& e) {
      e.wait_min = wait_min;
      e.duration_min = handle_min;
    });
  }
  if (desk.is_executive()) budget_charged(d);
}

std::optional<QueueEntry> Engine::next_in_line(int d) {
  DeskState& desk = desks_[d];
  auto entry = desk.queue.pop_live(
      [this](const QueueEntry& q) { return pool_[q.slot].generation == q.generation; });
  if (!entry) {
    breach(invariants_.conservation,
           fmt::format("desk '{}' counts {} waiting but its queue is empty at {} min",
                       desk.spec().name, desk.waiting, now_min_));
    desk.waiting = 0;
    return std::nullopt;
  }
  --desk.waiting;
  return entry;
}

void Engine::start_waiting_work(int d) {
  DeskState& desk = desks_[d];
  while (desk.waiting > 0 && desk.can_start()) {
    auto entry = next_in_line(d);
    if (!entry) break;
    start_service(entry->slot, d, now_min_ - pool_[entry->slot].desk_arrived_min);
  }
}

void Engine::route_after_service(std::uint32_t slot, int d, bool resolved) {
  Complaint& c = pool_[slot];
  int target = kFollowRoutes;
  const Policy* decided_by = nullptr;  // for the trace: the policy that chose the target
  for (auto& policy : policies_) {
    acting_policy_ = policy.get();
    acting_complaint_ = &c;
    target = policy->route_after_service(*this, c, d, resolved);
    acting_policy_ = nullptr;
    acting_complaint_ = nullptr;
    if (target != kFollowRoutes) {
      decided_by = policy.get();
      break;
    }
  }
  int routed = target;  // before route_chosen
  if (target == kFollowRoutes) {
    const Route* route = pick_route(c, d, resolved);
    target = routed = route ? route->to : kExit;
    for (auto& policy : policies_) {
      const int before = target;
      target = policy->route_chosen(*this, c, d, resolved, target);
      if (target != before) decided_by = policy.get();
    }
  }
  if (observer_) [[unlikely]] trace_route(c, d, resolved, target, routed, decided_by);
  if (target == kExit) {
    leave(slot, resolved ? FinalState::kResolved : FinalState::kClosedUnresolved);
  } else {
    enter_desk(slot, target,
               decided_by != nullptr ? ArrivalWay::kPolicyEscalation : ArrivalWay::kRoute);
  }
}

const Route* Engine::pick_route(const Complaint& c, int d, bool resolved) const {
  const DeskState& desk = desks_[d];
  if (desk.routes.empty()) return nullptr;
  double u = KeyedRandom(draw_key(desk.routing_key, c.visit_word)).uniform();
  double cumulative = 0.0;
  double in_system_min = now_min_ - c.arrived_min;
  for (const Route* route : desk.routes) {
    if (!route_applies(*route, c.severity, c.is_public, resolved, in_system_min)) continue;
    cumulative += route->probability;
    if (u < cumulative) return route;
  }
  return nullptr;
}

void Engine::apply_spent_budget(std::uint32_t slot, int d) {
  const ExecutiveBudget& budget = *desks_[d].spec().executive;
  double waited = now_min_ - pool_[slot].desk_arrived_min;
  if (observer_) [[unlikely]] {
    const bool hand_back = budget.when_spent == WhenBudgetSpent::kHandBack;
    trace(hand_back ? TraceKind::kRoute : TraceKind::kDecline, &pool_[slot], d,
          [&](TraceEvent& e) {
            if (hand_back) e = detail::with_other_desk(e, scenario_, budget.hand_back_desk);
            e.reason = hand_back ? TraceReason::kHandBack : TraceReason::kNone;
            e.wait_min = waited;
          });
  }
  if (budget.when_spent == WhenBudgetSpent::kHandBack) {
    notify([&](auto& o) { o.on_visit_end(pool_[slot], d, VisitEnd::kHandedBack, false, waited); });
    enter_desk(slot, budget.hand_back_desk, ArrivalWay::kHandBack);
  } else {
    notify([&](auto& o) { o.on_visit_end(pool_[slot], d, VisitEnd::kDeclined, false, waited); });
    leave(slot, FinalState::kClosedUnresolved);
  }
}

void Engine::turn_away_waiting(int d) {
  DeskState& desk = desks_[d];
  while (desk.waiting > 0) {
    auto entry = next_in_line(d);
    if (!entry) break;
    ++pool_[entry->slot].generation;  // out of the queue
    levels_changed(d, desk);
    apply_spent_budget(entry->slot, d);
  }
}

void Engine::leave(std::uint32_t slot, FinalState state) {
  const Complaint& c = pool_[slot];
  notify([&](auto& o) { o.on_complaint_end(c, state, now_min_); });
  for (auto& policy : policies_) policy->on_complaint_end(*this, c, state);
  if (observer_ && (state == FinalState::kResolved || state == FinalState::kClosedUnresolved))
      [[unlikely]] {
    trace(TraceKind::kClose, &c, c.desk, [&](TraceEvent& e) {
      e.resolved = state == FinalState::kResolved;
      e.duration_min = now_min_ - c.arrived_min;
    });
  }
  schedule_return(c, state);
  ++ended_;
  pool_.release(slot);
}

void Engine::schedule_return(const Complaint& c, FinalState state) {
  // The customer model's repeat contacts: a customer left unresolved (or who gave up) may
  // come back, keyed per complaint so variants see the same customers return.
  const CustomerModel& model = scenario_.customers;
  if (model.return_probability <= 0.0 || state == FinalState::kResolved) return;
  if (c.contacts >= model.max_contacts) return;
  KeyedRandom draw(visit_key(returns_key_, c.key, 0));
  if (draw.uniform() >= model.return_probability) return;
  double delay_min = model.return_delay.in_minutes() * -std::log1p(-draw.uniform());
  if (now_min_ + delay_min > horizon_min_) return;
  ReturningCustomer back;
  back.who.candidate = c.candidate;
  back.who.stream = c.demand_stream;
  back.who.extra = c.extra_demand;
  back.who.contact = static_cast<std::uint16_t>(c.contacts + 1);
  back.attributes.channel =
      model.return_channel >= 0 ? static_cast<std::uint8_t>(model.return_channel) : c.channel;
  back.attributes.severity = c.severity;
  back.attributes.segment = c.segment;
  back.attributes.is_public = c.is_public;
  back.desk = model.return_desk >= 0 ? model.return_desk : demand_[c.demand_stream].enters_desk();
  const std::uint32_t customer = returning_.allocate();
  returning_[customer] = back;
  schedule_at(now_min_ + delay_min, CustomerReturns{customer});
  if (observer_) [[unlikely]] {
    trace(TraceKind::kWillReturn, &c, -1, [&](TraceEvent& e) {
      e = detail::with_other_desk(e, scenario_, back.desk);
      e.contacts = back.who.contact;
      e.duration_min = delay_min;
    });
  }
}

std::vector<int> Engine::backlog() const {
  std::vector<int> levels;
  levels.reserve(desks_.size());
  for (const DeskState& desk : desks_) levels.push_back(desk.backlog());
  return levels;
}

void Engine::bad_time(double time_min, std::size_t kind_index) const {
  static constexpr std::array<const char*, std::variant_size_v<EventKind>> kNames = {
      "an arrival", "a service end", "a patience end", "a calendar change", "a budget period",
      "the end of the warm-up", "a backlog sample", "a policy timer", "a customer's return"};
  throw ModelError(fmt::format(
      "invariant broken in scenario '{}', replication {}: {} was scheduled at {} min, at {} min; "
      "{}",
      scenario_.run.name, result_replication_, kNames[kind_index],
      std::isnan(time_min) ? "NaN" : fmt::format("{}", time_min), now_min_,
      time_min < 0.0 ? "a duration was negative, and no event comes before the run's start"
                     : "a distribution's parameters give times a double cannot hold"));
}

void Engine::breach(bool& flag, const std::string& what) {
  flag = false;
  if (options_.check_invariants) {
    throw ModelError(fmt::format("invariant broken in scenario '{}', replication {}: {}",
                                 scenario_.run.name, result_replication_, what));
  }
}

}  // namespace detail

RunResult run_once(const Scenario& scenario, int replication, const EngineOptions& options,
                   std::uint64_t point) {
  for (const Desk& desk : scenario.desks) {
    if (desk.executive && desk.executive->when_spent == WhenBudgetSpent::kHandBack) {
      int target = desk.executive->hand_back_desk;
      if (target < 0 || target >= static_cast<int>(scenario.desks.size()) ||
          scenario.desks[target].is_executive()) {
        throw ModelError(fmt::format(
            "desk '{}' hands back to a desk that is not a staff desk", desk.name));
      }
    }
  }
  detail::Engine engine(scenario, replication, options, point);
  return engine.run();
}

}  // namespace escalsim
