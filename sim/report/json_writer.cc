// The JSON writer: everything an experiment produced, with the scenario it came from.
//
// Keys keep a fixed order and nothing depends on the clock or the machine, so the same
// scenario, seed and version give byte-identical files.
#include "escalsim/report.h"

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "escalsim/results.h"
#include "escalsim/verdict.h"
#include "report/json_helpers.h"

namespace escalsim {
namespace {

using Json = nlohmann::ordered_json;
using detail::scenario_json;
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

Json prediction_json(const Prediction& prediction) {
  Json j;
  j["desks"] = Json::array();
  for (const DeskPrediction& d : prediction.desks) {
    Json desk;
    desk["desk"] = d.desk;
    desk["arrival_rate_per_hour"] = d.arrival_rate_per_hour;
    desk["offered_hours_per_hour"] = d.offered_hours_per_hour;
    desk["capacity_hours_per_hour"] = d.capacity_hours_per_hour;
    desk["load"] = d.load;
    desk["reachable"] = d.reachable;
    j["desks"].push_back(std::move(desk));
  }
  const bool known = prediction.bottleneck >= 0 &&
                     prediction.bottleneck < static_cast<int>(prediction.desks.size());
  j["bottleneck"] = known ? Json(prediction.desks[prediction.bottleneck].desk) : Json(nullptr);
  j["notes"] = Json::array();
  for (const std::string& note : prediction.notes) j["notes"].push_back(note);
  return j;
}

Json silo_verdict_json(const SiloVerdict& verdict) {
  Json j;
  j["silo"] = verdict.silo;
  j["desk"] = verdict.desk;
  j["evidence"] = verdict.evidence;
  return j;
}

Json backlog_json(const RunResult& run, const Scenario& scenario) {
  Json j;
  j["interval_min"] = run.backlog.interval.in_minutes();
  j["first_min"] = run.backlog.first.in_minutes();
  j["desks"] = Json::object();
  for (std::size_t i = 0; i < run.backlog.by_desk.size(); ++i) {
    std::string name = i < run.desks.size()        ? run.desks[i].name
                       : i < scenario.desks.size() ? scenario.desks[i].name
                                                   : "desk " + std::to_string(i);
    j["desks"][name] = run.backlog.by_desk[i];
  }
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
  j["backlog"] = backlog_json(run, scenario);
  return j;
}

}  // namespace

// Here rather than in a file of its own: the JSON is where the version matters most.
const char* version() { return ESCALSIM_VERSION; }

void write_json(std::ostream& out, const ExperimentResult& result, const Prediction& prediction) {
  Json j;
  j["escalsim_version"] = version();
  j["scenario"] = scenario_json(result.scenario);
  j["settings"] = settings_json(result);
  j["prediction"] = prediction_json(prediction);
  j["summary"] = summary_json(result.summary);
  j["silo_verdict"] = silo_verdict_json(silo_verdict(result, prediction));
  j["runs"] = Json::array();
  for (const RunResult& run : result.runs) j["runs"].push_back(run_json(run, result.scenario));
  // Invalid UTF-8 in the scenario text or names is replaced rather than thrown on.
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace escalsim
