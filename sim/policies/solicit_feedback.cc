// PLACEHOLDER: the solicit_feedback policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_solicit_feedback(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'solicit_feedback' is not available yet");
}

}  // namespace escalsim
