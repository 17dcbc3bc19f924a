// frontline_only: the baseline. No executive involvement: routes into an executive desk
// are not taken, and the complaint closes as it stands (unresolved ones close unresolved).
#include <memory>
#include <string>

#include <fmt/format.h>

#include "escalsim/errors.h"
#include "policies/catalogue.h"
#include "policies/policy_params.h"

namespace escalsim {
namespace {

// Policies that send complaints to an executive desk themselves: composing them with
// frontline_only contradicts it, so the combination is an error rather than a surprise.
constexpr const char* kExecutiveRouters[] = {"escalation_chain", "open_inbox"};

class FrontlineOnly final : public Policy {
 public:
  std::string_view name() const override { return "frontline_only"; }

  void start(PolicyContext& ctx) override { ctx.count(*this, "blocked_escalations", 0.0); }

  int route_chosen(PolicyContext& ctx, Complaint&, int, bool, int target) override {
    if (target == kExit || !ctx.scenario().desks[target].is_executive()) return target;
    ctx.count(*this, "blocked_escalations");
    return kExit;  // leaves resolved if this desk resolved it, else closed unresolved
  }
};

[[noreturn]] void fail_at_policy(const PolicyConfig& config, const std::string& message) {
  const SourceLocation& at = config.where;
  throw ScenarioError(at.file, at.line, at.column, message, at.key_path);
}

}  // namespace

std::unique_ptr<Policy> make_frontline_only(const PolicyConfig& config, const Scenario& scenario) {
  PolicyParams params(config, scenario);
  params.finish();  // no parameters
  // Complaints that enter an executive desk directly would make the baseline a lie: refuse
  // the scenario instead of quietly sending them elsewhere.
  for (const DemandStream& stream : scenario.demand) {
    const Desk& desk = scenario.desks[stream.enters_desk];
    if (desk.is_executive()) {
      fail_at_policy(config, fmt::format("frontline_only: demand '{}' enters executive desk '{}'",
                                         stream.name, desk.name));
    }
  }
  int return_desk = scenario.customers.return_desk;
  if (return_desk >= 0 && scenario.desks[return_desk].is_executive()) {
    fail_at_policy(config,
                   fmt::format("frontline_only: returning customers enter executive desk '{}'",
                               scenario.desks[return_desk].name));
  }
  for (const PolicyConfig& other : scenario.policies) {
    for (const char* router : kExecutiveRouters) {
      if (other.name == router) {
        fail_at_policy(config, fmt::format("frontline_only cannot be combined with '{}', which "
                                           "sends complaints to the executive",
                                           other.name));
      }
    }
  }
  return std::make_unique<FrontlineOnly>();
}

}  // namespace escalsim
