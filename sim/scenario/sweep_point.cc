// The scenario at one point of a sweep (scenario_at, PointScenarios): the base file's tree,
// read once, with the point's settings applied like --set overrides, and the demand
// multiplier applied.
#include "scenario/sweep_point.h"

#include <cstddef>
#include <optional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "escalsim/sweep.h"
#include "scenario/load_optimise.h"
#include "scenario/yaml_document.h"

namespace escalsim {

namespace detail {

std::string describe_settings(const SweepPoint& point) {
  std::string out;
  for (const auto& [key, value] : point.settings) {
    if (!out.empty()) out += ", ";
    out += key + "=" + value;
  }
  return out;
}

}  // namespace detail

namespace {

detail::YamlOrigin origin_of(const SourceLocation& where) {
  return detail::YamlOrigin{where.file, where.line, where.column};
}

}  // namespace

// What at() needs of the base, read once.
struct PointScenarios::Base {
  std::string source_path;
  std::string source_text;
  std::vector<std::string> overrides;
  // The base's text could not be read again (a scenario built by hand with text that is not
  // its own): at() throws this, as scenario_at would at every point.
  std::optional<ScenarioError> unreadable;
  // The base's tree: its optimise section taken, its --set overrides applied and its sweep
  // section removed (load_sweep_point removes it from its copy anyway; here it is not copied
  // at every point).
  detail::YamlNode root;
  double multiplier = 1.0;  // the base's --set demand multiplier
  detail::PointSite point_site;
  // Where each setting was written (sites_for): the first parameter of each key, and the
  // position of the first value of each text in it, found in constant time rather than by
  // reading every value of the sweep at every point.
  std::vector<SweepParameter> parameters;
  using Positions = std::unordered_map<std::string, std::size_t>;  // value text -> index
  std::unordered_map<std::string, std::pair<std::size_t, Positions>> first_value;

  // Where each setting of `point` was written in the base's sweep section: the first value of
  // the same key and text. Empty when some setting is not found there (a point made by hand),
  // so errors then read "--set:N:C" like any override.
  std::vector<detail::SettingSite> sites_for(const SweepPoint& point) const {
    std::vector<detail::SettingSite> sites;
    sites.reserve(point.settings.size());
    for (const auto& [key, value] : point.settings) {
      const auto parameter = first_value.find(key);
      if (parameter == first_value.end()) return {};
      const auto position = parameter->second.second.find(value);
      if (position == parameter->second.second.end()) return {};
      const SourceLocation& w = parameters[parameter->second.first].where[position->second];
      sites.push_back(detail::SettingSite{key, origin_of(w), w.key_path, origin_of(w), w.key_path});
    }
    return sites;
  }
};

PointScenarios::PointScenarios(const Scenario& base) {
  auto b = std::make_unique<Base>();
  b->source_path = base.source_path;
  b->source_text = base.source_text;
  b->overrides = base.overrides;
  try {
    b->root = detail::parse_yaml_document(base.source_text, base.source_path);
    detail::take_optimise_section(b->root);  // not part of the simulated scenario
    b->multiplier = detail::apply_overrides(b->root, base.overrides);
  } catch (const ScenarioError& e) {
    b->unreadable = e;
  }
  if (b->root.is_map()) {
    std::erase_if(b->root.entries, [](const detail::YamlEntry& e) { return e.key == "sweep"; });
  }
  b->point_site = detail::PointSite{detail::YamlOrigin{base.source_path, 0, 0}};
  if (base.sweep) {
    b->point_site.at = origin_of(base.sweep->where);
    b->parameters = base.sweep->parameters;
    for (std::size_t i = 0; i < b->parameters.size(); ++i) {
      const SweepParameter& parameter = b->parameters[i];
      const auto [entry, first] = b->first_value.try_emplace(parameter.key);
      if (!first) continue;  // a later parameter of the same key is never looked at
      entry->second.first = i;
      for (std::size_t j = 0; j < parameter.values.size() && j < parameter.where.size(); ++j) {
        entry->second.second.try_emplace(parameter.values[j], j);
      }
    }
  }
  base_ = std::move(b);
}

PointScenarios::~PointScenarios() = default;
PointScenarios::PointScenarios(PointScenarios&&) noexcept = default;
PointScenarios& PointScenarios::operator=(PointScenarios&&) noexcept = default;

Scenario PointScenarios::at(const SweepPoint& point) const {
  const Base& b = *base_;
  if (b.unreadable) throw *b.unreadable;
  Scenario at = detail::load_sweep_point(b.root, b.source_path,
                                         static_cast<int>(b.overrides.size()) + 1, point,
                                         b.sites_for(point), b.point_site, b.multiplier);
  at.source_path = b.source_path;
  at.source_text = b.source_text;
  at.overrides = b.overrides;
  at.sweep = std::nullopt;
  return at;
}

Scenario scenario_at(const Scenario& base, const SweepPoint& point) {
  return PointScenarios(base).at(point);
}

}  // namespace escalsim
