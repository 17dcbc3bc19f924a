// What `escalsim run`, `sweep` and `compare` share.
#include "run_options.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <iostream>
#include <limits>
#include <utility>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/report.h"
#include "escalsim/user_input.h"

namespace escalsim::tools {

std::vector<FlagSetting> run_flag_settings(const std::optional<std::uint64_t>& seed,
                                           const std::optional<int>& replications,
                                           const std::optional<std::string>& horizon) {
  std::vector<FlagSetting> flags;
  if (seed) flags.push_back({"--seed", fmt::format("run.seed={}", *seed)});
  if (replications) {
    flags.push_back({"--replications", fmt::format("run.replications={}", *replications)});
  }
  if (horizon) flags.push_back({"--horizon", fmt::format("run.horizon={}", *horizon)});
  return flags;
}

Scenario load_with_flags(const std::string& path, const std::vector<std::string>& overrides,
                         const std::vector<FlagSetting>& flags) {
  std::vector<std::string> all = overrides;
  for (const FlagSetting& f : flags) all.push_back(f.setting);
  try {
    return load_scenario(path, all);
  } catch (const ScenarioError& e) {
    // Past the --set overrides, an override's number is a flag's setting, which the user
    // typed as that flag; the flag names the key, so the key path is left out.
    if (e.file() != "--set") throw;
    const long flag = static_cast<long>(e.line()) - 1 - static_cast<long>(overrides.size());
    if (flag < 0 || flag >= static_cast<long>(flags.size())) throw;
    throw ScenarioError(fmt::format("{}: {}", flags[static_cast<std::size_t>(flag)].flag, e.message()));
  }
}

CLI::Validator whole_number(std::int64_t low, std::int64_t high) {
  return CLI::Validator(
      [low, high](std::string& text) -> std::string {
        const std::string expected =
            fmt::format("expected a whole number from {} to {}, got '{}'", low, high, text);
        if (text.empty() || text.size() > 19 ||
            text.find_first_not_of("0123456789") != std::string::npos) {
          return expected;
        }
        const unsigned long long value = std::stoull(text);
        if (value < static_cast<unsigned long long>(low) ||
            value > static_cast<unsigned long long>(high)) {
          return expected;
        }
        return {};
      },
      "");
}

CLI::Validator positive_duration() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const DurationText d = parse_duration_text(text);
        if (!d.value || !(d.value->in_minutes() > 0.0)) {
          return fmt::format("expected a duration like '8 weeks' or '30 days', got '{}'", text);
        }
        return {};
      },
      "");
}

CLI::Validator not_empty(const std::string& example, const std::string& when_left_out) {
  return CLI::Validator(
      [example, when_left_out](std::string& text) -> std::string {
        if (text.find_first_not_of(' ') != std::string::npos) return {};
        return fmt::format("is empty; give one, e.g. {}{}", example,
                           when_left_out.empty() ? "" : ", or leave it out for " + when_left_out);
      },
      "");
}

std::string folder_name(const std::string& name, const std::string& scenario_path) {
  std::string folder;
  for (const char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    folder += plain ? c : '-';
  }
  if (folder.empty() || folder.find_first_not_of('.') == std::string::npos) {
    folder = std::filesystem::path(scenario_path).stem().string();
  }
  if (folder.empty() || folder.find_first_not_of('.') == std::string::npos) folder = "scenario";
  return folder;
}

void add_format_option(CLI::App* cmd, std::string& format, const std::string& description) {
  cmd->add_option("--format", format, description)
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
}

void add_threads_option(CLI::App* cmd, int& threads, const std::string& description) {
  cmd->add_option("--threads", threads, description)
      ->type_name("N")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
}

std::optional<std::int64_t> parse_memory_size(const std::string& text) {
  std::size_t end = 0;
  double number = 0.0;
  try {
    number = std::stod(text, &end);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (text.find_first_not_of(" 0123456789.") < text.find_first_of("0123456789")) {
    return std::nullopt;  // a sign, "inf", "nan", hex
  }
  std::string unit = text.substr(end);
  unit.erase(0, unit.find_first_not_of(' '));
  for (char& ch : unit) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const std::pair<const char*, double> kUnits[] = {
      {"", 1.0},      {"b", 1.0},      {"kb", 1e3},           {"mb", 1e6},
      {"gb", 1e9},    {"tb", 1e12},    {"kib", 1024.0},       {"mib", 1048576.0},
      {"gib", 1073741824.0},           {"tib", 1099511627776.0}};
  for (const auto& [name, scale] : kUnits) {
    if (unit != name) continue;
    const double bytes = number * scale;
    if (!(bytes >= 1.0) || bytes > 4.6e18) return std::nullopt;
    return static_cast<std::int64_t>(bytes);
  }
  return std::nullopt;
}

void add_memory_budget_option(CLI::App* cmd, std::string& budget) {
  cmd->add_option("--memory-budget", budget,
                  "What the runs in flight may hold together, e.g. 8GB (default: half the "
                  "memory); fewer run at once when their caps would not fit; results do not "
                  "depend on it")
      ->type_name("SIZE")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            if (parse_memory_size(text)) return {};
            return fmt::format("expected a size like 8GB, 700MB or 1.5GiB, got '{}'", text);
          },
          ""));
}

void add_progress_flag(CLI::App* cmd, bool& progress) {
  cmd->add_flag("--progress", progress,
                "Show progress on standard error even when it is not a terminal (on a "
                "terminal it is shown anyway)");
}

void note_runs_in_flight(int threads, long runs, std::int64_t memory_budget_bytes) {
  const EngineOptions engine;
  const long wanted = std::min<long>(
      runs, runs_in_flight(threads, engine.max_in_system, std::numeric_limits<std::int64_t>::max()));
  const int fit = runs_in_flight(threads, engine.max_in_system, memory_budget_bytes);
  if (fit >= wanted) return;
  const std::int64_t budget =
      memory_budget_bytes > 0 ? memory_budget_bytes : default_memory_budget();
  fmt::print(std::cerr,
             "escalsim: note: {} run{} at a time rather than {}: each may hold {:.1f} GB (its "
             "cap of {} complaints in the system), and the memory budget is {:.1f} GB; the "
             "results are the same\n",
             fit, fit == 1 ? "" : "s", wanted,
             static_cast<double>(engine.max_in_system * kBytesPerComplaint) / 1e9,
             engine.max_in_system, static_cast<double>(budget) / 1e9);
}

std::string listed(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? " and " : ", ";
    text += items[i];
  }
  return text;
}

void write_and_print(const std::vector<std::pair<std::string, std::string>>& files,
                     const std::string& format, const std::string& json, const std::string& csv,
                     const std::function<void(std::ostream&)>& write_table) {
  // One set: a run killed between two renames leaves a marker, not a new JSON beside an old CSV.
  write_files_atomically(files);
  std::vector<std::string> paths;
  for (const auto& [path, text] : files) paths.push_back(path);

  if (format == "json") {
    std::cout << json;
  } else if (format == "csv") {
    std::cout << csv;
  } else {
    write_table(std::cout);
  }
  std::cout.flush();
  fmt::print(std::cerr, "escalsim: wrote {}\n", listed(paths));
}

}  // namespace escalsim::tools
