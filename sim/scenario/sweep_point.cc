// The scenario at one point of a sweep (scenario_at): the base file re-read with the
// point's settings applied like --set overrides, and the demand multiplier applied.
#include "scenario/sweep_point.h"

#include <cstddef>
#include <optional>
#include <string>
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

// Where each setting of `point` was written in the base's sweep section: the first value of
// the same key and text. Empty when some setting is not found there (a point made by hand),
// so errors then read "--set:N:C" like any override.
std::vector<detail::SettingSite> sites_in_sweep(const Scenario& base, const SweepPoint& point) {
  std::vector<detail::SettingSite> sites;
  if (!base.sweep) return sites;
  for (const auto& [key, value] : point.settings) {
    std::optional<detail::SettingSite> found;
    for (const SweepParameter& parameter : base.sweep->parameters) {
      if (parameter.key != key) continue;
      for (std::size_t j = 0; j < parameter.values.size() && j < parameter.where.size(); ++j) {
        if (parameter.values[j] != value) continue;
        const SourceLocation& w = parameter.where[j];
        found = detail::SettingSite{key, origin_of(w), w.key_path, origin_of(w), w.key_path};
        break;
      }
      break;
    }
    if (!found) return {};
    sites.push_back(*found);
  }
  return sites;
}

}  // namespace

Scenario scenario_at(const Scenario& base, const SweepPoint& point) {
  detail::YamlNode root = detail::parse_yaml_document(base.source_text, base.source_path);
  detail::take_optimise_section(root);  // not part of the simulated scenario
  const double multiplier = detail::apply_overrides(root, base.overrides);
  detail::PointSite point_site{detail::YamlOrigin{base.source_path, 0, 0}};
  if (base.sweep) point_site.at = origin_of(base.sweep->where);
  Scenario at = detail::load_sweep_point(root, base.source_path,
                                         static_cast<int>(base.overrides.size()) + 1, point,
                                         sites_in_sweep(base, point), point_site, multiplier);
  at.source_path = base.source_path;
  at.source_text = base.source_text;
  at.overrides = base.overrides;
  at.sweep = std::nullopt;
  return at;
}

}  // namespace escalsim
