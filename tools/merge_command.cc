// `escalsim merge`: combine the folders of a sharded sweep into one, with the same outputs
// as a sweep run in one go.
#include "commands.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct MergeArguments {
  std::vector<std::string> shard_dirs;
  std::string out_dir;
  std::string format = "table";
  bool quiet = false;
};

void merge(const MergeArguments& args) {
  // The headline of each point only: the outputs are written point by point from the
  // files, and the table reads no more.
  const SweepResult result = merge_sweeps(args.shard_dirs, args.out_dir, PointDetail::kHeadline);
  const Scenario scenario = scenario_of_sweep_folder(args.out_dir);
  const std::filesystem::path folder(args.out_dir);
  if (args.format == "json") {
    copy_file_to(std::cout, (folder / "sweep.json").string());
  } else if (args.format == "csv") {
    copy_file_to(std::cout, (folder / "sweep.csv").string());
  } else {
    write_sweep_table(std::cout, scenario, result, result.findings);
  }
  std::cout.flush();
  if (!args.quiet) {
    const std::filesystem::path out(args.out_dir);
    fmt::print(std::cerr, "escalsim: merged {} points into {}; wrote {}, {} and {}\n",
               result.points.size(), args.out_dir, (out / "sweep.csv").string(),
               (out / "summary.csv").string(), (out / "sweep.json").string());
  }
}

}  // namespace

void add_merge_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<MergeArguments>();
  CLI::App* cmd = app.add_subcommand(
      "merge", "Combine the --out folders of a sharded sweep and write its outputs");
  cmd->footer(
      "Every folder must hold the same sweep (same scenario, overrides and escalsim version), "
      "and together they must hold every point exactly once. The outputs are byte-identical "
      "to those of the sweep run in one go.\n"
      "Exit status: 0 success, 2 an error (a missing point, different sweeps, an unwritable "
      "output), 3 an internal error.");
  cmd->add_option("DIR", args->shard_dirs, "The shards' --out folders")
      ->required()
      ->type_name("DIR...");
  cmd->add_option("--out", args->out_dir, "Folder for the merged sweep (may be one of the shards)")
      ->required()
      ->type_name("DIR")
      ->check(not_empty("--out results/big"));
  cmd->add_option("--format", args->format, "What to print on standard output")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  cmd->add_flag("--quiet", args->quiet, "No note of the files written");
  cmd->callback([args, &exit_status] {
    merge(*args);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
