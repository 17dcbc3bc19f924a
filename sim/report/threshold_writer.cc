// The outputs of `escalsim threshold`: every evaluated value as CSV, the search as JSON, and
// the console text. Nothing depends on the clock or the machine.
#include <iterator>
#include <ostream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "escalsim/report.h"
#include "escalsim/threshold.h"
#include "report/format_helpers.h"
#include "report/json_helpers.h"

namespace escalsim {
namespace {

using Json = nlohmann::ordered_json;
using detail::csv_field;
using detail::csv_number;

const char* outcome_name(ThresholdOutcome outcome) {
  switch (outcome) {
    case ThresholdOutcome::kFound: return "found";
    case ThresholdOutcome::kHoldsAtFrom: return "holds at from";
    case ThresholdOutcome::kNeverHolds: return "does not hold up to to";
  }
  return "?";
}

const char* yes_no(bool value) { return value ? "yes" : "no"; }

// A figure as the tables show it: a duration in its largest readable unit ("1.36 d"), a
// share as a percentage, any other number with four significant digits.
std::string figure_text(const std::string& figure, double value) {
  Estimate e;
  e.mean = value;
  e.n = 1;
  const std::string name = figure.substr(figure.find('/') + 1);
  const auto ends = [&name](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(),
                                                        suffix.size(), suffix) == 0;
  };
  if (ends("_min")) return detail::format_figure(&e, detail::Unit::kDuration);
  if (ends("_share") || name == "utilisation" || ends("_rate")) {
    return detail::format_figure(&e, detail::Unit::kPercent);
  }
  return fmt::format("{:.4g}", value);
}

}  // namespace

void write_threshold_csv(std::ostream& out, const ThresholdResult& result) {
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it, "value,value_text,replications,figure,mean,low,high,holds,confident\n");
  for (const ThresholdPoint& p : result.points) {
    fmt::format_to(it, "{},{},{},{},{},{},{},{},{}\n", csv_number(p.value),
                   csv_field(p.value_text), p.judgement.n, csv_field(p.judgement.figure),
                   csv_number(p.judgement.mean), csv_number(p.judgement.low),
                   csv_number(p.judgement.high), yes_no(p.judgement.holds),
                   yes_no(p.judgement.confident));
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

void write_threshold_json(std::ostream& out, const Scenario& scenario,
                          const ThresholdResult& result) {
  Json j;
  j["escalsim_version"] = version();
  j["scenario"] = detail::scenario_json(scenario);
  Json search;
  search["key"] = result.key;
  search["from"] = result.from;
  search["to"] = result.to;
  search["unit"] = result.unit;
  search["condition"] = result.condition.text;
  search["tolerance"] = result.tolerance;
  search["replications"] = result.replications;
  search["max_replications"] = result.max_replications;
  search["seed"] = result.seed;
  search["common_random_numbers"] = true;
  j["search"] = std::move(search);
  j["outcome"] = outcome_name(result.outcome);
  j["headline"] = threshold_headline(result);
  if (result.outcome == ThresholdOutcome::kFound) {
    Json t;
    t["estimate"] = result.estimate;
    t["low"] = result.low;
    t["high"] = result.high;
    t["bracket_low"] = result.bracket_low;
    t["bracket_high"] = result.bracket_high;
    j["threshold"] = std::move(t);
  } else {
    j["threshold"] = nullptr;
  }
  j["runs"] = result.runs;
  j["points"] = Json::array();
  for (const ThresholdPoint& p : result.points) {
    Json point;
    point["value"] = p.value;
    point["value_text"] = p.value_text;
    point["replications"] = p.judgement.n;
    point["figure"] = p.judgement.figure;
    point["mean"] = p.judgement.mean;
    point["low"] = p.judgement.low;
    point["high"] = p.judgement.high;
    point["holds"] = p.judgement.holds;
    point["confident"] = p.judgement.confident;
    j["points"].push_back(std::move(point));
  }
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void write_threshold_table(std::ostream& out, const ThresholdResult& result) {
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it,
                 "escalsim {}: threshold of \"{}\" over {} from {} to {}, seed {}, {} to {} "
                 "replications a value on common random numbers, step {}\n",
                 version(), result.condition.text, result.key, result.from, result.to,
                 result.seed, result.replications, result.max_replications,
                 threshold_value_text(result.tolerance, result.unit));
  fmt::format_to(it, "figures: mean and 95% interval over the replications; more replications "
                     "where the interval straddled the condition\n\n");
  detail::TextTable table(1);
  table.add({result.key, "replications", "figure", "mean", "95% interval", "holds"});
  for (const ThresholdPoint& p : result.points) {
    const ConditionJudgement& j = p.judgement;
    table.add({p.value_text, std::to_string(j.n), j.figure, figure_text(j.figure, j.mean),
               figure_text(j.figure, j.low) + " to " + figure_text(j.figure, j.high),
               j.confident ? yes_no(j.holds)
                           : fmt::format("{} (by the mean; undecided)", yes_no(j.holds))});
  }
  table.render(buffer, "  ");
  fmt::format_to(it, "\nthreshold: {}\n", threshold_headline(result));
  fmt::format_to(it, "runs: {} replications at {} {}\n", result.runs, result.points.size(),
                 result.points.size() == 1 ? "value" : "values");
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace escalsim
