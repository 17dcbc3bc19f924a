// The subcommands of the escalsim program; each registers itself on the CLI11 app.
#pragma once

#include <CLI/CLI.hpp>

namespace escalsim::tools {

// Each adds its subcommand to `app`. When the subcommand runs, its callback stores the
// process exit status in `exit_status` (0 on success). Errors are thrown as escalsim::Error
// and reported by main as `escalsim: error: ...` with status 2.
void add_run_command(CLI::App& app, int& exit_status);
void add_check_command(CLI::App& app, int& exit_status);
void add_compare_command(CLI::App& app, int& exit_status);
void add_sweep_command(CLI::App& app, int& exit_status);
void add_merge_command(CLI::App& app, int& exit_status);
void add_trace_command(CLI::App& app, int& exit_status);
void add_report_command(CLI::App& app, int& exit_status);
void add_graph_command(CLI::App& app, int& exit_status);
void add_fit_command(CLI::App& app, int& exit_status);
void add_validate_command(CLI::App& app, int& exit_status);
void add_threshold_command(CLI::App& app, int& exit_status);
void add_optimise_command(CLI::App& app, int& exit_status);
void add_shifts_command(CLI::App& app, int& exit_status);

}  // namespace escalsim::tools
