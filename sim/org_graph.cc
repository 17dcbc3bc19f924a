// PLACEHOLDER: replaced by the organisation graph.
#include "escalsim/analysis.h"
namespace escalsim { void validate_graph(const Scenario&) {} }
