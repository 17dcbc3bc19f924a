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

namespace escalsim::tools {

// `overrides` (the --set ones) first, then --seed, --replications and --horizon when given,
// so that an explicit flag wins over a --set of the same key.
std::vector<std::string> with_run_flags(std::vector<std::string> overrides,
                                        const std::optional<std::uint64_t>& seed,
                                        const std::optional<int>& replications,
                                        const std::optional<std::string>& horizon);

// A folder name from a scenario's name: letters, digits, '-', '_' and '.' kept, anything
// else (a '/', a space) turned into '-', so a name can never point outside results/. When
// nothing usable is left: the stem of `scenario_path`, else "scenario".
std::string folder_name(const std::string& name, const std::string& scenario_path = {});

// --format table|json|csv and --threads N, with their checks and defaults shown.
void add_format_option(CLI::App* cmd, std::string& format, const std::string& description);
void add_threads_option(CLI::App* cmd, int& threads, const std::string& description);

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
