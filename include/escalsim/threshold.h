// Thresholds: the value of a parameter at which a condition on a figure starts to hold
// ("at what demand does the CEO become a silo?"), found by bisection on common random numbers.
//
// Every value is evaluated with the same seeds (replication r of every value uses the run
// seed's stream r, as `escalsim run` does), so two values differ only by the parameter. At
// each value the condition is judged on the replication mean's 95% interval; when the
// interval straddles the condition's value, replications are doubled up to the maximum.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "escalsim/condition.h"
#include "escalsim/engine.h"
#include "escalsim/scenario.h"

namespace escalsim {

struct ThresholdOptions {
  std::string key;            // an override key as for --set, or kDemandMultiplier
  std::string from, to;       // the range as written, same unit: "2 h per week", "1"
  Condition condition;        // parse_condition on the base scenario
  int replications = 10;      // REQUIRES: >= 2 (an interval needs two); the first batch
  int max_replications = 80;  // doubling stops here when an interval still straddles
  // The values tried lie on a grid from `from` in steps of `tolerance` (in the parameter's
  // unit); the search stops when the bracket is one step wide. Empty: (to - from) / 64.
  std::optional<double> tolerance;
  int threads = 0;            // 0: every core; results do not depend on it
  EngineOptions engine;
};

// One value evaluated: the figure over its replications and the decision.
struct ThresholdPoint {
  double value = 0.0;
  std::string value_text;  // as applied: "3.5 h per week"
  ConditionJudgement judgement;
};

enum class ThresholdOutcome {
  kFound,        // does not hold at `from`, holds at `to`: the threshold lies between
  kHoldsAtFrom,  // holds at `from` already
  kNeverHolds,   // does not hold up to `to`
};

struct ThresholdResult {
  std::string key, from, to;
  std::string unit;  // the text after the number in from/to ("h per week"; "" for a number)
  Condition condition;
  ThresholdOutcome outcome = ThresholdOutcome::kFound;
  // kFound: the bisection's bracket, its last value where the condition did not hold and its
  // first where it held (one grid step apart), and `estimate` their midpoint.
  double bracket_low = 0.0, bracket_high = 0.0, estimate = 0.0;
  // kFound: the interval the threshold lies in with confidence: the largest evaluated value at
  // or below the bracket where the condition confidently did not hold, and the smallest at or
  // above it where it confidently held (`from`/`to` when none was confident). Equal to the
  // bracket when every decision was confident.
  double low = 0.0, high = 0.0;
  double tolerance = 0.0;
  int replications = 0, max_replications = 0;
  std::uint64_t seed = 0;
  std::vector<ThresholdPoint> points;  // every value evaluated, by increasing value
  int runs = 0;                        // replications simulated in all
};

// Searches [from, to] for where `options.condition` starts to hold, assuming it holds from
// some value on (monotone in the parameter). Throws Error ("--from: ...", "--vary: ...") when
// the range or key is not usable, ScenarioError when a value makes the scenario invalid.
ThresholdResult find_threshold(const Scenario& base, const ThresholdOptions& options);

// The value of `key` as applied at `value`: the number (at most 12 significant digits)
// followed by `unit`.
std::string threshold_value_text(double value, const std::string& unit);

// Outputs: every evaluated point (value, replications, figure mean, low, high, holds,
// confident), the JSON (the search, its outcome and the points), and the console text.
void write_threshold_csv(std::ostream& out, const ThresholdResult& result);
void write_threshold_json(std::ostream& out, const Scenario& scenario,
                          const ThresholdResult& result);
void write_threshold_table(std::ostream& out, const ThresholdResult& result);

// One sentence: "holds from 2.41 (between 2.38 and 2.44)", "holds at 1 already",
// "does not hold up to 4".
std::string threshold_headline(const ThresholdResult& result);

}  // namespace escalsim
