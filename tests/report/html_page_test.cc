// Tests of the report page's pieces: numbers as shown, escaping, figures that point into the
// JSON, charts and their data, and a page that no data can break out of.
#include "report/html_page.h"

#include <string>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "report/chart_library.h"

namespace escalsim::report {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("format_number: decimals as asked, thousands separated from 10,000, never -0") {
  CHECK(format_number(0.8691, 1) == "0.9");
  CHECK(format_number(86.9149, 1) == "86.9");
  CHECK(format_number(9999.4, 0) == "9999");
  CHECK(format_number(70142.5, 0) == "70,142");  // fmt rounds half to even on the binary value
  CHECK(format_number(16447510.25, 1) == "16,447,510.2");
  CHECK(format_number(-1234567, 0) == "-1,234,567");
  CHECK(format_number(-0.0004, 2) == "0.00");
  CHECK(format_number(std::nan(""), 2) == "n/a");
}

TEST_CASE("escape_html: markup in names and scenario text is shown, not run") {
  CHECK(escape_html("<b>\"R&D\" desk's</b>") == "&lt;b&gt;&quot;R&amp;D&quot; desk&#39;s&lt;/b&gt;");
}

TEST_CASE("HtmlPage: a figure carries its pointer, scale and decimals, and shows the value") {
  const Json json = Json::parse(R"({"summary": [{"mean": 0.8691, "half_width": 0.0031}]})");
  const HtmlPage page("t", "results.json", json);
  CHECK(page.figure("/summary/0/mean", 100.0, 1) ==
        R"(<span class="figure" data-source="results.json" data-pointer="/summary/0/mean" )"
        R"(data-scale="100" data-decimals="1">86.9</span>)");
  SUBCASE("without decimals, about three significant figures") {
    CHECK(page.figure("/summary/0/half_width", 100.0).find(">0.310<") != std::string::npos);
  }
  SUBCASE("a pointer to nothing, or to text, is an error") {
    CHECK_THROWS_AS(page.figure("/summary/1/mean"), OutputError);
    CHECK_THROWS_AS(page.figure("/summary"), OutputError);
  }
}

TEST_CASE("HtmlPage: charts are inlined with their data, and nothing in them ends a script") {
  const Json json = Json::object();
  HtmlPage page("A </title> title", "results.json", json);
  page.section("over-time", "Desks over time");
  page.chart("backlog", "Backlog", "caption",
             {{"data", {{"values", Json::array({{{"desk", "</script><script>alert(1)</script>"}}})}}},
              {"mark", "line"}});
  page.chart("empty", "Nothing", "", {{"data", {{"values", Json::array()}}}, {"mark", "bar"}});
  const std::string html = page.render();

  CHECK(count(html, "class=\"vega-chart\" data-chart=\"backlog\"") == 1);
  CHECK(html.find("data-chart=\"empty\"") == std::string::npos);
  CHECK(html.find("Nothing to draw") != std::string::npos);
  CHECK(html.find("<title>A &lt;/title&gt; title</title>") != std::string::npos);
  // Three libraries, the specs and the render script: five scripts, each closed once.
  CHECK(count(html, "</script>") == 5);
  CHECK(html.find(R"(<\/script><script>alert(1)<\/script>)") != std::string::npos);
  for (const ChartLibrary& library : chart_libraries()) {
    CAPTURE(library.name);
    CHECK(library.script.size() > 10000);
    CHECK(html.find(library.script) != std::string::npos);
  }
  // The page asks for nothing over the network.
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);

  const Json data = page.report_data();
  REQUIRE(data.size() == 1);
  CHECK(data.at("backlog").size() == 1);
}

TEST_CASE("HtmlPage: a desk keeps its colour in every chart, and a legend lists only what is drawn") {
  const Json json = Json::object();
  HtmlPage page("t", "results.json", json);
  page.add_series_names({"frontline", "specialists", "ceo"});
  const auto& palette = HtmlPage::series_palette();
  // Chart 1: all three desks, and a layer of its own data that draws only the CEO.
  const Json line = {{"field", "desk"}, {"type", "nominal"}};
  page.chart("a", "A", "",
             {{"data", {{"values", Json::array({{{"desk", "frontline"}}, {{"desk", "specialists"}},
                                                {{"desk", "ceo"}}})}}},
              {"layer", Json::array({{{"mark", "line"}, {"encoding", {{"color", line}}}},
                                     {{"data", {{"values", Json::array({{{"desk", "ceo"}}})}}},
                                      {"mark", "rule"}, {"encoding", {{"color", line}}}}})}});
  // Chart 2: the CEO alone; chart 3: colour by something that is not a desk.
  page.chart("b", "B", "",
             {{"data", {{"values", Json::array({{{"desk", "ceo"}}})}}}, {"mark", "bar"},
              {"encoding", {{"color", line}}}});
  page.chart("c", "C", "",
             {{"data", {{"values", Json::array({{{"kind", "simulated"}}, {{"kind", "predicted"}}})}}},
              {"mark", "bar"}, {"encoding", {{"color", {{"field", "kind"}, {"type", "nominal"}}}}}});
  const std::string html = page.render();
  const std::string open = "id=\"chart-specs\">";
  const std::size_t from = html.find(open) + open.size();
  const Json specs = Json::parse(html.substr(from, html.find("</script>", from) - from));

  const Json all = {{"domain", {"frontline", "specialists", "ceo"}},
                    {"range", {palette[0], palette[1], palette[2]}}};
  CHECK(specs["a"]["layer"][0]["encoding"]["color"]["scale"] == all);
  CHECK(specs["a"]["layer"][1]["encoding"]["color"]["scale"] == all);  // one scale per chart
  // The CEO is the third colour here too, and the legend does not list desks not drawn.
  CHECK(specs["b"]["encoding"]["color"]["scale"] ==
        Json({{"domain", {"ceo"}}, {"range", {palette[2]}}}));
  CHECK_FALSE(specs["c"]["encoding"]["color"].contains("scale"));
}

}  // namespace escalsim::report
