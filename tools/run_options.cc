// What `escalsim run`, `sweep` and `compare` share.
#include "run_options.h"

#include <filesystem>
#include <iostream>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "escalsim/report.h"

namespace escalsim::tools {

std::vector<std::string> with_run_flags(std::vector<std::string> overrides,
                                        const std::optional<std::uint64_t>& seed,
                                        const std::optional<int>& replications,
                                        const std::optional<std::string>& horizon) {
  if (seed) overrides.push_back(fmt::format("run.seed={}", *seed));
  if (replications) overrides.push_back(fmt::format("run.replications={}", *replications));
  if (horizon) overrides.push_back(fmt::format("run.horizon={}", *horizon));
  return overrides;
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
