// Test helper: `escalsim fit` as the calibration tests use it, on a folder holding log.csv
// and map.yaml: the fit, and its scenario written to fitted.yaml and loaded back as
// `escalsim run` would load it.
#pragma once

#include <filesystem>

#include "escalsim/calibration.h"
#include "escalsim/scenario.h"
#include "tools/program_runner.h"

namespace escalsim::testing {

struct FittedFolder {
  FitOutcome fitted;
  Scenario scenario;  // fitted.yaml, loaded back
};

inline FittedFolder fit_folder(const std::filesystem::path& dir) {
  FitRequest request;
  request.log_path = (dir / "log.csv").string();
  request.map_path = (dir / "map.yaml").string();
  FittedFolder out;
  out.fitted = fit_call_log(request);
  write_file(dir / "fitted.yaml", out.fitted.scenario_yaml);
  out.scenario = load_scenario((dir / "fitted.yaml").string());
  return out;
}

}  // namespace escalsim::testing
