// What `escalsim run`, `sweep` and `compare` share: the overrides from the explicit flags,
// the results folder named after a scenario, the shared options of the command line, and the
// writing and printing of the outputs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "escalsim/scenario.h"

namespace escalsim::tools {

// The setting an explicit flag stands for, e.g. {"--seed", "run.seed=7"}.
struct FlagSetting {
  std::string flag;
  std::string setting;
};

// The settings of --seed, --replications and --horizon, those given, in that order.
std::vector<FlagSetting> run_flag_settings(const std::optional<std::uint64_t>& seed,
                                           const std::optional<int>& replications,
                                           const std::optional<std::string>& horizon);

// Loads the scenario at `path` with `overrides` (the --set ones) first, then the flags'
// settings, so that an explicit flag wins over a --set of the same key. An error in a flag's
// setting is the flag's ("--horizon: ..."), not an override's ("--set:N:C: ...").
// Throws ScenarioError.
Scenario load_with_flags(const std::string& path, const std::vector<std::string>& overrides,
                         const std::vector<FlagSetting>& flags);

// CLI11 checks whose messages say what is accepted: a whole number from `low` to `high`
// ("--seed: expected a whole number from 0 to 9223372036854775807, got '-1'"); a duration
// as in scenarios, more than 0; a value that is not empty (`example` shows one, and
// `when_left_out`, when the option may be left out, what that gives).
CLI::Validator whole_number(std::int64_t low, std::int64_t high);
CLI::Validator positive_duration();
CLI::Validator not_empty(const std::string& example, const std::string& when_left_out = {});

// The largest seed a scenario takes (run.seed), and the most replications.
inline constexpr std::int64_t kMaxSeed = 9223372036854775807;
inline constexpr std::int64_t kMaxReplications = 100000;  // as the loader bounds run.replications

// A folder name from a scenario's name: letters, digits, '-', '_' and '.' kept, anything
// else (a '/', a space) turned into '-', so a name can never point outside results/. When
// nothing usable is left: the stem of `scenario_path`, else "scenario".
std::string folder_name(const std::string& name, const std::string& scenario_path = {});

// --format table|json|csv and --threads N, with their checks and defaults shown.
void add_format_option(CLI::App* cmd, std::string& format, const std::string& description);
void add_threads_option(CLI::App* cmd, int& threads, const std::string& description);

// A memory size as typed: "700 MB", "2GB", "1.5 GiB" or a count of bytes; kB, MB, GB, TB are
// powers of 1000, KiB, MiB, GiB, TiB powers of 1024 (case ignored). Empty when the text is
// not a size above zero, or one past 2^62 bytes.
std::optional<std::int64_t> parse_memory_size(const std::string& text);

// --memory-budget SIZE (kept as typed; parse_memory_size has checked it) and --progress,
// as run and sweep take them.
void add_memory_budget_option(CLI::App* cmd, std::string& budget);
void add_progress_flag(CLI::App* cmd, bool& progress);

// When the memory budget keeps fewer of `runs` going at once than `threads` (0: every core)
// would, says so on standard error: "escalsim: note: 1 run at a time rather than 2: ...".
void note_runs_in_flight(int threads, long runs, std::int64_t memory_budget_bytes);

// "a and b", "a, b and c".
std::string listed(const std::vector<std::string>& items);

// Writes each (path, text) atomically, in order, then prints on standard output `json` for
// --format json, `csv` for csv, else the table, and says on standard error what it wrote.
// The files first: a reader that closes standard output early (`| head`) must not cost the
// results.
void write_and_print(const std::vector<std::pair<std::string, std::string>>& files,
                     const std::string& format, const std::string& json, const std::string& csv,
                     const std::function<void(std::ostream&)>& write_table);

}  // namespace escalsim::tools
