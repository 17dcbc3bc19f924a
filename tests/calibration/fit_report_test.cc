// The fit report: its rows add up by hand on a small log, its page shows the JSON's
// numbers, and a log of two classes with known rates and handle times gives each back.
#include "calibration/fit_report.h"

#include <cmath>
#include <fstream>
#include <map>
#include <string>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "calibration/page_figures.h"
#include "escalsim/calibration.h"
#include "escalsim/scenario.h"
#include "escalsim/units.h"
#include "calibration/fit_folder.h"
#include "tools/program_runner.h"

namespace {

const std::string kMap = R"(columns:
  date: date
  arrival: asked
  wait: waited
  handle: handled
  outcome: outcome
  class: type
  priority: prio
outcomes: {served: [AGENT], abandoned: [HANG], drop: [PHANTOM]}
priorities: {high: ["1"]}
)";

}  // namespace

TEST_CASE("Fit report: the rows left out, by reason, are the hand count and add up to the rows read minus the rows kept") {
  using namespace escalsim;
  testing::TempDir dir;
  testing::write_file(dir / "map.yaml", kMap);
  // By hand, fitting 1999-02-01..02: rows 1, 4 and 5 kept (asked for an agent in the period);
  // 3 and 7 PHANTOM; 2 and 8 hung up without queueing (wait 0); 6 is on 02-03.
  testing::write_file(dir / "log.csv",
                      "date,asked,waited,handled,outcome,type,prio\n"
                      "990201,9:00:00,10,100,AGENT,A,0\n"     // 1
                      "990201,9:05:00,0,0,HANG,A,0\n"         // 2
                      "990201,9:10:00,0,0,PHANTOM,B,0\n"      // 3
                      "990201,9:20:00,30,0,HANG,B,1\n"        // 4
                      "990202,10:00:00,0,50,AGENT,B,0\n"      // 5
                      "990203,11:00:00,5,70,AGENT,A,1\n"      // 6
                      "990201,12:00:00,0,0,PHANTOM,A,0\n"     // 7
                      "990202,13:00:00,0,0,HANG,A,0\n");      // 8
  FitRequest request;
  request.log_path = dir / "log.csv";
  request.map_path = dir / "map.yaml";
  request.from = "1999-02-01";
  request.to = "1999-02-02";
  const FitOutcome fitted = fit_call_log(request);
  const nlohmann::json json = nlohmann::json::parse(fitted.report_json);

  const nlohmann::json& rows = json.at("rows");
  CHECK(rows.at("read") == 8);
  CHECK(rows.at("kept") == 3);
  std::map<std::string, long> reasons;
  long sum = 0;
  for (const auto& r : rows.at("dropped")) {
    reasons[r.at("reason").get<std::string>()] = r.at("rows").get<long>();
    sum += r.at("rows").get<long>();
  }
  CHECK(reasons.size() == 3);
  CHECK(reasons["outcome PHANTOM (the map's outcomes.drop)"] == 2);
  CHECK(reasons["hung up before queueing: never asked for an agent"] == 2);
  CHECK(reasons["outside --from/--to"] == 1);
  CHECK(sum == 8 - 3);
  CHECK(rows.at("dropped_total") == sum);
  CHECK(json.at("calls").at("served") == 2);
  CHECK(json.at("calls").at("abandoned") == 1);
  CHECK(json.at("priorities").at("high") == 1);  // row 4

  // Two classes: A (row 1) and B (rows 4 and 5), each its own stream.
  const nlohmann::json& classes = json.at("classes").at("by_class");
  REQUIRE(classes.size() == 2);
  CHECK(classes[0].at("class") == "B");  // the larger first
  CHECK(classes[0].at("calls") == 2);
  CHECK(classes[1].at("calls") == 1);

  // The page: every figure is the JSON's number; every table cell with a digit is a figure.
  CHECK(testing::check_page_figures(fitted.report_html, json, "fit_report.json") > 100);
  testing::check_table_cells_are_figures(fitted.report_html);
  for (const auto& [reason, n] : reasons) {
    std::string escaped;  // as HTML: the apostrophe in "the map's" is &#39;
    for (char c : reason) escaped += c == '\'' ? std::string("&#39;") : std::string(1, c);
    CHECK(fitted.report_html.find("<td>" + escaped + "</td>") != std::string::npos);
  }
}

TEST_CASE("Fit report: the arrivals by hour of the week are the calls counted in each hour, and the fitted scenario gives them back") {
  using namespace escalsim;
  testing::TempDir dir;
  testing::write_file(dir / "map.yaml", kMap);
  // Monday 1999-02-01 and Monday 02-08 (two occurrences of each Monday hour), one call on
  // Tuesday 02-02 at 10:xx: hour 9 of Monday has 3 + 1 calls, hour 34 (Tuesday 10:00) 1.
  testing::write_file(dir / "log.csv",
                      "date,asked,waited,handled,outcome,type,prio\n"
                      "990201,9:00:00,0,100,AGENT,A,0\n"
                      "990201,9:30:00,0,100,AGENT,A,0\n"
                      "990201,9:59:59,0,100,AGENT,A,0\n"
                      "990208,9:10:00,0,100,AGENT,A,0\n"
                      "990202,10:10:00,0,60,AGENT,A,0\n");
  FitRequest request;
  request.log_path = dir / "log.csv";
  request.map_path = dir / "map.yaml";
  const FitOutcome fitted = fit_call_log(request);
  const nlohmann::json json = nlohmann::json::parse(fitted.report_json);
  const nlohmann::json& by_hour = json.at("arrivals").at("by_hour");
  REQUIRE(by_hour.size() == 168);
  CHECK(by_hour[9].at("occurrences") == 2);
  CHECK(by_hour[9].at("observed_mean") == doctest::Approx(2.0));
  CHECK(by_hour[9].at("observed_low") == doctest::Approx(1.0));
  CHECK(by_hour[9].at("observed_high") == doctest::Approx(3.0));
  CHECK(by_hour[34].at("occurrences") == 1);
  CHECK(by_hour[34].at("observed_mean") == doctest::Approx(1.0));
  // 5 calls over 8 days: 4.375 a week; the fitted hours carry them in proportion.
  double fitted_week = 0;
  for (const auto& h : by_hour) fitted_week += h.at("fitted").get<double>();
  CHECK(fitted_week == doctest::Approx(5.0 / (8.0 / 7.0)));
  CHECK(by_hour[9].at("fitted").get<double>() ==
        doctest::Approx(4.375 * 2.0 / (2.0 + 1.0 * 1.0)));  // weights 2 (hour 9) and 1 (hour 34)
}

TEST_CASE("fit_call_log: two classes of known rates and handle times are each given back within their standard errors") {
  using namespace escalsim;
  // Class A: 20 calls an hour, exponential handle times of mean 180 s; class B: 8 an hour,
  // gamma of shape 3 and mean 420 s. Every hour of 14 days from Monday 1999-02-01, all served
  // at once (no queue). The log is written row by row from these draws.
  constexpr double kRate[] = {20.0, 8.0};
  constexpr double kHandle[] = {180.0, 420.0};
  testing::TempDir dir;
  {
    std::ofstream log(dir / "log.csv", std::ios::binary);
    log << "date,asked,waited,handled,outcome,type,prio\n";
    boost::random::mt19937 rng(20261206);
    boost::random::gamma_distribution<double> gamma_b(3.0, kHandle[1] / 3.0);
    for (int c = 0; c < 2; ++c) {
      boost::random::exponential_distribution<double> gap(kRate[c] / 3600.0);
      boost::random::exponential_distribution<double> exp_a(1.0 / kHandle[0]);
      for (double t = gap(rng); t < 14 * 86400.0; t += gap(rng)) {
        const auto second = static_cast<long>(t);
        const long day = second / 86400, of_day = second % 86400;
        const double handle = c == 0 ? exp_a(rng) : gamma_b(rng);
        log << fmt::format("{},{}:{:02}:{:02},0,{:.3f},AGENT,{},{}\n",
                           fmt::format("9902{:02}", day + 1), of_day / 3600, of_day / 60 % 60,
                           of_day % 60, handle, c == 0 ? "A" : "B", c == 0 ? 0 : 1);
      }
    }
  }
  testing::write_file(dir / "map.yaml", kMap);
  const auto [fitted, back] = testing::fit_folder(dir.path());
  const nlohmann::json json = nlohmann::json::parse(fitted.report_json);
  const nlohmann::json& classes = json.at("classes").at("by_class");
  REQUIRE(classes.size() == 2);
  REQUIRE(back.demand.size() == 2);
  CHECK(back.desks[0].discipline == QueueDiscipline::kPriorityBySeverity);
  for (int c = 0; c < 2; ++c) {
    const auto& k = classes[static_cast<std::size_t>(c)];  // A first: it has more calls
    CHECK(k.at("class") == (c == 0 ? "A" : "B"));
    const DemandStream& stream = back.demand[static_cast<std::size_t>(c)];
    CHECK(stream.name == (c == 0 ? "a" : "b"));
    // Rate: Poisson, the count's standard error its square root; per week.
    const double per_week = stream.rate.count_in(kWeek);
    const double se = k.at("rate_se_per_week").get<double>();
    CHECK(per_week == doctest::Approx(k.at("rate_per_week").get<double>()).epsilon(1e-9));
    CHECK(std::abs(per_week - kRate[c] * 168.0) < 3.0 * se);
    CHECK(se == doctest::Approx(std::sqrt(kRate[c] * 24 * 14) / 2.0).epsilon(0.05));
    // Handle time: the chosen fit's mean within 3 of its standard errors.
    const auto& best = k.at("handle_time").at("fits")[0];
    const double mean = best.at("mean_s").get<double>();
    const double mean_se = best.at("mean_se_s").get<double>();
    INFO("class ", c, ": ", best.at("family"), " mean ", mean, " se ", mean_se);
    CHECK(std::abs(mean - kHandle[c]) < 3.0 * mean_se);
    CHECK(mean_se == doctest::Approx(kHandle[c] / std::sqrt(kRate[c] * 24 * 14 *
                                                           (c == 0 ? 1.0 : 3.0)))
                         .epsilon(0.1));
    // B is all high priority, A none: B serious, A minor.
    CHECK(stream.severity_share[static_cast<std::size_t>(Severity::kSerious)] ==
          doctest::Approx(c == 0 ? 0.0 : 1.0));
  }
  CHECK(classes[1].at("handle_time").at("chosen") == "gamma");
  // The scenario's comments and the page say what is not modelled.
  CHECK(fitted.scenario_yaml.find("# Not modelled: handle times per class") != std::string::npos);
  CHECK(fitted.report_html.find("handle times per class: a desk has one handle-time") !=
        std::string::npos);
}
