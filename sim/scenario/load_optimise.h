// The `optimise:` section of a scenario: what `escalsim optimise` searches (escalsim/optimise.h).
// The section is not part of the simulated scenario: the loader takes it out of the tree
// before loading the rest, then checks it against the loaded scenario.
#pragma once

#include <optional>

#include "escalsim/optimise.h"
#include "scenario/yaml_document.h"

namespace escalsim::detail {

// Removes the top-level `optimise` entry from `root` (a map) and returns it, if any.
std::optional<YamlEntry> take_optimise_section(YamlNode& root);

// Reads the section against the scenario it belongs to (whose desks its conditions name).
// Throws ScenarioError at the offending key or value.
OptimiseSection read_optimise_section(const YamlEntry& entry, const Scenario& scenario);

}  // namespace escalsim::detail
