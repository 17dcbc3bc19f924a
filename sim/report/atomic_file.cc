// PLACEHOLDER: replaced by the report writers.
#include "escalsim/report.h"
#include "escalsim/errors.h"
#include <ostream>
namespace escalsim {
void write_table(std::ostream&, const ExperimentResult&, const Prediction&) {}
void write_json(std::ostream&, const ExperimentResult&, const Prediction&) {}
void write_csv(std::ostream&, const ExperimentResult&) {}
void write_file_atomically(const std::string&, const std::string&) { throw OutputError("not written yet"); }
const char* version() { return ESCALSIM_VERSION; }
}
