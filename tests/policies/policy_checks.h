// Helpers for policy tests: a policy's figures in a run, policy configurations written
// in code, and the engine invariants every policy must keep.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/results.h"
#include "escalsim/scenario.h"

namespace escalsim::testing {

// The figure `metric` of policy `policy` ("policy:<name>" scope). Fails the test if absent.
inline double policy_figure(const RunResult& r, const std::string& policy, const std::string& metric) {
  for (const Metric& m : r.extra) {
    if (m.scope == "policy:" + policy && m.name == metric) return m.value;
  }
  FAIL("no figure " << metric << " of policy " << policy);
  return 0.0;
}

// PolicyConfig{name, {{key, value}, ...}} with a location for error messages.
inline PolicyConfig policy(const std::string& name,
                           std::vector<std::pair<std::string, std::string>> params = {}) {
  PolicyConfig c;
  c.name = name;
  c.where = SourceLocation{"test.yaml", 1, 1, "policies[0]"};
  int line = 2;
  for (auto& [key, value] : params) {
    c.params.push_back(PolicyParam{key, value, SourceLocation{"test.yaml", line++, 5,
                                                              "policies[0]." + name + "." + key}});
  }
  return c;
}

// Conservation of complaints and Little's law (L = lambda W) at every stable, busy desk.
inline void check_conservation_and_little(const RunResult& r) {
  CHECK(r.invariants.conservation);
  CHECK(r.invariants.clock_monotone);
  CHECK(r.invariants.capacity_respected);
  const ComplaintResult& c = r.complaints;
  CHECK(c.resolved + c.closed_unresolved + c.abandoned + c.refused + c.open_at_end == c.arrived);
  double span_min = (r.measured_to - r.measured_from).in_minutes();
  for (const DeskResult& d : r.desks) {
    CAPTURE(d.name);
    if (d.arrivals > 1000 && d.backlog_growth_per_week < 1.0) {
      double lambda_w = d.arrivals / span_min * d.sojourn_mean.in_minutes();
      CHECK(d.mean_in_desk == doctest::Approx(lambda_w).epsilon(0.03));
    }
  }
}

}  // namespace escalsim::testing
