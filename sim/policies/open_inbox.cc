// PLACEHOLDER: the open_inbox policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_open_inbox(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'open_inbox' is not available yet");
}

}  // namespace escalsim
