// The escalsim program: a table of subcommands, and the one place errors become exit codes.
//
// Exit status: 0 success; 2 a user error (bad command line, bad scenario, unwritable
// output); 3 an internal error (a bug: a broken invariant, any other exception). See
// escalsim::exit_status_for.
#include <algorithm>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <fmt/ostream.h>

#include "commands.h"
#include "escalsim/errors.h"
#include "escalsim/report.h"
#include "escalsim/user_input.h"

namespace {

constexpr int kUserError = escalsim::kExitBadInput;
constexpr int kInternalError = escalsim::kExitInternalError;

// CLI11 messages may span lines; the user gets one.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// An option of the subcommand the user chose that it does not have ("--replication"),
// with the closest one it has, or nullopt when every "--word" is known.
std::optional<std::string> unknown_option(const CLI::App& app, int argc, char** argv) {
  const std::vector<CLI::App*> chosen = app.get_subcommands();
  if (chosen.empty()) return std::nullopt;
  const CLI::App& sub = *chosen.front();
  std::vector<std::string> known{"--help"};
  for (const CLI::Option* option : sub.get_options()) {
    for (const std::string& name : option->get_lnames()) known.push_back("--" + name);
  }
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const std::string match = escalsim::did_you_mean(name, known);
    return fmt::format("unknown option {} for `escalsim {}`{}", name, sub.get_name(),
                       match.empty() ? std::string()
                                     : fmt::format(", did you mean {}?", match));
  }
  return std::nullopt;
}

// CLI11 reports a misspelt subcommand as a missing one; name the word the user typed.
// A value a check refused names its option and what it accepts: that is the whole message.
std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e, int argc,
                             char** argv) {
  if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') {
    std::string known;
    for (const CLI::App* sub : app.get_subcommands({})) {
      known += (known.empty() ? "" : ", ") + sub->get_name();
    }
    return fmt::format("unknown command \"{}\" (the commands are: {})", argv[1], known);
  }
  if (std::optional<std::string> unknown = unknown_option(app, argc, argv)) {
    return *unknown + fmt::format(" (run `escalsim {} --help` for its options)",
                                  app.get_subcommands().front()->get_name());
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) return one_line(e.what());
  return one_line(e.what()) + " (run `escalsim --help` for usage)";
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
    escalsim::tools::add_threshold_command(app, exit_status);
    escalsim::tools::add_optimise_command(app, exit_status);
    escalsim::tools::add_shifts_command(app, exit_status);
    escalsim::tools::add_merge_command(app, exit_status);
    escalsim::tools::add_trace_command(app, exit_status);
    escalsim::tools::add_report_command(app, exit_status);
    escalsim::tools::add_graph_command(app, exit_status);
    escalsim::tools::add_fit_command(app, exit_status);
    escalsim::tools::add_validate_command(app, exit_status);
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    fmt::print(std::cerr, "escalsim: error: {}\n", parse_error_text(app, e, argc, argv));
    return kUserError;
  } catch (const escalsim::Error& e) {
    // A broken invariant (ModelError: a NaN time, a clock going back) is the program's
    // fault, not the input's: 3; every other Error is bad input: 2.
    fmt::print(std::cerr, "escalsim: error: {}\n", one_line(e.what()));
    return escalsim::exit_status_for(e);
  } catch (const std::exception& e) {
    fmt::print(std::cerr, "escalsim: internal error: {}\n", one_line(e.what()));
    return escalsim::exit_status_for(e);
  } catch (...) {
    fmt::print(std::cerr, "escalsim: internal error: unknown exception\n");
    return kInternalError;
  }
  return exit_status;
}
