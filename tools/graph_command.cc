// `escalsim graph SCENARIO [--format dot|svg] [--set k=v]... [--out FILE]`: the organisation
// graph as Graphviz DOT, or SVG drawn by Graphviz's dot, coloured by predicted load.
#include "commands.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/org_chart.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "graphviz.h"
#include "run_options.h"

namespace escalsim::tools {

void add_graph_command(CLI::App& app, int& exit_status) {
  struct Options {
    std::string path;
    std::string format = "dot";
    std::vector<std::string> overrides;
    std::string out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* graph = app.add_subcommand(
      "graph", "Print the organisation graph as Graphviz DOT (or SVG), desks coloured by "
               "predicted load");
  graph->add_option("scenario", options->path, "Scenario file (YAML)")->required();
  graph->add_option("--format", options->format,
                    "dot: Graphviz source; svg: drawn by Graphviz's dot program")
      ->check(CLI::IsMember({"dot", "svg"}))
      ->capture_default_str();
  graph->add_option("--set", options->overrides,
                    "Override a value of the file: key.path=value, a list or map in YAML flow "
                    "style (policies=[...]), or demand_multiplier=X (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  graph->add_option("--out", options->out, "Write to this file instead of standard output")
      ->check(not_empty("--out org.svg", "standard output"));
  graph->callback([options, &exit_status] {
    const Scenario scenario = load_scenario(options->path, options->overrides);
    std::string text = organisation_dot(scenario, predict(scenario));
    if (options->format == "svg") {
      std::optional<std::string> svg = render_svg_with_graphviz(text);
      if (!svg) {
        throw Error(
            "--format svg needs Graphviz's dot program (install the graphviz package, or "
            "tools/setup.sh)");
      }
      text = std::move(*svg);
    }
    if (options->out.empty()) {
      fmt::print("{}", text);
      std::fflush(stdout);
    } else {
      write_file_atomically(options->out, text);
      fmt::print(std::cerr, "escalsim: wrote {}\n", options->out);
    }
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
