// `escalsim report RESULTS_DIR`: the HTML report of a results folder written earlier.
#include "commands.h"

#include <iostream>
#include <memory>
#include <string>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "report_output.h"

namespace escalsim::tools {

void add_report_command(CLI::App& app, int& exit_status) {
  auto results_dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Write report.html, a self-contained page with charts, from a folder that run, compare or "
      "sweep wrote");
  cmd->footer(
      "The page opens from disk with no network: the chart libraries (Vega-Lite) are inlined. "
      "The organisation graph is drawn with Graphviz when its dot program is installed.\n"
      "Exit status: 0 success, 2 a folder without results or an unwritable output, 3 an "
      "internal error.");
  cmd->add_option("RESULTS_DIR", *results_dir,
                  "A folder holding results.json, comparison.json or sweep.json")
      ->required()
      ->type_name("DIR");
  cmd->callback([results_dir, &exit_status] {
    fmt::print(std::cerr, "escalsim: wrote {}\n", write_report(*results_dir));
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
