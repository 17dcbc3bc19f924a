// The Loader's checking readers: every value read through them is checked, and every
// failure is one ScenarioError at the value (or at its sweep setting's site).
#include "scenario/loader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "scenario/did_you_mean.h"

namespace escalsim::detail {

std::string exact_decimal(double value) {
  char rounded[64];
  std::snprintf(rounded, sizeof rounded, "%.12g", value);
  double r = std::strtod(rounded, nullptr);
  if (r == 0.0) return "0";
  if (std::fabs(r) < 1e-6 || std::fabs(r) >= 1e15) return rounded;
  char out[64];
  auto result = std::to_chars(out, out + sizeof out, r, std::chars_format::fixed);
  return std::string(out, result.ptr);
}

Parsed<double> demand_multiplier(const std::string& text) {
  Parsed<double> m = detail::parse_number(text, "a demand multiplier like '2' or '0.5'");
  if (m.ok() && !(*m.value > 0.0)) {
    return Parsed<double>::fail("a demand multiplier must be more than 0, got '" + text + "'");
  }
  return m;
}

void Loader::fail(const YamlOrigin& at, const std::string& message,
                  const std::string& key_path) {
  if (const detail::SettingSite* site = site_of(at)) {
    // The column tells a problem with the key (a new, unknown key) from one with the value.
    const bool on_key = at.column <= static_cast<int>(site->key.size());
    throw SiteError(error_at(on_key ? site->key_at : site->value_at, message,
                             on_key ? site->key_path : site->value_path));
  }
  throw error_at(at, message, key_path);
}

const detail::SettingSite* Loader::site_of(const YamlOrigin& at) const {
  if (!sites_ || at.file != "--set") return nullptr;
  const int i = at.line - first_site_index_;
  if (i < 0 || i >= static_cast<int>(sites_->size())) return nullptr;
  return &(*sites_)[static_cast<std::size_t>(i)];
}

void Loader::relocate_setting_error(const ScenarioError& error) {
  if (!sites_ || error.file() != "--set") return;
  const YamlOrigin at{"--set", error.line(), error.column()};
  // The key path in the file gives way to the site's path in the sweep section.
  if (site_of(at)) fail(at, error.message(), "");
}

const YamlEntry* Loader::entry(const YamlNode& map, const std::string& key) {
  for (const YamlEntry& e : map.entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

bool Loader::boolean(const YamlNode& node, const std::string& path) {
  const std::string& word = scalar(node, path, "true or false");
  if (!node.quoted && (word == "true" || word == "True" || word == "TRUE")) return true;
  if (!node.quoted && (word == "false" || word == "False" || word == "FALSE")) return false;
  fail(node.origin, "expected true or false, got '" + word + "'", path);
}

void Loader::check_keys(const YamlNode& map, const std::string& path,
                        const std::vector<std::string>& accepted) {
  for (const YamlEntry& e : map.entries) {
    if (std::find(accepted.begin(), accepted.end(), e.key) == accepted.end()) {
      fail(e.key_origin,
           "unknown key '" + e.key + "'" + detail::suggestion_tail(e.key, accepted, "accepted keys"),
           key_path_join(path, e.key));
    }
  }
}

const YamlNode& Loader::expect_map(const YamlNode& node, const std::string& path,
                                   const std::string& what) {
  if (!node.is_map()) fail(node.origin, "expected " + what + ", got " + node.describe(), path);
  return node;
}

const YamlNode& Loader::expect_list(const YamlNode& node, const std::string& path,
                                    const std::string& what) {
  if (!node.is_sequence()) fail(node.origin, "expected " + what + ", got " + node.describe(), path);
  return node;
}

const YamlNode& Loader::required(const YamlNode& map, const std::string& key, const std::string& path) {
  const YamlNode* value = map.find(key);
  if (!value) fail(map.origin, "missing required key '" + key + "'", key_path_join(path, key));
  return *value;
}

const std::string& Loader::scalar(const YamlNode& node, const std::string& path,
                                  const std::string& expectation) {
  if (!node.is_scalar()) {
    fail(node.origin, "expected " + expectation + ", got " + node.describe(), path);
  }
  return node.text;
}

Duration Loader::duration(const YamlNode& node, const std::string& path) {
  Parsed<Duration> d =
      detail::parse_duration(scalar(node, path, "a duration like '25 min' or '2 h'"));
  if (d.too_large || (d.ok() && *d.value > Duration::weeks(kMaxHorizonWeeks))) {
    fail(node.origin, "a duration must be at most " + max_horizon_text() + ", got '" +
                          node.text + "'", path);
  }
  return check(d, node, path);
}

std::string Loader::max_horizon_text() {
  return exact_decimal(kMaxHorizonWeeks) + " weeks (about 1900 years)";
}

Duration Loader::bounded_duration(const YamlNode& node, const std::string& path, const char* what,
                                  Duration max, const std::string& max_text) {
  Parsed<Duration> d =
      detail::parse_duration(scalar(node, path, "a duration like '25 min' or '2 h'"));
  if (d.too_large || (d.ok() && *d.value > max)) {
    fail(node.origin, std::string(what) + " must be at most " + max_text + ", got '" +
                          node.text + "'", path);
  }
  check(d, node, path);
  return positive_duration(node, path, what);
}

Duration Loader::positive_duration(const YamlNode& node, const std::string& path, const char* what) {
  Duration d = duration(node, path);
  if (d.in_minutes() <= 0.0) {
    fail(node.origin, std::string(what) + " must be more than 0, got '" + node.text + "'", path);
  }
  return d;
}

double Loader::share(const YamlNode& node, const std::string& path) {
  return check(detail::parse_share(scalar(node, path, "a number between 0 and 1 or a percentage "
                                                      "like '15%'")),
               node, path);
}

double Loader::number(const YamlNode& node, const std::string& path) {
  return check(detail::parse_number(scalar(node, path, "a number")), node, path);
}

std::int64_t Loader::integer(const YamlNode& node, const std::string& path, std::int64_t min,
                             std::int64_t max) {
  return check(detail::parse_integer(scalar(node, path, "a whole number"), min, max), node, path);
}

int Loader::choice(const YamlNode& node, const std::string& path, const std::string& what,
                   const std::vector<std::string>& names) {
  const std::string& word =
      scalar(node, path, "one of " + detail::join_names(names) + " for the " + what);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (word == names[i]) return static_cast<int>(i);
  }
  fail(node.origin, "unknown " + what + " '" + word + "'" + detail::suggestion_tail(word, names),
       path);
}

int Loader::desk_ref(const YamlNode& node, const std::string& path, bool allow_exit) {
  std::vector<std::string> candidates = desk_names_;
  if (allow_exit) candidates.push_back("exit");
  const std::string& word = scalar(node, path, allow_exit ? "a desk name or 'exit'" : "a desk name");
  if (word == "exit") {
    if (allow_exit) return kExit;
    fail(node.origin, "'exit' is not a desk here; name one of " + detail::join_names(desk_names_),
         path);
  }
  int index = s_.desk_index(word);
  if (index >= 0) return index;
  fail(node.origin,
       "unknown desk '" + word + "'" + detail::suggestion_tail(word, candidates, "desks"), path);
}

bool Loader::is_none(const YamlNode& node) {
  return node.is_null() || (node.is_scalar() && !node.quoted && node.text == "none");
}

std::string Loader::multiplier_note() const {
  if (demand_multiplier_ == 1.0) return "";
  char shown[32];
  std::snprintf(shown, sizeof shown, "%.6g", demand_multiplier_);
  return std::string(" times the demand multiplier ") + shown;
}

SourceLocation Loader::where(const YamlOrigin& origin, const std::string& path) {
  return SourceLocation{origin.file, origin.line, origin.column, path};
}

}  // namespace escalsim::detail
