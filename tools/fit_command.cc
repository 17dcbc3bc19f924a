// `escalsim fit`: a call log and its column map in, a scenario out (with a fit report on
// the console).
#include "commands.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/core.h>
#include <fmt/ostream.h>

#include "escalsim/calibration.h"
#include "escalsim/report.h"

namespace escalsim::tools {

void add_fit_command(CLI::App& app, int& exit_status) {
  auto request = std::make_shared<FitRequest>();
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "fit", "Fit a scenario to a call log: demand by hour of the week, handle times, patience, "
             "priorities and staff");
  cmd->footer(
      "The map (YAML; see scenarios/README.md, \"Call logs: the map\") names the log's columns "
      "and outcome values. A call counts when it asked for an agent: served, or hung up in the "
      "queue. Handle times: exponential, gamma and lognormal maximum likelihood, the smallest "
      "AIC chosen, with the Kolmogorov-Smirnov distance. Patience: exponential maximum "
      "likelihood from censored waits (abandonments / time waited), with Kaplan-Meier. Staff: "
      "agents seen serving in each hour, averaged by hour of the week. With a class column, each "
      "class is its own demand stream (rate and weekly pattern) and its handle time is fitted "
      "and reported. Beside the scenario: fit_report.html (each fit against its data, arrivals "
      "by hour of the week, rows left out by reason, the staff table) and fit_report.json (its "
      "numbers). Example: escalsim fit "
      "scenarios/calibration/anonymous-bank/calls-1999-02-01-to-14.tsv --map "
      "scenarios/calibration/anonymous-bank/map.yaml --out bank.yaml\n"
      "Exit status: 0 success, 2 an error in the log, the map or the command line "
      "(file:line:col: message), 3 an internal error.");
  cmd->add_option("LOG", request->log_path, "The call log (CSV or TSV with a header row)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--map", request->map_path, "The column map (YAML)")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--out", *out,
                  "Where to write the fitted scenario (YAML); fit_report.html and "
                  "fit_report.json go beside it")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--from", request->from, "First day of the period to fit (YYYY-MM-DD)")
      ->type_name("DATE");
  cmd->add_option("--to", request->to, "Last day of the period to fit (YYYY-MM-DD)")
      ->type_name("DATE");
  cmd->add_option("--calibrate", request->calibrate_rounds,
                  "Then adjust staff by hour of the week by simulation, for at most N rounds, "
                  "until simulated abandonment and wait match the log (0: off)")
      ->type_name("N")
      ->check(CLI::Range(0, 100));
  cmd->add_option("--replications", request->replications,
                  "Replications per calibration round (the same seeds each round)")
      ->type_name("N")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->callback([request, out, &exit_status] {
    const FitOutcome fitted = fit_call_log(*request);
    const std::filesystem::path dir = std::filesystem::path(*out).parent_path();
    const std::string html = (dir / "fit_report.html").string();
    const std::string json = (dir / "fit_report.json").string();
    write_files_atomically(
        {{*out, fitted.scenario_yaml}, {json, fitted.report_json}, {html, fitted.report_html}});
    fmt::print(std::cout,
               "{}Scenario written to {} (run it: escalsim run {}); the fit report: {} (its "
               "numbers: {}).\n",
               fitted.summary, *out, *out, html, json);
    exit_status = 0;
  });
}

}  // namespace escalsim::tools
