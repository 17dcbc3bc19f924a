// Conditions on a figure, as `escalsim threshold --until` takes them: "desks.frontline.wait_mean
// >= 40 min", "executive.reply_p90 <= 5 d", "desks.ceo.utilisation > 90%", "verdict.silo",
// "verdict.silo == no". Parsed once, then judged on an experiment's replications with
// confidence: a condition holds (or fails) at a point only when the whole 95% interval of
// the replication mean says so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/verdict.h"

namespace escalsim {

enum class ConditionOp { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual };

// What a condition is about and the value it compares with, in the figure's own units:
// minutes for a figure named *_min, hours for *_h, a fraction for a share, else a number.
struct Condition {
  std::string text;  // as typed, for messages and outputs

  // A verdict figure ("verdict.<field>"), or a figure of the summary (scope and metric as
  // find_metric names them, escalsim/metric_names.h).
  bool on_verdict = false;
  std::string verdict_field;  // silo, flock, cannot_keep_up, waits_longer, front_line_overloaded
  bool verdict_wanted = true; // "verdict.silo == no": false

  std::string path;    // the figure as typed: "desks.frontline.wait_mean"
  std::string scope;   // "desk:frontline"
  // The metric's names to try in order: as typed, then with "_min" (a duration was given)
  // or "_h". The first the summary holds is the figure.
  std::vector<std::string> metric_names;
  ConditionOp op = ConditionOp::kGreaterEqual;
  double value = 0.0;          // in minutes when duration_value, else as written (% / 100)
  bool duration_value = false; // the value was a duration: the figure is in minutes or hours
  std::string value_text;      // as typed
};

// How a condition fares at one point.
struct ConditionJudgement {
  bool holds = false;     // the decision (by the mean when not confident)
  bool confident = true;  // the 95% interval lies wholly on one side of the value
  // The figure: its mean and 95% interval over the replications, in the figure's units
  // (for a verdict, 1 for yes and 0 for no, with low = high = mean).
  double mean = 0.0, low = 0.0, high = 0.0;
  int n = 0;
  std::string figure;  // "desk:frontline/wait_mean_min", or "verdict.silo"
};

// Parses `text` against `scenario` (whose desks a path may name). Throws Error with a
// one-line message saying what was expected (without the option's name: the caller adds it).
//
// Paths: desks.<desk>.<metric>, executive.<metric> (the scenario's only executive desk) or
// executive.<desk>.<metric>, complaints.<metric>, customers.<metric>, economics.<metric>,
// silo.<metric>, verdict.<field>. A metric named in minutes or hours (wait_mean_min, used_h)
// may be written without the suffix when the value has units ("wait_mean >= 2 h").
// Operators: <=, <, >=, >, ==. Values: "40 min", "5 d" (days), "90%", "0.9", "12";
// for a verdict: yes, no, true, false (or nothing: "verdict.silo" means "== yes").
Condition parse_condition(std::string_view text, const Scenario& scenario);

// Judges `condition` on an experiment's summary (and its silo verdict). Throws Error naming
// the figure when the summary does not hold it.
ConditionJudgement judge_condition(const Condition& condition,
                                   const std::vector<Estimate>& summary,
                                   const SiloVerdict& verdict);

// "<=", "<", ">=", ">", "==".
const char* op_text(ConditionOp op);

}  // namespace escalsim
