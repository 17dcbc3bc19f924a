// Writing a results folder's HTML report: shared by `escalsim report` and the --report flag
// of `escalsim run`, `compare` and `sweep`.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace escalsim::tools {

// Reads the results JSON in `results_dir` (results.json, comparison.json or sweep.json),
// draws the scenario's organisation graph (with Graphviz when installed) and writes
// report.html, report-data.json and report-data.csv there, atomically. Returns the report's path.
// Throws OutputError when the folder holds no results or cannot be written.
std::string write_report(const std::string& results_dir);

// Adds --report to a command.
void add_report_flag(CLI::App* cmd, bool& report);

}  // namespace escalsim::tools
