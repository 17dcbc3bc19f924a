// The JSON writer: everything an experiment produced, with the scenario it came from.
//
// Keys keep a fixed order and nothing depends on the clock or the machine, so the same
// scenario, seed and version give byte-identical files.
#include "escalsim/report.h"

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "escalsim/duration_bins.h"
#include "escalsim/results.h"
#include "escalsim/findings.h"
#include "report/hour_of_week.h"
#include "report/json_helpers.h"

namespace escalsim {
namespace {

using Json = nlohmann::ordered_json;
using detail::prediction_json;
using detail::scenario_json;
using detail::silo_verdict_json;
using detail::summary_json;

Json settings_json(const ExperimentResult& result) {
  const RunSettings& run = result.scenario.run;
  Json j;
  j["seed"] = run.seed;
  j["replications"] = result.runs.size();
  j["horizon_min"] = run.horizon.in_minutes();
  // With `warmup: auto` each run's warm-up is its measured_from_min.
  j["warmup"] = run.warmup_auto ? "auto (MSER-5)" : "fixed";
  j["warmup_min"] = run.warmup_auto ? Json(nullptr) : Json(run.warmup.in_minutes());
  if (run.warmup_auto) j["warmup_no_steady_state"] = result.warmup_no_steady_state;
  j["sample_interval_min"] = run.sample_interval.in_minutes();
  // Target precision: null when the replication count was fixed.
  j["precision"] = result.precision ? Json(*result.precision) : Json(nullptr);
  j["max_replications"] = result.precision ? Json(result.max_replications) : Json(nullptr);
  j["replications_used"] = result.runs.size();
  j["precision_reached"] = result.precision ? Json(result.precision_reached) : Json(nullptr);
  return j;
}

// One series per desk ([desk][sample]: backlog or queue), sampled as run.backlog says.
Json series_json(const RunResult& run, const Scenario& scenario,
                 const std::vector<std::vector<std::int32_t>>& by_desk) {
  Json j;
  j["interval_min"] = run.backlog.interval.in_minutes();
  j["first_min"] = run.backlog.first.in_minutes();
  j["desks"] = Json::object();
  for (std::size_t i = 0; i < by_desk.size(); ++i) {
    std::string name = i < run.desks.size()        ? run.desks[i].name
                       : i < scenario.desks.size() ? scenario.desks[i].name
                                                   : "desk " + std::to_string(i);
    j["desks"][name] = by_desk[i];
  }
  return j;
}

// The executive's hours and items per calendar week, beside the weekly budget.
Json executive_weeks_json(const RunResult& run) {
  Json j = Json::object();
  for (const ExecutiveResult& e : run.executives) {
    Json desk;
    desk["first_week"] = e.first_week;
    desk["used_h"] = Json::array();
    for (Duration used : e.used_by_week) desk["used_h"].push_back(used.in_hours());
    desk["items"] = e.items_by_week;
    desk["budget_h"] = e.budget_per_week ? Json(e.budget_per_week->in_hours()) : Json(nullptr);
    j[e.desk] = std::move(desk);
  }
  return j;
}

// Counts in the fixed bins of duration_bins.h, which replications can sum.
Json distributions_json(const RunResult& run) {
  Json j;
  j["edges_min"] = kDurationBinEdgesMin;
  for (const DeskResult& d : run.desks) j["desk:" + d.name]["wait"] = d.wait_bins;
  j["complaints"]["time_to_resolution"] = run.complaints.time_to_resolution_bins;
  return j;
}

Json run_json(const RunResult& run, const Scenario& scenario) {
  Json j;
  j["replication"] = run.replication;
  j["seed"] = run.seed;
  j["measured_from_min"] = run.measured_from.in_minutes();
  j["measured_to_min"] = run.measured_to.in_minutes();
  j["stopped_early"] = run.stopped_early;
  j["events"] = run.events;
  Json invariants;
  invariants["conservation"] = run.invariants.conservation;
  invariants["clock_monotone"] = run.invariants.clock_monotone;
  invariants["capacity_respected"] = run.invariants.capacity_respected;
  j["invariants"] = std::move(invariants);
  Json metrics = Json::object();
  for (const Metric& m : flatten(run)) metrics[m.scope][m.name] = m.value;
  j["metrics"] = std::move(metrics);
  j["backlog"] = series_json(run, scenario, run.backlog.by_desk);
  j["queue"] = series_json(run, scenario, run.backlog.queue_by_desk);
  j["executive_weeks"] = executive_weeks_json(run);
  j["distributions"] = distributions_json(run);
  return j;
}

// The hour-of-week figures over the replications (report/hour_of_week.h), by scope.
Json hour_of_week_json(const ExperimentResult& result) {
  Json j = Json::object();
  for (const detail::HourOfWeekFigures& f : detail::hour_of_week_figures(result)) {
    Json scope;
    scope["arrivals"] = f.arrivals;
    scope["arrival_rate_per_hour"] = f.arrival_rate_per_hour;
    scope["abandonment"] = f.abandonment;
    scope["wait_mean_min"] = f.wait_mean_min;
    j[f.scope] = std::move(scope);
  }
  return j;
}

}  // namespace

// Here rather than in a file of its own: the JSON is where the version matters most.
const char* version() { return ESCALSIM_VERSION; }

void write_json(std::ostream& out, const ExperimentResult& result, const Findings& findings) {
  Json j;
  j["escalsim_version"] = version();
  j["scenario"] = scenario_json(result.scenario);
  j["settings"] = settings_json(result);
  j["prediction"] = prediction_json(findings.prediction);
  j["summary"] = summary_json(result.summary);
  j["silo_verdict"] = silo_verdict_json(findings.verdict);
  j["runs"] = Json::array();
  for (const RunResult& run : result.runs) j["runs"].push_back(run_json(run, result.scenario));
  j["by_hour_of_week"] = hour_of_week_json(result);
  // Invalid UTF-8 in the scenario text or names is replaced rather than thrown on.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace escalsim
