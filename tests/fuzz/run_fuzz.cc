// libFuzzer target: any bytes as a scenario file, and what loads is run once, shortened so
// that each input takes milliseconds. Loading is as in loader_fuzz.cc; the run must end
// without an exception (a ModelError here is an invariant broken by a valid scenario), with
// every complaint accounted for.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"

namespace {

// About this many complaints per input at most, whatever the rates and the horizon say.
constexpr double kComplaintsPerInput = 5000;

escalsim::Duration short_horizon(const escalsim::Scenario& s) {
  double per_hour = 0.0;
  for (const escalsim::DemandStream& d : s.demand) {
    double peak = 1.0;
    for (const escalsim::Surge& surge : d.surges) peak = std::max(peak, surge.factor);
    per_hour += d.rate.in_per_hour() * peak;
  }
  escalsim::Duration cap = escalsim::Duration::weeks(2);
  if (per_hour > 0) cap = std::min(cap, escalsim::Duration::hours(kComplaintsPerInput / per_hour));
  return std::min(s.run.horizon, cap);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  escalsim::Scenario scenario;
  try {
    scenario = escalsim::load_scenario_text(text, "fuzz.yaml");
  } catch (const escalsim::ScenarioError& e) {
    const std::string message = e.what();
    if (message.rfind("fuzz.yaml", 0) != 0 || message.find('\n') != std::string::npos) {
      std::abort();
    }
    return 0;
  }
  scenario.run.horizon = short_horizon(scenario);
  if (scenario.run.warmup >= scenario.run.horizon) scenario.run.warmup = escalsim::Duration();
  escalsim::EngineOptions options;
  options.check_invariants = true;
  options.max_in_system = 20000;
  const escalsim::RunResult r = escalsim::run_once(scenario, 0, options);
  const escalsim::ComplaintResult& c = r.complaints;
  if (c.resolved + c.closed_unresolved + c.abandoned + c.refused + c.open_at_end != c.arrived) {
    std::abort();
  }
  return 0;
}
