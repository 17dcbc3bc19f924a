// The `sweep:` section: a grid of parameters (lists or ranges) or a list of points, expanded
// into points, each remembering where its settings were written.
#include "scenario/loader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "scenario/did_you_mean.h"

namespace escalsim::detail {

namespace {

const std::vector<std::string> kSweepKeys = {"replications", "common_random_numbers", "parameters",
                                             "points"};
const std::vector<std::string> kRangeKeys = {"from", "to", "step", "factor"};

// "routes[0].to" and "routes.0.to" name the same setting.
std::string normalised_key(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '[') {
      out += '.';
    } else if (c != ']') {
      out += c;
    }
  }
  return out;
}

}  // namespace

SweepSpec Loader::load_sweep(const YamlNode& node, const YamlOrigin& key_at, SweepSites& sites) {
  const std::string path = "sweep";
  if (node.is_null()) {
    fail(key_at, "expected a map with 'parameters' or 'points', got nothing", path);
  }
  expect_map(node, path, "a map with 'parameters' or 'points'");
  check_keys(node, path, kSweepKeys);
  SweepSpec spec;
  spec.where = where(node.origin, path);
  if (const YamlNode* n = node.find("replications")) {
    spec.replications =
        static_cast<int>(integer(*n, key_path_join(path, "replications"), 1, kMaxReplications));
  }
  if (const YamlNode* n = node.find("common_random_numbers")) {
    spec.common_random_numbers = boolean(*n, key_path_join(path, "common_random_numbers"));
  }
  const YamlEntry* parameters = entry(node, "parameters");
  const YamlEntry* points = entry(node, "points");
  if (parameters && points) {
    fail(points->key_origin, "give either 'parameters' (a grid) or 'points' (a list), not both",
         "sweep.points");
  }
  if (!parameters && !points) {
    fail(node.origin, "missing required key 'parameters' (a grid) or 'points' (a list)",
         "sweep.parameters");
  }
  if (parameters) {
    load_grid(*parameters, spec, sites);
  } else {
    load_point_list(*points, spec, sites);
  }
  return spec;
}

void Loader::check_parameter_key(const YamlEntry& e, const std::string& path,
                                 const std::vector<SweepParameter>& earlier) {
  const bool is_path = e.key.find_first_of(".[") != std::string::npos;
  if (!is_path && e.key != kDemandMultiplier) {
    const std::string match = detail::closest_match(e.key, {kDemandMultiplier});
    fail(e.key_origin,
         "unknown parameter '" + e.key + "'" +
             (match.empty() ? "; a parameter is a key path as for --set (like "
                              "'desks.ceo.budget') or '" + std::string(kDemandMultiplier) + "'"
                            : ", did you mean '" + match + "'?"),
         path);
  }
  for (const SweepParameter& other : earlier) {
    if (normalised_key(other.key) == normalised_key(e.key)) {
      fail(e.key_origin, "'" + e.key + "' names the same setting as '" + other.key + "'", path);
    }
  }
}

const std::string& Loader::setting_value(const YamlNode& node, const std::string& path) {
  return scalar(node, path, "a value as for --set, like '2 h per week' or '12'");
}

void Loader::check_multiplier(const YamlNode& node, const std::string& text, const std::string& path) {
  check(demand_multiplier(text), node, path);
}

void Loader::load_grid(const YamlEntry& parameters, SweepSpec& spec, SweepSites& sites) {
  const std::string path = "sweep.parameters";
  const YamlNode& node = parameters.value;
  if (node.is_null()) fail(parameters.key_origin, "at least one parameter is needed", path);
  expect_map(node, path,
             "a map of override keys to values, like {desks.ceo.budget: [\"1 h per week\", "
             "\"2 h per week\"]}");
  if (node.entries.empty()) fail(node.origin, "at least one parameter is needed", path);
  std::vector<YamlOrigin> key_at;
  double total = 1.0;
  std::string sizes;
  for (const YamlEntry& e : node.entries) {
    const std::string p = key_path_join(path, e.key);
    check_parameter_key(e, p, spec.parameters);
    SweepParameter parameter;
    parameter.key = e.key;
    const YamlNode& v = e.value;
    if (v.is_sequence()) {
      if (v.items.empty()) fail(v.origin, "an empty list gives no points; list at least one value", p);
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        const std::string ip = key_path_index(p, i);
        parameter.values.push_back(setting_value(v.items[i], ip));
        parameter.where.push_back(where(v.items[i].origin, ip));
        if (e.key == kDemandMultiplier) check_multiplier(v.items[i], parameter.values.back(), ip);
      }
    } else if (v.is_map()) {
      range(v, p, parameter);
      if (e.key == kDemandMultiplier) {
        for (std::size_t i = 0; i < parameter.values.size(); ++i) {
          check_multiplier(v, parameter.values[i], key_path_index(p, i));
        }
      }
    } else {
      fail(v.is_null() ? e.key_origin : v.origin,
           "expected a list of values like [\"1 h per week\", \"2 h per week\"] or a range like "
           "{from: 1, to: 16, step: 1}, got " + v.describe(), p);
    }
    total *= static_cast<double>(parameter.values.size());
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(parameter.values.size());
    key_at.push_back(e.key_origin);
    spec.parameters.push_back(std::move(parameter));
  }
  if (total > static_cast<double>(kMaxSweepPoints)) {
    fail(parameters.key_origin, "the grid has " + exact_decimal(total) + " points (" + sizes +
                                    "), more than the " + std::to_string(kMaxSweepPoints) +
                                    " a sweep allows; sweep fewer values or split the sweep",
         path);
  }
  // The cartesian product, the last parameter varying fastest.
  const std::size_t count = static_cast<std::size_t>(total);
  std::vector<std::size_t> digit(spec.parameters.size(), 0);
  for (std::size_t index = 0; index < count; ++index) {
    SweepPoint point;
    point.index = static_cast<int>(index);
    std::vector<detail::SettingSite> point_sites;
    for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
      const SweepParameter& parameter = spec.parameters[k];
      const SourceLocation& w = parameter.where[digit[k]];
      point.settings.emplace_back(parameter.key, parameter.values[digit[k]]);
      point_sites.push_back(detail::SettingSite{parameter.key, key_at[k],
                                                key_path_join(path, parameter.key),
                                                YamlOrigin{w.file, w.line, w.column}, w.key_path});
    }
    spec.points.push_back(std::move(point));
    sites.settings.push_back(std::move(point_sites));
    sites.points.push_back(detail::PointSite{parameters.key_origin});
    for (std::size_t k = digit.size(); k-- > 0;) {
      if (++digit[k] < spec.parameters[k].values.size()) break;
      digit[k] = 0;
    }
  }
}

Loader::RangeNumber Loader::range_number(const YamlNode& node, const std::string& path) {
  const std::string expectation = "a number, optionally with a unit, like '10' or '1 h per week'";
  const std::string& text = scalar(node, path, expectation);
  std::string_view t = detail::trim(text);
  // The longest prefix that reads as a decimal number.
  std::size_t n = 0;
  bool digits = false;
  if (n < t.size() && (t[n] == '+' || t[n] == '-')) ++n;
  while (n < t.size() && (std::isdigit(static_cast<unsigned char>(t[n])) || t[n] == '.')) {
    digits = digits || t[n] != '.';
    ++n;
  }
  if (!digits) n = 0;
  if (n < t.size() && (t[n] == 'e' || t[n] == 'E') && n + 1 < t.size() &&
      (std::isdigit(static_cast<unsigned char>(t[n + 1])) ||
       ((t[n + 1] == '+' || t[n + 1] == '-') && n + 2 < t.size() &&
        std::isdigit(static_cast<unsigned char>(t[n + 2]))))) {
    n += 2;
    while (n < t.size() && std::isdigit(static_cast<unsigned char>(t[n]))) ++n;
  }
  RangeNumber out;
  if (n == 0) check(detail::parse_number(t, expectation), node, path);  // says what is wrong
  out.number = check(detail::parse_number(t.substr(0, n), expectation), node, path);
  out.unit = std::string(detail::trim(t.substr(n)));
  out.separator = n < t.size() && std::isspace(static_cast<unsigned char>(t[n])) ? " " : "";
  return out;
}

void Loader::same_unit(const RangeNumber& from, const RangeNumber& other, const YamlNode& node,
                       const char* key, const std::string& path) {
  if (other.unit == from.unit) return;
  fail(node.origin, std::string("'") + key + "' must carry the same unit as 'from' (" +
                        (from.unit.empty() ? std::string("none") : "'" + from.unit + "'") +
                        "), got '" + node.text + "'",
       key_path_join(path, key));
}

void Loader::range(const YamlNode& node, const std::string& path, SweepParameter& parameter) {
  check_keys(node, path, kRangeKeys);
  const YamlNode* step = node.find("step");
  const YamlNode* factor = node.find("factor");
  if (step && factor) {
    fail(factor->origin, "a range has either 'step' (arithmetic) or 'factor' (geometric), not both",
         key_path_join(path, "factor"));
  }
  const YamlNode& from_node = required(node, "from", path);
  const YamlNode& to_node = required(node, "to", path);
  if (!step && !factor) {
    fail(node.origin, "a range needs 'step' (from, from + step, ... up to to) or 'factor' "
                      "(from, from x factor, ... up to to)", key_path_join(path, "step"));
  }
  const RangeNumber from = range_number(from_node, key_path_join(path, "from"));
  const RangeNumber to = range_number(to_node, key_path_join(path, "to"));
  same_unit(from, to, to_node, "to", path);
  if (to.number < from.number) {
    fail(to_node.origin, "a range runs upward: 'to' ('" + to_node.text + "') is below 'from' ('" +
                             from_node.text + "')", key_path_join(path, "to"));
  }
  const double max = static_cast<double>(kMaxSweepPoints);
  auto too_many = [&](double count, const YamlNode& culprit, const char* key, const char* advice) {
    fail(culprit.origin, "this range gives " +
                             (count < 1e15 ? exact_decimal(count) : std::string("over 10^15")) +
                             " values, more than the " + std::to_string(kMaxSweepPoints) +
                             " a sweep allows; " + advice,
         key_path_join(path, key));
  };
  std::vector<double> numbers;
  if (step) {
    const RangeNumber by = range_number(*step, key_path_join(path, "step"));
    same_unit(from, by, *step, "step", path);
    if (!(by.number > 0.0)) {
      fail(step->origin, "a range's step must be more than 0, got '" + step->text + "'",
           key_path_join(path, "step"));
    }
    // The 1e-9 absorbs rounding, so that 0.1 to 0.3 by 0.1 includes 0.3.
    const double count = std::floor((to.number - from.number) / by.number + 1e-9) + 1.0;
    if (!(count <= max)) too_many(count, *step, "step", "use a larger step");
    for (int i = 0; i < static_cast<int>(count); ++i) numbers.push_back(from.number + i * by.number);
  } else {
    const double f = number(*factor, key_path_join(path, "factor"));
    if (!(f > 1.0)) {
      fail(factor->origin, "a geometric range's factor must be more than 1, got '" + factor->text + "'",
           key_path_join(path, "factor"));
    }
    if (!(from.number > 0.0)) {
      fail(from_node.origin, "a geometric range starts above 0, got '" + from_node.text + "'",
           key_path_join(path, "from"));
    }
    const double count = std::floor(std::log(to.number / from.number) / std::log(f) + 1e-9) + 1.0;
    if (!(count <= max)) too_many(count, *factor, "factor", "use a larger factor");
    for (int i = 0; i < static_cast<int>(count); ++i) numbers.push_back(from.number * std::pow(f, i));
  }
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    std::string text = exact_decimal(numbers[i]);
    if (!from.unit.empty()) text += from.separator + from.unit;
    parameter.values.push_back(std::move(text));
    parameter.where.push_back(where(node.origin, key_path_index(path, i)));
  }
}

void Loader::load_point_list(const YamlEntry& points, SweepSpec& spec, SweepSites& sites) {
  const std::string path = "sweep.points";
  const std::string expectation =
      "a point like {desks.ceo.budget: \"1 h per week\", desks.frontline.staff: 12}";
  const YamlNode& node = points.value;
  if (node.is_null()) fail(points.key_origin, "at least one point is needed", path);
  expect_list(node, path, "a list of points like {desks.ceo.budget: \"1 h per week\"}");
  if (node.items.empty()) fail(node.origin, "at least one point is needed", path);
  if (node.items.size() > kMaxSweepPoints) {
    fail(points.key_origin, "the list has " + std::to_string(node.items.size()) +
                                " points, more than the " + std::to_string(kMaxSweepPoints) +
                                " a sweep allows; split the sweep", path);
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    const std::string ip = key_path_index(path, i);
    expect_map(item, ip, expectation);
    if (item.entries.empty()) fail(item.origin, "a point sets at least one key", ip);
    std::vector<std::string> keys;
    for (const SweepParameter& parameter : spec.parameters) keys.push_back(parameter.key);
    if (i == 0) {
      for (const YamlEntry& e : item.entries) {
        check_parameter_key(e, key_path_join(ip, e.key), spec.parameters);
        spec.parameters.push_back(SweepParameter{e.key, {}, {}});
      }
    } else {
      for (const YamlEntry& e : item.entries) {
        if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
          fail(e.key_origin, "point " + std::to_string(i) + " sets '" + e.key +
                                 "', which point 0 does not; every point sets the same keys (" +
                                 detail::join_names(keys) + ")",
               key_path_join(ip, e.key));
        }
      }
      for (const std::string& key : keys) {
        if (!item.find(key)) {
          fail(item.origin, "point " + std::to_string(i) + " does not set '" + key +
                                "', which point 0 sets; every point sets the same keys (" +
                                detail::join_names(keys) + ")",
               ip);
        }
      }
    }
    SweepPoint point;
    point.index = static_cast<int>(i);
    std::vector<detail::SettingSite> point_sites;
    for (SweepParameter& parameter : spec.parameters) {
      const YamlEntry& e = *entry(item, parameter.key);
      const std::string vp = key_path_join(ip, e.key);
      const std::string& value = setting_value(e.value, vp);
      if (e.key == kDemandMultiplier) check_multiplier(e.value, value, vp);
      // The parameter's values: the distinct ones, in order of appearance.
      if (std::find(parameter.values.begin(), parameter.values.end(), value) ==
          parameter.values.end()) {
        parameter.values.push_back(value);
        parameter.where.push_back(where(e.value.origin, vp));
      }
      point.settings.emplace_back(e.key, value);
      point_sites.push_back(detail::SettingSite{e.key, e.key_origin, vp, e.value.origin, vp});
    }
    spec.points.push_back(std::move(point));
    sites.settings.push_back(std::move(point_sites));
    sites.points.push_back(detail::PointSite{item.origin});
  }
}

}  // namespace escalsim::detail
