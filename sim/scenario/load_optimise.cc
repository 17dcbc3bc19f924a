// The `optimise:` section (scenario/load_optimise.h): decision variables, constraints, the
// objective and the procedure's settings, each error at its place in the file.
#include "scenario/load_optimise.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "escalsim/errors.h"
#include "scenario/did_you_mean.h"
#include "scenario/yaml_document.h"

namespace escalsim {
namespace detail {
namespace {

const std::vector<std::string> kOptimiseKeys = {"vary",         "constraints", "minimise",
                                                "maximise",     "indifference", "replications",
                                                "max_replications"};
const std::vector<std::string> kRangeKeys = {"from", "to", "step"};

[[noreturn]] void fail(const YamlOrigin& at, const std::string& message, const std::string& path) {
  throw error_at(at, message, path);
}

void check_map_keys(const YamlNode& map, const std::string& path,
                    const std::vector<std::string>& accepted) {
  for (const YamlEntry& e : map.entries) {
    if (std::find(accepted.begin(), accepted.end(), e.key) == accepted.end()) {
      fail(e.key_origin, "unknown key '" + e.key + "'" + suggestion_tail(e.key, accepted, "accepted keys"),
           key_path_join(path, e.key));
    }
  }
}

const std::string& scalar(const YamlNode& node, const std::string& path, const std::string& what) {
  if (!node.is_scalar()) fail(node.origin, "expected " + what + ", got " + node.describe(), path);
  return node.text;
}

double number(const YamlNode& node, const std::string& path, const std::string& what) {
  const std::string& text = scalar(node, path, what);
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    fail(node.origin, "expected " + what + ", got '" + text + "'", path);
  }
  return value;
}

int whole(const YamlNode& node, const std::string& path, int low, int high) {
  const std::string what = "a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  const double v = number(node, path, what);
  if (v != std::floor(v) || v < low || v > high) {
    fail(node.origin, "expected " + what + ", got '" + node.text + "'", path);
  }
  return static_cast<int>(v);
}

DecisionVariable variable(const YamlEntry& e, const std::string& path) {
  const YamlNode& node = e.value;
  if (node.is_sequence()) {
    DecisionVariable v;
    v.key = e.key;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      v.values.push_back(scalar(node.items[i], key_path_index(path, i), "a value of " + e.key));
    }
    if (v.values.empty()) fail(node.origin, "expected at least one value", path);
    return v;
  }
  if (!node.is_map()) {
    fail(node.origin, "expected {from: A, to: B, step: S} or a list of values, got " + node.describe(),
         path);
  }
  check_map_keys(node, path, kRangeKeys);
  std::string range = e.key + "={";
  for (const std::string& k : kRangeKeys) {
    const YamlNode* part = node.find(k);
    if (part == nullptr) fail(node.origin, "the range has no '" + k + "'; expected {from: A, to: B, step: S}", path);
    range += k + ": " + scalar(*part, key_path_join(path, k), "a value") + (k == "step" ? "}" : ", ");
  }
  try {
    return parse_decision_variable(range);
  } catch (const ScenarioError&) {
    throw;
  } catch (const Error& ex) {
    std::string message = ex.what();
    // The message starts with the key, which the key path already names.
    if (message.rfind(e.key + ": ", 0) == 0) message = message.substr(e.key.size() + 2);
    fail(node.origin, message, path);
  }
}

}  // namespace

std::optional<YamlEntry> take_optimise_section(YamlNode& root) {
  if (!root.is_map()) return std::nullopt;
  const auto it = std::find_if(root.entries.begin(), root.entries.end(),
                               [](const YamlEntry& e) { return e.key == "optimise"; });
  if (it == root.entries.end()) return std::nullopt;
  YamlEntry entry = std::move(*it);
  root.entries.erase(it);
  return entry;
}

OptimiseSection read_optimise_section(const YamlEntry& entry, const Scenario& scenario) {
  const std::string path = "optimise";
  const YamlNode& node = entry.value;
  if (!node.is_map()) {
    fail(node.is_null() ? entry.key_origin : node.origin,
         "expected a map with keys " + join_names(kOptimiseKeys) + ", got " + node.describe(), path);
  }
  check_map_keys(node, path, kOptimiseKeys);
  OptimiseSection section;
  const YamlNode* vary = node.find("vary");
  if (vary == nullptr) fail(entry.key_origin, "missing key 'vary' (the decision variables)", path);
  const std::string vary_path = key_path_join(path, "vary");
  if (!vary->is_map() || vary->entries.empty()) {
    fail(vary->origin, "expected a map of override keys to ranges, e.g. desks.frontline.staff: "
                       "{from: 10, to: 30, step: 1}, got " + vary->describe(), vary_path);
  }
  for (const YamlEntry& e : vary->entries) {
    section.variables.push_back(variable(e, key_path_join(vary_path, e.key)));
  }
  if (const YamlNode* constraints = node.find("constraints")) {
    const std::string c_path = key_path_join(path, "constraints");
    if (!constraints->is_sequence()) {
      fail(constraints->origin, "expected a list of conditions, got " + constraints->describe(), c_path);
    }
    for (std::size_t i = 0; i < constraints->items.size(); ++i) {
      const YamlNode& item = constraints->items[i];
      const std::string item_path = key_path_index(c_path, i);
      const std::string& text = scalar(item, item_path, "a condition, e.g. \"executive.reply_p90 <= 5 d\"");
      try {
        section.constraints.push_back(parse_condition(text, scenario));
      } catch (const ScenarioError&) {
        throw;
      } catch (const Error& ex) {
        fail(item.origin, ex.what(), item_path);
      }
    }
  }
  const YamlNode* minimise = node.find("minimise");
  const YamlNode* maximise = node.find("maximise");
  if (minimise != nullptr && maximise != nullptr) {
    fail(maximise->origin, "give either minimise or maximise, not both", key_path_join(path, "maximise"));
  }
  if (const YamlNode* objective = minimise != nullptr ? minimise : maximise) {
    const std::string o_path = key_path_join(path, minimise != nullptr ? "minimise" : "maximise");
    const std::string& text = scalar(*objective, o_path, "a figure, e.g. economics.total_cost");
    try {
      const Condition c = parse_condition(text + " >= 0", scenario);
      if (c.on_verdict) throw Error("a verdict is not a figure to optimise");
    } catch (const ScenarioError&) {
      throw;
    } catch (const Error& ex) {
      fail(objective->origin, "'" + text + "' is not a figure: " + ex.what(), o_path);
    }
    section.objective = text;
    section.maximise = maximise != nullptr;
  }
  if (const YamlNode* d = node.find("indifference")) {
    const std::string d_path = key_path_join(path, "indifference");
    const double v = number(*d, d_path, "a number above 0 in the objective's unit");
    if (!(v > 0.0)) fail(d->origin, "expected a number above 0 in the objective's unit, got '" + d->text + "'", d_path);
    section.indifference = v;
  }
  if (const YamlNode* r = node.find("replications")) {
    section.replications = whole(*r, key_path_join(path, "replications"), 2, 10000);
  }
  if (const YamlNode* r = node.find("max_replications")) {
    section.max_replications = whole(*r, key_path_join(path, "max_replications"), 2, 10000);
  }
  return section;
}

}  // namespace detail

std::optional<OptimiseSection> load_optimise_section(const Scenario& scenario) {
  detail::YamlNode root = detail::parse_yaml_document(scenario.source_text, scenario.source_path);
  std::optional<detail::YamlEntry> entry = detail::take_optimise_section(root);
  if (!entry) return std::nullopt;
  return detail::read_optimise_section(*entry, scenario);
}

}  // namespace escalsim
