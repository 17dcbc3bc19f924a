// `escalsim sweep`: run a scenario at every point of its sweep: section, on every core, as
// one shard of N, or over the ranks of an MPI job; resumable after an interruption.
#include "commands.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "escalsim/condition.h"
#include "escalsim/errors.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "escalsim/threshold.h"
#include "mpi_ranks.h"
#include "progress_line.h"
#include "report_output.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct SweepArguments {
  std::string scenario_path;
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::vector<std::string> overrides;
  std::string out_dir;
  std::string shard;  // "K/N", 1-based
  std::string format = "table";
  int threads = 0;
  bool quiet = false;
  bool check_invariants = false;
  bool report = false;
  bool progress = false;
  std::string memory_budget;  // as typed; empty: the default
  bool silo_threshold = false;
};

struct Shard {
  int index = 0;  // 0-based
  int count = 1;
};

Shard parse_shard(const std::string& text) {
  if (text.empty()) return {};
  const auto bad = [&text](const char* why) {
    return Error(fmt::format("--shard {}: {} (write K/N with 1 <= K <= N, e.g. --shard 2/4)",
                             text, why));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw bad("no '/'");
  const auto number = [&](const std::string& part) {
    if (part.empty() || part.size() > 9 || part.find_first_not_of("0123456789") != std::string::npos) {
      throw bad("K and N must be whole numbers");
    }
    return std::stoi(part);
  };
  const int k = number(text.substr(0, slash));
  const int n = number(text.substr(slash + 1));
  if (n < 1 || k < 1 || k > n) throw bad("K must be between 1 and N");
  return Shard{k - 1, n};
}

// --set first, then the explicit flags. --replications sets the sweep's replications when
// the sweep: section names them (they win over run.replications), else run.replications.
std::vector<FlagSetting> flag_settings(const SweepArguments& args) {
  std::vector<FlagSetting> flags = run_flag_settings(args.seed, std::nullopt, std::nullopt);
  if (args.replications) {
    const Scenario plain = load_with_flags(args.scenario_path, args.overrides, flags);
    const bool in_sweep = plain.sweep && plain.sweep->replications.has_value();
    flags.push_back({"--replications", fmt::format("{}.replications={}",
                                                   in_sweep ? "sweep" : "run",
                                                   *args.replications)});
  }
  return flags;
}

void print_outputs(const SweepArguments& args, const Scenario& scenario,
                   const SweepResult& result, const std::string& out_dir) {
  const std::filesystem::path folder(out_dir);
  if (args.format == "json") {
    copy_file_to(std::cout, (folder / "sweep.json").string());
  } else if (args.format == "csv") {
    copy_file_to(std::cout, (folder / "sweep.csv").string());
  } else {
    write_sweep_table(std::cout, scenario, result, result.findings);
  }
  std::cout.flush();
  if (!args.quiet) {
    const std::filesystem::path out(out_dir);
    fmt::print(std::cerr, "escalsim: wrote {}\n",
               listed({(out / "sweep.csv").string(), (out / "summary.csv").string(),
                       (out / "sweep.json").string()}));
  }
}

// A scale study's silo onset narrowed by bisection on common random numbers between the
// swept multiples that bracket it (escalsim/threshold.h), at the other parameters' first
// values; printed after the table, its runs in <out>/silo-threshold/.
void silo_threshold(const SweepArguments& args, const Scenario& scenario,
                    const SweepResult& result, const std::string& out_dir) {
  const SiloOnset& onset = result.findings.silo_onset;
  // Beside the table on standard output; beside JSON or CSV, on standard error.
  std::FILE* to = args.format == "table" ? stdout : stderr;
  if (!result.findings.scale_study || !onset.reached || onset.last_no <= 0.0) {
    fmt::print(to, "silo verdict by bisection: nothing to narrow ({})\n",
               !result.findings.scale_study ? "not a scale study"
               : !onset.reached             ? "the verdict never turns to yes in the sweep"
                                            : "the verdict is yes at the smallest multiple");
    return;
  }
  Scenario base = scenario;
  for (const SweepParameter& p : scenario.sweep->parameters) {
    if (p.key != kDemandMultiplier && !p.values.empty()) {
      base.overrides.push_back(p.key + "=" + p.values[0]);
    }
  }
  ThresholdOptions options;
  options.key = kDemandMultiplier;
  options.from = threshold_value_text(onset.last_no, "");
  options.to = threshold_value_text(onset.first_yes, "");
  options.condition = parse_condition("verdict.silo", base);
  options.replications = std::max(2, sweep_replication_count(scenario));
  options.max_replications = 8 * options.replications;
  options.tolerance = (onset.first_yes - onset.last_no) / 32.0;
  options.threads = args.threads;
  const ThresholdResult found = find_threshold(base, options);
  std::ostringstream json, csv;
  write_threshold_json(json, base, found);
  write_threshold_csv(csv, found);
  const std::filesystem::path folder = std::filesystem::path(out_dir) / "silo-threshold";
  write_file_atomically((folder / "threshold.json").string(), json.str());
  write_file_atomically((folder / "threshold.csv").string(), csv.str());
  if (found.outcome == ThresholdOutcome::kFound) {
    fmt::print(to, "silo verdict by bisection: turns to yes at {}x (between {}x and {}x), {} "
               "runs on common random numbers, step {}x\n",
               threshold_value_text(found.estimate, ""), threshold_value_text(found.low, ""),
               threshold_value_text(found.high, ""), found.runs,
               threshold_value_text(found.tolerance, ""));
  } else {
    fmt::print(to, "silo verdict by bisection: {} ({} runs)\n", threshold_headline(found),
               found.runs);
  }
  if (!args.quiet) {
    fmt::print(std::cerr, "escalsim: wrote {}\n",
               listed({(folder / "threshold.json").string(), (folder / "threshold.csv").string()}));
  }
}

// Runs on every rank of an MPI job (one rank without MPI). Returns the exit status.
int sweep(const SweepArguments& args) {
  const Shard shard = parse_shard(args.shard);
  const Scenario scenario =
      load_with_flags(args.scenario_path, args.overrides, flag_settings(args));
  for (const std::string& note : scenario.notes) {
    fmt::print(stderr, "escalsim: warning: {}\n", note);
  }
  if (!scenario.sweep) {
    throw ScenarioError(fmt::format(
        "{}: scenario has no sweep: section; see scenarios/README.md", args.scenario_path));
  }

  SweepOptions options;
  options.threads = args.threads;
  options.out_dir =
      args.out_dir.empty()
          ? (std::filesystem::path("results") / folder_name(scenario.run.name, args.scenario_path) /
             "sweep")
                .string()
          : args.out_dir;
  options.shard_index = shard.index;
  options.shard_count = shard.count;
  options.engine.check_invariants = args.check_invariants;
  // The headline of each point only: the outputs are written point by point from the point
  // files, and the table and findings read no more, so memory does not grow with the points'
  // metrics and replications.
  options.detail = PointDetail::kHeadline;

  if (!args.memory_budget.empty()) {
    options.memory_budget_bytes = parse_memory_size(args.memory_budget).value_or(0);
  }

  MpiRanks ranks;
  if (ranks.rank() == 0 && !args.quiet) {
    note_runs_in_flight(options.threads, static_cast<long>(sweep_point_count(scenario)) *
                                             sweep_replication_count(scenario),
                        options.memory_budget_bytes);
  }
  ProgressLine progress_line("sweep", stderr);
  if (ranks.rank() == 0 && progress_wanted(args.progress, args.quiet)) {
    options.progress = progress_line.callback();
  }

  SweepResult result;
  if (ranks.size() == 1) {
    result = run_sweep(scenario, options);
  } else {
    // Rank r of R takes, within this shard, the points whose index % (N * R) is
    // K-1 + N * r: together the ranks cover exactly the shard's points.
    options.shard_index = shard.index + shard.count * ranks.rank();
    options.shard_count = shard.count * ranks.size();

    std::exception_ptr failure;
    if (ranks.rank() == 0) {
      try {
        prepare_sweep_folder(scenario, options.out_dir, options.shard_count);
      } catch (...) {
        failure = std::current_exception();
      }
    }
    if (!ranks.from_root(!failure)) {
      if (failure) std::rethrow_exception(failure);
      return 2;  // rank 0 says why
    }
    try {
      SweepSteps steps;
      steps.prepare_folder = false;
      steps.write_outputs = false;
      run_sweep_steps(scenario, options, steps);
    } catch (...) {
      failure = std::current_exception();
    }
    const bool all_ok = ranks.all(!failure);  // every rank's points are written
    if (failure) std::rethrow_exception(failure);
    if (ranks.rank() != 0) return all_ok ? 0 : 2;
    if (!all_ok) throw Error("sweep: another MPI rank failed (see its message)");
    result = finish_sweep(scenario, options.out_dir, options.detail);
  }

  if (result.points_kept > 0 && !args.quiet && ranks.rank() == 0) {
    fmt::print(std::cerr,
               "escalsim: resumed: kept {} finished point{} found in {}, ran {}\n",
               result.points_kept, result.points_kept == 1 ? "" : "s", options.out_dir,
               result.points_run);
  }
  if (result.complete) {
    print_outputs(args, scenario, result, options.out_dir);
    if (args.silo_threshold) silo_threshold(args, scenario, result, options.out_dir);
    if (args.report) {
      const std::string report = write_report(options.out_dir);
      if (!args.quiet) fmt::print(std::cerr, "escalsim: wrote {}\n", report);
    }
  } else {
    const int total = sweep_point_count(scenario);
    fmt::print("shard {}/{} done: {} of {} points; merge the shard folders with `escalsim "
               "merge`\n",
               shard.index + 1, shard.count,
               ranks.size() == 1 ? static_cast<int>(result.points.size())
                                 : (total + shard.count - 1 - shard.index) / shard.count,
               total);
    if (args.report) {
      fmt::print(std::cerr,
                 "escalsim: no report yet: this shard holds part of the sweep; after `escalsim "
                 "merge`, run `escalsim report` on the merged folder\n");
    }
  }
  return 0;
}

}  // namespace

void add_sweep_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<SweepArguments>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Run a scenario at every point of its sweep: section and write sweep.csv, summary.csv "
      "and sweep.json");
  cmd->footer(
      "Each finished point is written to <out>/points/ as it completes: run the same command "
      "again after an interruption and it resumes where it stopped.\n"
      "Shards: point i belongs to shard (i mod N) + 1; run each shard with its own --out and "
      "combine them with `escalsim merge`.\n"
      "MPI build: `mpirun -n R escalsim sweep ...` spreads the points over R processes that "
      "share --out.\n"
      "Exit status: 0 success, 2 an error in the command line, the scenario or the output, "
      "3 an internal error.");

  cmd->add_option("SCENARIO", args->scenario_path, "The scenario file (YAML), with a sweep: section")
      ->required()
      ->type_name("FILE");
  add_threads_option(cmd, args->threads,
                     "Threads for the runs (0: every core); results do not depend on it");
  cmd->add_option("--out", args->out_dir,
                  "Folder for the points and outputs (default: results/<scenario name>/sweep)")
      ->type_name("DIR")
      ->check(not_empty("--out results/budget", "results/<scenario name>/sweep"));
  cmd->add_option("--shard", args->shard,
                  "Run only shard K of N: the points whose index mod N is K-1")
      ->type_name("K/N");
  cmd->add_option("--set", args->overrides,
                  "Override a value of the file (a list or map in YAML flow style, e.g. "
                  "policies=[...]; demand_multiplier=X scales demand), e.g. "
                  "--set desks.frontline.staff=12; "
                  "repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--seed", args->seed, "Seed of the sweep (overrides run.seed)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--replications", args->replications,
                  "Replications per point (overrides sweep.replications or run.replications)")
      ->type_name("N")
      ->check(whole_number(1, kMaxReplications));
  add_format_option(cmd, args->format, "What to print on standard output when complete");
  CLI::Option* quiet =
      cmd->add_flag("--quiet", args->quiet, "No progress line and no note of the files written");
  add_progress_flag(cmd, args->progress);
  cmd->get_option("--progress")->excludes(quiet);
  add_memory_budget_option(cmd, args->memory_budget);
  add_report_flag(cmd, args->report);
  cmd->add_flag("--silo-threshold", args->silo_threshold,
                "A scale study: narrow the demand multiple at which the silo verdict turns to "
                "yes by bisection on common random numbers between the swept multiples that "
                "bracket it; print it and write its runs to <out>/silo-threshold/");
  cmd->add_flag("--check-invariants", args->check_invariants,
                "Check the engine's invariants as the runs go; stop with an error on a breach");

  cmd->callback([args, &exit_status] { exit_status = sweep(*args); });
}

}  // namespace escalsim::tools
