// `escalsim threshold`: the value of a parameter at which a condition on a figure starts to
// hold, by bisection on common random numbers; writes threshold.csv and threshold.json.
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
#include "escalsim/scenario.h"
#include "escalsim/threshold.h"
#include "report_output.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct ThresholdArguments {
  std::string scenario_path;
  std::string key, from, to, until;
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  int max_replications = 80;
  std::optional<double> tolerance;
  std::vector<std::string> overrides;
  std::string out_dir;
  std::string format = "table";
  int threads = 0;
  bool report = false;
};

void run(const ThresholdArguments& args) {
  const Scenario scenario =
      load_with_flags(args.scenario_path, args.overrides, run_flag_settings(args.seed, {}, {}));
  for (const std::string& note : scenario.notes) {
    fmt::print(stderr, "escalsim: warning: {}\n", note);
  }
  ThresholdOptions options;
  try {
    options.condition = parse_condition(args.until, scenario);
  } catch (const ScenarioError&) {
    throw;
  } catch (const Error& e) {
    throw Error(fmt::format("--until: {}", e.what()));
  }
  options.key = args.key;
  options.from = args.from;
  options.to = args.to;
  options.replications = args.replications.value_or(std::max(2, scenario.run.replications));
  options.max_replications = std::max(args.max_replications, options.replications);
  options.tolerance = args.tolerance;
  options.threads = args.threads;
  const ThresholdResult result = find_threshold(scenario, options);

  std::ostringstream json, csv;
  write_threshold_json(json, scenario, result);
  write_threshold_csv(csv, result);
  const std::filesystem::path out_dir =
      args.out_dir.empty() ? std::filesystem::path("results") /
                                 (folder_name(scenario.run.name, args.scenario_path) + "-threshold")
                           : std::filesystem::path(args.out_dir);
  write_and_print({{(out_dir / "threshold.json").string(), json.str()},
                   {(out_dir / "threshold.csv").string(), csv.str()}},
                  args.format, json.str(), csv.str(),
                  [&](std::ostream& out) { write_threshold_table(out, result); });
  if (args.report) fmt::print(stderr, "escalsim: wrote {}\n", write_report(out_dir.string()));
}

}  // namespace

void add_threshold_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ThresholdArguments>();
  CLI::App* cmd = app.add_subcommand(
      "threshold",
      "Find the value of a parameter at which a condition on a figure starts to hold "
      "(bisection on common random numbers); write threshold.csv and threshold.json");
  cmd->footer(
      "Example: escalsim threshold scenarios/open-inbox.yaml --vary demand_multiplier --from 1 "
      "--to 2 --until verdict.silo\n"
      "Conditions: a figure (desks.<desk>.<figure>, executive.<figure>, complaints.<figure>, "
      "customers.<figure>, economics.<figure>, verdict.silo), an operator (<=, <, >=, >, ==) "
      "and a value with units (40 min, 5 d, 90%, 12).\n"
      "Exit status: 0 success, 2 an error in the command line, the scenario or the output, "
      "3 an internal error.");
  cmd->add_option("SCENARIO", args->scenario_path, "The scenario file (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--vary", args->key,
                  "The parameter: a key as for --set (desks.ceo.budget) or demand_multiplier")
      ->required()
      ->type_name("KEY")
      ->check(not_empty("--vary demand_multiplier"));
  cmd->add_option("--from", args->from, "The value to start from, e.g. 1 or \"2 h per week\"")
      ->required()
      ->type_name("VALUE");
  cmd->add_option("--to", args->to, "The value to search up to, in the unit of --from")
      ->required()
      ->type_name("VALUE");
  cmd->add_option("--until", args->until,
                  "The condition, e.g. \"verdict.silo\" or \"executive.reply_p90 <= 5 d\"")
      ->required()
      ->type_name("CONDITION");
  cmd->add_option("--replications", args->replications,
                  "Replications at each value, at first (default: run.replications, at least 2)")
      ->type_name("N")
      ->check(whole_number(2, kMaxReplications));
  cmd->add_option("--max-replications", args->max_replications,
                  "Doubling the replications where the interval straddles stops here")
      ->type_name("N")
      ->check(whole_number(2, kMaxReplications))
      ->capture_default_str();
  cmd->add_option("--tolerance", args->tolerance,
                  "The grid step of the search in the parameter's unit (default: (to - from) "
                  "/ 64); the threshold is found to within it")
      ->type_name("T")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            double value = 0.0;
            const char* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, value);
            if (text.empty() || ec != std::errc() || ptr != end || !(value > 0.0) ||
                !std::isfinite(value)) {
              return fmt::format("expected a step above 0 in the unit of --from, e.g. 0.05, "
                                 "got '{}'", text);
            }
            return {};
          },
          ""));
  cmd->add_option("--seed", args->seed, "Seed of the experiment (overrides run.seed)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--set", args->overrides,
                  "Override a value of the file before the search, e.g. "
                  "--set desks.ceo.budget=\"5 h per week\"; repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--out", args->out_dir,
                  "Folder for threshold.json and threshold.csv (default: "
                  "results/<scenario name>-threshold)")
      ->type_name("DIR")
      ->check(not_empty("--out results/mine", "results/<scenario name>-threshold"));
  add_format_option(cmd, args->format, "What to print on standard output");
  add_threads_option(cmd, args->threads,
                     "Threads for the replications (0: every core); results do not depend on it");
  add_report_flag(cmd, args->report);
  cmd->callback([args, &exit_status] {
    run(*args);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
