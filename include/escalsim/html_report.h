// The HTML report: one self-contained page (charts inlined, no network) built from the JSON
// a results folder holds, so that every figure on the page is one of the JSON's.
#pragma once

#include <string>

namespace escalsim {

// What a results folder holds, by the JSON it is built from.
enum class ReportKind {
  kRun,         // results.json, from `escalsim run`
  kComparison,  // comparison.json, from `escalsim compare`
  kSweep,       // sweep.json, from `escalsim sweep` or `escalsim merge`
  kThreshold,   // threshold.json, from `escalsim threshold`
  kOptimise,    // optimise.json, from `escalsim optimise`
};

// The JSON file of each kind, by name: "results.json", "comparison.json", "sweep.json".
const char* report_source_file(ReportKind kind);

struct ReportInput {
  ReportKind kind = ReportKind::kRun;
  std::string json_text;  // the content of report_source_file(kind)
  // The organisation graph: SVG from Graphviz, embedded as is; when empty, the page shows
  // `organisation_dot` as text with a note that Graphviz renders it.
  std::string organisation_svg;
  std::string organisation_dot;
};

// The report's files, built from one reading of the JSON.
struct HtmlReport {
  // report.html. Figures are marked up so a test can trace each back to the JSON: an
  // element of class "figure" with data-source (the file name), data-pointer (an RFC 6901
  // pointer to the value), data-scale (the factor applied before display) and
  // data-decimals; a sentence quoted from the JSON (the silo verdict's evidence) is an
  // element of class "quote" with data-source and data-pointer; each chart is an element of
  // class "vega-chart" that gets data-rendered="yes" once drawn, and <html> gets
  // data-report-ready="yes" once every chart has settled.
  std::string page;
  // report-data.json: the datasets behind the page's charts, by chart, what a user needs to
  // redraw them elsewhere.
  std::string data_json;
  // report-data.csv: the same data, tidy, one row per chart, data row and field
  // (header: chart,row,field,value), for pandas, R and Excel.
  std::string data_csv;
};

// Throws OutputError if the JSON is not what escalsim writes for that kind.
HtmlReport html_report(const ReportInput& input);

}  // namespace escalsim
