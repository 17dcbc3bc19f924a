// A desk during a run: staff on duty, who is busy, who waits, and for an executive desk
// the budget left in this week and month.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/desk_calendar.h"
#include "engine/desk_queue.h"
#include "engine/duration_sampler.h"
#include "escalsim/scenario.h"
#include "engine/random_streams.h"
#include "escalsim/run_observer.h"

namespace escalsim {

class DeskState {
 public:
  // `index` names the desk's keys of random draws ("handle/<index>", ...).
  DeskState(const Scenario& scenario, int index, std::uint64_t run_seed);

  const Desk& spec() const { return *spec_; }
  bool is_executive() const { return spec_->is_executive(); }

  // Whether work may start now: a free member of staff, and for an executive desk an
  // open window and budget left.
  bool can_start() const {
    return busy < staff && window_open && (!spec_->executive || budget_left());
  }
  // Executive desk: both the week's hours and the month's items have something left.
  bool budget_left() const;
  // Executive desk: charges an item that takes `handle_min`; returns the part of it beyond
  // the week's budget (the overrun).
  double charge(double handle_min);
  // Executive desk: charges time spent away (no item); returns the part of it beyond the
  // week's budget.
  double charge_time(double minutes);
  // Executive desk: the budget periods begin again.
  void start_week() { week_used_min_ = 0.0; }
  void start_month() { month_items_ = 0; }
  // Executive desk: minutes of the week's budget left (never negative), none without a
  // weekly budget; items left this month, none without a monthly limit.
  std::optional<double> week_left_min() const;
  std::optional<int> month_items_left() const;

  DeskLevels levels() const { return DeskLevels{waiting, busy, staff, window_open}; }
  int backlog() const { return waiting + busy; }

  // Public state, changed only by the engine.
  int staff = 0;
  int busy = 0;
  int waiting = 0;  // live entries in `queue`
  int extra_staff = 0;  // added by a policy on top of the calendar (a frontline stint)
  bool away = false;    // executive desk: the executive works on another desk's staff
  double away_since_min = 0.0;
  bool window_open = true;
  DeskQueue queue;
  DeskCalendar calendar;
  DurationSampler handle;
  std::optional<DurationSampler> patience;
  // Base keys of the desk's draws; each draw is keyed by the complaint's visit too
  // (visit_key in keyed_random.h), so variants of a scenario share them.
  std::uint64_t handle_key;
  std::uint64_t patience_key;
  std::uint64_t resolution_key;
  std::uint64_t routing_key;
  std::vector<const Route*> routes;  // from this desk, in file order

 private:
  const Desk* spec_;
  double week_used_min_ = 0.0;
  int month_items_ = 0;
};

}  // namespace escalsim
