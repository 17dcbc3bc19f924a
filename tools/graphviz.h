// Rendering DOT to SVG with Graphviz's `dot` program, when it is installed.
#pragma once

#include <optional>
#include <string>

namespace escalsim::tools {

// Runs `dot -Tsvg` (found on PATH) with `dot` on its standard input and returns its standard
// output, the SVG. Returns std::nullopt when no `dot` program is on PATH. Throws
// escalsim::Error naming dot's first line of standard error when dot fails (exit status
// other than 0, or killed), or when it cannot be started. Blocks until dot exits.
std::optional<std::string> render_svg_with_graphviz(const std::string& dot);

}  // namespace escalsim::tools
