// `escalsim optimise`: the least-cost plan that meets constraints on figures.
//
// A plan sets decision variables (any override key, as for --set: desks.frontline.staff,
// desks.ceo.budget, a policy parameter), each over a range or a list of values; the grid is
// every combination. Each plan is
//   1. screened by theory: the traffic equations give each desk's arrival rate, and a plan
//      is never simulated when a desk without patience has load >= 1, or when Erlang C
//      (no patience) or Erlang A (exponential patience) says a service-level or abandonment
//      constraint on a desk is missed by more than kScreeningMargin (only for a desk that
//      Erlang describes: fixed staff, exponential handle times, FIFO, flat demand);
//   2. simulated on common random numbers (replication r of every plan uses the run seed's
//      stream r, as `escalsim run` does), a first batch for every plan, then more where
//      it matters, by a sequential ranking-and-selection procedure with an indifference zone
//      (Kim and Nelson 2001, see optimise.cc), with a plan feasible only when each constraint
//      holds with 95% confidence (judge_condition's `confident`);
//   3. confirmed: the chosen plan is rerun with a different seed and every constraint judged
//      again.
// Results do not depend on the thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "escalsim/condition.h"
#include "escalsim/engine.h"
#include "escalsim/scenario.h"

namespace escalsim {

// Screening discards a plan only when theory misses a share constraint (service level,
// abandonment) by more than this (absolute, 3 percentage points): theory describes the
// stationary queue, a run has a finite horizon, so a plan near the limit is simulated.
inline constexpr double kScreeningMargin = 0.03;

// One decision variable: an override key and the values it takes, as override texts
// ("12", "3 h per week").
struct DecisionVariable {
  std::string key;
  std::vector<std::string> values;
};

// Parses a --vary argument: KEY={from: A, to: B, step: S} (A and B with the same unit after
// the number, S a number in that unit, at most 1000 values) or KEY=[v1, v2, ...].
// Throws Error with a one-line message (without the option's name).
DecisionVariable parse_decision_variable(const std::string& text);

struct OptimiseOptions {
  std::vector<DecisionVariable> variables;  // REQUIRES: at least one
  std::vector<Condition> constraints;       // may be empty
  // The objective: a figure path as a condition names it (economics.total_cost) and its
  // sense.
  std::string objective = "economics.total_cost";
  bool maximise = false;
  // The indifference zone: plans whose objectives differ by less are equally good.
  // Empty: 1% of the smallest first-batch objective mean among simulated plans.
  std::optional<double> indifference;
  int first_replications = 10;  // REQUIRES: >= 2
  int max_replications = 80;    // REQUIRES: >= first_replications
  bool screening = true;        // false: simulate every plan
  // The seed of the confirmation run; empty: the run seed + 1.
  std::optional<std::uint64_t> confirmation_seed;
  int threads = 0;
  EngineOptions engine;
};

enum class PlanStatus {
  kScreened,    // theory ruled it out; never simulated
  kInfeasible,  // a constraint confidently fails
  kUndecided,   // a constraint still undecided at max_replications
  kEliminated,  // feasible, but a feasible plan is better by the procedure
  kRunnerUp,    // feasible and within the indifference zone of the chosen plan
  kChosen,
};
const char* plan_status_name(PlanStatus status);

struct PlanResult {
  std::vector<std::string> values;  // one per variable, as applied
  PlanStatus status = PlanStatus::kScreened;
  std::string reason;               // why it lost, one line
  int replications = 0;             // simulated runs of this plan
  // The objective's mean and 95% interval (simulated plans only).
  double objective_mean = 0.0, objective_low = 0.0, objective_high = 0.0;
  std::vector<ConditionJudgement> judgements;  // one per constraint (simulated plans only)
  // The theory behind screening: per constraint the figure theory gives, when it applies.
  std::vector<std::optional<double>> theory;
};

struct OptimiseResult {
  std::vector<std::string> keys;
  std::vector<Condition> constraints;
  std::string objective;
  bool maximise = false;
  double indifference = 0.0;
  int first_replications = 0, max_replications = 0;
  std::uint64_t seed = 0, confirmation_seed = 0;
  std::vector<PlanResult> plans;  // the grid, first variable slowest
  int chosen = -1;                // index into plans; -1: no plan is feasible
  int runs = 0;                   // simulated runs in all (without the confirmation)
  int screened = 0;               // plans never simulated
  // Exhaustive search of the same grid at the replications the chosen plan needed (or
  // max_replications when none was chosen): grid size x that.
  long exhaustive_runs = 0;
  // The confirmation: the chosen plan at confirmation_seed.
  int confirmation_replications = 0;
  std::vector<ConditionJudgement> confirmation;
  double confirmation_objective = 0.0;
  bool confirmed = false;  // every constraint holds with confidence in the confirmation
};

// A scenario's `optimise:` section (scenarios/README.md): the same as the command's flags.
struct OptimiseSection {
  std::vector<DecisionVariable> variables;  // `vary`, in file order
  std::vector<Condition> constraints;       // `constraints`
  std::optional<std::string> objective;     // `minimise` or `maximise`
  bool maximise = false;
  std::optional<double> indifference;
  std::optional<int> replications, max_replications;
};

// The scenario's `optimise:` section (read again from its source text), or nothing when it
// has none. Throws ScenarioError (file:line:col) when the section is malformed; the loader
// has already checked it, so a scenario from load_scenario does not throw here.
std::optional<OptimiseSection> load_optimise_section(const Scenario& scenario);

// Runs the search. Throws Error for unusable options, ScenarioError when a plan makes the
// scenario invalid (located at the --vary value).
OptimiseResult optimise(const Scenario& base, const OptimiseOptions& options);

// What screening finds for one plan (the scenario at that plan): an empty reason when the
// plan must be simulated; `theory` gets one entry per constraint.
struct Screening {
  std::string reason;
  std::vector<std::optional<double>> theory;
};
Screening screen_plan(const Scenario& plan, const std::vector<Condition>& constraints);

namespace detail {

// The sequential procedure on its own, for tests: k systems, objective to minimise.
// `extend(systems, n)` brings every listed system to n observations; `value(i, r)` is system
// i's objective at observation r; `feasibility(i)` judges system i on the observations so
// far: +1 feasible with confidence, -1 infeasible with confidence, 0 undecided.
struct SelectionOutcome {
  std::vector<int> observations;  // per system
  std::vector<int> state;         // per system: +1 feasible, -1 infeasible, 0 undecided
  std::vector<bool> eliminated;   // feasible but beaten
  int best = -1;
};
SelectionOutcome kim_nelson_select(
    int k, int first, int max, double indifference, double alpha,
    const std::function<void(const std::vector<int>&, int)>& extend,
    const std::function<double(int, int)>& value, const std::function<int(int)>& feasibility);

}  // namespace detail

// Outputs: every plan (csv), the whole search (json), the console table and the headline.
void write_optimise_csv(std::ostream& out, const OptimiseResult& result);
void write_optimise_json(std::ostream& out, const Scenario& scenario, const OptimiseResult& r);
void write_optimise_table(std::ostream& out, const OptimiseResult& result);
std::string optimise_headline(const OptimiseResult& result);

}  // namespace escalsim
