// Tests of the organisation chart (organisation_dot): desks, routes, load colouring,
// policies' flows, escaping; and that Graphviz parses the chart of every scenario.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/analysis.h"
#include "escalsim/org_chart.h"
#include "escalsim/scenario.h"
#include "graphviz.h"
#include "tools/program_runner.h"
#include "testutil.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;
using testing::exponential;
using testing::lines_of;
using testing::ScenarioBuilder;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The line that declares node `id` ("desk0", "demand"), or "".
std::string node_line(const std::string& dot, const std::string& id) {
  for (const std::string& line : lines_of(dot)) {
    if (line.rfind(fmt::format("  \"{}\" [", id), 0) == 0) return line;
  }
  return "";
}

// The lines of edges from node `from` to node `to`.
std::vector<std::string> edge_lines(const std::string& dot, const std::string& from,
                                    const std::string& to) {
  std::vector<std::string> found;
  for (const std::string& line : lines_of(dot)) {
    if (line.rfind(fmt::format("  \"{}\" -> \"{}\" [", from, to), 0) == 0) found.push_back(line);
  }
  return found;
}

std::string fill_of(LoadBand band) { return fmt::format("fillcolor=\"{}\"", load_band_colour(band)); }

// Three desks at three loads: a calm front line (3 staff), saturated specialists (1 staff),
// and an executive with a budget and windows whose name needs escaping.
Scenario three_desks() {
  ExecutiveBudget budget;
  budget.per_week = Duration::hours(3);
  budget.windows = {{0, Duration::hours(8), Duration::hours(9)},
                    {4, Duration::hours(16), Duration::hours(18)}};
  Scenario s = ScenarioBuilder("chart")
                   .desk("frontline", 3, exponential(Duration::minutes(10)))
                   .resolution(0.5)
                   .desk("specialists", 1, exponential(Duration::minutes(19)))
                   .resolution(0.5)
                   .desk("C\"E\\O", 1, exponential(Duration::minutes(30)))
                   .executive(budget)
                   .demand("frontline", Rate::per_hour(6))
                   .route("frontline", "specialists", 1.0, RouteCondition::kUnresolved)
                   .route("specialists", "C\"E\\O", 0.25, RouteCondition::kSeverityAtLeast)
                   .build();
  s.routes[1].min_severity = Severity::kMinor;
  return s;
}

}  // namespace

TEST_CASE("Organisation chart: load bands run from calm to overloaded") {
  CHECK(load_band(0.0) == LoadBand::kCalm);
  CHECK(load_band(0.69) == LoadBand::kCalm);
  CHECK(load_band(0.7) == LoadBand::kBusy);
  CHECK(load_band(0.89) == LoadBand::kBusy);
  CHECK(load_band(0.9) == LoadBand::kSaturated);
  CHECK(load_band(0.999) == LoadBand::kSaturated);
  CHECK(load_band(1.0) == LoadBand::kOverloaded);
  CHECK(load_band(std::numeric_limits<double>::infinity()) == LoadBand::kOverloaded);
  // Each band has its own colour, so the chart tells them apart.
  const std::vector<std::string> colours = {
      load_band_colour(LoadBand::kCalm), load_band_colour(LoadBand::kBusy),
      load_band_colour(LoadBand::kSaturated), load_band_colour(LoadBand::kOverloaded)};
  for (std::size_t i = 0; i < colours.size(); ++i) {
    for (std::size_t j = i + 1; j < colours.size(); ++j) CHECK(colours[i] != colours[j]);
  }
}

TEST_CASE("Organisation chart: each desk, route and the load colouring are in the DOT") {
  const Scenario s = three_desks();
  const Prediction p = predict(s);
  // The scenario is built for these bands; the chart must follow the prediction.
  REQUIRE(load_band(p.desks[0].load) == LoadBand::kCalm);
  REQUIRE(load_band(p.desks[1].load) == LoadBand::kSaturated);
  const std::string dot = organisation_dot(s, p);

  CHECK(dot.rfind("digraph ", 0) == 0);
  CHECK(contains(dot, "\"exit\" ["));

  SUBCASE("demand is a source node with its rate") {
    const std::string demand = node_line(dot, "demand");
    CHECK(contains(demand, "demand\\n144 per day"));
    CHECK(edge_lines(dot, "demand", "desk0").size() == 1);
  }
  SUBCASE("desks carry name, staff, mean handle time and predicted load") {
    const std::string frontline = node_line(dot, "desk0");
    CHECK(contains(frontline, "label=\"frontline\\n3 staff\\nmean handle time 10 min\\n" +
                                  fmt::format("load {:.2f}", p.desks[0].load) + "\""));
    CHECK(contains(frontline, fill_of(LoadBand::kCalm)));
    const std::string specialists = node_line(dot, "desk1");
    CHECK(contains(specialists, fmt::format("load {:.2f}", p.desks[1].load)));
    CHECK(contains(specialists, fill_of(LoadBand::kSaturated)));
    CHECK(!contains(specialists, "overloaded"));
  }
  SUBCASE("an executive desk shows its budget and windows") {
    const std::string ceo = node_line(dot, "desk2");
    CHECK(contains(ceo, "3 h per week, Mon 08-09, Fri 16-18"));
    CHECK(contains(ceo, "peripheries=2"));
  }
  SUBCASE("routes carry their condition and probability") {
    const auto to_specialists = edge_lines(dot, "desk0", "desk1");
    REQUIRE(to_specialists.size() == 1);
    CHECK(contains(to_specialists[0], "label=\"unresolved\\n100%\""));
    const auto to_ceo = edge_lines(dot, "desk1", "desk2");
    REQUIRE(to_ceo.size() == 1);
    CHECK(contains(to_ceo[0], "label=\"severity at least minor\\n25%\""));
    // Resolved complaints leave the front line without a route.
    CHECK(edge_lines(dot, "desk0", "exit").size() == 1);
  }
  SUBCASE("a route no complaint can take is marked") {
    Scenario never = s;
    never.routes[1].probability = 0.0;
    const auto to_ceo = edge_lines(organisation_dot(never, predict(never)), "desk1", "desk2");
    REQUIRE(to_ceo.size() == 1);
    CHECK(contains(to_ceo[0], "label=\"severity at least minor\\n0%\\nnever taken\""));
    CHECK(!contains(edge_lines(dot, "desk1", "desk2")[0], "never taken"));
  }
  SUBCASE("names are escaped for DOT") {
    CHECK(contains(node_line(dot, "desk2"), "label=\"C\\\"E\\\\O\\n"));
    CHECK(!contains(dot, "C\"E\\O"));
  }
  SUBCASE("the legend names every band") {
    for (LoadBand band : {LoadBand::kCalm, LoadBand::kBusy, LoadBand::kSaturated,
                          LoadBand::kOverloaded}) {
      CHECK(contains(node_line(dot, "legend"),
                     fmt::format("<td bgcolor=\"{}\"><font color=\"{}\">{}: ",
                                 load_band_colour(band),
                                 band == LoadBand::kOverloaded ? "white" : "black",
                                 load_band_name(band))));
    }
  }
  SUBCASE("the same scenario gives the same text") {
    CHECK(organisation_dot(s, predict(s)) == dot);
  }
}

TEST_CASE("Organisation chart: an overloaded desk is marked and coloured so") {
  Scenario s = three_desks();
  s.demand[0].rate = Rate::per_hour(30);
  const Prediction p = predict(s);
  REQUIRE(p.desks[1].load >= 1.0);
  const std::string specialists = node_line(organisation_dot(s, p), "desk1");
  CHECK(contains(specialists, fmt::format("load {:.2f}, overloaded", p.desks[1].load)));
  CHECK(contains(specialists, fill_of(LoadBand::kOverloaded)));
}

TEST_CASE("Organisation chart: shifts are summarised by the fewest and most staff on duty") {
  Shift day;
  day.days = {true, true, true, true, true, false, false};
  day.from = Duration::hours(8);
  day.to = Duration::hours(20);
  day.staff = 2;
  Shift peak = day;
  peak.from = Duration::hours(11);
  peak.to = Duration::hours(14);
  peak.staff = 4;
  const Scenario s = ScenarioBuilder()
                         .desk("frontline", 1, exponential(Duration::minutes(10)))
                         .shifts({day, peak})
                         .demand("frontline", Rate::per_hour(1))
                         .build();
  CHECK(contains(node_line(organisation_dot(s, predict(s)), "desk0"), "2-6 staff in shifts"));
}

TEST_CASE("Organisation chart: an executive's windows on consecutive days read as a range") {
  ExecutiveBudget budget;
  budget.items_per_month = 12;
  for (int day = 0; day < 3; ++day) {
    budget.windows.push_back({day, Duration::hours(8), Duration::hours(10)});
  }
  budget.windows.push_back({4, Duration::minutes(16 * 60 + 30), Duration::hours(17)});
  budget.when_spent = WhenBudgetSpent::kDecline;
  const Scenario s = ScenarioBuilder()
                         .desk("ceo", 1, exponential(Duration::minutes(30)))
                         .executive(budget)
                         .demand("ceo", Rate::per_week(2))
                         .build();
  const std::string dot = organisation_dot(s, predict(s));
  CHECK(contains(node_line(dot, "desk0"),
                 "12 items per month, Mon-Wed 08-10, Fri 16:30-17; declines when spent"));
  CHECK(contains(node_line(dot, "demand"), "demand\\n2 per week"));
}

TEST_CASE("Organisation chart: flows that policies, hand backs and returns add are dashed") {
  const std::string yaml =
      "run: {name: flows, horizon: 4 weeks}\n"
      "demand: {rate: 100 per day}\n"
      "desks:\n"
      "  frontline: {staff: 4, handle_time: 15 min, resolution: 0.8}\n"
      "  specialists: {staff: 2, handle_time: 30 min}\n"
      "  ceo: {budget: 2 h per week, handle_time: 20 min, when_spent: hand_back,\n"
      "        hand_back_to: frontline}\n"
      "routes:\n"
      "  - {from: frontline, to: ceo, when: unresolved, probability: 0.1}\n"
      "policies:\n"
      "  - open_inbox: {initial_share: 5%, max_share: 40%}\n"
      "  - touch_and_delegate: {delegate_to: specialists}\n"
      "customers:\n"
      "  returns: {probability: 30%, delay: 3 days}\n";
  const Scenario s = load_scenario_text(yaml, "flows.yaml");
  const std::string dot = organisation_dot(s, predict(s));

  const auto bypass = edge_lines(dot, "demand", "desk2");
  REQUIRE(bypass.size() == 1);
  CHECK(contains(bypass[0], "style=dashed"));
  CHECK(contains(bypass[0], "open inbox bypass: 5%, up to 40%"));

  const auto delegate = edge_lines(dot, "desk2", "desk1");
  REQUIRE(delegate.size() == 1);
  CHECK(contains(delegate[0], "style=dashed"));
  CHECK(contains(delegate[0], "touch and delegate"));

  const auto hand_back = edge_lines(dot, "desk2", "desk0");
  REQUIRE(hand_back.size() == 1);
  CHECK(contains(hand_back[0], "style=dashed"));
  CHECK(contains(hand_back[0], "hand back when the budget is spent"));

  const auto returns = edge_lines(dot, "exit", "desk0");
  REQUIRE(returns.size() == 1);
  CHECK(contains(returns[0], "style=dashed"));
  CHECK(contains(returns[0], "returns: 30%"));

  // The scenario's own route stays solid.
  const auto route = edge_lines(dot, "desk0", "desk2");
  REQUIRE(route.size() == 1);
  CHECK(!contains(route[0], "dashed"));
  CHECK(contains(route[0], "unresolved\\n10%"));
}

TEST_CASE("Organisation chart: an escalation chain draws a flow from each staff desk") {
  const std::string yaml =
      "run: {name: chain, horizon: 4 weeks}\n"
      "demand: {rate: 100 per day, severity: {minor: 0.9, serious: 0.1}}\n"
      "desks:\n"
      "  frontline: {staff: 4, handle_time: 15 min, resolution: 0.8}\n"
      "  specialists: {staff: 2, handle_time: 30 min}\n"
      "  ceo: {budget: 2 h per week, handle_time: 20 min}\n"
      "routes:\n"
      "  - {from: frontline, to: specialists, when: unresolved, probability: 0.5}\n"
      "policies:\n"
      "  - escalation_chain: {severity_at_least: serious, waited_longer_than: 2 days}\n";
  const Scenario s = load_scenario_text(yaml, "chain.yaml");
  const std::string dot = organisation_dot(s, predict(s));
  for (const char* from : {"desk0", "desk1"}) {
    const auto flow = edge_lines(dot, from, "desk2");
    REQUIRE(flow.size() == 1);
    CHECK(contains(flow[0], "style=dashed"));
    CHECK(contains(flow[0], "severity at least serious or waited longer than 2 days"));
  }
}

TEST_CASE("Organisation chart: Graphviz parses the chart of every scenario") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(ESCALSIM_SOURCE_DIR "/scenarios")) {
    // map.yaml: a call log's column map for `escalsim fit` (scenarios/calibration/), not a scenario.
    if (entry.is_regular_file() && entry.path().extension() == ".yaml" &&
        entry.path().filename() != "map.yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);

  // The name that needs escaping must come through Graphviz as written.
  {
    const Scenario s = three_desks();
    const std::optional<std::string> svg =
        tools::render_svg_with_graphviz(organisation_dot(s, predict(s)));
    if (!svg) FAIL("Graphviz's dot is not on PATH: run tools/setup.sh, which installs graphviz");
    CHECK(contains(*svg, "C&quot;E\\O"));
  }
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    const Scenario s = load_scenario(file.string());
    const std::optional<std::string> svg =
        tools::render_svg_with_graphviz(organisation_dot(s, predict(s)));
    REQUIRE(svg.has_value());
    CHECK(contains(*svg, "<svg"));
    for (const Desk& desk : s.desks) CHECK(contains(*svg, desk.name));
  }
}

TEST_CASE("Organisation chart: text of at least 14 pt, readable on a projector") {
  const Scenario s = three_desks();
  const std::string dot = organisation_dot(s, predict(s));
  // The defaults for the graph's title, nodes and edges each state a size; every size the
  // DOT states is 14 or more, and no node is fixed in size (which would cut its label).
  CHECK(contains(dot, "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=18,"));
  CHECK(contains(dot, "  node [fontname=\"Helvetica\", fontsize=14,"));
  CHECK(contains(dot, "  edge [fontname=\"Helvetica\", fontsize=14]"));
  CHECK_FALSE(contains(dot, "fixedsize"));
  int sizes = 0;
  for (std::size_t at = dot.find("fontsize="); at != std::string::npos;
       at = dot.find("fontsize=", at + 1), ++sizes) {
    CAPTURE(dot.substr(at, 14));
    CHECK(std::stod(dot.substr(at + 9)) >= 14.0);
  }
  CHECK(sizes >= 4);  // graph, node, edge, legend
  // As Graphviz draws it: every text in the SVG is 14 pt or more.
  const std::optional<std::string> svg = tools::render_svg_with_graphviz(dot);
  if (!svg) FAIL("Graphviz's dot is not on PATH: run tools/setup.sh, which installs graphviz");
  int texts = 0;
  for (std::size_t at = svg->find("font-size=\""); at != std::string::npos;
       at = svg->find("font-size=\"", at + 1), ++texts) {
    CAPTURE(svg->substr(at, 20));
    CHECK(std::stod(svg->substr(at + 11)) >= 14.0);
  }
  CHECK(texts > 10);
}

}  // namespace escalsim
