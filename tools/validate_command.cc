// `escalsim validate`: a scenario against a call log, by day of the week and hour of the day.
#include "commands.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "escalsim/calibration.h"
#include "escalsim/report.h"

namespace escalsim::tools {

void add_validate_command(CLI::App& app, int& exit_status) {
  auto request = std::make_shared<ValidateRequest>();
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Compare a scenario with a call log, by day of the week and hour of the day");
  cmd->footer(
      "Simulates the scenario over the log's period (its days, from a Monday) with "
      "replications and writes DIR/validation.csv (day,hour,metric,observed,simulated_mean,"
      "simulated_low,simulated_high: low and high bound the central 95% of the replications, "
      "the band one realisation such as the log should fall in) and DIR/validation.json, and "
      "prints a one-line verdict. Metrics: calls, abandonment, wait_mean_s, waited_share, "
      "service_level_20s, handle_time_mean_s, over the calls that asked for an agent.\n"
      "Exit status: 0 success, 2 an error in the log, the map, the scenario or the command "
      "line, 3 an internal error.");
  cmd->add_option("SCENARIO", request->scenario_path, "The scenario (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--against", request->log_path, "The call log")->required()->type_name("FILE");
  cmd->add_option("--map", request->map_path, "The log's column map (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--out", *out, "Folder for validation.csv, validation.json and validation.html")
      ->required()
      ->type_name("DIR");
  cmd->add_option("--from", request->from, "First day (YYYY-MM-DD)")->type_name("DATE");
  cmd->add_option("--to", request->to, "Last day (YYYY-MM-DD)")->type_name("DATE");
  cmd->add_option("--replications", request->replications, "Simulated replications")
      ->type_name("N")
      ->check(CLI::Range(2, 10000))
      ->capture_default_str();
  cmd->callback([request, out, &exit_status] {
    const ValidationOutcome v = validate_against_log(*request);
    const std::string csv = (std::filesystem::path(*out) / "validation.csv").string();
    const std::string json = (std::filesystem::path(*out) / "validation.json").string();
    const std::string html = (std::filesystem::path(*out) / "validation.html").string();
    const std::filesystem::path dir(*out);
    write_files_atomically({{csv, v.csv},
                            {json, v.json},
                            {html, v.html},
                            {(dir / "report-data.json").string(), v.data_json},
                            {(dir / "report-data.csv").string(), v.data_csv}});
    fmt::print(std::cout, "{}\nescalsim: wrote {}, {} and {}\n", v.verdict, csv, json, html);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
