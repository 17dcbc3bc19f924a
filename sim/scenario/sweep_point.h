// Loading a scenario at one point of its sweep, shared by the loader (which checks every
// point when it reads the `sweep:` section) and scenario_at (escalsim/sweep.h).
#pragma once

#include <string>
#include <vector>

#include "escalsim/scenario.h"
#include "scenario/yaml_document.h"

namespace escalsim::detail {

// Where one setting of a sweep point was written in the sweep section, so that an error in
// it is reported there rather than at "--set:N:C".
struct SettingSite {
  std::string key;         // the override key, e.g. "desks.ceo.budget"
  YamlOrigin key_at;       // where the key was written
  std::string key_path;    // e.g. "sweep.parameters.desks.ceo.budget"
  YamlOrigin value_at;     // where the value was written (a range: the range)
  std::string value_path;  // e.g. "sweep.parameters.desks.ceo.budget[2]"
};

// Where a whole point was written, for errors that no single setting explains (a graph
// rule broken by the combination).
struct PointSite {
  YamlOrigin at;  // a point of a list, or the `parameters` key of a grid
};

// The scenario at `point`: `root` is the base file's tree with the base's --set overrides
// already applied (the first `first_index - 1` of them); the point's settings are applied
// as overrides numbered from `first_index`, except kDemandMultiplier, which multiplies every
// demand stream's rate (times `demand_multiplier_of_base`, the base's own --set one).
// `sites` is empty or has one entry per setting, in order. The result has no sweep and no
// provenance (source_path etc. are left for the caller).
// Throws ScenarioError located at the offending setting's site, or at `point_site`
// naming the point when the combination as a whole is invalid.
Scenario load_sweep_point(const YamlNode& root, const std::string& path, int first_index,
                          const SweepPoint& point, const std::vector<SettingSite>& sites,
                          const PointSite& point_site, double demand_multiplier_of_base = 1.0);

// Applies --set overrides to `root` in order, numbered from 1 for messages. One whose key
// is kDemandMultiplier is not a key of the file: it is checked like a sweep's value, and
// the product of all of them is returned, for the caller to multiply every demand stream's
// rate by (as a sweep point's does), after the tree is loaded.
double apply_overrides(YamlNode& root, const std::vector<std::string>& overrides);

// "desks.ceo.budget=1 h per week, demand_multiplier=2": a point's settings for messages.
std::string describe_settings(const SweepPoint& point);

}  // namespace escalsim::detail
