// Staff calibration. An hour's gap is scored in units of the tolerances the issue sets for
// a fit (0.03 of abandonment, 15 s of mean wait); an hour moves by one agent when its score
// passes 1, and only hours with enough calls to judge (20 in the period) move.
#include "calibration/staff_calibration.h"

#include <cmath>
#include <unordered_map>

#include "escalsim/engine.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"

namespace escalsim::detail {
namespace {

constexpr double kAbandonmentScale = 0.03;
constexpr double kWaitScaleS = 15.0;
constexpr double kMinCalls = 20.0;

class HourObserver final : public RunObserver {
 public:
  explicit HourObserver(HourFigures& figures) : f_(figures) {}
  void on_event(const TraceEvent& e) override {
    switch (e.kind) {
      case TraceKind::kArrival: {
        const int h = static_cast<int>(std::floor(e.time_min / 60.0)) % kHoursPerWeek;
        hour_of_[e.complaint] = h;
        f_.calls[static_cast<std::size_t>(h)] += 1;
        break;
      }
      case TraceKind::kStart:
        add_wait(e);
        break;
      case TraceKind::kAbandon:
        add_wait(e);
        if (auto it = hour_of_.find(e.complaint); it != hour_of_.end()) {
          f_.abandoned[static_cast<std::size_t>(it->second)] += 1;
        }
        break;
      case TraceKind::kClose:
        hour_of_.erase(e.complaint);
        break;
      default:
        break;
    }
  }

 private:
  void add_wait(const TraceEvent& e) {
    if (auto it = hour_of_.find(e.complaint); it != hour_of_.end()) {
      f_.wait_s[static_cast<std::size_t>(it->second)] += e.wait_min * 60.0;
    }
  }
  HourFigures& f_;
  std::unordered_map<std::int64_t, int> hour_of_;  // complaints in the system only
};

double total(const std::array<double, kHoursPerWeek>& a) {
  double s = 0;
  for (double x : a) s += x;
  return s;
}

// Calls-weighted mean of |score| over the hours that can be judged.
double distance(const HourFigures& sim, const HourFigures& obs, int replications,
                std::array<double, kHoursPerWeek>* scores) {
  double sum = 0, weight = 0;
  for (std::size_t h = 0; h < kHoursPerWeek; ++h) {
    double score = 0;
    if (obs.calls[h] >= kMinCalls && sim.calls[h] > 0) {
      const double ab = (sim.abandoned[h] / sim.calls[h] - obs.abandoned[h] / obs.calls[h]) /
                        kAbandonmentScale;
      const double w = (sim.wait_s[h] / sim.calls[h] - obs.wait_s[h] / obs.calls[h]) / kWaitScaleS;
      score = ab + w;
      sum += std::abs(score) * obs.calls[h];
      weight += obs.calls[h];
    }
    if (scores) (*scores)[h] = score;
  }
  (void)replications;
  return weight > 0 ? sum / weight : 0.0;
}

}  // namespace

HourFigures simulate_hours(const std::string& scenario_yaml, int replications) {
  const Scenario scenario = load_scenario_text(scenario_yaml, "fitted scenario");
  HourFigures figures;
  for (int r = 0; r < replications; ++r) {
    HourObserver observer(figures);
    EngineOptions options;
    options.trace = &observer;
    run_once(scenario, r, options);
  }
  return figures;
}

StaffCalibration calibrate_staff(FittedModel model, const HourFigures& observed,
                                 int replications, int max_rounds) {
  StaffCalibration result;
  const std::array<int, kHoursPerWeek> start = model.staff.staff;
  result.staff = start;
  result.abandonment_log = total(observed.abandoned) / total(observed.calls);
  result.wait_log_s = total(observed.wait_s) / total(observed.calls);
  double best = INFINITY;
  for (int round = 0; round <= max_rounds; ++round) {
    const HourFigures sim = simulate_hours(write_scenario_yaml(model), replications);
    std::array<double, kHoursPerWeek> scores{};
    const double d = distance(sim, observed, replications, &scores);
    const double ab = total(sim.abandoned) / total(sim.calls);
    const double w = total(sim.wait_s) / total(sim.calls);
    if (round == 0) {
      result.abandonment_before = ab;
      result.wait_before_s = w;
    }
    result.rounds = round;
    if (d < best) {
      best = d;
      result.best_round = round;
      result.staff = model.staff.staff;
      result.abandonment_after = ab;
      result.wait_after_s = w;
    }
    bool changed = false;
    for (std::size_t h = 0; h < kHoursPerWeek; ++h) {
      int& staff = model.staff.staff[h];
      if (scores[h] > 1.0) {
        ++staff;
        changed = true;
      } else if (scores[h] < -1.0 && staff > 1) {
        --staff;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (std::size_t h = 0; h < kHoursPerWeek; ++h) {
    const int diff = result.staff[h] - start[h];
    (diff > 0 ? result.agent_hours_added : result.agent_hours_removed) += std::abs(diff);
  }
  return result;
}

}  // namespace escalsim::detail
