// The outputs of `escalsim optimise`: every plan as CSV, the search as JSON, the console
// table and the headline. Nothing depends on the clock, the machine or the thread count.
#include <iterator>
#include <ostream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "escalsim/optimise.h"
#include "escalsim/report.h"
#include "report/format_helpers.h"
#include "report/json_helpers.h"

namespace escalsim {
namespace {

using Json = nlohmann::ordered_json;
using detail::csv_field;
using detail::csv_number;

const char* yes_no(bool value) { return value ? "yes" : "no"; }

bool simulated(const PlanResult& p) { return p.status != PlanStatus::kScreened; }

// "1,600".
std::string grouped(long n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && digits[i - 1] != '-' && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A money-like figure: "1.23 M", "45.6 k", "812".
std::string amount(double v) {
  const double a = std::abs(v);
  if (a >= 1e6) return fmt::format("{:.3g} M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.3g} k", v / 1e3);
  return fmt::format("{:.4g}", v);
}

std::string plan_text(const OptimiseResult& r, const PlanResult& p) {
  std::string text;
  for (std::size_t v = 0; v < r.keys.size(); ++v) {
    if (v > 0) text += ", ";
    text += r.keys[v] + "=" + p.values[v];
  }
  return text;
}

// A constraint's figure as the table shows it: shares as percentages, durations in the
// unit that reads (the figure is in minutes, or in hours for a *_h figure).
std::string figure(const Condition& c, const std::string& name_seen, double v) {
  if (c.on_verdict) return v > 0.5 ? "yes" : "no";
  const std::string& name = c.metric_names.front();
  if (c.duration_value || name_seen.ends_with("_min") || name_seen.ends_with("_h")) {
    const double minutes = name_seen.ends_with("_h") ? v * 60.0 : v;
    if (std::abs(minutes) >= 1440.0) return fmt::format("{:.3g} d", minutes / 1440.0);
    if (std::abs(minutes) >= 60.0) return fmt::format("{:.3g} h", minutes / 60.0);
    return fmt::format("{:.3g} min", minutes);
  }
  if (c.value_text.find('%') != std::string::npos || name.rfind("service_level_", 0) == 0 ||
      name == "abandonment" || name.find("share") != std::string::npos) {
    return fmt::format("{:.1f}%", 100.0 * v);
  }
  return fmt::format("{:.4g}", v);
}

}  // namespace

void write_optimise_csv(std::ostream& out, const OptimiseResult& r) {
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it, "plan");
  for (const std::string& key : r.keys) fmt::format_to(it, ",{}", csv_field(key));
  fmt::format_to(it, ",status,simulated,replications,objective,objective_mean,objective_low,"
                     "objective_high");
  for (std::size_t c = 0; c < r.constraints.size(); ++c) {
    fmt::format_to(it, ",constraint{0}_theory,constraint{0}_mean,constraint{0}_low,"
                       "constraint{0}_high,constraint{0}_holds",
                   c + 1);
  }
  fmt::format_to(it, ",reason\n");
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    const PlanResult& p = r.plans[i];
    fmt::format_to(it, "{}", i + 1);
    for (const std::string& v : p.values) fmt::format_to(it, ",{}", csv_field(v));
    const bool sim = simulated(p);
    fmt::format_to(it, ",{},{},{},{},{},{},{}", plan_status_name(p.status), yes_no(sim),
                   p.replications, csv_field(r.objective),
                   sim ? csv_number(p.objective_mean) : "", sim ? csv_number(p.objective_low) : "",
                   sim ? csv_number(p.objective_high) : "");
    for (std::size_t c = 0; c < r.constraints.size(); ++c) {
      const bool has_theory = c < p.theory.size() && p.theory[c].has_value();
      fmt::format_to(it, ",{}", has_theory ? csv_number(*p.theory[c]) : "");
      if (sim && c < p.judgements.size()) {
        const ConditionJudgement& j = p.judgements[c];
        fmt::format_to(it, ",{},{},{},{}", csv_number(j.mean), csv_number(j.low),
                       csv_number(j.high),
                       j.confident ? yes_no(j.holds) : "undecided");
      } else {
        fmt::format_to(it, ",,,,");
      }
    }
    fmt::format_to(it, ",{}\n", csv_field(p.reason));
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

void write_optimise_json(std::ostream& out, const Scenario& scenario, const OptimiseResult& r) {
  Json j;
  j["escalsim_version"] = version();
  j["scenario"] = detail::scenario_json(scenario);
  Json search;
  search["variables"] = r.keys;
  search["constraints"] = Json::array();
  for (const Condition& c : r.constraints) search["constraints"].push_back(c.text);
  // Each constraint's figure and the value it is compared with, in the figure's units
  // (minutes for a duration, a fraction for a share; a verdict: 1 for yes).
  search["constraint_limits"] = Json::array();
  for (const Condition& c : r.constraints) {
    search["constraint_limits"].push_back(
        {{"figure", c.path}, {"op", op_text(c.op)},
         {"value", c.on_verdict ? (c.verdict_wanted ? 1.0 : 0.0) : c.value}});
  }
  search["objective"] = r.objective;
  search["sense"] = r.maximise ? "max" : "min";
  search["indifference_zone"] = r.indifference;
  search["first_replications"] = r.first_replications;
  search["max_replications"] = r.max_replications;
  search["seed"] = r.seed;
  search["common_random_numbers"] = true;
  search["screening_margin"] = kScreeningMargin;
  search["procedure"] = "Kim-Nelson KN (2001) with feasibility at 95% per constraint";
  j["search"] = std::move(search);
  j["headline"] = optimise_headline(r);
  j["chosen"] = r.chosen >= 0 ? Json(r.chosen + 1) : Json(nullptr);
  j["grid_plans"] = r.plans.size();
  j["screened_plans"] = r.screened;
  j["runs"] = r.runs;
  j["exhaustive_runs"] = r.exhaustive_runs;
  if (r.chosen >= 0) {
    Json c;
    c["seed"] = r.confirmation_seed;
    c["replications"] = r.confirmation_replications;
    c["objective_mean"] = r.confirmation_objective;
    c["confirmed"] = r.confirmed;
    c["constraints"] = Json::array();
    for (std::size_t i = 0; i < r.confirmation.size(); ++i) {
      const ConditionJudgement& cj = r.confirmation[i];
      c["constraints"].push_back({{"condition", r.constraints[i].text},
                                  {"mean", cj.mean},
                                  {"low", cj.low},
                                  {"high", cj.high},
                                  {"holds", cj.holds},
                                  {"confident", cj.confident}});
    }
    j["confirmation"] = std::move(c);
  } else {
    j["confirmation"] = nullptr;
  }
  j["plans"] = Json::array();
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    const PlanResult& p = r.plans[i];
    Json plan;
    plan["plan"] = i + 1;
    Json values;
    for (std::size_t v = 0; v < r.keys.size(); ++v) values[r.keys[v]] = p.values[v];
    plan["values"] = std::move(values);
    plan["status"] = plan_status_name(p.status);
    plan["simulated"] = simulated(p);
    plan["replications"] = p.replications;
    if (simulated(p)) {
      plan["objective"] = {{"mean", p.objective_mean},
                           {"low", p.objective_low},
                           {"high", p.objective_high}};
    } else {
      plan["objective"] = nullptr;
    }
    plan["constraints"] = Json::array();
    for (std::size_t c = 0; c < r.constraints.size(); ++c) {
      Json cj;
      cj["condition"] = r.constraints[c].text;
      cj["theory"] = c < p.theory.size() && p.theory[c] ? Json(*p.theory[c]) : Json(nullptr);
      if (simulated(p) && c < p.judgements.size()) {
        cj["mean"] = p.judgements[c].mean;
        cj["low"] = p.judgements[c].low;
        cj["high"] = p.judgements[c].high;
        cj["holds"] = p.judgements[c].holds;
        cj["confident"] = p.judgements[c].confident;
      }
      plan["constraints"].push_back(std::move(cj));
    }
    plan["reason"] = p.reason;
    j["plans"].push_back(std::move(plan));
  }
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

std::string optimise_headline(const OptimiseResult& r) {
  const std::string runs = fmt::format("{} runs instead of {} (exhaustive search of the {} "
                                       "plans)", grouped(r.runs), grouped(r.exhaustive_runs),
                                       grouped(static_cast<long>(r.plans.size())));
  if (r.chosen < 0) {
    return fmt::format("No plan meets all {} constraints with 95% confidence; {}",
                       r.constraints.size(), runs);
  }
  const PlanResult& p = r.plans[static_cast<std::size_t>(r.chosen)];
  const std::string meets =
      r.constraints.size() == 1 ? std::string("meets its constraint")
                                : fmt::format("meets all {} constraints", r.constraints.size());
  return fmt::format("{} plan: {} — {} {}; {} with 95% confidence{}; {}",
                     r.maximise ? "Best" : "Least-cost",
                     plan_text(r, p), r.objective, amount(p.objective_mean), meets,
                     r.confirmed ? " (confirmed with new seeds)"
                                 : " (NOT confirmed with new seeds: see the confirmation)",
                     runs);
}

void write_optimise_table(std::ostream& out, const OptimiseResult& r) {
  fmt::memory_buffer buffer;
  auto it = std::back_inserter(buffer);
  fmt::format_to(it,
                 "escalsim {}: optimise {} {} over {} plans, seed {}, {} to {} replications a "
                 "plan on common random numbers, indifference zone {}\n",
                 version(), r.maximise ? "max" : "min", r.objective, r.plans.size(), r.seed,
                 r.first_replications, r.max_replications, amount(r.indifference));
  for (std::size_t c = 0; c < r.constraints.size(); ++c) {
    fmt::format_to(it, "constraint {}: {}\n", c + 1, r.constraints[c].text);
  }
  fmt::format_to(it, "figures: mean over the replications; plans screened by theory were not "
                     "simulated\n\n");
  detail::TextTable table(r.keys.size());
  std::vector<std::string> header = r.keys;
  header.push_back("status");
  header.push_back("runs");
  header.push_back(r.objective);
  for (std::size_t c = 0; c < r.constraints.size(); ++c) {
    header.push_back(fmt::format("constraint {}", c + 1));
  }
  table.add(header);
  for (const PlanResult& p : r.plans) {
    std::vector<std::string> row = p.values;
    row.push_back(plan_status_name(p.status));
    row.push_back(std::to_string(p.replications));
    row.push_back(simulated(p) ? amount(p.objective_mean) : "-");
    for (std::size_t c = 0; c < r.constraints.size(); ++c) {
      if (simulated(p) && c < p.judgements.size()) {
        const ConditionJudgement& j = p.judgements[c];
        row.push_back(figure(r.constraints[c], j.figure, j.mean) +
                      (j.confident ? (j.holds ? " ok" : " fails") : " ?"));
      } else if (c < p.theory.size() && p.theory[c]) {
        row.push_back(figure(r.constraints[c], "", *p.theory[c]) + " (theory)");
      } else {
        row.push_back("-");
      }
    }
    table.add(row);
  }
  table.render(buffer, "  ");
  fmt::format_to(it, "\n{}\n", optimise_headline(r));
  if (r.chosen >= 0) {
    fmt::format_to(it, "confirmation (seed {}, {} replications): {}\n", r.confirmation_seed,
                   r.confirmation_replications,
                   r.confirmed ? "every constraint holds with 95% confidence"
                               : "a constraint is not confirmed");
    for (std::size_t c = 0; c < r.confirmation.size(); ++c) {
      const ConditionJudgement& j = r.confirmation[c];
      fmt::format_to(it, "  {}: {} ({} to {}) {}\n", r.constraints[c].text,
                     figure(r.constraints[c], j.figure, j.mean),
                     figure(r.constraints[c], j.figure, j.low),
                     figure(r.constraints[c], j.figure, j.high),
                     j.confident ? (j.holds ? "holds" : "fails") : "undecided");
    }
  }
  fmt::format_to(it, "why the others lost:\n");
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    const PlanResult& p = r.plans[i];
    if (p.status == PlanStatus::kChosen) continue;
    fmt::format_to(it, "  {} [{}]: {}\n", plan_text(r, p), plan_status_name(p.status), p.reason);
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace escalsim
