// `escalsim run`: load a scenario, run its replications, print a summary and write the
// JSON and CSV results.
#include "commands.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "progress_line.h"
#include "report_output.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct RunArguments {
  std::string scenario_path;
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::optional<std::string> horizon;
  std::vector<std::string> overrides;
  std::string out_dir;
  std::string format = "table";
  int threads = 0;
  bool check_invariants = false;
  std::optional<std::string> precision;  // as typed: "5%" or "0.05"
  int max_replications = 1000;
  bool report = false;
  bool progress = false;
  std::string memory_budget;  // as typed; empty: the default
};

// A target precision as typed: "5%" or "0.05", strictly between 0 and 1 (0% and 100%).
// Throws Error with a one-line message otherwise.
double parse_precision(const std::string& text) {
  std::string number = text;
  while (!number.empty() && number.back() == ' ') number.pop_back();
  while (!number.empty() && number.front() == ' ') number.erase(0, 1);
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) {
    number.pop_back();
    while (!number.empty() && number.back() == ' ') number.pop_back();
  }
  double value = 0.0;
  const char* end = number.data() + number.size();
  const auto [ptr, ec] = std::from_chars(number.data(), end, value);
  if (number.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    throw Error(fmt::format(
        "--precision: \"{}\" is not a precision; write a percentage or a fraction, e.g. 5% "
        "or 0.05", text));
  }
  if (percent) value /= 100.0;
  if (!(value > 0.0 && value < 1.0)) {
    throw Error(fmt::format(
        "--precision: \"{}\" is out of range; it must be above 0 and below 1 (100%), "
        "e.g. 5% or 0.05", text));
  }
  return value;
}

void run(const RunArguments& args) {
  // The command line first: a bad flag should not wait for the scenario to load.
  std::optional<double> precision;
  if (args.precision) precision = parse_precision(*args.precision);
  const Scenario scenario =
      load_with_flags(args.scenario_path, args.overrides,
                      run_flag_settings(args.seed, args.replications, args.horizon));
  for (const std::string& note : scenario.notes) {
    fmt::print(stderr, "escalsim: warning: {}\n", note);
  }

  ExperimentOptions options;
  options.replications = scenario.run.replications;
  options.threads = args.threads;
  options.engine.check_invariants = args.check_invariants;
  options.precision = precision;
  options.max_replications = args.max_replications;
  if (!args.memory_budget.empty()) {
    options.memory_budget_bytes = parse_memory_size(args.memory_budget).value_or(0);
  }
  note_runs_in_flight(options.threads, options.replications, options.memory_budget_bytes);
  ProgressLine progress_line("run", stderr);
  if (progress_wanted(args.progress)) options.progress = progress_line.callback();
  const ExperimentResult result = run_experiment(scenario, options);
  const Findings findings = find_findings(result);

  std::ostringstream json;
  write_json(json, result, findings);
  std::ostringstream csv;
  write_csv(csv, result);
  std::ostringstream by_hour;
  write_hour_of_week_csv(by_hour, result);

  const std::filesystem::path out_dir =
      args.out_dir.empty()
          ? std::filesystem::path("results") / folder_name(scenario.run.name, args.scenario_path)
          : std::filesystem::path(args.out_dir);
  write_and_print({{(out_dir / "results.json").string(), json.str()},
                   {(out_dir / "results.csv").string(), csv.str()},
                   {(out_dir / "results_by_hour.csv").string(), by_hour.str()}},
                  args.format, json.str(), csv.str(),
                  [&](std::ostream& out) { write_table(out, result, findings); });
  if (args.report) fmt::print(std::cerr, "escalsim: wrote {}\n", write_report(out_dir.string()));
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_status) {
  // Owned by the callback, which CLI11 keeps as long as the app.
  auto args = std::make_shared<RunArguments>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run a scenario's replications, print a summary and write results.json and results.csv");
  cmd->footer(
      "Overrides apply in order: the --set ones first, then --seed, --replications and "
      "--horizon, so an explicit flag wins over a --set of the same key.\n"
      "Exit status: 0 success, 2 an error in the command line, the scenario or the output, "
      "3 an internal error.");

  cmd->add_option("SCENARIO", args->scenario_path, "The scenario file (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--seed", args->seed, "Seed of the experiment (overrides run.seed)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--replications", args->replications,
                  "Independent runs, for confidence intervals (overrides run.replications)")
      ->type_name("N")
      ->check(whole_number(1, kMaxReplications));
  cmd->add_option("--horizon", args->horizon,
                  "Simulated time, e.g. \"8 weeks\" or \"30 days\" (overrides run.horizon)")
      ->type_name("DURATION")
      ->check(positive_duration());
  cmd->add_option("--set", args->overrides,
                  "Override a value of the file (a list or map in YAML flow style, e.g. "
                  "policies=[...]; demand_multiplier=X scales demand), e.g. "
                  "--set desks.ceo.budget=\"5 h per week\"; "
                  "repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--out", args->out_dir,
                  "Folder for results.json and results.csv (default: results/<scenario name>)")
      ->type_name("DIR")
      ->check(not_empty("--out results/mine", "results/<scenario name>"));
  add_format_option(cmd, args->format, "What to print on standard output");
  add_threads_option(cmd, args->threads,
                     "Threads for the replications (0: every core); results do not depend on it");
  CLI::Option* precision =
      cmd->add_option("--precision", args->precision,
                      "Target precision: add replications (the first batch is "
                      "--replications, at least 3) until every headline figure's 95% "
                      "half-width is within this share of its mean, e.g. 5% or 0.05")
          ->type_name("P");
  cmd->add_option("--max-replications", args->max_replications,
                  "With --precision: stop adding replications at this many")
      ->type_name("N")
      ->check(whole_number(2, kMaxReplications))
      ->needs(precision)
      ->capture_default_str();
  cmd->add_flag("--check-invariants", args->check_invariants,
                "Check the engine's invariants as the run goes; stop with an error on a breach");
  add_report_flag(cmd, args->report);
  add_progress_flag(cmd, args->progress);
  add_memory_budget_option(cmd, args->memory_budget);

  cmd->callback([args, &exit_status] {
    run(*args);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
