// The one place where an experiment's prediction, verdict, warnings and a sweep's saturation
// are computed for the writers (escalsim/findings.h).
#include "escalsim/findings.h"

#include "analysis/saturation.h"
#include "escalsim/errors.h"

namespace escalsim {

Findings find_findings(const ExperimentResult& result) {
  Findings findings;
  findings.prediction = predict(result.scenario);
  findings.verdict = silo_verdict(result, findings.prediction);
  findings.warnings = budget_fit_warnings(result.scenario);
  return findings;
}

std::vector<Findings> find_findings(const Comparison& comparison) {
  std::vector<Findings> out;
  out.reserve(comparison.variants.size());
  for (const ComparedVariant& v : comparison.variants) out.push_back(find_findings(v.result));
  return out;
}

std::optional<SiloVerdict> find_point_verdict(const Scenario& scenario,
                                              const PointResult& point) {
  return find_point_verdict(scenario, PointScenarios(scenario), point);
}

std::optional<SiloVerdict> find_point_verdict(const Scenario& scenario,
                                              const PointScenarios& points,
                                              const PointResult& point) {
  // The point's scenario as run (a scenario built in code has no text to re-read: its own).
  ExperimentResult at;
  try {
    at.scenario = scenario.source_text.empty() ? scenario : points.at(point.point);
  } catch (const ScenarioError&) {
    return std::nullopt;  // not a point a sweep could have run
  }
  at.summary = point.summary;
  return silo_verdict(at, predict(at.scenario));
}

void find_scale_findings(const Scenario& scenario, const SweepResult& result,
                         SweepFindings& findings) {
  findings.scale_study = detail::has_demand_multiplier(scenario, result);
  if (findings.scale_study) {
    findings.saturation = saturation(scenario, result);
    findings.silo_onset = silo_onset(scenario, result, findings.verdicts);
  }
}

SweepFindings find_findings(const Scenario& scenario, const SweepResult& result) {
  SweepFindings findings;
  findings.verdicts.reserve(result.points.size());
  const PointScenarios points(scenario);
  for (const PointResult& point : result.points) {
    findings.verdicts.push_back(find_point_verdict(scenario, points, point));
  }
  find_scale_findings(scenario, result, findings);
  return findings;
}

}  // namespace escalsim
