// PLACEHOLDER: the escalation_chain policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_escalation_chain(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'escalation_chain' is not available yet");
}

}  // namespace escalsim
