// The escalsim program: a table of subcommands, and the one place errors become exit codes.
//
// Exit status: 0 success; 2 a user error (bad command line, bad scenario, unwritable
// output, a model the engine cannot honour); 3 an internal error (a bug).
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <fmt/ostream.h>

#include "commands.h"
#include "escalsim/errors.h"
#include "escalsim/report.h"

namespace {

constexpr int kUserError = 2;
constexpr int kInternalError = 3;

// CLI11 messages may span lines; the user gets one.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// CLI11 reports a misspelt subcommand as a missing one; name the word the user typed.
std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e, int argc,
                             char** argv) {
  if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') {
    std::string known;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known += (known.empty() ? "" : ", ") + sub->get_name();
    }
    return fmt::format("unknown command \"{}\" (the commands are: {})", argv[1], known);
  }
  return one_line(e.what());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("escalsim: a discrete-event simulator of complaint-escalation policies",
               "escalsim");
  app.set_version_flag("--version", escalsim::version());
  app.require_subcommand(1);

  int exit_status = 0;
  try {
    escalsim::tools::add_run_command(app, exit_status);
    escalsim::tools::add_check_command(app, exit_status);
    escalsim::tools::add_compare_command(app, exit_status);
    escalsim::tools::add_sweep_command(app, exit_status);
    escalsim::tools::add_merge_command(app, exit_status);
    escalsim::tools::add_trace_command(app, exit_status);
    escalsim::tools::add_report_command(app, exit_status);
    escalsim::tools::add_graph_command(app, exit_status);
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    fmt::print(std::cerr, "escalsim: error: {} (run `escalsim --help` for usage)\n",
               parse_error_text(app, e, argc, argv));
    return kUserError;
  } catch (const escalsim::ModelError& e) {
    // A broken invariant (a NaN time, a clock going back): the program's fault, not the input's.
    fmt::print(std::cerr, "escalsim: error: {}\n", one_line(e.what()));
    return kInternalError;
  } catch (const escalsim::Error& e) {
    fmt::print(std::cerr, "escalsim: error: {}\n", one_line(e.what()));
    return kUserError;
  } catch (const std::exception& e) {
    fmt::print(std::cerr, "escalsim: internal error: {}\n", one_line(e.what()));
    return kInternalError;
  } catch (...) {
    fmt::print(std::cerr, "escalsim: internal error: unknown exception\n");
    return kInternalError;
  }
  return exit_status;
}
