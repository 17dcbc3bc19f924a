// The tidy CSV writer: one row per replication, scope and metric.
#include "escalsim/report.h"

#include <cmath>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "escalsim/results.h"

namespace escalsim {
namespace {

// A field as RFC 4180 wants it: quoted, with quotes doubled, when it holds a comma, a quote
// or a line break (desk names may hold any of them).
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

// The shortest text that reads back as the same double; NaN and infinities in the
// spelling R and pandas both read.
std::string csv_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  return fmt::format("{}", value);
}

}  // namespace

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
