// Tests of the HTML report built from real results: the charts of each kind of page, every
// figure traced back to the JSON it came from, the verdicts as the JSON states them.
#include "escalsim/html_report.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "escalsim/analysis.h"
#include "escalsim/comparison.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "tools/program_runner.h"
#include "report/html_page.h"

namespace escalsim {
namespace {

using Json = nlohmann::json;

// A front line, specialists and a CEO with 2 hours a week; small enough for a test.
constexpr const char* kScenario =
    "run: {name: report-test, horizon: 6 weeks, warmup: 1 week, seed: 11, replications: 3}\n"
    "demand: {rate: 12 per hour, public_share: 20%}\n"
    "desks:\n"
    "  frontline: {staff: 4, handle_time: 15 min, patience: 2 h, resolution: 0.8}\n"
    "  specialists: {staff: 1, handle_time: 40 min, resolution: 0.7}\n"
    "  ceo: {budget: 2 h per week, windows: [\"mon 08:00-10:00\", \"thu 16:00-18:00\"],\n"
    "        handle_time: 30 min}\n"
    "routes:\n"
    "  - {from: frontline, to: specialists, when: unresolved, probability: 0.5}\n"
    "  - {from: specialists, to: ceo, when: unresolved, probability: 0.3}\n";

std::string run_json(const Scenario& scenario) {
  ExperimentOptions options;
  options.replications = scenario.run.replications;
  const ExperimentResult result = run_experiment(scenario, options);
  std::ostringstream json;
  write_json(json, result, find_findings(result));
  return json.str();
}

// The value of attribute `name` in the tag that starts at `tag` (up to its '>').
std::string attribute(const std::string& html, std::size_t tag, const std::string& name) {
  const std::size_t end = html.find('>', tag);
  const std::size_t at = html.find(" " + name + "=\"", tag);
  REQUIRE(at < end);
  const std::size_t from = at + name.size() + 3;
  return html.substr(from, html.find('"', from) - from);
}

// Every figure on the page: its pointer resolves to a number in `json`, and the text shown
// is that number scaled and rounded as the markup says. Returns how many there were.
int check_figures(const std::string& html, const Json& json) {
  int figures = 0;
  const std::string open = "<span class=\"figure\"";
  for (std::size_t tag = html.find(open); tag != std::string::npos; tag = html.find(open, tag + 1)) {
    const std::string pointer_text = attribute(html, tag, "data-pointer");
    CAPTURE(pointer_text);
    const Json::json_pointer pointer(pointer_text);
    REQUIRE(json.contains(pointer));
    REQUIRE(json.at(pointer).is_number());
    const double shown = json.at(pointer).get<double>() * std::stod(attribute(html, tag, "data-scale"));
    const std::size_t text = html.find('>', tag) + 1;
    CHECK(html.substr(text, html.find("</span>", text) - text) ==
          report::format_number(shown, std::stoi(attribute(html, tag, "data-decimals"))));
    ++figures;
  }
  return figures;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The page's chart specs, as the render script reads them.
Json chart_specs(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"chart-specs\">";
  const std::size_t from = html.find(open);
  REQUIRE(from != std::string::npos);
  const std::size_t begin = from + open.size();
  return Json::parse(html.substr(begin, html.find("</script>", begin) - begin));
}

// Every colour encoding in `node` (layers and facets included) with the data it reads.
void colour_encodings(const Json& node, const Json* values,
                      std::vector<std::pair<const Json*, const Json*>>& out) {
  if (!node.is_object()) return;
  if (node.contains("data") && node["data"].contains("values")) values = &node["data"]["values"];
  if (node.contains("encoding")) {
    for (const char* channel : {"color", "fill", "stroke"}) {
      if (!node["encoding"].contains(channel)) continue;
      const Json& encoding = node["encoding"][channel];
      if (encoding.contains("field")) out.emplace_back(&encoding, values);
      if (encoding.contains("condition") && encoding["condition"].contains("field")) {
        out.emplace_back(&encoding["condition"], values);
      }
    }
  }
  if (node.contains("layer")) {
    for (const Json& layer : node["layer"]) colour_encodings(layer, values, out);
  }
  if (node.contains("spec")) colour_encodings(node["spec"], values, out);
}

// Checks that every chart whose colour encodes `names` (desks in scenario order, or variants)
// maps each name to the colour of its position in the page palette, and that a chart that
// draws all of them has the page's domain and range. Returns how many encodings (and in
// `complete_out`, how many drew every name).
int check_one_colour_per_name(const std::string& html, const std::vector<std::string>& names,
                              int* complete_out = nullptr) {
  int complete = 0;
  const std::vector<std::string>& palette = report::HtmlPage::series_palette();
  Json expected_domain = Json::array();
  Json expected_range = Json::array();
  for (std::size_t i = 0; i < names.size(); ++i) {
    expected_domain.push_back(names[i]);
    expected_range.push_back(palette[i]);
  }
  int coloured = 0;
  const Json specs = chart_specs(html);
  for (const auto& item : specs.items()) {
    const std::string slug = item.key();
    std::vector<std::pair<const Json*, const Json*>> encodings;
    colour_encodings(item.value(), nullptr, encodings);
    for (const auto& [colour, values] : encodings) {
      REQUIRE(values != nullptr);
      const std::string field = colour->at("field").get<std::string>();
      bool named = false, other = false;
      for (const Json& row : *values) {
        if (!row.contains(field)) continue;
        const bool is_name = row[field].is_string() &&
                             std::find(names.begin(), names.end(), row[field].get<std::string>()) != names.end();
        (is_name ? named : other) = true;
      }
      if (!named || other) continue;  // not a desk (variant) colour
      CAPTURE(slug);
      REQUIRE(colour->contains("scale"));
      const Json& domain = colour->at("scale").at("domain");
      const Json& range = colour->at("scale").at("range");
      REQUIRE(domain.size() == range.size());
      // The names drawn, in page order, each with the colour of its position among `names`:
      // a chart that draws them all has exactly the page's domain and range.
      std::size_t last = 0;
      for (std::size_t k = 0; k < domain.size(); ++k) {
        const auto at = std::find(names.begin(), names.end(), domain[k].get<std::string>());
        REQUIRE(at != names.end());
        const auto i = static_cast<std::size_t>(at - names.begin());
        CHECK((k == 0 || i > last));
        last = i;
        CHECK(range[k] == palette[i]);
      }
      if (domain.size() == names.size()) {
        CHECK(domain == expected_domain);
        CHECK(range == expected_range);
        ++complete;
      }
      ++coloured;
    }
  }
  if (complete_out != nullptr) *complete_out = complete;
  return coloured;
}

// Whether a chart's y axis should be logarithmic, worked out from its own data (largest mean
// over the median of the positive means, above 20), and that it is, said in its title.
bool check_log_axis(const Json& specs, const std::string& slug) {
  CAPTURE(slug);
  const Json& spec = specs.at(slug);
  std::vector<double> positive;
  double largest = 0;
  for (const Json& row : spec["data"]["values"]) {
    const double mean = std::fabs(row["mean"].get<double>());
    largest = std::max(largest, mean);
    if (mean > 0) positive.push_back(mean);
  }
  REQUIRE(!positive.empty());
  std::sort(positive.begin(), positive.end());
  const bool log = largest > 20 * positive[positive.size() / 2];
  for (const Json& layer : spec["layer"]) {
    const Json& y = layer["encoding"]["y"];
    CHECK(y.contains("scale") == log);
    CHECK((y["title"].get<std::string>().find("(log scale)") != std::string::npos) == log);
    if (log) CHECK(y["scale"]["type"] == "symlog");
  }
  return log;
}

}  // namespace

TEST_CASE("html_report: a CEO with half an hour a week: its backlog puts the axis on a log scale") {
  // About 0.36 complaints an hour reach the CEO, who can take one a week: its backlog runs to
  // hundreds while the front line's stays near its 4 staff.
  const Scenario scenario =
      load_scenario_text(kScenario, "report-test.yaml", {"desks.ceo.budget=30 min per week"});
  ReportInput input;
  input.kind = ReportKind::kRun;
  input.json_text = run_json(scenario);
  const Json specs = chart_specs(html_report(input).page);
  CHECK(check_log_axis(specs, "backlog"));
  CHECK(check_log_axis(specs, "queue"));
  // The outlier is the CEO's.
  double largest = 0, ceo = 0;
  for (const Json& row : specs.at("backlog")["data"]["values"]) {
    largest = std::max(largest, row["mean"].get<double>());
    if (row["series"] == "ceo") ceo = std::max(ceo, row["mean"].get<double>());
  }
  CHECK(ceo == largest);
}

TEST_CASE("html_report: a run's page has its charts, and every figure is one of results.json") {
  const Scenario scenario = load_scenario_text(kScenario, "report-test.yaml");
  ReportInput input;
  input.kind = ReportKind::kRun;
  input.json_text = run_json(scenario);
  input.organisation_dot = "digraph { a -> b }";
  const std::string html = html_report(input).page;
  const Json json = Json::parse(input.json_text);

  for (const char* chart : {"backlog", "queue", "arrivals-by-hour", "wait-by-hour",
                            "executive-hours", "utilisation",
                            "wait-distribution", "resolution-distribution", "fairness"}) {
    CAPTURE(chart);
    CHECK(count(html, fmt::format("data-chart=\"{}\"", chart)) == 1);
  }
  CHECK(check_figures(html, json) > 40);

  SUBCASE("the headline states the verdict and quotes its evidence from the JSON") {
    // The sentence the table prints, quoted from the JSON, marked as an alarm when the
    // executive cannot keep up.
    const Json& verdict = json.at("silo_verdict");
    const std::string headline = verdict.at("headline").get<std::string>();
    const bool alarm = verdict.at("cannot_keep_up").get<bool>();
    CHECK(html.find(fmt::format("<span class=\"quote {}\" data-source=\"results.json\" "
                                "data-pointer=\"/silo_verdict/headline\">{}</span>",
                                alarm ? "verdict-yes" : "verdict-no",
                                report::escape_html(headline))) != std::string::npos);
    for (const auto& sentence : json.at("silo_verdict").at("evidence")) {
      CHECK(html.find(report::escape_html(sentence.get<std::string>())) != std::string::npos);
    }
    CHECK(html.find("<strong>The bottleneck is ") != std::string::npos);
  }
  SUBCASE("a utilisation above 100% is explained under the desk table, and only then") {
    for (const auto& e : json.at("summary")) {
      if (e.at("metric") != "utilisation") continue;
      const std::string desk = e.at("scope").get<std::string>().substr(5);
      CAPTURE(desk);
      const bool above = e.at("mean").get<double>() > 1.0;
      CHECK(count(html, desk + "'s utilisation is above 100%") == (above ? 1 : 0));
    }
  }
  SUBCASE("what is still open at the horizon is shown beside each desk's waits") {
    // The CEO's unserved backlog is the story of a silo: each desk's row gives the age of
    // what is still open (p50, p90), read from results.json's summary.
    int shown = 0;
    const Json& summary = json.at("summary");
    for (std::size_t i = 0; i < summary.size(); ++i) {
      const std::string metric = summary[i].at("metric").get<std::string>();
      if (metric != "open_age_p50_min" && metric != "open_age_p90_min") continue;
      if (summary[i].at("scope").get<std::string>().rfind("desk:", 0) != 0) continue;
      CAPTURE(summary[i].at("scope").get<std::string>());
      CHECK(html.find(fmt::format("data-pointer=\"/summary/{}/mean\"", i)) != std::string::npos);
      ++shown;
    }
    CHECK(shown == 6);  // 3 desks, p50 and p90
  }
  SUBCASE("each desk has one colour in every chart, the CEO included") {
    // Desks in the scenario's order take the palette's first three colours; the backlog,
    // queue and waiting-time distribution charts colour by desk, each drawing all three.
    int complete = 0;
    CHECK(check_one_colour_per_name(html, {"frontline", "specialists", "ceo"}, &complete) == 3);
    CHECK(complete == 3);
    // By hour of the week the desks are drawn beside all complaints: the CEO is still the
    // third colour, and all complaints take the fourth.
    const Json specs = chart_specs(html);
    const auto& palette = report::HtmlPage::series_palette();
    for (const char* slug : {"arrivals-by-hour", "wait-by-hour"}) {
      CAPTURE(slug);
      const Json& scale = specs.at(slug).at("encoding").at("color").at("scale");
      CHECK(scale.at("domain") == Json({"frontline", "specialists", "ceo", "complaints"}));
      CHECK(scale.at("range") == Json({palette[0], palette[1], palette[2], palette[3]}));
    }
    // The utilisation chart's simulated and predicted bars take no desk's colour.
    int grouped = 0;
    for (const Json& layer : specs.at("utilisation").at("layer")) {
      if (!layer.contains("encoding") || !layer["encoding"].contains("color")) continue;
      const Json& colour = layer["encoding"]["color"];
      if (colour.value("field", "") != "group") continue;
      ++grouped;
      REQUIRE(colour.contains("scale"));
      for (const Json& c : colour["scale"].at("range")) {
        CHECK(std::find(palette.begin(), palette.end(), c.get<std::string>()) == palette.end());
      }
    }
    CHECK(grouped >= 1);
  }
  SUBCASE("the backlog axes are logarithmic exactly when one desk would flatten the rest") {
    const Json specs = chart_specs(html);
    for (const char* slug : {"backlog", "queue", "wait-by-hour"}) check_log_axis(specs, slug);
  }
  SUBCASE("the desk table has one unit per column, in its header, and none in its cells") {
    // The unit of "wait, mean" is the one the largest desk's mean wait reads best in (the
    // CEO's, in days here), worked out from the JSON; every desk's wait is shown in it.
    double largest = 0;
    std::vector<std::size_t> waits;
    const Json& summary = json.at("summary");
    for (std::size_t i = 0; i < summary.size(); ++i) {
      const Json& e = summary[i];
      if (e.at("metric") != "wait_mean_min" || e.at("scope").get<std::string>().rfind("desk:", 0) != 0) continue;
      largest = std::max(largest, e.at("mean").get<double>());
      waits.push_back(i);
    }
    REQUIRE(waits.size() == 3);
    const std::string unit = largest >= 2 * 1440 ? "d" : largest >= 120 ? "h" : "min";
    const double scale = unit == "d" ? 1.0 / 1440 : unit == "h" ? 1.0 / 60 : 1.0;
    CHECK(html.find("<th>wait, mean (" + unit + ")</th>") != std::string::npos);
    CHECK(html.find("<th>utilisation (%)</th>") != std::string::npos);
    const std::size_t table = html.find("<th>desk</th>");
    REQUIRE(table != std::string::npos);
    const std::string body = html.substr(table, html.find("</table>", table) - table);
    CHECK(body.find("&#8239;") == std::string::npos);  // no unit after a figure in a cell
    for (const std::size_t i : waits) {  // every desk's mean wait in the column's unit
      CHECK(body.find(fmt::format("data-pointer=\"/summary/{}/mean\" data-scale=\"{}\"", i, scale)) !=
            std::string::npos);
    }
  }
  SUBCASE("without Graphviz's SVG, the graph is shown as DOT") {
    CHECK(html.find("digraph { a -&gt; b }") != std::string::npos);
  }
  SUBCASE("the scenario as run is on the page") {
    CHECK(html.find(report::escape_html("name: report-test")) != std::string::npos);
  }
  SUBCASE("report-data.json holds every chart's data, and the same input gives the same page") {
    const HtmlReport again = html_report(input);
    const Json data = Json::parse(again.data_json);
    CHECK(data.size() == 9);  // with arrivals-by-hour and wait-by-hour
    CHECK(data.at("utilisation").size() == 6);  // 3 desks, simulated and predicted
    CHECK(again.page == html);
    // The CSV holds the same values: one line per chart, row and field.
    const std::string& csv = again.data_csv;
    std::size_t fields = 0;
    for (const auto& [chart, rows] : data.items()) {
      for (const auto& row : rows) fields += row.size();
    }
    CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<std::ptrdiff_t>(fields + 1));
    CHECK(csv.find("\nutilisation,0,category,frontline\n") != std::string::npos);
  }
}

TEST_CASE("html_report: a comparison's page marks the significant paired differences") {
  const Scenario a = load_scenario_text(kScenario, "report-test.yaml");
  const Scenario b = load_scenario_text(kScenario, "report-test.yaml", {"desks.frontline.staff=6"});
  ExperimentOptions options;
  options.replications = 3;
  const Comparison comparison = make_comparison(
      {"four", "six"}, {run_experiment(a, options), run_experiment(b, options)});
  std::ostringstream json_text;
  write_compare_json(json_text, comparison, find_findings(comparison));
  ReportInput input;
  input.kind = ReportKind::kComparison;
  input.json_text = json_text.str();
  const std::string html = html_report(input).page;
  const Json json = Json::parse(input.json_text);

  CHECK(count(html, "data-chart=\"variants\"") == 1);
  CHECK(count(html, "data-chart=\"differences\"") == 1);
  CHECK(check_figures(html, json) > 30);
  // Each variant has one colour in both charts.
  // (The differences chart draws "six" alone, in the colour it has beside "four".)
  // The points' fill (significant ones) is a colour too, and keeps the same colours.
  int complete = 0;
  CHECK(check_one_colour_per_name(html, {"four", "six"}, &complete) >= 4);
  CHECK(complete >= 1);
  // The differences chart's only legend is the variants': the point shapes (significant or
  // not) have none, since Vega-Lite drew it as names without marks; the note says them.
  int shapes = 0;
  const Json specs = chart_specs(html);
  for (const Json& layer : specs.at("differences").at("layer")) {
    if (!layer.contains("encoding") || !layer["encoding"].contains("shape")) continue;
    ++shapes;
    CHECK(layer["encoding"]["shape"].at("legend").is_null());
  }
  CHECK(shapes == 1);
  CHECK(html.find("Filled circles: significant") != std::string::npos);
  // Two more staff cut the front line's utilisation and wait: the headline says both in
  // words, each sentence quoted from the JSON at its pointer, as the console prints it.
  const std::string headline = html.substr(html.find("<strong>six</strong> against four: "), 2000);
  CHECK(headline.find("the largest significant differences (95% intervals)") == 35);
  const Json& sentences = json.at("differences")[0].at("headline");
  REQUIRE(sentences.size() >= 2);
  bool busy = false, wait = false;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const std::string sentence = sentences[i].get<std::string>();
    busy = busy || sentence.rfind("frontline is less busy by ", 0) == 0;
    wait = wait || sentence.rfind("waits at frontline are ", 0) == 0;
    CHECK(headline.find(fmt::format("data-pointer=\"/differences/0/headline/{}\">{}</span>", i,
                                    sentence)) != std::string::npos);
  }
  CHECK(busy);
  CHECK(wait);
  CHECK(json.at("variants")[1].contains("silo_verdict"));
}

TEST_CASE("html_report: a scale study's page gives each desk's saturation beside the prediction") {
  testing::TempDir dir;
  const Scenario scenario = load_scenario_text(
      std::string(kScenario) + "sweep:\n  parameters:\n    demand_multiplier: [0.5, 1, 2, 4]\n",
      "report-test.yaml");
  SweepOptions options;
  options.out_dir = (dir.path() / "sweep").string();
  const SweepResult result = run_sweep(scenario, options);
  std::ostringstream json_text;
  write_sweep_json(json_text, scenario, result, result.findings);
  ReportInput input;
  input.kind = ReportKind::kSweep;
  input.json_text = json_text.str();
  const std::string html = html_report(input).page;
  const Json json = Json::parse(input.json_text);

  for (const char* chart : {"utilisation-curve", "backlog-growth-curve", "wait-curve", "executive-curve"}) {
    CAPTURE(chart);
    CHECK(count(html, fmt::format("data-chart=\"{}\"", chart)) == 1);
  }
  CHECK(check_figures(html, json) > 20);
  REQUIRE(json.contains("saturation"));
  CHECK(count(html, "× demand in the simulation; the traffic equations predict") +
            count(html, "does not saturate within the sweep; the traffic equations predict") ==
        json.at("saturation").size());
}

TEST_CASE("html_report: a scale study in which no desk saturates is reported, not refused") {
  // sweep.json writes null for a multiple that was never reached; the report used to fail
  // reading it as a number.
  testing::TempDir dir;
  const Scenario scenario = load_scenario_text(
      std::string(kScenario) + "sweep:\n  parameters:\n    demand_multiplier: [0.25, 0.5]\n",
      "report-test.yaml");
  SweepOptions options;
  options.out_dir = (dir.path() / "sweep").string();
  const SweepResult result = run_sweep(scenario, options);
  std::ostringstream json_text;
  write_sweep_json(json_text, scenario, result, result.findings);
  ReportInput input;
  input.kind = ReportKind::kSweep;
  input.json_text = json_text.str();
  const Json json = Json::parse(input.json_text);
  REQUIRE(json.contains("saturation"));
  std::size_t never = 0;
  for (const Json& row : json.at("saturation")) never += row.at("simulated_multiple").is_null();
  REQUIRE(never >= 1);
  const std::string html = html_report(input).page;
  CHECK(count(html, "does not saturate within the sweep") == never);
}

TEST_CASE("html_report: JSON that escalsim did not write is an error naming the file") {
  ReportInput input;
  input.kind = ReportKind::kSweep;
  input.json_text = "{\"points\": []}";
  CHECK_THROWS_WITH_AS(html_report(input), "sweep.json: not a results file escalsim wrote", OutputError);
  input.json_text = "not json";
  CHECK_THROWS_AS(html_report(input), OutputError);
  input.json_text = "{\"escalsim_version\": \"0.1.0\", \"points\": 3}";
  CHECK_THROWS_AS(html_report(input), OutputError);
}

}  // namespace escalsim
