// `escalsim optimise`: the least-cost plan (staff, executive budget, policy parameters) that
// meets constraints on figures with 95% confidence; writes optimise.csv, optimise.json and
// optimise.html.
#include "commands.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "escalsim/condition.h"
#include "escalsim/errors.h"
#include "escalsim/optimise.h"
#include "escalsim/scenario.h"
#include "report_output.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct OptimiseArguments {
  std::string scenario_path;
  std::vector<std::string> vary, constraints;
  std::string minimise, maximise;
  std::optional<double> indifference;
  std::optional<std::uint64_t> seed, confirmation_seed;
  std::optional<int> replications;
  int max_replications = 80;
  bool max_replications_given = false;
  bool no_screening = false;
  std::vector<std::string> overrides;
  std::string out_dir;
  std::string format = "table";
  int threads = 0;
  bool report = false;
};

void run(const OptimiseArguments& args) {
  const Scenario scenario =
      load_with_flags(args.scenario_path, args.overrides, run_flag_settings(args.seed, {}, {}));
  for (const std::string& note : scenario.notes) {
    fmt::print(stderr, "escalsim: warning: {}\n", note);
  }
  OptimiseOptions options;
  // The scenario's `optimise:` section, if any; each kind of flag replaces its part.
  const std::optional<OptimiseSection> section = load_optimise_section(scenario);
  if (section) {
    if (args.vary.empty()) options.variables = section->variables;
    if (args.constraints.empty()) options.constraints = section->constraints;
    if (section->objective && args.minimise.empty() && args.maximise.empty()) {
      options.objective = *section->objective;
      options.maximise = section->maximise;
    }
  }
  if (args.vary.empty() && options.variables.empty()) {
    throw Error("--vary: expected at least one decision variable, e.g. --vary "
                "'desks.frontline.staff={from: 10, to: 30, step: 1}', or an optimise: section "
                "with vary: in the scenario");
  }
  for (const std::string& text : args.vary) {
    try {
      options.variables.push_back(parse_decision_variable(text));
    } catch (const ScenarioError&) {
      throw;
    } catch (const Error& e) {
      throw Error(fmt::format("--vary: {}", e.what()));
    }
  }
  for (const std::string& text : args.constraints) {
    try {
      options.constraints.push_back(parse_condition(text, scenario));
    } catch (const ScenarioError&) {
      throw;
    } catch (const Error& e) {
      throw Error(fmt::format("--constraint: {}", e.what()));
    }
  }
  if (!args.minimise.empty() && !args.maximise.empty()) {
    throw Error("--maximise: give either --minimise or --maximise, not both");
  }
  if (!args.maximise.empty()) {
    options.objective = args.maximise;
    options.maximise = true;
  } else if (!args.minimise.empty()) {
    options.objective = args.minimise;
  }
  const std::string objective_flag = args.maximise.empty() ? "--minimise" : "--maximise";
  try {
    const Condition objective = parse_condition(options.objective + " >= 0", scenario);
    if (objective.on_verdict) throw Error("a verdict is not a figure to optimise");
  } catch (const ScenarioError&) {
    throw;
  } catch (const Error& e) {
    throw Error(fmt::format("{}: \"{}\" is not a figure: {}", objective_flag,
                            options.objective, e.what()));
  }
  options.indifference = args.indifference;
  if (!options.indifference && section) options.indifference = section->indifference;
  const std::optional<int> first =
      args.replications ? args.replications : section ? section->replications : std::nullopt;
  options.first_replications = first.value_or(std::max(2, scenario.run.replications));
  const int most = args.max_replications_given || !section || !section->max_replications
                       ? args.max_replications
                       : *section->max_replications;
  options.max_replications = std::max(most, options.first_replications);
  options.screening = !args.no_screening;
  options.confirmation_seed = args.confirmation_seed;
  options.threads = args.threads;
  const OptimiseResult result = optimise(scenario, options);

  std::ostringstream json, csv;
  write_optimise_json(json, scenario, result);
  write_optimise_csv(csv, result);
  const std::filesystem::path out_dir =
      args.out_dir.empty() ? std::filesystem::path("results") /
                                 (folder_name(scenario.run.name, args.scenario_path) + "-optimise")
                           : std::filesystem::path(args.out_dir);
  write_and_print({{(out_dir / "optimise.json").string(), json.str()},
                   {(out_dir / "optimise.csv").string(), csv.str()}},
                  args.format, json.str(), csv.str(),
                  [&](std::ostream& out) { write_optimise_table(out, result); });
  if (args.report) fmt::print(stderr, "escalsim: wrote {}\n", write_report(out_dir.string()));
}

}  // namespace

void add_optimise_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<OptimiseArguments>();
  CLI::App* cmd = app.add_subcommand(
      "optimise",
      "Find the least-cost plan (staff, executive budget, policy parameters) that meets "
      "constraints on figures with 95% confidence: theory screens the grid, the rest is "
      "simulated on common random numbers and selected with an indifference zone; write "
      "optimise.csv and optimise.json (--report: optimise's page)");
  cmd->alias("optimize");
  cmd->footer(
      "Example: escalsim optimise scenarios/optimise/least_cost.yaml --vary "
      "'desks.frontline.shifts[0].staff={from: 12, to: 20, step: 1}' --constraint "
      "'desks.frontline.service_level_1h >= 80%' --constraint 'verdict.silo == no'\n"
      "Variables: KEY={from: A, to: B, step: S} or KEY=[v1, v2, ...], KEY as for --set.\n"
      "Constraints: conditions as for `escalsim threshold --until`.\n"
      "Exit status: 0 success (a plan found or not), 2 an error in the command line, the "
      "scenario or the output, 3 an internal error.");
  cmd->add_option("SCENARIO", args->scenario_path, "The scenario file (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--vary", args->vary,
                  "A decision variable: KEY={from: A, to: B, step: S} or KEY=[v1, v2]; "
                  "repeatable (the grid is every combination); replaces the scenario's "
                  "optimise.vary")
      ->type_name("KEY=RANGE")
      ->allow_extra_args(false);
  cmd->add_option("--constraint", args->constraints,
                  "A condition every chosen plan must meet with 95% confidence, e.g. "
                  "\"desks.frontline.service_level_20s >= 80%\"; repeatable")
      ->type_name("CONDITION")
      ->allow_extra_args(false);
  cmd->add_option("--minimise", args->minimise,
                  "The figure to minimise (default: economics.total_cost)")
      ->type_name("FIGURE");
  cmd->add_option("--maximise", args->maximise, "The figure to maximise instead")
      ->type_name("FIGURE");
  cmd->add_option("--indifference", args->indifference,
                  "The indifference zone in the objective's unit: plans closer than this are "
                  "equally good (default: 1% of the best first-batch mean)")
      ->type_name("D")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--replications", args->replications,
                  "First-batch replications of every simulated plan (default: run.replications, "
                  "at least 2)")
      ->type_name("N")
      ->check(whole_number(2, kMaxReplications));
  cmd->add_option_function<int>(
         "--max-replications",
         [args](const int& n) {
           args->max_replications = n;
           args->max_replications_given = true;
         },
         "The most replications a plan gets (default: 80)")
      ->type_name("N")
      ->check(whole_number(2, kMaxReplications));
  cmd->add_flag("--no-screening", args->no_screening,
                "Simulate every plan, even those theory rules out");
  cmd->add_option("--seed", args->seed, "Seed of the search (overrides run.seed)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--confirmation-seed", args->confirmation_seed,
                  "Seed of the confirmation run of the chosen plan (default: the seed + 1)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--set", args->overrides,
                  "Override a value of the file before the search; repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--out", args->out_dir,
                  "Folder for optimise.json and optimise.csv (default: "
                  "results/<scenario name>-optimise)")
      ->type_name("DIR")
      ->check(not_empty("--out results/mine", "results/<scenario name>-optimise"));
  add_format_option(cmd, args->format, "What to print on standard output");
  add_threads_option(cmd, args->threads,
                     "Threads for the runs (0: every core); results do not depend on it");
  add_report_flag(cmd, args->report);
  cmd->callback([args, &exit_status] {
    run(*args);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
