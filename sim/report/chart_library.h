// The chart libraries an HTML report inlines: Vega, Vega-Lite and vega-embed, as installed
// from the npm registry into tools/charts/ (versions pinned by its package-lock.json) and
// built into the program, so a report opens from disk with no network.
#pragma once

#include <string_view>

namespace escalsim::report {

struct ChartLibrary {
  std::string_view name;     // e.g. "vega-lite"
  std::string_view version;  // as in the package's package.json
  std::string_view script;   // the minified browser build, licence header included
};

// In the order a page must load them: vega, vega-lite, vega-embed.
const ChartLibrary (&chart_libraries())[3];

}  // namespace escalsim::report
