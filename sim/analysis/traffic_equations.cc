// PLACEHOLDER: replaced by the traffic equations.
#include "escalsim/analysis.h"
namespace escalsim { Prediction predict(const Scenario&) { return {}; } }
