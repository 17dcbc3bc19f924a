// Fit on a log that escalsim itself simulated: the fit recovers the parameters it was made
// with, within their standard errors.
#include "escalsim/calibration.h"

#include <cmath>
#include <fstream>
#include <string>
#include <unordered_map>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>
#include <doctest/doctest.h>
#include <fmt/core.h>

#include "calibration/call_log.h"
#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"
#include "escalsim/units.h"
#include "calibration/fit_folder.h"
#include "tools/program_runner.h"

namespace {

using escalsim::TraceEvent;
using escalsim::TraceKind;

// Writes each call as a log row: date, the time it arrived, seconds waited and handled.
class LogWriter final : public escalsim::RunObserver {
 public:
  explicit LogWriter(std::ostream& out) : out_(out) {
    out_ << "date,asked,waited,handled,outcome\r\n";
  }
  void on_event(const TraceEvent& e) override {
    if (e.kind == TraceKind::kArrival) {
      arrived_[e.complaint] = e.time_min;
    } else if (e.kind == TraceKind::kStart || e.kind == TraceKind::kAbandon) {
      const double t = arrived_[e.complaint];
      const auto second = static_cast<long>(std::floor(t * 60.0));
      const long day = second / 86400, of_day = second % 86400;
      const bool served = e.kind == TraceKind::kStart;
      out_ << fmt::format("{},{}:{:02}:{:02},{:.3f},{:.3f},{}\r\n",
                          escalsim::detail::format_day(kMonday + day), of_day / 3600,
                          of_day / 60 % 60, of_day % 60, e.wait_min * 60.0,
                          served ? e.duration_min * 60.0 : 0.0, served ? "SERVED" : "GAVE_UP");
      arrived_.erase(e.complaint);
    }
  }
  static constexpr long kMonday = 10623;  // 1999-02-01

 private:
  std::ostream& out_;
  std::unordered_map<std::int64_t, double> arrived_;
};

}  // namespace

TEST_CASE("fit_call_log: a log simulated by escalsim gives back its demand, handle time and patience") {
  using namespace escalsim;
  REQUIRE(detail::format_day(LogWriter::kMonday) == "1999-02-01");
  REQUIRE(detail::weekday_of(LogWriter::kMonday) == 0);
  const Scenario scenario = load_scenario_text(R"(run: {horizon: 14 days, seed: 5}
demand: {rate: 30 per hour}
desks:
  agents:
    staff: 3
    handle_time: {distribution: exponential, mean: 5 min}
    patience: {distribution: exponential, mean: 4 min}
)", "synthetic.yaml");
  testing::TempDir dir;
  {
    std::ofstream log(dir / "log.csv", std::ios::binary);
    LogWriter writer(log);
    EngineOptions options;
    options.trace = &writer;
    run_once(scenario, 0, options);
  }
  testing::write_file(dir / "map.yaml", R"(columns:
  date: date
  arrival: asked
  wait: waited
  handle: handled
  outcome: outcome
outcomes: {served: [SERVED], abandoned: [GAVE_UP]}
)");
  const auto [fitted, back] = testing::fit_folder(dir.path());

  // Demand: 30 an hour for 14 days, Poisson: the count's sd is its square root.
  const double calls = back.demand[0].rate.count_in(Duration::days(14));
  CHECK(std::abs(calls - 30.0 * 24 * 14) < 3.0 * std::sqrt(30.0 * 24 * 14));
  // Handle time: the file's mean within 3 standard errors (mean / sqrt(n), n about 9,400).
  const Distribution& handle = back.desks[0].handle_time;
  const double n_served = calls * 0.9;
  CHECK(std::abs(handle.expected().in_minutes() - 5.0) < 3.0 * 5.0 / std::sqrt(n_served));
  CHECK(handle.kind != Distribution::Kind::kLognormal);
  // Patience from censored waits: within 3 standard errors (mean / sqrt(abandonments)).
  REQUIRE(back.desks[0].patience.has_value());
  const double patience = back.desks[0].patience->expected().in_minutes();
  REQUIRE(fitted.summary.find("Patience") != std::string::npos);
  const double abandonments = std::stod(fitted.summary.substr(fitted.summary.find("from ", fitted.summary.find("Patience")) + 5));
  CHECK(abandonments > 100);
  CHECK(std::abs(patience - 4.0) < 3.0 * 4.0 / std::sqrt(abandonments));
}

TEST_CASE("fit_call_log: with desk and transfer columns, the routing shares of a synthetic log come back within their standard errors as routes") {
  using namespace escalsim;
  // Desk F takes 12 calls an hour and passes each on to S with probability 0.2; desk S takes
  // 3 an hour and passes each to F with probability 0.05. Handle times: exponential, 120 s
  // at F and 300 s at S. 14 days from Monday 1999-02-01, every call served at once.
  constexpr double kRate[] = {12.0, 3.0};
  constexpr double kShare[] = {0.2, 0.05};
  constexpr double kHandle[] = {120.0, 300.0};
  const char* const kDesk[] = {"F", "S"};
  testing::TempDir dir;
  long served[] = {0, 0}, passed[] = {0, 0};
  {
    std::ofstream log(dir / "log.csv", std::ios::binary);
    log << "date,asked,waited,handled,outcome,desk,passed_to\n";
    boost::random::mt19937 rng(7);
    boost::random::uniform_01<double> u;
    for (int d = 0; d < 2; ++d) {
      boost::random::exponential_distribution<double> gap(kRate[d] / 3600.0);
      boost::random::exponential_distribution<double> handle(1.0 / kHandle[d]);
      for (double t = gap(rng); t < 14 * 86400.0; t += gap(rng)) {
        const auto second = static_cast<long>(t);
        const long day = second / 86400, of_day = second % 86400;
        const bool pass = u(rng) < kShare[d];
        ++served[d];
        passed[d] += pass;
        log << fmt::format("9902{:02},{}:{:02}:{:02},0,{:.3f},SERVED,{},{}\n", day + 1,
                           of_day / 3600, of_day / 60 % 60, of_day % 60, handle(rng), kDesk[d],
                           pass ? kDesk[1 - d] : "-");
      }
    }
  }
  testing::write_file(dir / "map.yaml", R"(columns:
  date: date
  arrival: asked
  wait: waited
  handle: handled
  outcome: outcome
  desk: desk
  transfer: passed_to
no_transfer: "-"
outcomes: {served: [SERVED], abandoned: [GAVE_UP]}
)");
  const auto [fitted, back] = testing::fit_folder(dir.path());
  REQUIRE(back.desks.size() == 2);
  CHECK(back.desks[0].name == "f");  // more calls first
  REQUIRE(back.routes.size() == 2);
  for (int d = 0; d < 2; ++d) {
    const Route& r = back.routes[static_cast<std::size_t>(d)];
    CHECK(r.from == d);
    CHECK(r.to == 1 - d);
    // The share is the hand count, and the truth is within 3 binomial standard errors.
    CHECK(r.probability == doctest::Approx(static_cast<double>(passed[d]) / served[d]).epsilon(1e-5));
    const double se = std::sqrt(kShare[d] * (1 - kShare[d]) / served[d]);
    CHECK(std::abs(r.probability - kShare[d]) < 3.0 * se);
    // Each desk's handle time is its own: within 3 standard errors (mean / sqrt(n)).
    const double mean_s = back.desks[static_cast<std::size_t>(d)].handle_time.expected().in_minutes() * 60.0;
    CHECK(std::abs(mean_s - kHandle[d]) < 3.0 * kHandle[d] / std::sqrt(served[d]));
    // Its stream: the calls that came to it first.
    CHECK(std::abs(back.demand[static_cast<std::size_t>(d)].rate.count_in(kWeek) - kRate[d] * 168.0) <
          3.0 * std::sqrt(kRate[d] * 24 * 14) / 2.0);
  }
  // The report's routes are the same shares.
  CHECK(fitted.report_html.find("id=\"routes\"") != std::string::npos);

  SUBCASE("--calibrate is refused in words with desks") {
    FitRequest request;
    request.log_path = dir / "log.csv";
    request.map_path = dir / "map.yaml";
    request.calibrate_rounds = 3;
    CHECK_THROWS_WITH_AS(fit_call_log(request), doctest::Contains("--calibrate adjusts the staff of one desk"), escalsim::Error);
  }
}
