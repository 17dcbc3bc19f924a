// The threshold search (escalsim/threshold.h): bisection over a grid of the parameter's
// values, each value run with the same seeds and judged with confidence.
#include "escalsim/threshold.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/sweep.h"
#include "escalsim/verdict.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

// A value as written: its leading number and the unit after it ("2 h per week": 2, "h per
// week"; "3": 3, "").
struct ValueText {
  double number = 0.0;
  std::string unit;
};

ValueText split_value(const std::string& option, const std::string& text) {
  const std::string_view trimmed = detail::trim(text);
  ValueText v;
  const char* begin = trimmed.data();
  const char* end = begin + trimmed.size();
  const auto [ptr, ec] = std::from_chars(begin, end, v.number);
  if (trimmed.empty() || ec != std::errc() || !std::isfinite(v.number)) {
    throw Error(fmt::format("{}: \"{}\" does not start with a number; expected a value of the "
                            "varied key, e.g. 2, 0.5 or \"3 h per week\"", option, text));
  }
  v.unit = std::string(detail::trim(std::string_view(ptr, static_cast<std::size_t>(end - ptr))));
  return v;
}

}  // namespace

std::string threshold_value_text(double value, const std::string& unit) {
  // Grid values carry the rounding of from + k * step: 12 significant digits drop it.
  std::string number = fmt::format("{:.12g}", value);
  if (number == "-0") number = "0";
  return unit.empty() ? number : number + " " + unit;
}

ThresholdResult find_threshold(const Scenario& base, const ThresholdOptions& options) {
  if (options.key.empty()) throw Error("--vary: expected a key, e.g. demand_multiplier");
  const ValueText from = split_value("--from", options.from);
  const ValueText to = split_value("--to", options.to);
  if (from.unit != to.unit) {
    throw Error(fmt::format("--to: \"{}\" has unit \"{}\" but --from \"{}\" has \"{}\"; give "
                            "both in the same unit", options.to, to.unit, options.from,
                            from.unit));
  }
  if (!(to.number > from.number)) {
    throw Error(fmt::format("--to: {} is not above --from {}; the search runs from the value "
                            "where the condition does not hold up to one where it does",
                            options.to, options.from));
  }
  const double span = to.number - from.number;
  const double step = options.tolerance.value_or(span / 64.0);
  if (!(step > 0.0) || !std::isfinite(step) || step > span) {
    throw Error(fmt::format("--tolerance: {} is not a step above 0 and at most --to minus "
                            "--from ({})", step, span));
  }
  if (options.replications < 2 || options.max_replications < options.replications) {
    throw Error(fmt::format("--replications: {} (up to {}): at least 2 are needed for an "
                            "interval", options.replications, options.max_replications));
  }

  ThresholdResult result;
  result.key = options.key;
  result.from = options.from;
  result.to = options.to;
  result.unit = from.unit;
  result.condition = options.condition;
  result.tolerance = step;
  result.replications = options.replications;
  result.max_replications = options.max_replications;
  result.seed = base.run.seed;

  const int last = static_cast<int>(std::ceil(span / step - 1e-9));
  // Rounded as its text is, so the CSV's value and value_text agree.
  const auto value_at = [&](int k) {
    return k >= last ? to.number
                     : std::stod(threshold_value_text(from.number + static_cast<double>(k) * step,
                                                      ""));
  };
  std::map<int, ThresholdPoint> evaluated;
  const PointScenarios scenarios(base);  // the base's text read once, not at every value
  const auto evaluate = [&](int k) -> const ThresholdPoint& {
    if (const auto found = evaluated.find(k); found != evaluated.end()) return found->second;
    ThresholdPoint point;
    point.value = value_at(k);
    point.value_text = k == 0        ? std::string(detail::trim(options.from))
                       : k >= last   ? std::string(detail::trim(options.to))
                                     : threshold_value_text(point.value, from.unit);
    SweepPoint at;
    at.settings.emplace_back(options.key, point.value_text);
    Scenario scenario;
    try {
      scenario = scenarios.at(at);
    } catch (const ScenarioError& e) {
      throw Error(fmt::format("--vary {}={}: {}", options.key, point.value_text, e.what()));
    }
    // The same seeds at every value (common random numbers): the replications differ from
    // one value to the next only by the parameter. Doubling keeps the first runs.
    int n = options.replications;
    while (true) {
      ExperimentOptions run;
      run.replications = n;
      run.threads = options.threads;
      run.engine = options.engine;
      const ExperimentResult experiment = run_experiment(scenario, run);
      result.runs += n;
      const SiloVerdict verdict = options.condition.on_verdict
                                      ? silo_verdict(experiment, predict(experiment.scenario))
                                      : SiloVerdict{};
      point.judgement = judge_condition(options.condition, experiment.summary, verdict);
      if (point.judgement.confident || n >= options.max_replications) break;
      n = std::min(2 * n, options.max_replications);
    }
    return evaluated.emplace(k, std::move(point)).first->second;
  };

  if (evaluate(0).judgement.holds) {
    result.outcome = ThresholdOutcome::kHoldsAtFrom;
  } else if (!evaluate(last).judgement.holds) {
    result.outcome = ThresholdOutcome::kNeverHolds;
  } else {
    int lo = 0, hi = last;
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      if (evaluate(mid).judgement.holds) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    result.bracket_low = value_at(lo);
    result.bracket_high = value_at(hi);
    result.estimate = 0.5 * (result.bracket_low + result.bracket_high);
    // Widened to the nearest confident decisions on either side: an undecided value near the
    // threshold only says the threshold is near it.
    int low = 0, high = last;
    for (const auto& [k, point] : evaluated) {
      if (k <= lo && point.judgement.confident && !point.judgement.holds) low = k;
    }
    for (auto it = evaluated.rbegin(); it != evaluated.rend(); ++it) {
      if (it->first >= hi && it->second.judgement.confident && it->second.judgement.holds) {
        high = it->first;
      }
    }
    result.low = value_at(low);
    result.high = value_at(high);
  }
  for (auto& [k, point] : evaluated) result.points.push_back(std::move(point));
  return result;
}

std::string threshold_headline(const ThresholdResult& r) {
  const auto text = [&r](double v) { return threshold_value_text(v, r.unit); };
  switch (r.outcome) {
    case ThresholdOutcome::kHoldsAtFrom:
      return fmt::format("\"{}\" holds at {}={} already", r.condition.text, r.key,
                         detail::trim(r.from));
    case ThresholdOutcome::kNeverHolds:
      return fmt::format("\"{}\" does not hold up to {}={}", r.condition.text, r.key,
                         detail::trim(r.to));
    case ThresholdOutcome::kFound:
      break;
  }
  std::string line = fmt::format("\"{}\" starts to hold at {}={} (between {} and {})",
                                 r.condition.text, r.key, text(r.estimate), text(r.low),
                                 text(r.high));
  return line;
}

}  // namespace escalsim
