// JSON pieces shared by the writers.
#include "report/json_helpers.h"

#include <string>
#include <utility>

namespace escalsim::detail {

Json scenario_json(const Scenario& scenario) {
  Json j;
  j["name"] = scenario.run.name;
  j["description"] = scenario.run.description;
  j["path"] = scenario.source_path;
  j["text"] = scenario.source_text;
  j["overrides"] = Json::array();
  for (const std::string& o : scenario.overrides) j["overrides"].push_back(o);
  return j;
}

Json summary_json(const std::vector<Estimate>& summary) {
  Json j = Json::array();
  for (const Estimate& e : summary) {
    Json row;
    row["scope"] = e.scope;
    row["metric"] = e.name;
    row["mean"] = e.mean;
    row["half_width"] = e.half_width;
    row["sd"] = e.sd;
    row["n"] = e.n;
    j.push_back(std::move(row));
  }
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
  j["grade"] = grade_name(verdict.grade);
  j["headline"] = verdict.headline;
  j["flock"] = verdict.flock;
  j["cannot_keep_up"] = verdict.cannot_keep_up;
  j["waits_longer"] = verdict.waits_longer;
  j["front_line_overloaded"] = verdict.front_line_overloaded;
  j["desk"] = verdict.desk;
  j["evidence"] = verdict.evidence;
  return j;
}

}  // namespace escalsim::detail
