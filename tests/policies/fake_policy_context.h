// A PolicyContext for driving one policy by hand: the test sets the clock and the next
// uniform draws, and reads what the policy spent, scheduled and counted.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policies/policy.h"

namespace escalsim::testing {

class FakePolicyContext final : public PolicyContext {
 public:
  explicit FakePolicyContext(const Scenario& scenario) : scenario_(scenario) {}

  double now_min() const override { return now_min_; }
  const Scenario& scenario() const override { return scenario_; }
  // The next queued draw, or `default_draw` when none is queued.
  double uniform_for(const Complaint&, std::string_view) override { return next_draw(); }
  double uniform(std::string_view) override { return next_draw(); }
  void schedule(Policy&, double at_min, std::uint32_t tag) override {
    timers.emplace_back(at_min, tag);
  }
  bool spend_executive_time(int desk, double minutes) override {
    if (!budget_left) return false;
    spent_min[desk] += minutes;
    return true;
  }
  void add_staff(int, int) override {}
  void lend_executive(int, int, bool) override {}
  int staff(int) const override { return 1; }
  int waiting(int) const override { return 0; }
  void count(const Policy&, std::string_view metric, double amount) override {
    if (measuring) figures[std::string(metric)] += amount;
    else figures.try_emplace(std::string(metric), 0.0);
  }

  // Runs every timer due up to `t_min` in time order (timers set on the way included),
  // then sets the clock to `t_min`.
  void run_until(Policy& policy, double t_min) {
    for (;;) {
      auto due = timers.end();
      for (auto it = timers.begin(); it != timers.end(); ++it) {
        if (it->first <= t_min && (due == timers.end() || it->first < due->first)) due = it;
      }
      if (due == timers.end()) break;
      auto [at, tag] = *due;
      timers.erase(due);
      now_min_ = std::max(now_min_, at);
      policy.on_timer(*this, tag);
    }
    now_min_ = t_min;
  }

  void set_now(double t_min) { now_min_ = t_min; }

  std::deque<double> draws;
  double default_draw = 0.5;
  bool budget_left = true;
  bool measuring = true;
  std::map<int, double> spent_min;
  std::map<std::string, double> figures;
  std::vector<std::pair<double, std::uint32_t>> timers;

 private:
  double next_draw() {
    if (draws.empty()) return default_draw;
    double d = draws.front();
    draws.pop_front();
    return d;
  }

  const Scenario& scenario_;
  double now_min_ = 0.0;
};

}  // namespace escalsim::testing
