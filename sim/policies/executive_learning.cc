// executive_learning: the executive lacks frontline training, so the executive desk starts
// slower and resolves less often than its stated values, and improves with practice along
// a learning curve.
//
// The curve is Wright's (1936) power law with De Jong's (1957) incompressible part: the
// executive's n-th complaint (n = 1, 2, ..., counting `experience` complaints handled
// before the run) takes
//     drawn × (1 + (initial_slowdown - 1) × n^(-b)),   b = -log2(learning_rate),
// so the first takes initial_slowdown times the desk's handle time, the excess shrinks to
// learning_rate of itself at each doubling of the count, and the desk's own handle time is
// what a fully trained executive takes. Resolution rises the same way toward the desk's
// value p:
//     p × (1 - (1 - initial_resolution) × n^(-b)).
// n counts services started for the handle time and services ended for the resolution
// (the same on an executive desk, which serves one at a time). Experience gained in the
// warm-up counts: the executive learns whether or not anyone measures.
#include <cmath>
#include <memory>
#include <string>

#include "policies/catalogue.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

class ExecutiveLearning final : public Policy {
 public:
  ExecutiveLearning(int executive, double initial_slowdown, double exponent,
                    double initial_resolution, int experience)
      : executive_(executive),
        initial_slowdown_(initial_slowdown),
        exponent_(exponent),
        initial_resolution_(initial_resolution),
        started_(experience),
        ended_(experience) {}

  std::string_view name() const override { return "executive_learning"; }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "executive_services", 0.0);
    ctx.count(*this, "inexperience_hours", 0.0);
  }

  double handle_time_min(PolicyContext& ctx, const Complaint&, int desk,
                         double drawn_min) override {
    if (desk != executive_) return drawn_min;
    ++started_;
    const double slowed = drawn_min * (1.0 + (initial_slowdown_ - 1.0) * remaining(started_));
    ctx.count(*this, "executive_services");
    ctx.count(*this, "inexperience_hours", (slowed - drawn_min) / 60.0);
    return slowed;
  }

  double resolution_probability(PolicyContext&, const Complaint&, int desk,
                                double probability) override {
    if (desk != executive_) return probability;
    ++ended_;
    return probability * (1.0 - (1.0 - initial_resolution_) * remaining(ended_));
  }

 private:
  // The share of the first complaint's shortfall left at the n-th: n^(-b).
  double remaining(long long n) const {
    return std::pow(static_cast<double>(n), -exponent_);
  }

  int executive_;
  double initial_slowdown_;
  double exponent_;
  double initial_resolution_;
  long long started_;  // complaints the executive has started, experience included
  long long ended_;    // complaints the executive has finished, experience included
};

}  // namespace

std::unique_ptr<Policy> make_executive_learning(const PolicyConfig& config,
                                                const Scenario& scenario) {
  PolicyParams params(config, scenario);
  const int executive = params.executive_desk("executive");
  // De Jong's first-unit time: 2, as frontline_stint's (an assumption).
  const double initial_slowdown = params.number("initial_slowdown", 2.0, 1.0, 100.0);
  // Wright's 80% curve, the median progress ratio of industrial learning curves
  // (Dutton and Thomas 1984).
  const double learning_rate = params.share("learning_rate", 0.8);
  if (learning_rate <= 0.0) {
    params.fail("learning_rate", "'learning_rate' must be above 0 (100% means no learning)");
  }
  const double initial_resolution = params.share("initial_resolution", 0.7);
  const int experience = params.whole("experience", 0, 0, 100000000);
  params.finish();
  return std::make_unique<ExecutiveLearning>(executive, initial_slowdown,
                                             -std::log2(learning_rate), initial_resolution,
                                             experience);
}

}  // namespace escalsim
