// PLACEHOLDER: the random_sample_signoff policy is being written.
#include "escalsim/errors.h"
#include "policies/catalogue.h"

namespace escalsim {

std::unique_ptr<Policy> make_random_sample_signoff(const PolicyConfig&, const Scenario&) {
  throw ScenarioError("policy 'random_sample_signoff' is not available yet");
}

}  // namespace escalsim
