// The tidy CSV writer: one row per replication, scope and metric.
#include "escalsim/report.h"

#include <cmath>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "escalsim/results.h"
#include "report/format_helpers.h"

namespace escalsim {
using detail::csv_field;
using detail::csv_number;

void write_csv(std::ostream& out, const ExperimentResult& result) {
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it, "replication,seed,scope,metric,value\n");
  for (const RunResult& run : result.runs) {
    for (const Metric& metric : flatten(run)) {
      fmt::format_to(it, "{},{},{},{},{}\n", run.replication, run.seed, csv_field(metric.scope),
                     csv_field(metric.name), csv_number(metric.value));
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace escalsim
