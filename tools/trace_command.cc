// `escalsim trace`: the story of replication 0 of a scenario, event by event, as sentences
// with clock times or as CSV.
#include "commands.h"

#include <cstdint>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"
#include "escalsim/user_input.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct TraceArguments {
  std::string scenario_path;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> horizon;
  std::vector<std::string> overrides;
  std::string format = "text";
  std::optional<std::int64_t> limit;
  std::optional<std::string> from;
  std::optional<std::string> complaint;  // a number, or an identity ("demand#17/2")
};

void trace(const TraceArguments& args) {
  // The command line first: a bad flag should not wait for the scenario to load.
  TraceWriterOptions options;
  options.format = args.format == "csv" ? TraceWriterOptions::Format::kCsv
                                        : TraceWriterOptions::Format::kText;
  options.limit = args.limit;
  if (args.complaint) {
    const std::string& c = *args.complaint;
    if (!c.empty() && c.size() <= 18 && c.find_first_not_of("0123456789") == std::string::npos) {
      options.complaint = std::stoll(c);  // 18 digits cannot overflow
    } else if (c.find('#') != std::string::npos) {
      options.identity = c;
    } else {
      throw Error(fmt::format("--complaint: \"{}\" is neither a complaint number (17) nor an "
                              "identity (demand#17, demand#17/2)", c));
    }
  }
  if (args.from) {
    const DurationText from = parse_duration_text(*args.from);
    if (!from.value) {
      throw Error(fmt::format("--from: \"{}\" is not a duration: {}", *args.from, from.problem));
    }
    options.from_min = from.value->in_minutes();
  }
  // The trace tells the whole run from time 0. A warm-up decides only what the statistics
  // count, so it is dropped: a short --horizon then needs no --set run.warmup too.
  std::vector<std::string> overrides{"run.warmup=0 min"};
  overrides.insert(overrides.end(), args.overrides.begin(), args.overrides.end());
  const Scenario scenario = load_with_flags(
      args.scenario_path, overrides, run_flag_settings(args.seed, std::nullopt, args.horizon));
  options.show_segment = scenario.segments.size() > 1;

  TraceWriter writer(std::cout, options);
  EngineOptions engine;
  engine.trace = &writer;
  run_once(scenario, 0, engine);
  writer.finish();
  std::cout.flush();
  if (args.complaint && !writer.complaint_arrived()) {
    // An identity may also have been thinned out by a policy, or its customer not come back.
    throw Error(fmt::format("complaint {} never arrived before the horizon", *args.complaint));
  }
}

}  // namespace

void add_trace_command(CLI::App& app, int& exit_status) {
  // Owned by the callback, which CLI11 keeps as long as the app.
  auto args = std::make_shared<TraceArguments>();
  CLI::App* cmd = app.add_subcommand(
      "trace", "Tell the story of one run (replication 0) event by event, with clock times");
  cmd->footer(
      "The clock starts on a Monday at 00:00: \"Mon 09:03\" in the first week, "
      "\"w2 Mon 09:03\" from the second on. The trace covers the whole run, warm-up included. "
      "The same scenario and seed give the same trace, byte for byte.\n"
      "Exit status: 0 success, 2 an error in the command line or the scenario, or a "
      "--complaint that never arrived, 3 an internal error.");

  cmd->add_option("SCENARIO", args->scenario_path, "The scenario file (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--limit", args->limit,
                  "Stop after this many lines (CSV: rows after the header); the run ends there")
      ->type_name("N")
      ->check(whole_number(1, std::numeric_limits<std::int64_t>::max()));
  cmd->add_option("--from", args->from,
                  "Skip the events before this time since the start, e.g. \"2 days\" or \"1 week\"")
      ->type_name("DURATION");
  cmd->add_option("--complaint", args->complaint,
                  "Only this complaint's events: its number in this run (counting arrivals "
                  "from 0), or its identity in every variant (demand#17, demand#17/2)")
      ->type_name("ID");
  cmd->add_option("--format", args->format, "Sentences (text) or one CSV row per event (csv)")
      ->check(CLI::IsMember({"text", "csv"}))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed of the run (overrides run.seed)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--horizon", args->horizon,
                  "Simulated time, e.g. \"3 days\" (overrides run.horizon)")
      ->type_name("DURATION")
      ->check(positive_duration());
  cmd->add_option("--set", args->overrides,
                  "Override a value of the file (a list or map in YAML flow style, e.g. "
                  "policies=[...]; demand_multiplier=X scales demand), e.g. "
                  "--set desks.ceo.budget=\"5 h per week\"; "
                  "repeatable")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);

  cmd->callback([args, &exit_status] {
    trace(*args);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
