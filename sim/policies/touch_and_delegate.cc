// PLACEHOLDER: the touch_and_delegate policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_touch_and_delegate(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'touch_and_delegate' is not available yet");
}

}  // namespace escalsim
