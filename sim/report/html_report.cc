// Entry points of the HTML report: parse the results JSON, build the page of its kind.
#include "escalsim/html_report.h"

#include <fmt/core.h>

#include "escalsim/errors.h"
#include "report/format_helpers.h"
#include "report/report_parts.h"

namespace escalsim {
namespace {

using report::HtmlPage;
using report::Json;

std::string page_title(ReportKind kind, const Json& json) {
  switch (kind) {
    case ReportKind::kRun:
      return fmt::format("escalsim: {}", json.at("scenario").at("name").get<std::string>());
    case ReportKind::kComparison:
      return fmt::format("escalsim: comparison of {}", json.at("baseline").get<std::string>());
    case ReportKind::kSweep:
      return fmt::format("escalsim: sweep of {}", json.at("scenario").at("name").get<std::string>());
    case ReportKind::kThreshold:
      return fmt::format("escalsim: threshold in {}", json.at("scenario").at("name").get<std::string>());
    case ReportKind::kOptimise:
      return fmt::format("escalsim: optimise {}", json.at("scenario").at("name").get<std::string>());
  }
  return "escalsim";
}

// The page, built; throws OutputError naming the file when the JSON is not escalsim's.
template <typename Use>
auto with_page(const ReportInput& input, Use use) {
  const char* file = report_source_file(input.kind);
  Json json = Json::parse(input.json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("escalsim_version")) {
    throw OutputError(fmt::format("{}: not a results file escalsim wrote", file));
  }
  try {
    HtmlPage page(page_title(input.kind, json), file, json);
    switch (input.kind) {
      case ReportKind::kRun: report::build_run_report(page, input); break;
      case ReportKind::kComparison: report::build_comparison_report(page, input); break;
      case ReportKind::kSweep: report::build_sweep_report(page, input); break;
      case ReportKind::kThreshold: report::build_threshold_report(page, input); break;
      case ReportKind::kOptimise: report::build_optimise_report(page, input); break;
    }
    return use(page);
  } catch (const Json::exception& e) {
    throw OutputError(fmt::format("{}: not as escalsim {} writes it ({})", file, json.value("escalsim_version", std::string("?")), e.what()));
  }
}

}  // namespace

const char* report_source_file(ReportKind kind) {
  switch (kind) {
    case ReportKind::kRun: return "results.json";
    case ReportKind::kComparison: return "comparison.json";
    case ReportKind::kSweep: return "sweep.json";
    case ReportKind::kThreshold: return "threshold.json";
    case ReportKind::kOptimise: return "optimise.json";
  }
  return "";
}

HtmlReport html_report(const ReportInput& input) {
  return with_page(input, [](const HtmlPage& page) {
    HtmlReport report;
    report.page = page.render();
    const Json data = page.report_data();
    report.data_json = data.dump(2) + "\n";
    report.data_csv = "chart,row,field,value\n";
    for (const auto& [chart, rows] : data.items()) {
      for (std::size_t row = 0; row < rows.size(); ++row) {
        for (const auto& [field, value] : rows[row].items()) {
          const std::string text = value.is_string()   ? value.get<std::string>()
                                   : value.is_number() ? detail::csv_number(value.get<double>())
                                   : value.is_null()   ? std::string()
                                                       : value.dump();
          report.data_csv += fmt::format("{},{},{},{}\n", detail::csv_field(chart), row,
                                         detail::csv_field(field), detail::csv_field(text));
        }
      }
    }
    return report;
  });
}

}  // namespace escalsim
