// PLACEHOLDER
#include "escalsim/results.h"
namespace escalsim { std::vector<Metric> flatten(const RunResult&) { return {}; } }
