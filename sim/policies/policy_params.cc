// Policy parameters through the loader's unit parser, with the loader's error format.
#include "policies/policy_params.h"

#include <algorithm>

#include <fmt/format.h>

#include "scenario/did_you_mean.h"
#include "escalsim/errors.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

const char* const kSeverityNames[] = {"minor", "moderate", "serious", "critical"};

std::optional<Severity> severity_named(std::string_view name) {
  for (int s = 0; s < kSeverityCount; ++s) {
    if (name == kSeverityNames[s]) return static_cast<Severity>(s);
  }
  return std::nullopt;
}

// Splits "a, b, c" (or "[a, b]") into trimmed names.
std::vector<std::string> names_in(std::string_view text) {
  std::vector<std::string> names;
  std::string current;
  for (char ch : text) {
    if (ch == ',' || ch == '[' || ch == ']') {
      if (!detail::trim(current).empty()) names.emplace_back(detail::trim(current));
      current.clear();
    } else {
      current += ch;
    }
  }
  if (!detail::trim(current).empty()) names.emplace_back(detail::trim(current));
  return names;
}

}  // namespace

PolicyParams::PolicyParams(const PolicyConfig& config, const Scenario& scenario)
    : config_(config), scenario_(scenario) {}

void PolicyParams::fail(const std::string& key, const std::string& message) const {
  const PolicyParam* p = config_.find(key);
  const SourceLocation& at = p ? p->where : config_.where;
  throw ScenarioError(at.file, at.line, at.column, message, at.key_path);
}

const PolicyParam* PolicyParams::take(const std::string& key) {
  read_.push_back(key);
  return config_.find(key);
}

template <typename T>
static T value_or_fail(const PolicyParams& self, const std::string& key,
                       const detail::Parsed<T>& parsed) {
  if (!parsed.ok()) self.fail(key, parsed.problem);
  return *parsed.value;
}

double PolicyParams::share(const std::string& key, double fallback) {
  const PolicyParam* p = take(key);
  return p ? value_or_fail(*this, key, detail::parse_share(p->value)) : fallback;
}

double PolicyParams::number(const std::string& key, double fallback, double min, double max) {
  const PolicyParam* p = take(key);
  if (!p) return fallback;
  double v = value_or_fail(*this, key, detail::parse_number(p->value));
  if (v < min || v > max) {
    fail(key, fmt::format("expected a number from {} to {}, got '{}'", min, max, p->value));
  }
  return v;
}

int PolicyParams::whole(const std::string& key, int fallback, int min, int max) {
  const PolicyParam* p = take(key);
  return p ? static_cast<int>(value_or_fail(*this, key, detail::parse_integer(p->value, min, max)))
           : fallback;
}

Duration PolicyParams::duration(const std::string& key, Duration fallback) {
  const PolicyParam* p = take(key);
  return p ? value_or_fail(*this, key, detail::parse_duration(p->value)) : fallback;
}

double PolicyParams::per_month(const std::string& key, double fallback) {
  const PolicyParam* p = take(key);
  return p ? value_or_fail(*this, key, detail::parse_items_per_month(p->value)) : fallback;
}

Severity PolicyParams::severity(const std::string& key, Severity fallback) {
  const PolicyParam* p = take(key);
  if (!p) return fallback;
  if (auto s = severity_named(detail::trim(p->value))) return *s;
  fail(key, fmt::format("expected a severity, got '{}'; accepted: minor, moderate, serious, critical",
                        p->value));
}

int PolicyParams::choice(const std::string& key, const std::vector<std::string>& accepted,
                         int fallback) {
  const PolicyParam* p = take(key);
  if (!p) return fallback;
  const std::string value(detail::trim(p->value));
  auto it = std::find(accepted.begin(), accepted.end(), value);
  if (it != accepted.end()) return static_cast<int>(it - accepted.begin());
  fail(key, fmt::format("unknown value '{}'{}", p->value,
                        detail::suggestion_tail(value, accepted, "values")));
}

int PolicyParams::desk(const std::string& key, int fallback_desk) {
  const PolicyParam* p = take(key);
  if (!p) {
    if (fallback_desk >= 0) return fallback_desk;
    fail(key, fmt::format("policy '{}' needs '{}': the name of a desk", config_.name, key));
  }
  int index = scenario_.desk_index(std::string(detail::trim(p->value)));
  if (index >= 0) return index;
  std::vector<std::string> names;
  for (const Desk& d : scenario_.desks) names.push_back(d.name);
  fail(key, fmt::format("unknown desk '{}'{}", p->value,
                        detail::suggestion_tail(p->value, names, "desks")));
}

int PolicyParams::executive_desk(const std::string& key) {
  std::vector<int> executives;
  for (std::size_t i = 0; i < scenario_.desks.size(); ++i) {
    if (scenario_.desks[i].is_executive()) executives.push_back(static_cast<int>(i));
  }
  if (!config_.find(key)) {
    take(key);
    if (executives.size() == 1) return executives.front();
    fail(key, executives.empty()
                  ? fmt::format("policy '{}' needs an executive desk (a desk with a 'budget' or "
                                "'items'), and the scenario has none", config_.name)
                  : fmt::format("policy '{}' needs '{}': the scenario has several executive desks",
                                config_.name, key));
  }
  int index = desk(key);
  if (!scenario_.desks[index].is_executive()) {
    fail(key, fmt::format("desk '{}' is not an executive desk: give it a 'budget' or 'items'",
                          scenario_.desks[index].name));
  }
  return index;
}

std::vector<Severity> PolicyParams::severities(const std::string& key,
                                               std::vector<Severity> fallback) {
  const PolicyParam* p = take(key);
  if (!p) return fallback;
  std::vector<Severity> out;
  for (const std::string& name : names_in(p->value)) {
    auto s = severity_named(name);
    if (!s) {
      fail(key, fmt::format("unknown severity '{}'; accepted: minor, moderate, serious, critical",
                            name));
    }
    out.push_back(*s);
  }
  if (out.empty()) fail(key, "expected one or more severities, e.g. 'minor, moderate'");
  return out;
}

std::vector<int> PolicyParams::channels(const std::string& key, std::vector<int> fallback) {
  const PolicyParam* p = take(key);
  if (!p) return fallback;
  std::vector<int> out;
  for (const std::string& name : names_in(p->value)) {
    auto it = std::find(scenario_.channels.begin(), scenario_.channels.end(), name);
    if (it == scenario_.channels.end()) {
      fail(key, fmt::format("unknown channel '{}'{}", name,
                            detail::suggestion_tail(name, scenario_.channels, "channels")));
    }
    out.push_back(static_cast<int>(it - scenario_.channels.begin()));
  }
  if (out.empty()) fail(key, "expected one or more channel names");
  return out;
}

void PolicyParams::finish() {
  for (const PolicyParam& p : config_.params) {
    if (std::find(read_.begin(), read_.end(), p.key) != read_.end()) continue;
    throw ScenarioError(p.where.file, p.where.line, p.where.column,
                        fmt::format("unknown parameter '{}' of policy '{}'{}", p.key, config_.name,
                                    detail::suggestion_tail(p.key, read_, "parameters")),
                        p.where.key_path);
  }
}

}  // namespace escalsim
