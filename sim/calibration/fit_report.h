// The fit report: what `escalsim fit` fitted, against the data it fitted it to, as
// fit_report.json (every number) and fit_report.html (the page, whose every figure points
// into that JSON), written beside the scenario.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calibration/estimators.h"
#include "calibration/scenario_writer.h"
#include "calibration/staff_calibration.h"
#include "calibration/weekly_profile.h"

namespace escalsim::detail {

// What the report needs beyond the fitted model: the samples the fits came from (counts per
// distinct value, not rows) and the bookkeeping of the rows.
struct FitReportInputs {
  const FittedModel* model = nullptr;
  std::int64_t rows_read = 0;                      // data rows (the header and blank lines not)
  std::map<std::string, std::int64_t> dropped;     // reason -> rows left out
  std::map<std::string, std::int64_t> not_in_handle;  // reason -> served calls not in the fit
  std::int64_t served = 0;
  std::int64_t abandoned = 0;
  const DurationSample* handle = nullptr;
  std::vector<const DurationSample*> class_handle;  // like model->class_fits
  const CensoredSample* patience = nullptr;
  const WeeklyProfile* arrivals = nullptr;          // calls by absolute hour
  std::int64_t first_day = 0;
  std::int64_t last_day = 0;
  std::array<int, kHoursPerWeek> staff_inferred{};  // before any calibration
  std::optional<StaffCalibration> calibration;
};

struct FitReport {
  std::string json;       // fit_report.json
  std::string html;       // fit_report.html
};

// REQUIRES: every pointer in `inputs` set; the model complete.
FitReport write_fit_report(const FitReportInputs& inputs);

}  // namespace escalsim::detail
