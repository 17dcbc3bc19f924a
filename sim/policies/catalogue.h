// The factories of every policy in the catalogue, one per file in sim/policies/.
// Each parses its parameters with PolicyParams and throws ScenarioError on bad ones.
#pragma once

#include <memory>

#include "policies/policy.h"

namespace escalsim {

std::unique_ptr<Policy> make_frontline_only(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_escalation_chain(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_open_inbox(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_random_sample_signoff(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_frontline_stint(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_public_replies(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_touch_and_delegate(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_solicit_feedback(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_executive_learning(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_contradicting_replies(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_goodwill(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_raised_expectations(const PolicyConfig&, const Scenario&);
std::unique_ptr<Policy> make_customer_base(const PolicyConfig&, const Scenario&);

}  // namespace escalsim
