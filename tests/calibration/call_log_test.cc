// The call-log reader: dates, times, line ends, quoted fields and times past midnight.
#include "calibration/call_log.h"

#include <vector>

#include <doctest/doctest.h>

#include "tools/program_runner.h"

using namespace escalsim::detail;

TEST_CASE("CallLog: dates in three forms name the same day, and 1 February 1999 is a Monday") {
  CHECK(parse_day("990201") == parse_day("19990201"));
  CHECK(parse_day("1999-02-01") == parse_day("19990201"));
  CHECK(format_day(parse_day("990201")) == "1999-02-01");
  CHECK(weekday_of(parse_day("1999-02-01")) == 0);
  CHECK(weekday_of(parse_day("1999-02-07")) == 6);
  CHECK(parse_day("1999-02-30") == -1);
  CHECK(parse_day("99/02/01") == -1);
}

TEST_CASE("CallLog: times of day with and without seconds, and what is not a time") {
  CHECK(parse_log_time("7:02:47") == 7 * 3600 + 2 * 60 + 47);
  CHECK(parse_log_time("07:02") == 7 * 3600 + 2 * 60);
  CHECK(parse_log_time("23:59:59.250") == 86399);
  CHECK(parse_log_time("7:2:47") == -1);
  CHECK(parse_log_time("7:62:00") == -1);
  CHECK(parse_log_time("noon") == -1);
}

TEST_CASE("CallLog: a service past midnight ends the next day; a quoted CSV field keeps its comma") {
  escalsim::testing::TempDir dir;
  escalsim::testing::write_file(
      dir / "log.csv",
      "date,asked,start,end,outcome,type\n"
      "990201,23:58:00,23:59:30,0:01:30,AGENT,\"PS, regular\"\n");
  LogMap map;
  map.path = "map.yaml";
  map.date = "date";
  map.arrival = "asked";
  map.service_start = "start";
  map.service_end = "end";
  map.outcome = "outcome";
  map.call_class = "type";
  map.served = {"AGENT"};
  std::vector<CallRecord> rows;
  std::vector<std::string> classes;
  read_call_log(dir / "log.csv", map, [&](const CallRecord& r) {
    rows.push_back(r);
    classes.emplace_back(r.call_class);
  });
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].line == 2);
  CHECK(rows[0].service_start_s == 23 * 3600 + 59 * 60 + 30);
  CHECK(rows[0].service_end_s == 86400 + 90);
  CHECK(rows[0].handle_s == 120);
  CHECK(classes[0] == "PS, regular");
}
