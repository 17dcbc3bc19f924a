// The engine of one run, shared by the event loop (engine.cc), its PolicyContext
// (policy_context.cc) and its trace glue (engine_trace.cc). run_once (escalsim/engine.h)
// is its public face.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/complaint.h"
#include "engine/complaint_identity.h"
#include "engine/demand_process.h"
#include "engine/desk.h"
#include "engine/event_queue.h"
#include "engine/keyed_random.h"
#include "engine/slot_pool.h"
#include "engine/trace_events.h"
#include "escalsim/engine.h"
#include "escalsim/results.h"
#include "escalsim/run_observer.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"
#include "policies/policy.h"
#include "recorders/outcome_recorder.h"
#include "recorders/run_statistics.h"
#include "recorders/service_recorder.h"

namespace escalsim::detail {

// One run: the event loop and its handlers (engine.cc), the policies' context: they see and
// act on the run only through it (policy_context.cc), and the trace glue (engine_trace.cc).
class Engine final : public PolicyContext {
 public:
  Engine(const Scenario& scenario, int replication, const EngineOptions& options,
         std::uint64_t point)
      : scenario_(scenario),
        options_(options),
        seed_(derive_run_seed(scenario.run.seed, point, replication)),
        horizon_min_(scenario.run.horizon.in_minutes()),
        stats_(scenario),
        outcomes_(scenario),
        service_(scenario),
        thinning_key_(mix64(seed_ ^ stable_hash("demand thinning"))),
        returns_key_(mix64(seed_ ^ stable_hash("customer returns"))) {
#ifndef NDEBUG
    options_.check_invariants = true;
#endif
    for (std::size_t i = 0; i < scenario.desks.size(); ++i) {
      desks_.emplace_back(scenario, static_cast<int>(i), seed_);
    }
    for (const PolicyConfig& config : scenario.policies) {
      policies_.push_back(make_policy(config, scenario));
      policies_.back()->index = static_cast<int>(policies_.size() - 1);
      max_demand_factor_ *= policies_.back()->max_demand_factor();
    }
    // Each stream's own candidates arrive at the scenario's rate whatever the policies: a
    // policy that lowers demand thins them, one that raises it draws the excess from a
    // superposed stream of extra candidates, so the base complaints are the same in every
    // variant (see handle(ArrivalDue)).
    for (std::size_t i = 0; i < scenario.demand.size(); ++i) {
      demand_.emplace_back(scenario.demand[i], seed_, static_cast<int>(i));
    }
    if (max_demand_factor_ > 1.0) {
      for (std::size_t i = 0; i < scenario.demand.size(); ++i) {
        demand_.emplace_back(scenario.demand[i], seed_, static_cast<int>(i),
                             DemandProcess::kExtra, max_demand_factor_ - 1.0);
      }
    }
    events_.set_lanes(demand_.size());  // each stream's next arrival
    result_replication_ = replication;
    observer_ = options.trace;
  }

  RunResult run();

  // PolicyContext (policy_context.cc).
  double now_min() const override { return now_min_; }
  const Scenario& scenario() const override { return scenario_; }
  double uniform_for(const Complaint& c, std::string_view purpose) override;
  double uniform(std::string_view purpose) override;
  void schedule(Policy& policy, double at_min, std::uint32_t tag) override;
  bool spend_executive_time(int desk, double minutes) override;
  void add_staff(int desk, int extra) override;
  void lend_executive(int executive, int desk, bool on) override;
  int staff(int desk) const override { return desks_[desk].staff; }
  int waiting(int desk) const override { return desks_[desk].waiting; }
  void count(const Policy& policy, std::string_view metric, double amount) override;

 private:
  // Event handlers: every way the world can change.
  void handle(const ArrivalDue& e);
  void handle(const ServiceEnd& e);
  void handle(const PatienceEnd& e);
  void handle(const CalendarChange& e);
  void handle(const BudgetPeriodStart& e);
  void handle(const WarmupEnd& e);
  void handle(const BacklogSample& e);
  void handle(const PolicyTimer& e);
  void handle(const CustomerReturns& e);

  // The complaint lifecycle.
  std::uint32_t new_complaint(const ComplaintAttributes& attributes, const ComplaintIdentity& who);
  void enter_desk(std::uint32_t slot, int desk, ArrivalWay way);
  void start_service(std::uint32_t slot, int desk, double wait_min);
  void start_waiting_work(int desk);
  void route_after_service(std::uint32_t slot, int desk, bool resolved);
  void apply_spent_budget(std::uint32_t slot, int desk);
  void turn_away_waiting(int desk);
  void leave(std::uint32_t slot, FinalState state);
  void schedule_return(const Complaint& c, FinalState state);
  std::optional<QueueEntry> next_in_line(int desk);
  // Where a new complaint (or a returning customer) enters: `desk`, unless a policy says.
  int choose_entry_desk(std::uint32_t slot, int desk) {
    if (policies_.empty()) return desk;
    Complaint& c = pool_[slot];
    for (auto& policy : policies_) {
      acting_policy_ = policy.get();
      acting_complaint_ = &c;
      const int before = desk;
      desk = policy->entry_desk(*this, c, desk);
      acting_policy_ = nullptr;
      acting_complaint_ = nullptr;
      if (observer_ && desk != before) [[unlikely]] trace_entry(c, *policy, before, desk);
    }
    return desk;
  }
  // The route a complaint served at desk `d` takes by its keyed draw; null: none, it leaves.
  const Route* pick_route(const Complaint& c, int d, bool resolved) const;
  void budget_charged(int desk);

  // Tracing (engine_trace.cc), called only when observer_ is set
  // (`if (observer_) [[unlikely]] trace(...)`): sends the event `kind` about desk `d` (-1:
  // none) and complaint `c` (null: none), after `fill` has set the kind's own fields. Cold and out of line, so that an untraced run pays one
  // predicted branch per call site.
  struct NoFields {
    void operator()(TraceEvent&) const {}
  };
  template <typename Fill = NoFields>
  [[gnu::cold, gnu::noinline]] void trace(TraceKind kind, const Complaint* c, int d,
                                          Fill fill = {}) {
    TraceEvent event;
    event.time_min = now_min_;
    event.kind = kind;
    if (d >= 0) event = detail::desk_trace_event(kind, now_min_, desks_[d], d);
    if (c) event = detail::with_complaint(event, scenario_, *c);
    fill(event);
    observer_->on_event(event);
  }
  [[gnu::cold]] void trace_route(const Complaint& c, int d, bool resolved, int target,
                                 int routed, const Policy* policy);
  [[gnu::cold]] void trace_calendar(int d, int staff_before, bool window_before);
  [[gnu::cold]] void trace_entry(const Complaint& c, const Policy& policy, int desk, int to);

  // `desk` is desks_[d], just changed by the caller. Read through the caller's reference,
  // the compiler reuses the counts it has just stored; desks_[d] indexed again here (after
  // a call that might have moved the desks) read them back from memory, 8 bytes over a
  // 4-byte store, a stall the processor cannot forward (4% of M/M/10's perf samples).
  void levels_changed(int d, const DeskState& desk) {
    const DeskLevels levels = desk.levels();
    notify([&](auto& o) { o.on_levels(d, now_min_, levels); });
  }
  // Tells every observer, in a fixed order: the run's own recorders through their final
  // types (direct calls), then the caller's observer if one is set (a virtual call behind
  // one predicted branch). `call(observer)` makes the callback; its arguments
  // are computed before, once, so that every observer sees the same values.
  template <typename Call>
  void notify(const Call& call) {
    call(stats_);
    call(outcomes_);
    call(service_);
    if (observer_) [[unlikely]] call(*observer_);
  }
  std::vector<int> backlog() const;
  void breach(bool& flag, const std::string& what);
  // Every event goes on the queue through here. A NaN or infinite time (a distribution's
  // parameters beyond what a double holds) would sink into the heap, out of order, and end
  // the run silently: it is a ModelError in every build, checked at two comparisons' cost,
  // as is a time before the run's start (a negative duration in a scenario built in code).
  static constexpr double kInfiniteTime = std::numeric_limits<double>::infinity();
  template <typename Kind>
  void schedule_at(double time_min, const Kind& kind) {
    check_time<Kind>(time_min);
    events_.push(time_min, kind);
  }
  // A stream's next arrival goes in its own lane of the queue (at most one is pending).
  void schedule_arrival(std::uint16_t stream, double time_min) {
    check_time<ArrivalDue>(time_min);
    events_.push_to_lane(stream, time_min, ArrivalDue{stream});
  }
  template <typename Kind>
  void check_time(double time_min) const {
    if (!(time_min >= 0.0 && time_min < kInfiniteTime)) [[unlikely]] {
      bad_time(time_min, kind_index_of<Kind>());
    }
  }
  [[noreturn, gnu::cold]] void bad_time(double time_min, std::size_t kind_index) const;
  // Calls the handler of `event`'s kind.
  void dispatch(const Event& event) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (void)((event.kind_index() == I &&
              (handle(event.as<std::variant_alternative_t<I, EventKind>>()), true)) ||
             ...);
    }(std::make_index_sequence<std::variant_size_v<EventKind>>{});
  }

  const Scenario& scenario_;
  EngineOptions options_;
  std::uint64_t seed_;
  double horizon_min_;
  double now_min_ = 0.0;
  int result_replication_ = 0;
  bool stopped_early_ = false;

  EventQueue events_;
  ComplaintPool pool_;
  std::vector<DeskState> desks_;
  std::vector<DemandProcess> demand_;
  RunStatistics stats_;
  OutcomeRecorder outcomes_;
  ServiceRecorder service_;
  std::vector<std::unique_ptr<Policy>> policies_;
  double max_demand_factor_ = 1.0;
  std::uint64_t thinning_key_;  // keyed draws: a candidate kept or thinned out
  std::uint64_t returns_key_;   // keyed draws: a customer comes back, and when
  std::uint64_t policy_draws_ = 0;  // PolicyContext::uniform: draws so far
  // Customers who will come back: who and with what, until their CustomerReturns is due.
  // Slots are reused, so memory follows the number away, not the number that came back.
  struct ReturningCustomer {
    ComplaintIdentity who;
    ComplaintAttributes attributes;
    int desk;
  };
  SlotPool<ReturningCustomer> returning_;
  struct PolicyMetric {
    int policy;
    std::string name;
    double value;
  };
  std::vector<PolicyMetric> policy_metrics_;  // in order of first count

  std::uint64_t next_complaint_id_ = 0;
  std::int64_t created_ = 0;
  std::int64_t ended_ = 0;
  std::int64_t events_processed_ = 0;
  InvariantReport invariants_;

  RunObserver* observer_ = nullptr;  // options_.trace: the caller's observer, if any
  // The policy whose hook is running (entry, routing, timer) and the complaint it is
  // about (null: none; set only while the hook runs), so that a trace can say who spent
  // executive time, and for whom.
  const Policy* acting_policy_ = nullptr;
  const Complaint* acting_complaint_ = nullptr;
};

}  // namespace escalsim::detail
