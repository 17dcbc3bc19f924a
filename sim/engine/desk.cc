// Runtime desk: keys of random draws, calendar, executive budget accounting.
#include "engine/desk.h"

#include <algorithm>
#include <string>

namespace escalsim {
namespace {

std::uint64_t purpose_key(std::uint64_t run_seed, const char* purpose, int index) {
  return mix64(run_seed ^ stable_hash(std::string(purpose) + "/" + std::to_string(index)));
}

}  // namespace

DeskState::DeskState(const Scenario& scenario, int index, std::uint64_t run_seed)
    : queue(scenario.desks[index].discipline),
      calendar(scenario.desks[index]),
      handle(scenario.desks[index].handle_time),
      handle_key(purpose_key(run_seed, "handle", index)),
      patience_key(purpose_key(run_seed, "patience", index)),
      resolution_key(purpose_key(run_seed, "resolution", index)),
      routing_key(purpose_key(run_seed, "routing", index)),
      spec_(&scenario.desks[index]) {
  if (spec_->patience) patience.emplace(*spec_->patience);
  for (const Route& r : scenario.routes) {
    if (r.from == index) routes.push_back(&r);
  }
  CalendarState start = calendar.at(0.0);
  staff = start.staff;
  window_open = start.window_open;
}

bool DeskState::budget_left() const {
  const ExecutiveBudget& b = *spec_->executive;
  if (b.per_week && week_used_min_ >= b.per_week->in_minutes()) return false;
  if (b.items_per_month && month_items_ >= *b.items_per_month) return false;
  return true;
}

std::optional<double> DeskState::week_left_min() const {
  const ExecutiveBudget& b = *spec_->executive;
  if (!b.per_week) return std::nullopt;
  return std::max(0.0, b.per_week->in_minutes() - week_used_min_);
}

std::optional<int> DeskState::month_items_left() const {
  const ExecutiveBudget& b = *spec_->executive;
  if (!b.items_per_month) return std::nullopt;
  return std::max(0, *b.items_per_month - month_items_);
}

double DeskState::charge(double handle_min) {
  const ExecutiveBudget& b = *spec_->executive;
  double overrun = 0.0;
  if (b.per_week) {
    double left = std::max(0.0, b.per_week->in_minutes() - week_used_min_);
    overrun = std::max(0.0, handle_min - left);
  }
  week_used_min_ += handle_min;
  ++month_items_;
  return overrun;
}

double DeskState::charge_time(double minutes) {
  const ExecutiveBudget& b = *spec_->executive;
  double overrun = 0.0;
  if (b.per_week) {
    overrun = std::min(minutes, std::max(0.0, week_used_min_ + minutes - b.per_week->in_minutes()));
  }
  week_used_min_ += minutes;
  return overrun;
}

}  // namespace escalsim
