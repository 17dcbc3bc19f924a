// Parsing numbers and quantities with units; every failure says what was expected.
#include "scenario/unit_parser.h"

#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

namespace escalsim::detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the longest prefix of `s` that looks like a decimal number (0 if none).
std::size_t number_prefix_length(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    std::size_t frac = 0;
    while (j < s.size() && is_digit(s[j])) ++j, ++frac;
    if (frac > 0 || digits > 0) {
      i = j;
      digits += frac;
    }
  }
  if (digits == 0) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    std::size_t exp_digits = 0;
    while (j < s.size() && is_digit(s[j])) ++j, ++exp_digits;
    if (exp_digits > 0) i = j;
  }
  return i;
}

bool looks_nan(std::string_view word) {
  std::string w = lower(word);
  if (!w.empty() && (w[0] == '+' || w[0] == '-')) w.erase(0, 1);
  return w == "nan" || w == ".nan";
}

bool looks_inf(std::string_view word) {
  std::string w = lower(word);
  if (!w.empty() && (w[0] == '+' || w[0] == '-')) w.erase(0, 1);
  return w == "inf" || w == ".inf" || w == "infinity" || w == "infinite";
}

// The special problems of a number-like word, or "" if it is none of them.
std::string special_problem(std::string_view word) {
  if (looks_nan(word)) return "not-a-number '" + std::string(word) + "' is not allowed";
  if (looks_inf(word)) return "infinite number '" + std::string(word) + "' is not allowed";
  std::string_view digits = word;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
  if (digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X' ||
                                                 digits[1] == 'o' || digits[1] == 'b')) {
    return "hexadecimal, octal and binary numbers like '" + std::string(word) +
           "' are not allowed; write a decimal number";
  }
  if (digits.size() >= 2 && digits[0] == '0' && is_digit(digits[1])) {
    return "octal-looking number '" + std::string(word) +
           "' is ambiguous (YAML 1.1 reads it in base 8); write it without the leading zero";
  }
  return {};
}

// Splits "<number><blanks><rest>": the number must be well formed and finite.
struct Quantity {
  double number = 0.0;
  std::string_view number_text;
  std::string_view rest;  // trimmed
};

Parsed<Quantity> split_quantity(std::string_view text, const std::string& expectation) {
  text = trim(text);
  std::size_t n = number_prefix_length(text);
  // The first word, for the special messages (nan, inf, 0755).
  std::size_t word_end = 0;
  while (word_end < text.size() && !std::isspace(static_cast<unsigned char>(text[word_end]))) {
    ++word_end;
  }
  std::string_view first_word = text.substr(0, n > 0 ? n : word_end);
  if (std::string special = special_problem(first_word); !special.empty()) {
    return Parsed<Quantity>::fail(special);
  }
  if (n > 0 && n < text.size() && (text[n] == 'x' || text[n] == 'o' || text[n] == 'b')) {
    std::string special = special_problem(text.substr(0, word_end));
    if (!special.empty()) return Parsed<Quantity>::fail(special);
  }
  if (n == 0) return Parsed<Quantity>::fail(expectation + ", got '" + std::string(text) + "'");
  std::string number_text(text.substr(0, n));
  errno = 0;
  double value = std::strtod(number_text.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(value)) {
    return Parsed<Quantity>::fail("number '" + number_text + "' is out of range");
  }
  if (!std::isfinite(value)) {
    return Parsed<Quantity>::fail("number '" + number_text + "' is out of range");
  }
  Quantity q;
  q.number = value;
  q.number_text = text.substr(0, n);
  q.rest = trim(text.substr(n));
  return Parsed<Quantity>::good(q);
}

// Minutes per unit of time, for the accepted spellings; 0 if unknown.
double minutes_per_unit(std::string_view unit_text, bool allow_month, bool allow_year) {
  std::string u = lower(unit_text);
  if (u == "s" || u == "sec" || u == "secs" || u == "second" || u == "seconds") return 1.0 / 60.0;
  if (u == "min" || u == "mins" || u == "minute" || u == "minutes") return 1.0;
  if (u == "h" || u == "hr" || u == "hrs" || u == "hour" || u == "hours") return 60.0;
  if (u == "day" || u == "days") return 1440.0;
  if (u == "week" || u == "weeks") return 10080.0;
  if (allow_month && (u == "month" || u == "months")) return kMonth.in_minutes();
  if (allow_year && (u == "year" || u == "years")) return 12.0 * kMonth.in_minutes();
  return 0.0;
}

// Splits "<left> per <unit>" (case-insensitive "per"); false if there is no " per ".
bool split_per(std::string_view text, std::string_view& left, std::string_view& unit) {
  std::string l = lower(text);
  std::size_t at = l.rfind("per");
  while (at != std::string::npos) {
    bool starts_word = at == 0 || std::isspace(static_cast<unsigned char>(l[at - 1])) ||
                       is_digit(l[at - 1]);
    if (starts_word) {
      left = trim(text.substr(0, at));
      unit = trim(text.substr(at + 3));
      return true;
    }
    if (at == 0) break;
    at = l.rfind("per", at - 1);
  }
  return false;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

Parsed<double> parse_number(std::string_view text, std::string_view expected) {
  std::string expectation = "expected " + std::string(expected);
  auto q = split_quantity(text, expectation);
  if (!q.ok()) return Parsed<double>::fail(q.problem);
  if (!q.value->rest.empty()) {
    return Parsed<double>::fail(expectation + ", got '" + std::string(trim(text)) + "'");
  }
  return Parsed<double>::good(q.value->number);
}

Parsed<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max) {
  auto number = parse_number(text, "a whole number");
  if (!number.ok()) return Parsed<std::int64_t>::fail(number.problem);
  double v = *number.value;
  std::string shown(trim(text));
  if (v != std::floor(v)) {
    return Parsed<std::int64_t>::fail("expected a whole number, got '" + shown + "'");
  }
  // Doubles hold every integer up to 2^53 exactly; beyond that, read the digits directly.
  if (std::fabs(v) >= 9.0e15) {
    errno = 0;
    std::string digits(shown);
    char* end = nullptr;
    unsigned long long big = std::strtoull(digits.c_str(), &end, 10);
    bool clean = end && *end == '\0' && errno != ERANGE && digits[0] != '-' && digits[0] != '+';
    if (!clean || big > static_cast<unsigned long long>(max)) {
      return Parsed<std::int64_t>::fail("number '" + shown + "' is out of range (at most " +
                                        std::to_string(max) + ")");
    }
    return Parsed<std::int64_t>::good(static_cast<std::int64_t>(big));
  }
  auto whole = static_cast<std::int64_t>(v);
  if (whole < min) {
    return Parsed<std::int64_t>::fail("expected a whole number of at least " +
                                      std::to_string(min) + ", got '" + shown + "'");
  }
  if (whole > max) {
    return Parsed<std::int64_t>::fail("number '" + shown + "' is out of range (at most " +
                                      std::to_string(max) + ")");
  }
  return Parsed<std::int64_t>::good(whole);
}

Parsed<Duration> parse_duration(std::string_view text) {
  const std::string expectation = "expected a duration like '25 min' or '2 h'";
  auto q = split_quantity(text, expectation);
  if (!q.ok()) return Parsed<Duration>::fail(q.problem);
  double per = minutes_per_unit(q.value->rest, false, false);
  if (per == 0.0) {
    return Parsed<Duration>::fail(expectation + ", got '" + std::string(trim(text)) + "'");
  }
  if (q.value->number < 0) {
    return Parsed<Duration>::fail("a duration cannot be negative, got '" +
                                  std::string(trim(text)) + "'");
  }
  const double minutes = q.value->number * per;
  if (!std::isfinite(minutes)) return Parsed<Duration>::overflow(trim(text));
  return Parsed<Duration>::good(Duration::minutes(minutes));
}

namespace {

// "<number> per <unit>" as rates and values per year share it: the number and the unit's
// length in minutes (0 when the unit is not one `allow_year` accepts). Every message other
// than a special number's (nan, inf, 0755) is `expectation`, quoting the text (so is a unit
// shorter than `min_unit_min`); a negative number is "<noun> cannot be negative".
struct PerUnit {
  double number;
  double unit_min;
};
Parsed<PerUnit> parse_per_unit(std::string_view text, const std::string& expectation,
                               std::string_view number_phrase, std::string_view noun,
                               bool allow_year, double min_unit_min) {
  const std::string shown(trim(text));
  std::string_view left, unit;
  if (!split_per(text, left, unit)) {
    // Still give the special number messages (nan, inf, 0755) before the generic one.
    auto q = split_quantity(text, expectation);
    if (!q.ok()) return Parsed<PerUnit>::fail(q.problem);
    return Parsed<PerUnit>::fail(expectation + ", got '" + shown + "'");
  }
  auto number = parse_number(left, number_phrase);
  if (!number.ok()) {
    if (number.problem.rfind("expected", 0) == 0) {
      return Parsed<PerUnit>::fail(expectation + ", got '" + shown + "'");
    }
    return Parsed<PerUnit>::fail(number.problem);
  }
  const double per = minutes_per_unit(unit, true, allow_year);
  if (per == 0.0 || per < min_unit_min) {
    return Parsed<PerUnit>::fail(expectation + ", got '" + shown + "'");
  }
  if (*number.value < 0) {
    return Parsed<PerUnit>::fail(std::string(noun) + " cannot be negative, got '" + shown + "'");
  }
  return Parsed<PerUnit>::good(PerUnit{*number.value, per});
}

}  // namespace

Parsed<double> parse_rate_per_hour(std::string_view text, bool allow_year) {
  auto p = parse_per_unit(text, "expected a rate like '120 per day' or '5 per hour'",
                          "a rate like '120 per day' or '5 per hour'", "a rate", allow_year, 0.0);
  if (!p.ok()) return Parsed<double>::fail(p.problem);
  const double per_hour = p.value->number / p.value->unit_min * 60.0;
  if (!std::isfinite(per_hour)) return Parsed<double>::overflow(trim(text));
  return Parsed<double>::good(per_hour);
}

Parsed<double> parse_amount_per_year(std::string_view text) {
  auto p = parse_per_unit(text, "expected a value per customer like '200 per year'", "a value",
                          "a value", true, 1.0);
  if (!p.ok()) return Parsed<double>::fail(p.problem);
  const double per_year_minutes = 12.0 * kMonth.in_minutes();
  const double per_year = p.value->number * per_year_minutes / p.value->unit_min;
  if (!std::isfinite(per_year)) return Parsed<double>::overflow(trim(text));
  return Parsed<double>::good(per_year);
}

Parsed<Duration> parse_budget_per_week(std::string_view text) {
  const std::string expectation = "expected a time budget like '3 h per week'";
  std::string shown(trim(text));
  std::string_view left, unit;
  if (!split_per(text, left, unit) || lower(unit) != "week") {
    auto q = split_quantity(text, expectation);
    if (!q.ok()) return Parsed<Duration>::fail(q.problem);
    return Parsed<Duration>::fail(expectation + ", got '" + shown + "'");
  }
  auto time = parse_duration(left);
  if (time.too_large) return Parsed<Duration>::overflow(trim(text));
  if (!time.ok()) {
    if (time.problem.rfind("expected", 0) == 0) {
      return Parsed<Duration>::fail(expectation + ", got '" + shown + "'");
    }
    return Parsed<Duration>::fail(time.problem);
  }
  return time;
}

Parsed<int> parse_items_per_month(std::string_view text) {
  const std::string expectation = "expected a count like '10 per month'";
  std::string shown(trim(text));
  std::string_view left, unit;
  if (!split_per(text, left, unit) || lower(unit) != "month") {
    auto q = split_quantity(text, expectation);
    if (!q.ok()) return Parsed<int>::fail(q.problem);
    return Parsed<int>::fail(expectation + ", got '" + shown + "'");
  }
  auto number = parse_number(left, "a count");
  if (!number.ok()) {
    if (number.problem.rfind("expected", 0) == 0) {
      return Parsed<int>::fail(expectation + ", got '" + shown + "'");
    }
    return Parsed<int>::fail(number.problem);
  }
  double v = *number.value;
  if (v < 0 || v != std::floor(v) || v > 1e9) {
    return Parsed<int>::fail("expected a whole, non-negative number of items like '10 per month', "
                             "got '" + shown + "'");
  }
  return Parsed<int>::good(static_cast<int>(v));
}

Parsed<double> parse_share(std::string_view text) {
  const std::string expectation = "expected a number between 0 and 1 or a percentage like '15%'";
  std::string shown(trim(text));
  std::string_view body = trim(text);
  bool percent = !body.empty() && body.back() == '%';
  if (percent) body = trim(body.substr(0, body.size() - 1));
  auto q = split_quantity(body, expectation);
  if (!q.ok()) {
    if (q.problem.rfind("expected", 0) == 0) {
      return Parsed<double>::fail(expectation + ", got '" + shown + "'");
    }
    return Parsed<double>::fail(q.problem);
  }
  if (!q.value->rest.empty()) return Parsed<double>::fail(expectation + ", got '" + shown + "'");
  double v = percent ? q.value->number / 100.0 : q.value->number;
  if (v < 0.0 || v > 1.0) return Parsed<double>::fail(expectation + ", got '" + shown + "'");
  return Parsed<double>::good(v);
}

Parsed<Duration> parse_time_of_day(std::string_view text) {
  const std::string shown(trim(text));
  const std::string message = "expected a time of day like '09:00' (00:00 to 24:00), got '" +
                              shown + "'";
  std::string_view t = trim(text);
  std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || t.size() != colon + 3) {
    return Parsed<Duration>::fail(message);
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i != colon && !is_digit(t[i])) return Parsed<Duration>::fail(message);
  }
  int hours = std::stoi(std::string(t.substr(0, colon)));
  int minutes = std::stoi(std::string(t.substr(colon + 1)));
  if (minutes >= 60 || hours > 24 || (hours == 24 && minutes != 0)) {
    return Parsed<Duration>::fail(message);
  }
  return Parsed<Duration>::good(Duration::hours(hours) + Duration::minutes(minutes));
}

std::optional<int> parse_weekday(std::string_view text) {
  static constexpr std::array<std::string_view, 7> kShort = {"mon", "tue", "wed", "thu",
                                                             "fri", "sat", "sun"};
  static constexpr std::array<std::string_view, 7> kLong = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  std::string w = lower(trim(text));
  for (int d = 0; d < 7; ++d) {
    if (w == kShort[d] || w == kLong[d]) return d;
  }
  return std::nullopt;
}

std::string format_span(Duration d) {
  const double minutes = d.in_minutes();
  auto whole = [](double x) { return std::fabs(x - std::round(x)) < 1e-9; };
  auto plural = [](double x, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", x, x == 1.0 ? one : many);
  };
  if (minutes == 0.0) return "none";
  if (whole(d.in_weeks())) return plural(std::round(d.in_weeks()), "week", "weeks");
  if (whole(d.in_days())) return plural(std::round(d.in_days()), "day", "days");
  if (whole(d.in_hours())) return fmt::format("{} h", std::round(d.in_hours()));
  return fmt::format("{} min", minutes);
}

}  // namespace escalsim::detail
