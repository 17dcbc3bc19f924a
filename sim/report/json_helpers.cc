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

}  // namespace escalsim::detail
