// Fit on a log that escalsim itself simulated: the fit recovers the parameters it was made
// with, within their standard errors.
#include "escalsim/calibration.h"

#include <cmath>
#include <fstream>
#include <string>
#include <unordered_map>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "calibration/call_log.h"
#include "escalsim/engine.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"
#include "escalsim/units.h"
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
  FitRequest request;
  request.log_path = dir / "log.csv";
  request.map_path = dir / "map.yaml";
  const FitOutcome fitted = fit_call_log(request);
  testing::write_file(dir / "fitted.yaml", fitted.scenario_yaml);
  const Scenario back = load_scenario(dir / "fitted.yaml");

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
