// A policy from the catalogue: a named, parameterised behaviour that hooks into a run.
//
// One file per policy in this folder, registered by name in registry.cc. Policies know
// nothing of files or output: they see the run through PolicyContext and report figures
// with PolicyContext::count. Several policies compose: hooks run in file order, each seeing
// what the previous one decided.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "escalsim/complaint.h"
#include "engine/demand_process.h"
#include "escalsim/policy_flows.h"
#include "escalsim/scenario.h"

namespace escalsim {

class Policy;

// Returned by Policy::route_after_service to leave the decision to the scenario's routes.
inline constexpr int kFollowRoutes = -2;

// What a policy may see and do during a run (implemented by the engine).
class PolicyContext {
 public:
  virtual ~PolicyContext() = default;

  virtual double now_min() const = 0;
  virtual const Scenario& scenario() const = 0;

  // A uniform draw on [0, 1) about complaint `c` for `purpose`: the same in every variant
  // of a scenario (keyed by the complaint's identity and visit, like the engine's own
  // draws). Use it for every draw about one complaint, so that policies keep variants paired.
  virtual double uniform_for(const Complaint& c, std::string_view purpose) = 0;
  // A uniform draw from the run's stream for `purpose`, for draws about no one complaint.
  // Sequential: what it gives depends on how many draws came before, in any variant.
  virtual double uniform(std::string_view purpose) = 0;

  // Wakes `policy` (its on_timer, with `tag`) at `at_min`.
  virtual void schedule(Policy& policy, double at_min, std::uint32_t tag) = 0;

  // Executive time spent outside handling complaints (signing replies, answering in public,
  // asking customers): charged to executive desk `desk`'s budget when the desk has budget
  // left this week and month; returns whether it was charged. Never exceeds the budget by
  // more than one item, as for complaints.
  virtual bool spend_executive_time(int desk, double minutes) = 0;
  // Adds `extra` staff (negative to remove) to `desk` on top of its calendar.
  virtual void add_staff(int desk, int extra) = 0;
  // The executive of executive desk `executive` joins staff desk `desk`'s staff (`on`), or
  // comes back (`!on`). The executive is in one place: while away, the executive desk starts
  // no work (its staff is 0; work in progress finishes) and spend_executive_time refuses.
  // The time away is executive time: at the return it is charged to the desk's weekly
  // budget (beyond it if need be: it is spent, not asked for) and counted in the desk's
  // hours used (ExecutiveResult::used and ::elsewhere), not as staff hours.
  virtual void lend_executive(int executive, int desk, bool on) = 0;
  // Staff on duty, busy and waiting at `desk` now.
  virtual int staff(int desk) const = 0;
  virtual int waiting(int desk) const = 0;

  // Adds to a figure reported for this policy: metric `metric` of scope "policy:<name>",
  // counted after the warm-up only.
  virtual void count(const Policy& policy, std::string_view metric, double amount = 1.0) = 0;
};

class Policy {
 public:
  virtual ~Policy() = default;

  // The catalogue name, as in YAML ("open_inbox").
  virtual std::string_view name() const = 0;

  // At time 0, before any event.
  virtual void start(PolicyContext&) {}
  // A timer set with PolicyContext::schedule is due.
  virtual void on_timer(PolicyContext&, std::uint32_t /*tag*/) {}

  // Demand feedback: `stream`'s demand with these attributes arrives at the scenario's rate
  // times demand_factor (the product over policies). The stream's own candidates are never
  // rescaled: with a factor f below 1 each is kept with probability f, by a draw keyed per
  // candidate; with max_demand_factor m above 1 (of all policies, multiplied), the excess
  // comes from a superposed stream of extra candidates at m - 1 times the rate, each kept
  // with probability (f - 1) / (m - 1). So a policy whose factor stays 1 leaves every
  // complaint as it would be without it. Called once per candidate, at its arrival time.
  // REQUIRES: 0 <= demand_factor <= max_demand_factor() always.
  virtual double demand_factor(PolicyContext&, const ComplaintAttributes&, int /*stream*/) {
    return 1.0;
  }
  // The most demand_factor can ever return; above 1, the run carries a stream of extra
  // candidates (events, even while the factor is 1), so keep it as low as the policy allows.
  virtual double max_demand_factor() const { return 1.0; }

  // Where a new complaint (or a returning customer) enters. Return a desk index.
  virtual int entry_desk(PolicyContext&, Complaint&, int desk) { return desk; }

  // The handle time of a service about to start; `drawn_min` is the desk's own draw (or
  // what the previous policy returned).
  virtual double handle_time_min(PolicyContext&, const Complaint&, int /*desk*/, double drawn_min) {
    return drawn_min;
  }

  // The probability that the service ending now resolves the complaint.
  virtual double resolution_probability(PolicyContext&, const Complaint&, int /*desk*/,
                                        double probability) {
    return probability;
  }

  // After service, before the scenario's routes: a desk index, kExit, or kFollowRoutes.
  virtual int route_after_service(PolicyContext&, Complaint&, int /*desk*/, bool /*resolved*/) {
    return kFollowRoutes;
  }

  // After the scenario's routes chose `target` (a desk index or kExit) for a complaint
  // served at `desk`: the policy may change it (e.g. frontline only turns routes into an
  // executive desk into exits).
  virtual int route_chosen(PolicyContext&, Complaint&, int /*desk*/, bool /*resolved*/, int target) {
    return target;
  }

  // A service ended at `desk` (after resolution was drawn, before routing).
  virtual void on_served(PolicyContext&, const Complaint&, int /*desk*/, bool /*resolved*/) {}

  // A complaint leaves the system.
  virtual void on_complaint_end(PolicyContext&, const Complaint&, FinalState) {}

  // The flows this policy adds outside the scenario's routes, in a fixed order.
  virtual std::vector<PolicyFlow> flows() const { return {}; }

  // The desks those flows lead to. Graph validation counts them as reachable.
  std::vector<int> sends_to() const {
    std::vector<int> desks;
    for (const PolicyFlow& f : flows()) desks.push_back(f.to);
    return desks;
  }

  // For traces only: why this policy has just sent `c` away from `desk` (entry_desk or
  // route_after_service chose another desk), e.g. "severity at least serious". Empty when
  // the policy's name says it all.
  virtual std::string explain_route(const PolicyContext&, const Complaint&, int /*desk*/) const {
    return {};
  }

  // Set by the engine: the policy's position in Scenario::policies.
  int index = 0;
};

// Builds the policy `config` names for `scenario`, parsing its parameters.
// Throws ScenarioError at the parameter (file:line:col) for an unknown policy or parameter,
// or a bad value.
std::unique_ptr<Policy> make_policy(const PolicyConfig& config, const Scenario& scenario);

// The names of every policy in the catalogue, in catalogue order.
const std::vector<std::string>& policy_names();

}  // namespace escalsim
