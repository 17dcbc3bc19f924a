// Numbers and quantities with units as written in scenario files: "25 min", "120 per day",
// "3 h per week", "15%", "09:00". Pure text in, value or a user-facing problem out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "escalsim/units.h"

namespace escalsim::detail {

// A parsed value, or the reason it could not be parsed (a message without location).
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string problem;  // set when value is empty
  // The text was a well-formed quantity too large for a double once converted to the
  // program's units ("1e305 weeks"): callers with a documented bound quote it instead.
  bool too_large = false;

  bool ok() const { return value.has_value(); }
  static Parsed fail(std::string message) { return Parsed{std::nullopt, std::move(message)}; }
  static Parsed good(T v) { return Parsed{std::move(v), {}}; }
  static Parsed overflow(std::string_view text) {
    return Parsed{std::nullopt, "'" + std::string(text) + "' is out of range", true};
  }
};

// A plain decimal number: optional sign, digits, optional fraction and exponent.
// Rejects NaN, infinities, octal-looking numbers (0755), hex and out-of-range values, each
// with its own message. `expected` is the phrase for anything else ("a number").
Parsed<double> parse_number(std::string_view text, std::string_view expected = "a number");

// A whole number in [min, max].
Parsed<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max);

// "<number> <unit>" with s/sec/second(s), min/minute(s), h/hr/hour(s), day(s), week(s);
// the space is optional. Negative durations are rejected, and so are those whose minutes
// overflow a double (too_large is set).
Parsed<Duration> parse_duration(std::string_view text);

// "<number> per <unit>" with minute, hour, day, week, month (and year when allow_year).
// Returns events per hour. Negative rates, and those that overflow, are rejected.
Parsed<double> parse_rate_per_hour(std::string_view text, bool allow_year = false);

// "<number> per year" (or per month, week, day): an amount per year.
Parsed<double> parse_amount_per_year(std::string_view text);

// "<number> <time unit> per week": a weekly time budget.
Parsed<Duration> parse_budget_per_week(std::string_view text);

// "<whole number> per month": a count per month.
Parsed<int> parse_items_per_month(std::string_view text);

// A probability or share: a number in [0, 1], or a percentage "15%" in [0, 100].
Parsed<double> parse_share(std::string_view text);

// A time of day "HH:MM" from 00:00 to 24:00.
Parsed<Duration> parse_time_of_day(std::string_view text);

// A weekday name (mon..sun, or the full name): 0 = Monday.
std::optional<int> parse_weekday(std::string_view text);

// The inverse of parse_duration, for messages and reports: a span as a user would write it,
// in the largest whole unit ("52 weeks", "3 days", "8 h"), else in minutes ("90 min");
// "none" for 0.
std::string format_span(Duration d);

// Strips leading and trailing blanks.
std::string_view trim(std::string_view text);

}  // namespace escalsim::detail
