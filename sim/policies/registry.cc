// The policy catalogue: every policy by name, and how to build it from its configuration.
#include <functional>
#include <map>

#include <fmt/format.h>

#include "escalsim/errors.h"
#include "policies/catalogue.h"
#include "policies/policy.h"

namespace escalsim {
namespace {

using Factory = std::function<std::unique_ptr<Policy>(const PolicyConfig&, const Scenario&)>;

// Catalogue order (as in DESIGN.md). Each policy's file defines its make_* function.
const std::vector<std::pair<std::string, Factory>>& catalogue() {
  static const std::vector<std::pair<std::string, Factory>> policies = {
      {"frontline_only", make_frontline_only},
      {"escalation_chain", make_escalation_chain},
      {"open_inbox", make_open_inbox},
      {"random_sample_signoff", make_random_sample_signoff},
      {"frontline_stint", make_frontline_stint},
      {"public_replies", make_public_replies},
      {"touch_and_delegate", make_touch_and_delegate},
      {"solicit_feedback", make_solicit_feedback},
      {"executive_learning", make_executive_learning},
      {"contradicting_replies", make_contradicting_replies},
      {"goodwill", make_goodwill},
      {"raised_expectations", make_raised_expectations},
      {"customer_base", make_customer_base},
  };
  return policies;
}

}  // namespace

std::vector<PolicyFlow> policy_flows(const Scenario& scenario) {
  std::vector<PolicyFlow> flows;
  for (const PolicyConfig& config : scenario.policies) {
    for (PolicyFlow& f : make_policy(config, scenario)->flows()) flows.push_back(std::move(f));
  }
  return flows;
}

const std::vector<std::string>& policy_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& [name, factory] : catalogue()) n.push_back(name);
    return n;
  }();
  return names;
}

std::unique_ptr<Policy> make_policy(const PolicyConfig& config, const Scenario& scenario) {
  for (const auto& [name, factory] : catalogue()) {
    if (name == config.name) return factory(config, scenario);
  }
  std::string accepted;
  for (const std::string& name : policy_names()) accepted += (accepted.empty() ? "" : ", ") + name;
  const SourceLocation& at = config.where;
  throw ScenarioError(at.file, at.line, at.column,
                      fmt::format("unknown policy '{}'; the catalogue has: {}", config.name, accepted),
                      at.key_path);
}

}  // namespace escalsim
