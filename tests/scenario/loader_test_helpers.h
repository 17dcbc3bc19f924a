// Scenario texts and helpers shared by the loader's tests (tests/scenario/load_*_test.cc).
#pragma once

#include <string>
#include <vector>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"

namespace escalsim::loader_test {

inline const std::string kMinimal = R"(run:
  horizon: 4 weeks
demand:
  rate: 120 per day
desks:
  frontline:
    staff: 20
    handle_time: 25 min
)";

// The message of the ScenarioError that loading `text` throws, or "" if it loads.
inline std::string error_of(const std::string& text,
                            const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario_text(text, "s.yaml", overrides);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

// kMinimal with one desk's text replaced, for desk-level tests.
inline Scenario with_desk(const std::string& desk_body) {
  return load_scenario_text(R"(run:
  horizon: 4 weeks
demand:
  rate: 120 per day
desks:
  frontline:
)" + desk_body,
                            "s.yaml");
}

inline constexpr double kEps = 1e-9;

// A small company with an executive desk, for the sweep tests; `sweep` is appended.
inline std::string with_sweep(const std::string& sweep) {
  return R"(run:
  horizon: 4 weeks
  replications: 4
demand:
  - {name: web, rate: 120 per day}
  - {name: phone, rate: 24 per day}
desks:
  frontline:
    staff: 20
    handle_time: 25 min
  ceo:
    budget: 2 h per week
    handle_time: 30 min
routes:
  - {from: frontline, to: ceo, when: always, probability: 0.1}
)" + sweep;
}

inline std::vector<std::string> values_of(const SweepParameter& p) { return p.values; }

// A company with an executive desk and two channels, for policy and customer tests.
inline const std::string kWithCeo = R"(run:
  horizon: 4 weeks
demand:
  rate: 120 per day
  channels: {email: 0.6, phone: 0.4}
desks:
  frontline: {staff: 20, handle_time: 25 min}
  ceo:
    budget: 3 h per week
    handle_time: 30 min
routes:
  - {from: frontline, to: ceo, when: unresolved, probability: 0.1}
)";

}  // namespace escalsim::loader_test
