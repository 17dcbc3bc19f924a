// PLACEHOLDER: the public_replies policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_public_replies(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'public_replies' is not available yet");
}

}  // namespace escalsim
