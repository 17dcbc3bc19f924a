// `escalsim compare`: run several policy variants on common random numbers, print them side
// by side with paired differences, and write comparison.json, comparison.csv and
// differences.csv.
#include "commands.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/core.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "escalsim/comparison.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/user_input.h"
#include "report_output.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct CompareArguments {
  std::vector<std::string> scenario_paths;
  std::vector<std::string> variants;  // "NAME:KEY=VALUE[;KEY=VALUE...]" as typed
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::optional<std::string> horizon;
  std::vector<std::string> overrides;  // --set, for every variant
  std::string out_dir;
  std::string format = "table";
  int threads = 0;
  std::string memory_budget;  // as typed; empty: the default
  std::optional<std::string> baseline;  // a variant's name; none: the first
  bool report = false;
};

// A `--variant` as typed, split: its name and its settings, with the column (1-based, in
// the whole argument) where each setting starts, for error messages.
struct VariantSpec {
  int index = 0;  // 1-based, among the --variant flags
  std::string name;
  std::vector<std::string> settings;
  std::vector<int> columns;
};

std::string trimmed(const std::string& text, std::size_t* leading = nullptr) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (leading) *leading = first == std::string::npos ? text.size() : first;
  if (first == std::string::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Throws Error with a one-line message when the syntax is wrong.
VariantSpec parse_variant(const std::string& text, int index) {
  auto fail = [&](const std::string& what) {
    throw Error(fmt::format(
        "--variant \"{}\": {}; write NAME:KEY=VALUE[;KEY=VALUE...], e.g. "
        "--variant \"5h:desks.ceo.budget=5 h per week\"", text, what));
  };
  VariantSpec spec;
  spec.index = index;
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) fail("no name before a ':'");
  spec.name = trimmed(text.substr(0, colon));
  if (spec.name.empty()) fail("the name before ':' is empty");
  if (spec.name.find('=') != std::string::npos) fail("no name before a ':'");
  std::size_t start = colon + 1;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::size_t leading = 0;
    const std::string setting = trimmed(text.substr(start, end - start), &leading);
    if (!setting.empty()) {
      const std::size_t equals = setting.find('=');
      if (equals == std::string::npos || equals == 0) {
        fail(fmt::format("\"{}\" is not KEY=VALUE", setting));
      }
      spec.settings.push_back(setting);
      spec.columns.push_back(static_cast<int>(start + leading) + 1);
    }
    start = end + 1;
  }
  if (spec.settings.empty()) fail("no KEY=VALUE after the name");
  return spec;
}

bool taken(const std::vector<std::string>& names, const std::string& name) {
  for (const std::string& n : names) {
    if (n == name) return true;
  }
  return false;
}

// A file variant's name: its run.name; when taken, the file's stem; when that is taken too,
// the name with a number ("tiny-2").
std::string file_variant_name(const Scenario& scenario, const std::string& path,
                              const std::vector<std::string>& names) {
  const std::string stem = std::filesystem::path(path).stem().string();
  const std::string base = scenario.run.name.empty() ? stem : scenario.run.name;
  if (!taken(names, base)) return base;
  if (!stem.empty() && !taken(names, stem)) return stem;
  for (int k = 2;; ++k) {
    std::string numbered = fmt::format("{}-{}", base, k);
    if (!taken(names, numbered)) return numbered;
  }
}

// The loader locates an override at "--set:N:C", N counting every override given to it. For
// a --variant's own settings, say which --variant and where in it instead.
[[noreturn]] void rethrow_variant_error(const ScenarioError& e, const VariantSpec& spec,
                                        std::size_t first_setting) {
  if (e.file() == "--set" && e.line() > 0) {
    const long setting = e.line() - 1 - static_cast<long>(first_setting);
    if (setting >= 0 && setting < static_cast<long>(spec.settings.size())) {
      throw ScenarioError("--variant", spec.index, spec.columns[setting] + e.column() - 1,
                          e.message(), e.key_path());
    }
  }
  // Not in the variant's own settings (a graph rule broken by them): name the variant.
  throw ScenarioError(fmt::format("variant \"{}\": {}", spec.name, e.what()));
}

struct LoadedVariant {
  std::string name;
  std::vector<std::string> variant_overrides;
  Scenario scenario;
};

std::vector<LoadedVariant> load_variants(const CompareArguments& args) {
  std::vector<VariantSpec> specs;
  for (std::size_t i = 0; i < args.variants.size(); ++i) {
    specs.push_back(parse_variant(args.variants[i], static_cast<int>(i) + 1));
  }
  const std::size_t total = args.scenario_paths.size() + specs.size();
  if (total < 2) {
    throw Error(fmt::format(
        "compare needs at least two variants, got {}: give two scenario files, or add "
        "--variant NAME:KEY=VALUE to the one", total));
  }

  // The first file fixes the seed and the replications every variant runs with, so that
  // replication r of every variant meets the same complaints.
  std::vector<LoadedVariant> variants;
  std::vector<std::string> names;
  {
    LoadedVariant first;
    first.scenario =
        load_with_flags(args.scenario_paths.front(), args.overrides,
                        run_flag_settings(args.seed, args.replications, args.horizon));
    first.name = file_variant_name(first.scenario, args.scenario_paths.front(), names);
    names.push_back(first.name);
    variants.push_back(std::move(first));
  }
  // A copy: `variants` grows below, which would leave a reference dangling.
  const RunSettings common = variants.front().scenario.run;
  // --set first, then the variant's own settings, then the pinned seed and replications:
  // nothing a variant says can break the common random numbers.
  auto pinned = [&](std::vector<std::string> overrides) {
    overrides.push_back(fmt::format("run.seed={}", common.seed));
    overrides.push_back(fmt::format("run.replications={}", common.replications));
    if (args.horizon) overrides.push_back(fmt::format("run.horizon={}", *args.horizon));
    return overrides;
  };

  for (std::size_t i = 1; i < args.scenario_paths.size(); ++i) {
    LoadedVariant v;
    v.scenario = load_scenario(args.scenario_paths[i], pinned(args.overrides));
    v.name = file_variant_name(v.scenario, args.scenario_paths[i], names);
    names.push_back(v.name);
    variants.push_back(std::move(v));
  }
  for (const VariantSpec& spec : specs) {
    if (taken(names, spec.name)) {
      throw Error(fmt::format("--variant \"{}\": the name \"{}\" is already a variant's; "
                              "give each variant its own name", args.variants[spec.index - 1],
                              spec.name));
    }
    std::vector<std::string> overrides = args.overrides;
    overrides.insert(overrides.end(), spec.settings.begin(), spec.settings.end());
    LoadedVariant v;
    try {
      v.scenario = load_scenario(args.scenario_paths.front(), pinned(overrides));
    } catch (const ScenarioError& e) {
      rethrow_variant_error(e, spec, args.overrides.size());
    }
    v.name = spec.name;
    v.variant_overrides = spec.settings;
    names.push_back(v.name);
    variants.push_back(std::move(v));
  }
  return variants;
}

// One line: the comparison is of different spans when horizons or warm-ups differ.
void warn_about_spans(const std::vector<LoadedVariant>& variants) {
  auto span = [](const RunSettings& run) {
    return run.warmup_auto ? fmt::format("{} min, warm-up auto", run.horizon.in_minutes())
                           : fmt::format("{} min, warm-up {} min", run.horizon.in_minutes(),
                                         run.warmup.in_minutes());
  };
  const std::string first = span(variants.front().scenario.run);
  std::string differing;
  for (const LoadedVariant& v : variants) {
    if (span(v.scenario.run) == first) continue;
    differing += (differing.empty() ? "" : ", ") + v.name;
  }
  if (differing.empty()) return;
  const RunSettings& run = variants.front().scenario.run;
  fmt::print(std::cerr,
             "escalsim: warning: the horizon or warm-up of {} differs from {}'s "
             "(horizon {} min, warm-up {}): the comparison is of different spans; use "
             "--horizon or the same run settings\n",
             differing, variants.front().name, run.horizon.in_minutes(),
             run.warmup_auto ? std::string("auto") : fmt::format("{} min", run.warmup.in_minutes()));
}

// --baseline NAME: that variant moves to the front, where the comparison takes every
// difference from (the others keep their order). Every variant already ran on the same
// seed and replications, so the choice changes which differences are shown, not a figure.
void put_baseline_first(std::vector<LoadedVariant>& variants, const std::string& name) {
  auto it = std::find_if(variants.begin(), variants.end(),
                         [&](const LoadedVariant& v) { return v.name == name; });
  if (it == variants.end()) {
    std::vector<std::string> names;
    for (const LoadedVariant& v : variants) names.push_back(v.name);
    const std::string match = did_you_mean(name, names);
    throw Error(fmt::format("--baseline \"{}\": expected the name of a variant ({}){}", name,
                            fmt::join(names, ", "),
                            match.empty() ? "" : fmt::format(", did you mean {}?", match)));
  }
  std::rotate(variants.begin(), it, it + 1);
}

void compare(const CompareArguments& args) {
  std::vector<LoadedVariant> variants = load_variants(args);
  if (args.baseline) put_baseline_first(variants, *args.baseline);
  warn_about_spans(variants);

  ExperimentOptions options;
  options.replications = variants.front().scenario.run.replications;
  options.threads = args.threads;
  if (!args.memory_budget.empty()) {
    options.memory_budget_bytes = parse_memory_size(args.memory_budget).value_or(0);
  }
  note_runs_in_flight(options.threads, options.replications, options.memory_budget_bytes);
  std::vector<std::string> names;
  std::vector<ExperimentResult> results;
  for (LoadedVariant& v : variants) {
    names.push_back(v.name);
    results.push_back(run_experiment(v.scenario, options));
  }
  Comparison comparison = make_comparison(std::move(names), std::move(results));
  for (std::size_t i = 0; i < variants.size(); ++i) {
    comparison.variants[i].variant_overrides = variants[i].variant_overrides;
  }

  const std::vector<Findings> findings = find_findings(comparison);
  std::ostringstream json;
  write_compare_json(json, comparison, findings);
  std::ostringstream csv;
  write_compare_csv(csv, comparison);
  std::ostringstream differences;
  write_compare_differences_csv(differences, comparison);

  const std::filesystem::path out_dir =
      args.out_dir.empty()
          ? std::filesystem::path("results") /
                ("compare-" + folder_name(comparison.variants.front().name))
          : std::filesystem::path(args.out_dir);
  write_and_print({{(out_dir / "comparison.json").string(), json.str()},
                   {(out_dir / "comparison.csv").string(), csv.str()},
                   {(out_dir / "differences.csv").string(), differences.str()}},
                  args.format, json.str(), csv.str(),
                  [&](std::ostream& out) { write_compare_table(out, comparison, findings); });
  if (args.report) fmt::print(std::cerr, "escalsim: wrote {}\n", write_report(out_dir.string()));
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Run policy variants on common random numbers and print them side by side with paired "
      "differences; write comparison.json, comparison.csv and differences.csv");
  cmd->footer(
      "Variants: each file is one, named after its run.name; each --variant is the first file "
      "with its settings applied. Every variant runs with the first's seed and replications "
      "(or --seed, --replications): replication r of each meets the same complaints, and "
      "differences are paired by replication. --set applies to every variant.\n"
      "Exit status: 0 success, 2 an error in the command line, a scenario or the output, "
      "3 an internal error.");

  cmd->add_option("SCENARIOS", args->scenario_paths,
                  "The scenario files (YAML); the first is the baseline")
      ->required()
      ->type_name("FILE...");
  cmd->add_option("--variant", args->variants,
                  "A variant of the first file, e.g. --variant \"5h:desks.ceo.budget=5 h per "
                  "week\"; settings separated by ';'; repeatable")
      ->type_name("NAME:KEY=VALUE[;KEY=VALUE...]")
      ->allow_extra_args(false);
  cmd->add_option("--seed", args->seed, "Seed of every variant (default: the first's run.seed)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--replications", args->replications,
                  "Replications of every variant (default: the first's run.replications)")
      ->type_name("N")
      ->check(whole_number(1, kMaxReplications));
  cmd->add_option("--horizon", args->horizon,
                  "Simulated time of every variant, e.g. \"8 weeks\" (default: each file's)")
      ->type_name("DURATION")
      ->check(positive_duration());
  cmd->add_option("--set", args->overrides,
                  "Override a value in every variant (as for run: policies=[...], "
                  "demand_multiplier=X), e.g. --set run.warmup=\"1 week\"; "
                  "repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--out", args->out_dir,
                  "Folder for the outputs (default: results/compare-<first variant's name>)")
      ->type_name("DIR")
      ->check(not_empty("--out results/mine", "results/compare-<first variant's name>"));
  add_format_option(cmd, args->format, "What to print on standard output");
  add_threads_option(cmd, args->threads,
                     "Threads for the replications (0: every core); results do not depend on it");
  cmd->add_option("--baseline", args->baseline,
                  "The variant every difference is taken from, shown first (default: the "
                  "first file); a file's variant is named by its run.name")
      ->type_name("NAME");
  add_memory_budget_option(cmd, args->memory_budget);
  add_report_flag(cmd, args->report);

  cmd->callback([args, &exit_status] {
    compare(*args);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
