// The report is made from the folder's JSON alone, so `escalsim report` on a folder written
// earlier gives the same page as --report did; only the organisation graph needs the scenario,
// which the JSON carries as text, and its loads are the prediction the JSON states.
#include "report_output.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/html_report.h"
#include "escalsim/org_chart.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "graphviz.h"

namespace escalsim::tools {
namespace {

namespace fs = std::filesystem;

// A page is built from its results file held in memory, whose parsed form takes about ten
// times the file's size: above this, building it would ask more memory than a machine has.
// A sweep's file reaches it at about 50,000 points of a one-desk model.
constexpr std::uintmax_t kMaxReportSourceBytes = std::uintmax_t{1} << 30;

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The scenario the results came from (the baseline of a comparison), as the JSON holds it.
std::optional<Scenario> scenario_of(ReportKind kind, const std::string& json_text) {
  const auto json = nlohmann::json::parse(json_text, nullptr, false);
  if (json.is_discarded()) return std::nullopt;
  const nlohmann::json::json_pointer where(kind == ReportKind::kComparison ? "/variants/0/scenario"
                                                                            : "/scenario");
  if (!json.contains(where)) return std::nullopt;
  const auto& scenario = json.at(where);
  try {
    return load_scenario_text(scenario.value("text", std::string()),
                              scenario.value("path", std::string("scenario.yaml")),
                              scenario.value("overrides", std::vector<std::string>()));
  } catch (const Error&) {
    return std::nullopt;  // the page says the graph could not be drawn
  }
}

// The prediction the results state (a run's, or a comparison's baseline's: the findings the
// writers were handed), so the graph's loads are the ones the page and the console quote;
// computed from `scenario` only where the JSON holds none (a sweep, whose base scenario the
// graph shows) or one that does not match it.
Prediction prediction_of(ReportKind kind, const std::string& json_text, const Scenario& scenario) {
  const auto json = nlohmann::json::parse(json_text, nullptr, false);
  const nlohmann::json::json_pointer where(
      kind == ReportKind::kComparison ? "/variants/0/prediction" : "/prediction");
  if (json.is_discarded() || !json.contains(where)) return predict(scenario);
  const auto& stated = json.at(where);
  Prediction prediction;
  try {
    for (const auto& d : stated.at("desks")) {
      DeskPrediction desk;
      desk.desk = d.at("desk").get<std::string>();
      desk.arrival_rate_per_hour = d.at("arrival_rate_per_hour").get<double>();
      desk.offered_hours_per_hour = d.at("offered_hours_per_hour").get<double>();
      desk.capacity_hours_per_hour = d.at("capacity_hours_per_hour").get<double>();
      desk.load = d.at("load").get<double>();
      desk.reachable = d.at("reachable").get<bool>();
      prediction.desks.push_back(std::move(desk));
    }
    for (const auto& note : stated.at("notes")) prediction.notes.push_back(note.get<std::string>());
    const auto& bottleneck = stated.at("bottleneck");
    for (std::size_t i = 0; bottleneck.is_string() && i < prediction.desks.size(); ++i) {
      if (prediction.desks[i].desk == bottleneck.get<std::string>()) {
        prediction.bottleneck = static_cast<int>(i);
      }
    }
  } catch (const nlohmann::json::exception&) {
    return predict(scenario);
  }
  if (prediction.desks.size() != scenario.desks.size()) return predict(scenario);
  return prediction;
}

}  // namespace

std::string write_report(const std::string& results_dir) {
  if (const std::string problem = interrupted_set(results_dir); !problem.empty()) {
    throw OutputError(problem);
  }
  ReportInput input;
  bool found = false;
  for (const ReportKind kind : {ReportKind::kRun, ReportKind::kComparison, ReportKind::kSweep,
                                ReportKind::kThreshold, ReportKind::kOptimise}) {
    const fs::path source = fs::path(results_dir) / report_source_file(kind);
    std::error_code no_size;
    if (const std::uintmax_t bytes = fs::file_size(source, no_size);
        !no_size && bytes > kMaxReportSourceBytes) {
      throw OutputError(fmt::format(
          "{}: {} MB, more than the {} MB a page is built from; read {} with pandas, R or a "
          "spreadsheet instead, or report fewer points",
          source.string(), bytes >> 20, kMaxReportSourceBytes >> 20,
          kind == ReportKind::kSweep ? "sweep.csv and summary.csv" : "the CSV files beside it"));
    }
    if (auto text = read_text(source)) {
      input.kind = kind;
      input.json_text = std::move(*text);
      found = true;
      break;
    }
  }
  if (!found) {
    throw OutputError(fmt::format(
        "{}: no results.json, comparison.json, sweep.json or threshold.json here; give the "
        "folder `escalsim run`, `compare`, `sweep` or `threshold` wrote (their --out)",
        results_dir));
  }
  if (const std::optional<Scenario> scenario = scenario_of(input.kind, input.json_text)) {
    input.organisation_dot =
        organisation_dot(*scenario, prediction_of(input.kind, input.json_text, *scenario));
    if (auto svg = render_svg_with_graphviz(input.organisation_dot)) {
      // Graphviz starts with an XML prolog and a doctype, which do not belong inside HTML.
      const std::size_t at = svg->find("<svg");
      input.organisation_svg = at == std::string::npos ? *svg : svg->substr(at);
    }
  }
  const std::string report = (fs::path(results_dir) / "report.html").string();
  const HtmlReport files = html_report(input);
  write_file_atomically((fs::path(results_dir) / "report-data.json").string(), files.data_json);
  write_file_atomically((fs::path(results_dir) / "report-data.csv").string(), files.data_csv);
  write_file_atomically(report, files.page);
  return report;
}

void add_report_flag(CLI::App* cmd, bool& report) {
  cmd->add_flag("--report", report,
                "Also write report.html (charts, verdicts, the organisation graph; opens from "
                "disk with no network), report-data.json and report-data.csv in the output folder");
}

}  // namespace escalsim::tools
