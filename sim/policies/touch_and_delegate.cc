// touch_and_delegate: the executive only touches a complaint (a few minutes, never a
// resolution), then hands the work to a staff desk where it jumps the line.
#include <memory>
#include <string>

#include <fmt/format.h>

#include "policies/catalogue.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

class TouchAndDelegate final : public Policy {
 public:
  TouchAndDelegate(int executive, double touch_min, int delegate_to)
      : executive_(executive), touch_min_(touch_min), delegate_to_(delegate_to) {}

  std::string_view name() const override { return "touch_and_delegate"; }
  std::vector<PolicyFlow> flows() const override {
    return {{executive_, delegate_to_,
             fmt::format("touch and delegate: {:g} min touch, then priority", touch_min_)}};
  }

  void start(PolicyContext& ctx) override {
    ctx.count(*this, "touched", 0.0);
    ctx.count(*this, "delegated", 0.0);
  }

  // The touch replaces the executive's own handle time; the desk's budget is charged it.
  double handle_time_min(PolicyContext&, const Complaint&, int desk, double drawn_min) override {
    return desk == executive_ ? touch_min_ : drawn_min;
  }

  double resolution_probability(PolicyContext&, const Complaint&, int desk,
                                double probability) override {
    return desk == executive_ ? 0.0 : probability;
  }

  void on_served(PolicyContext& ctx, const Complaint&, int desk, bool) override {
    if (desk == executive_) ctx.count(*this, "touched");
  }

  int route_after_service(PolicyContext& ctx, Complaint& c, int desk, bool) override {
    if (desk != executive_) return kFollowRoutes;
    ctx.count(*this, "delegated");
    c.priority = true;  // the engine clears it when the next service starts
    return delegate_to_;
  }

 private:
  int executive_;
  double touch_min_;
  int delegate_to_;
};

}  // namespace

std::unique_ptr<Policy> make_touch_and_delegate(const PolicyConfig& config,
                                                const Scenario& scenario) {
  PolicyParams params(config, scenario);
  int executive = params.executive_desk("executive");
  Duration touch = params.duration("touch_time", Duration::minutes(5));
  if (touch.in_minutes() <= 0.0) params.fail("touch_time", "'touch_time' must be above 0");
  int delegate_to = params.desk("delegate_to");
  if (scenario.desks[delegate_to].is_executive()) {
    params.fail("delegate_to", fmt::format("'delegate_to' must be a staff desk; '{}' is an "
                                           "executive desk",
                                           scenario.desks[delegate_to].name));
  }
  params.finish();
  return std::make_unique<TouchAndDelegate>(executive, touch.in_minutes(), delegate_to);
}

}  // namespace escalsim
