// The condition language of `escalsim threshold --until`: a figure path, an operator and a
// value with units, parsed against a scenario and judged on replications with confidence.
#include "escalsim/condition.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "escalsim/errors.h"
#include "escalsim/metric_names.h"
#include "escalsim/metrics.h"
#include "escalsim/user_input.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

constexpr char kExample[] =
    "expected a figure, an operator and a value, e.g. \"desks.frontline.wait_mean >= 40 min\", "
    "\"executive.reply_p90 <= 5 d\" or \"verdict.silo\"";

constexpr std::array<const char*, 5> kVerdictFields{"silo", "flock", "cannot_keep_up",
                                                    "waits_longer", "front_line_overloaded"};

std::vector<std::string> split_dots(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    parts.emplace_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string did_you_mean_text(const std::string& word, const std::vector<std::string>& known) {
  const std::string match = did_you_mean(word, known);
  return match.empty() ? std::string() : fmt::format(", did you mean \"{}\"?", match);
}

// A desk of the scenario by name; `executive_only` restricts to executive desks.
void check_desk(const std::string& name, const Scenario& scenario, bool executive_only) {
  std::vector<std::string> known;
  for (const Desk& d : scenario.desks) {
    if (executive_only && !d.is_executive()) continue;
    if (d.name == name) return;
    known.push_back(d.name);
  }
  throw Error(fmt::format("no {}desk \"{}\" in the scenario (its {}desks: {}){}",
                          executive_only ? "executive " : "", name,
                          executive_only ? "executive " : "", fmt::join(known, ", "),
                          did_you_mean_text(name, known)));
}

// The scope a path names and the metric after it.
void resolve_path(Condition& c, const Scenario& scenario) {
  const std::vector<std::string> parts = split_dots(c.path);
  for (const std::string& p : parts) {
    if (p.empty()) throw Error(fmt::format("\"{}\" has an empty part; {}", c.path, kExample));
  }
  const std::string& head = parts[0];
  std::string metric;
  if (head == "verdict") {
    if (parts.size() != 2) {
      throw Error(fmt::format("\"{}\": a verdict figure is verdict.<field>, one of {}", c.path,
                              fmt::join(kVerdictFields, ", ")));
    }
    const std::vector<std::string> fields(kVerdictFields.begin(), kVerdictFields.end());
    if (std::find(fields.begin(), fields.end(), parts[1]) == fields.end()) {
      throw Error(fmt::format("no verdict figure \"{}\" (the verdict's figures: {}){}", parts[1],
                              fmt::join(fields, ", "), did_you_mean_text(parts[1], fields)));
    }
    c.on_verdict = true;
    c.verdict_field = parts[1];
    return;
  }
  if (head == "desks") {
    if (parts.size() != 3) {
      throw Error(fmt::format("\"{}\": a desk's figure is desks.<desk>.<figure>", c.path));
    }
    check_desk(parts[1], scenario, false);
    c.scope = metric::kDeskPrefix + parts[1];
    metric = parts[2];
  } else if (head == "executive") {
    if (parts.size() == 3) {
      check_desk(parts[1], scenario, true);
      c.scope = metric::kExecutivePrefix + parts[1];
      metric = parts[2];
    } else if (parts.size() == 2) {
      std::vector<std::string> executives;
      for (const Desk& d : scenario.desks) {
        if (d.is_executive()) executives.push_back(d.name);
      }
      if (executives.empty()) {
        throw Error(fmt::format("\"{}\": the scenario has no executive desk", c.path));
      }
      if (executives.size() > 1) {
        throw Error(fmt::format("\"{}\": the scenario has several executive desks ({}); name one, "
                                "e.g. executive.{}.{}",
                                c.path, fmt::join(executives, ", "), executives[0], parts[1]));
      }
      c.scope = metric::kExecutivePrefix + executives[0];
      metric = parts[1];
    } else {
      throw Error(fmt::format("\"{}\": an executive figure is executive.<figure> or "
                              "executive.<desk>.<figure>", c.path));
    }
  } else {
    const std::vector<std::string> fixed{"desks",   "executive", metric::kComplaints,
                                         metric::kCustomers, metric::kEconomics,
                                         metric::kSilo, "verdict"};
    if (std::find(fixed.begin(), fixed.end(), head) == fixed.end()) {
      throw Error(fmt::format("\"{}\" names no figure: it starts with one of {}{}", c.path,
                              fmt::join(fixed, ", "), did_you_mean_text(head, fixed)));
    }
    if (parts.size() != 2) {
      throw Error(fmt::format("\"{}\": a figure of {} is {}.<figure>", c.path, head, head));
    }
    c.scope = head;
    metric = parts[1];
  }
  c.metric_names = {metric};
  if (c.duration_value && !ends_with(metric, "_min") && !ends_with(metric, "_h")) {
    c.metric_names = {metric + "_min", metric + "_h", metric};
  }
}

// The value after the operator, in minutes for a duration.
void parse_value(Condition& c) {
  std::string text(detail::trim(c.value_text));
  if (text.empty()) throw Error(fmt::format("no value after the operator; {}", kExample));
  // "5 d" and "5d": days, as the client writes them.
  if (ends_with(text, "d") && text.size() > 1 &&
      (std::isdigit(static_cast<unsigned char>(text[text.size() - 2])) ||
       text[text.size() - 2] == ' ')) {
    text = text.substr(0, text.size() - 1) + "days";
  }
  if (const detail::Parsed<Duration> d = detail::parse_duration(text); d.ok()) {
    c.value = d.value->in_minutes();
    c.duration_value = true;
    return;
  }
  std::string number = text;
  bool percent = false;
  if (!number.empty() && number.back() == '%') {
    percent = true;
    number.pop_back();
    number = std::string(detail::trim(number));
  }
  const detail::Parsed<double> n = detail::parse_number(number);
  if (!n.ok()) {
    throw Error(fmt::format("\"{}\" is not a value; expected a number (12, 0.9), a share (90%) "
                            "or a duration (40 min, 2 h, 5 d)", c.value_text));
  }
  c.value = percent ? *n.value / 100.0 : *n.value;
}

bool compare(double figure, ConditionOp op, double value) {
  switch (op) {
    case ConditionOp::kLess: return figure < value;
    case ConditionOp::kLessEqual: return figure <= value;
    case ConditionOp::kGreater: return figure > value;
    case ConditionOp::kGreaterEqual: return figure >= value;
    case ConditionOp::kEqual: return figure == value;
  }
  return false;
}

bool verdict_field(const SiloVerdict& v, const std::string& field) {
  if (field == "silo") return v.silo;
  if (field == "flock") return v.flock;
  if (field == "cannot_keep_up") return v.cannot_keep_up;
  if (field == "waits_longer") return v.waits_longer;
  return v.front_line_overloaded;
}

}  // namespace

const char* op_text(ConditionOp op) {
  switch (op) {
    case ConditionOp::kLess: return "<";
    case ConditionOp::kLessEqual: return "<=";
    case ConditionOp::kGreater: return ">";
    case ConditionOp::kGreaterEqual: return ">=";
    case ConditionOp::kEqual: return "==";
  }
  return "?";
}

Condition parse_condition(std::string_view text, const Scenario& scenario) {
  Condition c;
  c.text = std::string(detail::trim(text));
  if (c.text.empty()) throw Error(fmt::format("the condition is empty; {}", kExample));
  // The first operator, two-character ones first so "<=" is not read as "<".
  std::size_t at = std::string::npos, length = 0;
  for (const char* op : {"<=", ">=", "==", "<", ">", "="}) {
    const std::size_t found = c.text.find(op);
    if (found != std::string::npos && (found < at || (found == at && std::strlen(op) > length))) {
      at = found;
      length = std::strlen(op);
    }
  }
  std::string op_written;
  if (at == std::string::npos) {
    c.path = c.text;
  } else {
    c.path = std::string(detail::trim(std::string_view(c.text).substr(0, at)));
    op_written = c.text.substr(at, length);
    c.value_text = std::string(detail::trim(std::string_view(c.text).substr(at + length)));
    if (c.value_text.find_first_of("<>=") != std::string::npos) {
      throw Error(fmt::format("\"{}\" has more than one operator; {}", c.text, kExample));
    }
  }
  if (op_written == "=") {
    throw Error(fmt::format("\"{}\": write == to compare, or one of <=, <, >=, >", c.text));
  }
  if (c.path.empty()) throw Error(fmt::format("no figure before the operator; {}", kExample));
  if (c.path.find(' ') != std::string::npos) {
    throw Error(fmt::format("\"{}\" {}; {}", c.text,
                            op_written.empty() ? "has no operator" : "is not a figure and an operator",
                            kExample));
  }
  const bool verdict = c.path.rfind("verdict.", 0) == 0 || c.path == "verdict";
  if (verdict) {
    resolve_path(c, scenario);
    c.op = ConditionOp::kEqual;
    if (op_written.empty()) return c;
    if (op_written != "==") {
      throw Error(fmt::format("\"{}\": a verdict is yes or no; compare it with ==, e.g. "
                              "\"{} == no\"", c.text, c.path));
    }
    std::string v(c.value_text);
    std::transform(v.begin(), v.end(), v.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (v == "yes" || v == "true") {
      c.verdict_wanted = true;
    } else if (v == "no" || v == "false") {
      c.verdict_wanted = false;
    } else {
      throw Error(fmt::format("\"{}\": a verdict is yes or no, got \"{}\"", c.text, c.value_text));
    }
    return c;
  }
  if (op_written.empty()) {
    throw Error(fmt::format("\"{}\" has no operator; {}", c.text, kExample));
  }
  c.op = op_written == "<="   ? ConditionOp::kLessEqual
         : op_written == "<"  ? ConditionOp::kLess
         : op_written == ">=" ? ConditionOp::kGreaterEqual
         : op_written == ">"  ? ConditionOp::kGreater
                              : ConditionOp::kEqual;
  parse_value(c);
  resolve_path(c, scenario);
  return c;
}

ConditionJudgement judge_condition(const Condition& condition,
                                   const std::vector<Estimate>& summary,
                                   const SiloVerdict& verdict) {
  ConditionJudgement j;
  if (condition.on_verdict) {
    // The verdict already judges its tests on the replications' intervals.
    const bool value = verdict_field(verdict, condition.verdict_field);
    j.figure = "verdict." + condition.verdict_field;
    j.mean = j.low = j.high = value ? 1.0 : 0.0;
    j.holds = value == condition.verdict_wanted;
    for (const Estimate& e : summary) j.n = std::max(j.n, e.n);
    return j;
  }
  const Estimate* e = nullptr;
  std::string name;
  for (const std::string& candidate : condition.metric_names) {
    e = find_metric(summary, condition.scope, candidate);
    if (e != nullptr) {
      name = candidate;
      break;
    }
  }
  if (e == nullptr) {
    std::vector<std::string> known;
    for (const Estimate& s : summary) {
      if (s.scope == condition.scope) known.push_back(s.name);
    }
    throw Error(fmt::format("\"{}\": no figure {} of {} (its figures: {}){}", condition.text,
                            condition.metric_names.front(), condition.scope,
                            fmt::join(known, ", "),
                            did_you_mean_text(condition.metric_names.front(), known)));
  }
  double value = condition.value;
  if (condition.duration_value) {
    if (ends_with(name, "_h")) {
      value /= 60.0;
    } else if (!ends_with(name, "_min")) {
      throw Error(fmt::format("\"{}\": {} is not a duration; write the value without a unit",
                              condition.text, name));
    }
  } else if (ends_with(name, "_min") || ends_with(name, "_h")) {
    throw Error(fmt::format("\"{}\": {} is a duration; write the value with its unit, e.g. "
                            "{} min",
                            condition.text, name, condition.value_text));
  }
  j.figure = condition.scope + "/" + name;
  j.n = e->n;
  j.mean = e->mean;
  const double half = e->n > 1 ? e->half_width : 0.0;
  j.low = e->mean - half;
  j.high = e->mean + half;
  j.holds = compare(j.mean, condition.op, value);
  if (condition.op == ConditionOp::kEqual) return j;
  // Confident when the condition says the same at both ends of the interval.
  j.confident = compare(j.low, condition.op, value) == compare(j.high, condition.op, value);
  return j;
}

}  // namespace escalsim
