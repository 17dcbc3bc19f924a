// The scenario loader's entry point: YAML text to a validated Scenario. The sections are read
// by Loader (scenario/loader.h, one file per section); here are the overrides (--set and a
// sweep point's settings), the checks across sections (policies, the graph) and the sweep's
// points. Every error is one line, `path:line:col: message (key path)`.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "policies/policy.h"
#include "scenario/did_you_mean.h"
#include "scenario/load_optimise.h"
#include "scenario/loader.h"
#include "scenario/sweep_point.h"
#include "scenario/unit_parser.h"
#include "scenario/yaml_document.h"

namespace escalsim {

namespace detail {

namespace {

constexpr std::size_t kMaxFileBytes = 16 * 1024 * 1024;

const std::vector<std::string> kTopKeys = {"run",      "demand",    "desks", "routes",
                                           "policies", "customers", "sweep", "service_level",
                                           "economy"};

}  // namespace

void Loader::load(const YamlNode& root, const std::string& path) {
  if (root.is_null()) fail(YamlOrigin{path, 1, 1}, "scenario is empty", "");
  if (!root.is_map()) {
    fail(root.origin, "expected a map with keys " + detail::join_names(kTopKeys) +
                          " at the top level, got " + root.describe(), "");
  }
  check_keys(root, "", kTopKeys);
  const YamlNode& desks = required(root, "desks", "");
  load_desk_names(desks);
  load_desks(desks);
  load_run(required(root, "run", ""), path);
  load_demand(required(root, "demand", ""));
  if (const YamlNode* routes = root.find("routes")) load_routes(*routes);
  if (const YamlNode* policies = root.find("policies")) load_policies(*policies);
  if (const YamlNode* customers = root.find("customers")) load_customers(*customers);
  if (const YamlNode* economy = root.find("economy")) load_economy(*economy);
  if (const YamlNode* service_level = root.find("service_level")) {
    load_service_level(*service_level);
  }
  s_.channel_service_level.resize(s_.channels.size());
}

std::vector<int> Loader::check_policies() {
  std::vector<int> entered;
  for (const PolicyConfig& config : s_.policies) {
    try {
      for (int desk : make_policy(config, s_)->sends_to()) entered.push_back(desk);
    } catch (const ScenarioError& e) {
      relocate_setting_error(e);
      throw;
    }
  }
  if (s_.customers.return_desk >= 0) entered.push_back(s_.customers.return_desk);
  return entered;
}

namespace {

// Applies one setting of a sweep point as override number `index`; an error in it is
// reported at its site in the sweep section when there is one.
void apply_setting(YamlNode& tree, const std::string& key, const std::string& value, int index,
                   const detail::SettingSite* site) {
  try {
    detail::apply_override(tree, key + "=" + value, index);
  } catch (const ScenarioError& e) {
    if (!site || e.file() != "--set" || e.line() != index) throw;
    // The key path in the file gives way to the site's path in the sweep section.
    const bool on_key = e.column() <= static_cast<int>(key.size());
    throw SiteError(error_at(on_key ? site->key_at : site->value_at, e.message(),
                             on_key ? site->key_path : site->value_path));
  }
}

}  // namespace

double apply_overrides(YamlNode& root, const std::vector<std::string>& overrides) {
  double multiplier = 1.0;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const std::string& argument = overrides[i];
    const std::size_t equals = argument.find('=');
    if (equals == std::string::npos ||
        detail::trim(std::string_view(argument).substr(0, equals)) != kDemandMultiplier) {
      apply_override(root, argument, index);
      continue;
    }
    // Not a key of the file: it scales demand, exactly as a sweep's demand_multiplier does.
    const std::string value(detail::trim(std::string_view(argument).substr(equals + 1)));
    Parsed<double> m = demand_multiplier(value);
    if (!m.ok()) {
      const std::size_t first = argument.find_first_not_of(' ', equals + 1);
      const int column = static_cast<int>(first == std::string::npos ? equals + 1 : first) + 1;
      throw error_at(YamlOrigin{"--set", index, column}, m.problem, kDemandMultiplier);
    }
    multiplier *= *m.value;
  }
  return multiplier;
}

Scenario load_sweep_point(const YamlNode& root, const std::string& path, int first_index,
                          const SweepPoint& point, const std::vector<SettingSite>& sites,
                          const PointSite& point_site, double demand_multiplier_of_base) {
  const bool located = sites.size() == point.settings.size();
  try {
    YamlNode tree = root;
    if (tree.is_map()) {
      std::erase_if(tree.entries, [](const YamlEntry& e) { return e.key == "sweep"; });
    }
    double multiplier = demand_multiplier_of_base;
    for (std::size_t i = 0; i < point.settings.size(); ++i) {
      const auto& [key, value] = point.settings[i];
      const SettingSite* site = located ? &sites[i] : nullptr;
      const int index = first_index + static_cast<int>(i);
      if (key != kDemandMultiplier) {
        apply_setting(tree, key, value, index, site);
        continue;
      }
      Parsed<double> m = demand_multiplier(value);
      if (!m.ok()) {
        if (site) throw SiteError(error_at(site->value_at, m.problem, site->value_path));
        throw error_at(YamlOrigin{"--set", index, static_cast<int>(key.size()) + 2}, m.problem, key);
      }
      multiplier *= *m.value;
    }
    Scenario scenario;
    Loader loader(scenario);
    if (located) loader.locate_settings(&sites, first_index);
    loader.multiply_demand(multiplier);
    loader.load(tree, path);
    validate_graph(scenario, loader.check_policies());
    return scenario;
  } catch (const SiteError&) {
    throw;
  } catch (const ScenarioError& e) {
    // No one setting is to blame (a graph rule broken by the combination): name the point.
    throw error_at(point_site.at, "sweep point " + std::to_string(point.index) + " (" +
                                      describe_settings(point) + ") is not a valid scenario: " +
                                      e.what());
  }
}

}  // namespace detail

Scenario load_scenario_text(const std::string& text, const std::string& path,
                            const std::vector<std::string>& overrides) {
  Scenario scenario;
  scenario.source_path = path;
  scenario.source_text = text;
  scenario.overrides = overrides;
  detail::YamlNode root = detail::parse_yaml_document(text, path);
  if (!overrides.empty() && root.is_null()) {
    throw detail::error_at(detail::YamlOrigin{path, 1, 1}, "scenario is empty");
  }
  const double multiplier = detail::apply_overrides(root, overrides);
  // What `escalsim optimise` searches is not part of the simulated scenario: checked once
  // the rest is loaded (its conditions name desks), read again by the command.
  const std::optional<detail::YamlEntry> optimise = detail::take_optimise_section(root);
  detail::Loader loader(scenario);
  loader.load(root, path);
  validate_graph(scenario, loader.check_policies());
  if (optimise) detail::read_optimise_section(*optimise, scenario);
  for (DemandStream& stream : scenario.demand) stream.rate = stream.rate * multiplier;
  for (const detail::YamlEntry& e : root.entries) {
    if (e.key != "sweep") continue;
    detail::Loader::SweepSites sites;
    scenario.sweep = detail::Loader(scenario).load_sweep(e.value, e.key_origin, sites);
    // Every point must make a valid scenario; checked now, not hours into the sweep. From a
    // tree without the sweep section, which load_sweep_point would otherwise copy at every
    // point only to remove it (it grows with the points: the copies, with their square).
    detail::YamlNode base = root;
    std::erase_if(base.entries,
                  [](const detail::YamlEntry& entry) { return entry.key == "sweep"; });
    const int first_index = static_cast<int>(overrides.size()) + 1;
    for (std::size_t i = 0; i < scenario.sweep->points.size(); ++i) {
      detail::load_sweep_point(base, path, first_index, scenario.sweep->points[i],
                               sites.settings[i], sites.points[i], multiplier);
    }
  }
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw ScenarioError(path, 0, 0, "cannot read file (it is a directory)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path, 0, 0, std::string("cannot read file (") + std::strerror(errno) + ")");
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > detail::kMaxFileBytes) {
      throw ScenarioError(path, 0, 0, "cannot read file (larger than 16 MB; is it a scenario?)");
    }
  }
  if (in.bad()) {
    throw ScenarioError(path, 0, 0, std::string("cannot read file (") + std::strerror(errno) + ")");
  }
  return load_scenario_text(text, path, overrides);
}

}  // namespace escalsim
