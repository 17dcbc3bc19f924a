// Reading a call log row by row (CSV or TSV, a header row, any line ends), as the map says.
// Rows are handed to a callback one at a time and not kept: memory does not grow with the log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "calibration/log_map.h"

namespace escalsim::detail {

enum class CallOutcome {
  kServed,      // an agent served it
  kAbandoned,   // hung up in the queue
  kLeftEarly,   // hung up before asking for an agent (never queued)
  kDropped,     // an outcome the map says to drop (a PHANTOM call)
};

// One row. Times are seconds from midnight of `day` (a time past midnight on the next day
// is above 86400); `day` counts days since 1970-01-01.
struct CallRecord {
  int line = 0;               // 1-based line in the log
  std::int64_t day = 0;
  double arrival_s = 0.0;     // when it asked for an agent
  CallOutcome outcome = CallOutcome::kServed;
  std::string_view outcome_text;
  bool queued = false;        // it entered the queue
  double wait_s = 0.0;        // time in the queue (0 when not queued)
  double handle_s = 0.0;      // time with an agent (0 when not served)
  double service_start_s = -1.0;  // -1 when unknown
  double service_end_s = -1.0;
  std::string_view call_class;    // empty when the map has no class column
  bool high_priority = false;
  std::string_view agent;         // empty when none (or the map's no_agent value)
  std::string_view desk;          // empty when the map has no desk column
  std::string_view transfer;      // empty when not passed on (or the map's no_transfer value)
};

// Reads `log_path`, calling `row` for every data row (valid only during the call). Throws
// ScenarioError `log:line:col: message` for an empty file, a column the map names that the
// header lacks, a row with too few fields, a time or number that does not parse, and an
// outcome value the map does not list.
void read_call_log(const std::string& log_path, const LogMap& map,
                   const std::function<void(const CallRecord&)>& row);

// Days since 1970-01-01 of "YYYY-MM-DD", "YYYYMMDD" or "YYMMDD" (YY < 70: 20YY), or -1.
std::int64_t parse_day(std::string_view text);
// Seconds since midnight of "h:mm", "h:mm:ss" (hours up to 47 for past midnight), or -1.
double parse_log_time(std::string_view text);
// "YYYY-MM-DD" of a day number.
std::string format_day(std::int64_t day);
// 0 = Monday.
int weekday_of(std::int64_t day);

}  // namespace escalsim::detail
