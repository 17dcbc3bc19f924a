// PLACEHOLDER
#include "escalsim/experiment.h"
#include "escalsim/errors.h"
namespace escalsim {
ExperimentResult run_experiment(const Scenario&, const ExperimentOptions&) { throw Error("not yet"); }
Estimate estimate(const std::vector<double>&) { return {}; }
std::vector<Estimate> summarise(const std::vector<RunResult>&) { return {}; }
}
