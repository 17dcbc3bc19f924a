// PLACEHOLDER: the frontline_stint policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_frontline_stint(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'frontline_stint' is not available yet");
}

}  // namespace escalsim
