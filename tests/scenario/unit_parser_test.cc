// Numbers and quantities with units, as scenario files write them.
#include "scenario/unit_parser.h"

#include <doctest/doctest.h>

using namespace escalsim::detail;

TEST_CASE("UnitParser: durations take every unit spelling, with or without a space") {
  CHECK(parse_duration("25min").value->in_minutes() == doctest::Approx(25));
  CHECK(parse_duration(" 2 weeks ").value->in_days() == doctest::Approx(14));
  CHECK(parse_duration("45 SEC").value->in_minutes() == doctest::Approx(0.75));
  CHECK(parse_duration("25").problem == "expected a duration like '25 min' or '2 h', got '25'");
  CHECK(parse_duration("-1 h").problem == "a duration cannot be negative, got '-1 h'");
  CHECK(parse_duration("1 month").problem ==
        "expected a duration like '25 min' or '2 h', got '1 month'");
}

TEST_CASE("UnitParser: numbers refuse NaN, infinities, octal look-alikes and overflow") {
  CHECK(*parse_number("1.5e2").value == 150);
  CHECK(parse_number(".nan").problem == "not-a-number '.nan' is not allowed");
  CHECK(parse_number("-.inf").problem == "infinite number '-.inf' is not allowed");
  CHECK(parse_number("Infinity").problem == "infinite number 'Infinity' is not allowed");
  CHECK(parse_number("0755").problem.rfind("octal-looking number '0755'", 0) == 0);
  CHECK(parse_number("0x1F").problem.rfind("hexadecimal, octal and binary numbers", 0) == 0);
  CHECK(parse_number("1e999").problem == "number '1e999' is out of range");
  CHECK(parse_number("0.5").ok());
  CHECK(parse_number("0").ok());
  CHECK(parse_number("12 apples").problem == "expected a number, got '12 apples'");
  CHECK(parse_duration("nan min").problem == "not-a-number 'nan' is not allowed");
}

TEST_CASE("UnitParser: whole numbers are checked against their range") {
  CHECK(*parse_integer("42", 0, 100).value == 42);
  CHECK(*parse_integer("1e3", 0, 10000).value == 1000);
  CHECK(parse_integer("2.5", 0, 100).problem == "expected a whole number, got '2.5'");
  CHECK(parse_integer("0", 1, 100).problem == "expected a whole number of at least 1, got '0'");
  CHECK(*parse_integer("9223372036854775807", 0, INT64_MAX).value == INT64_MAX);
  CHECK(parse_integer("9223372036854775808", 0, INT64_MAX).problem ==
        "number '9223372036854775808' is out of range (at most 9223372036854775807)");
}

TEST_CASE("UnitParser: rates, budgets, item counts and values per year") {
  CHECK(*parse_rate_per_hour("120 per day").value == doctest::Approx(5));
  CHECK(*parse_rate_per_hour("1 per minute").value == doctest::Approx(60));
  CHECK(parse_rate_per_hour("10 per year").problem ==
        "expected a rate like '120 per day' or '5 per hour', got '10 per year'");
  CHECK(*parse_rate_per_hour("10 per year", true).value == doctest::Approx(10.0 / (365.25 * 24)));
  CHECK(parse_rate_per_hour("-1 per day").problem == "a rate cannot be negative, got '-1 per day'");
  CHECK(parse_budget_per_week("3 h per week").value->in_hours() == doctest::Approx(3));
  CHECK(parse_budget_per_week("3 per week").problem ==
        "expected a time budget like '3 h per week', got '3 per week'");
  CHECK(*parse_items_per_month("10 per month").value == 10);
  CHECK(*parse_amount_per_year("200 per year").value == doctest::Approx(200));
  CHECK(*parse_amount_per_year("100 per month").value == doctest::Approx(1200));
}

TEST_CASE("UnitParser: shares are numbers in [0, 1] or percentages") {
  CHECK(*parse_share("0.15").value == doctest::Approx(0.15));
  CHECK(*parse_share("15%").value == doctest::Approx(0.15));
  CHECK(*parse_share("100 %").value == doctest::Approx(1));
  CHECK_FALSE(parse_share("1.5").ok());
  CHECK_FALSE(parse_share("-1%").ok());
  CHECK(parse_share(".nan").problem == "not-a-number '.nan' is not allowed");
}

TEST_CASE("UnitParser: times of day run from 00:00 to 24:00 and days by name") {
  CHECK(parse_time_of_day("09:30").value->in_minutes() == doctest::Approx(570));
  CHECK(parse_time_of_day("24:00").value->in_hours() == doctest::Approx(24));
  CHECK_FALSE(parse_time_of_day("24:30").ok());
  CHECK_FALSE(parse_time_of_day("9am").ok());
  CHECK_FALSE(parse_time_of_day("12:60").ok());
  CHECK(parse_weekday("Sunday") == 6);
  CHECK(parse_weekday("mon") == 0);
  CHECK_FALSE(parse_weekday("mo").has_value());
}
