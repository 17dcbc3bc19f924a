// PLACEHOLDER: the frontline_only policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_frontline_only(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'frontline_only' is not available yet");
}

}  // namespace escalsim
