// `escalsim shifts`: the staff a desk needs in each hour of the week for a service-level
// promise (Erlang C), the shifts of the given patterns that cover it with the fewest staff
// hours (GLPK), the scenario with those shifts, and a simulation of it that says which
// hours of the week still miss the promise.
#include "commands.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/shift_scheduling.h"
#include "escalsim/user_input.h"
#include "run_options.h"

namespace escalsim::tools {
namespace {

struct ShiftsArguments {
  std::string scenario_path;
  std::string desk;
  std::string service_level;
  std::vector<std::string> patterns;
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::string out_dir;
  int threads = 0;
};

// Without --pattern: an 8-hour shift starting at any hour of any one day (168 patterns),
// so that a closed day costs nothing.
std::vector<std::string> default_patterns() {
  constexpr std::array<const char*, 7> kDayKeys{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::vector<std::string> patterns;
  for (const char* day : kDayKeys) {
    for (int h = 0; h < 24; ++h) patterns.push_back(fmt::format("{} {:02d}:00 8h", day, h));
  }
  return patterns;
}

// Simulated figures of the desk by hour of the week, pooled over the replications.
struct HourFigures {
  std::array<std::int64_t, kHourOfWeekBins> arrivals{}, ended{}, within{};
};

std::string percent_or_na(std::int64_t within, std::int64_t ended) {
  if (ended == 0) return "n/a";
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(within) / static_cast<double>(ended));
}

void run(const ShiftsArguments& args) {
  const Scenario scenario =
      load_with_flags(args.scenario_path, {}, run_flag_settings(args.seed, args.replications, {}));
  int desk = -1;
  std::vector<std::string> names;
  for (std::size_t d = 0; d < scenario.desks.size(); ++d) {
    names.push_back(scenario.desks[d].name);
    if (scenario.desks[d].name == args.desk) desk = static_cast<int>(d);
  }
  if (desk < 0) {
    const std::string guess = did_you_mean(args.desk, names);
    throw Error(fmt::format("--desk: no desk '{}' in {}{}", args.desk, args.scenario_path,
                            guess.empty() ? fmt::format(" (desks: {})", listed(names))
                                          : fmt::format("; did you mean '{}'?", guess)));
  }
  const std::string& desk_name = scenario.desks[static_cast<std::size_t>(desk)].name;
  ServiceLevelTarget target;
  try {
    target = parse_service_level_target(args.service_level);
  } catch (const Error& e) {
    throw Error(fmt::format("--service-level: {}", e.what()));
  }
  std::vector<ShiftPattern> patterns;
  for (const std::string& text : args.patterns.empty() ? default_patterns() : args.patterns) {
    try {
      patterns.push_back(parse_shift_pattern(text));
    } catch (const Error& e) {
      throw Error(fmt::format("--pattern: {}", e.what()));
    }
  }

  const std::array<double, kHourOfWeekBins> rate = hourly_arrival_rate(scenario, desk);
  const HourlyStaff required = staffing_requirement(scenario, desk, target);
  const ShiftPlan plan = schedule_shifts(required, patterns);
  const std::vector<Shift> shifts = shifts_of(patterns, plan.staff);
  if (shifts.empty()) {
    throw Error(fmt::format("desk '{}' receives no demand: it needs no staff and no shifts",
                            desk_name));
  }

  const std::filesystem::path out_dir =
      args.out_dir.empty() ? std::filesystem::path("results") /
                                 (folder_name(scenario.run.name, args.scenario_path) + "-shifts")
                           : std::filesystem::path(args.out_dir);
  const std::string scenario_out = (out_dir / "scenario_with_shifts.yaml").string();
  write_file_atomically(scenario_out,
                        scenario_with_shifts(args.scenario_path, desk_name, shifts, target.within));

  // The written file, loaded as `escalsim run` would: what is simulated is what was written.
  const Scenario with_shifts =
      load_with_flags(scenario_out, {}, run_flag_settings(args.seed, args.replications, {}));
  ExperimentOptions options;
  options.replications = with_shifts.run.replications;
  options.threads = args.threads;
  const ExperimentResult result = run_experiment(with_shifts, options);
  HourFigures figures;
  const std::string scope = "desk:" + desk_name;
  for (const RunResult& r : result.runs) {
    for (const HourOfWeekCounts& counts : r.by_hour_of_week) {
      if (counts.scope != scope) continue;
      for (std::size_t h = 0; h < kHourOfWeekBins; ++h) {
        figures.arrivals[h] += counts.arrivals[h];
        figures.ended[h] += counts.answered[h] + counts.abandoned[h];
        figures.within[h] += counts.answered_within_first_target[h];
      }
    }
  }

  const std::string within_text =
      fmt::format("{:.0f}% within {}", 100.0 * target.share,
                  target.within.in_minutes() < 1.0
                      ? fmt::format("{:g} s", target.within.in_minutes() * 60.0)
                      : fmt::format("{:g} min", target.within.in_minutes()));
  std::ostringstream hours_csv, shifts_csv;
  hours_csv << "hour,label,arrival_rate_per_hour,required_staff,staff_on_duty,"
               "simulated_arrivals,simulated_answered_or_abandoned,simulated_within_target,"
               "service_level,meets_target\n";
  std::vector<std::string> missed;
  std::int64_t within_all = 0, ended_all = 0;
  for (int h = 0; h < kHourOfWeekBins; ++h) {
    const auto i = static_cast<std::size_t>(h);
    within_all += figures.within[i];
    ended_all += figures.ended[i];
    const bool measured = figures.ended[i] > 0;
    const double level = measured ? static_cast<double>(figures.within[i]) /
                                        static_cast<double>(figures.ended[i])
                                  : 0.0;
    const bool meets = !measured || level >= target.share;
    if (!meets) {
      missed.push_back(fmt::format("{} ({})", hour_of_week_label(h),
                                   percent_or_na(figures.within[i], figures.ended[i])));
    }
    hours_csv << fmt::format("{},{},{:.6g},{},{},{},{},{},{},{}\n", h, hour_of_week_label(h),
                             rate[i], required[i], plan.coverage[i], figures.arrivals[i],
                             figures.ended[i], figures.within[i],
                             measured ? fmt::format("{:.6g}", level) : "not applicable",
                             measured ? (meets ? "yes" : "no") : "not applicable");
  }
  shifts_csv << "pattern,staff,hours_per_week_each,staff_hours_per_week\n";
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    if (plan.staff[p] == 0) continue;
    shifts_csv << fmt::format("\"{}\",{},{},{}\n", patterns[p].text, plan.staff[p],
                              patterns[p].hours_per_week(),
                              static_cast<long long>(plan.staff[p]) * patterns[p].hours_per_week());
  }
  write_files_atomically({{(out_dir / "shifts.csv").string(), shifts_csv.str()},
                          {(out_dir / "hours.csv").string(), hours_csv.str()}});

  std::string out;
  const std::optional<Distribution>& patience = scenario.desks[static_cast<std::size_t>(desk)].patience;
  const bool erlang_a = patience && patience->kind == Distribution::Kind::kExponential;
  out += fmt::format("Desk {}: staff needed by hour of the week for {} (Erlang {} per hour)\n",
                     desk_name, within_text, erlang_a ? "A" : "C");
  out += "      ";
  for (int h = 0; h < 24; ++h) out += fmt::format("{:>4}", h);
  out += "\n";
  constexpr std::array<const char*, 7> kDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (int d = 0; d < 7; ++d) {
    out += fmt::format("  {}:", kDays[static_cast<std::size_t>(d)]);
    for (int h = 0; h < 24; ++h) out += fmt::format("{:>4}", required[static_cast<std::size_t>(d * 24 + h)]);
    out += "\n";
  }
  out += "\nShifts chosen (fewest staff hours, GLPK):\n";
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    if (plan.staff[p] == 0) continue;
    out += fmt::format("  {:<24} {:>5} staff  {:>7} staff hours per week\n", patterns[p].text,
                       plan.staff[p],
                       static_cast<long long>(plan.staff[p]) * patterns[p].hours_per_week());
  }
  const double over = plan.required_hours > 0
                          ? 100.0 * static_cast<double>(plan.staff_hours - plan.required_hours) /
                                static_cast<double>(plan.required_hours)
                          : 0.0;
  out += fmt::format("Staff hours per week: {} (the requirement: {}; {:.1f}% more)\n",
                     plan.staff_hours, plan.required_hours, over);
  out += fmt::format("\nSimulated with the shifts ({} replication{}, seed {}): share answered "
                     "{} at desk {}\n",
                     result.runs.size(), result.runs.size() == 1 ? "" : "s", with_shifts.run.seed,
                     fmt::format("within {}", within_text.substr(within_text.find("within ") + 7)),
                     desk_name);
  out += fmt::format("  Overall: {} (target {:.0f}%)\n", percent_or_na(within_all, ended_all),
                     100.0 * target.share);
  out += "  By hour of the week (n/a: no answers measured in that hour):\n";
  for (int d = 0; d < 7; ++d) {
    out += fmt::format("  {}:", kDays[static_cast<std::size_t>(d)]);
    for (int h = 0; h < 24; ++h) {
      const auto i = static_cast<std::size_t>(d * 24 + h);
      out += fmt::format(" {:>4}", figures.ended[i] == 0
                                       ? std::string("n/a")
                                       : fmt::format("{:.0f}", 100.0 * static_cast<double>(figures.within[i]) /
                                                                   static_cast<double>(figures.ended[i])));
    }
    out += "\n";
  }
  out += missed.empty() ? fmt::format("  Every hour meets the target.\n")
                        : fmt::format("  {} hour{} below the target: {}\n", missed.size(),
                                      missed.size() == 1 ? "" : "s", listed(missed));
  fmt::print("{}", out);
  fmt::print(stderr, "escalsim: wrote {}, {} and {}\n", scenario_out,
             (out_dir / "shifts.csv").string(), (out_dir / "hours.csv").string());
}

}  // namespace

void add_shifts_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ShiftsArguments>();
  CLI::App* cmd = app.add_subcommand(
      "shifts",
      "Staff a desk needs by hour of the week for a service level (Erlang C), the shifts "
      "that cover it with the fewest staff hours (GLPK), and a simulation of them");
  cmd->footer(
      "Example: escalsim shifts scenarios/shifts.yaml --desk frontline --service-level \"80% "
      "within 20 s\" --pattern \"mon-fri 08:00 8h\" --pattern \"sat-sun 10:00 6h\"\n"
      "Writes scenario_with_shifts.yaml (runnable by escalsim run), shifts.csv and hours.csv.\n"
      "Exit status: 0 success, 2 an error in the command line, the scenario or the output, "
      "3 an internal error.");
  cmd->add_option("SCENARIO", args->scenario_path, "The scenario file (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--desk", args->desk, "The desk to staff in shifts")
      ->required()
      ->type_name("NAME")
      ->check(not_empty("--desk frontline"));
  cmd->add_option("--service-level", args->service_level,
                  "The promise, e.g. \"80% within 20 s\"")
      ->required()
      ->type_name("TARGET")
      ->check(not_empty("--service-level \"80% within 20 s\""));
  cmd->add_option("--pattern", args->patterns,
                  "A shift pattern \"<days> <start> <length>\", e.g. \"mon-fri 08:00 8h\"; "
                  "repeatable (default: an 8 h shift starting at any hour of any one day)")
      ->type_name("PATTERN")
      ->allow_extra_args(false);
  cmd->add_option("--seed", args->seed, "Seed of the simulation (overrides run.seed)")
      ->type_name("N")
      ->check(whole_number(0, kMaxSeed));
  cmd->add_option("--replications", args->replications,
                  "Replications of the simulation (overrides run.replications)")
      ->type_name("N")
      ->check(whole_number(1, kMaxReplications));
  cmd->add_option("--out", args->out_dir,
                  "Folder for scenario_with_shifts.yaml, shifts.csv and hours.csv (default: "
                  "results/<scenario name>-shifts)")
      ->type_name("DIR")
      ->check(not_empty("--out results/mine", "results/<scenario name>-shifts"));
  add_threads_option(cmd, args->threads,
                     "Threads for the replications (0: every core); results do not depend on it");
  cmd->callback([args, &exit_status] {
    run(*args);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
