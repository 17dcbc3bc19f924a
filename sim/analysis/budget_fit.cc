// Whether an executive's weekly budget fits in its availability windows: a budget the
// windows cannot hold is never used, and "23% used" would read as spare time.
#include "escalsim/analysis.h"

#include <fmt/format.h>

namespace escalsim {

std::vector<std::string> budget_fit_warnings(const Scenario& scenario) {
  std::vector<std::string> warnings;
  for (const Desk& desk : scenario.desks) {
    if (!desk.is_executive() || !desk.executive->per_week || desk.executive->windows.empty()) {
      continue;
    }
    double window_hours = 0.0;
    for (const AvailabilityWindow& w : desk.executive->windows) {
      window_hours += (w.to - w.from).in_hours();
    }
    const double budget_hours = desk.executive->per_week->in_hours();
    if (budget_hours <= window_hours) continue;
    warnings.push_back(fmt::format(
        "budget: {}'s budget of {:g} h per week is more than its windows hold ({:g} h a week); "
        "at most {:g} h can be used, so its budget used reads at most {:.0f}%", desk.name,
        budget_hours, window_hours, window_hours, 100.0 * window_hours / budget_hours));
  }
  return warnings;
}

}  // namespace escalsim
