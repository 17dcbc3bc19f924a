// The search of `escalsim optimise` (escalsim/optimise.h): a grid of plans, screened by
// queueing theory, the rest simulated on common random numbers and selected by a fully
// sequential indifference-zone procedure with feasibility checks.
//
// The procedure is KN of S.-H. Kim and B. L. Nelson, "A fully sequential procedure for
// indifference-zone selection in simulation", ACM TOMACS 11(3):251-273, 2001, with
// feasibility judged as in S. Andradottir and S.-H. Kim, "Fully sequential procedures for
// comparing constrained systems via simulation", Naval Research Logistics 57(5), 2010, in
// the simpler form used here: a plan is feasible once every constraint's 95% interval lies
// on the right side of its value, infeasible once one lies on the wrong side, and only a
// feasible plan may eliminate another. Stage-1 variances of the paired differences (common
// random numbers make them small) set each pair's continuation region; the survivors get
// more replications in batches of a fifth of those so far (checking the elimination rule
// less often than after every replication only makes KN more conservative).
#include "escalsim/optimise.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "analysis/erlang.h"
#include "escalsim/analysis.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/metric_names.h"
#include "escalsim/sweep.h"
#include "escalsim/threshold.h"
#include "escalsim/verdict.h"
#include "experiment/parallel_for.h"
#include "experiment/warmup_mser.h"
#include "scenario/sweep_point.h"
#include "scenario/unit_parser.h"

namespace escalsim {
namespace {

constexpr int kMaxValuesPerVariable = 1000;
constexpr long kMaxPlans = 100'000;

struct NumberAndUnit {
  double number = 0.0;
  std::string unit;
};

NumberAndUnit split_number(const std::string& what, const std::string& text) {
  const std::string_view trimmed = detail::trim(text);
  NumberAndUnit v;
  const char* begin = trimmed.data();
  const char* end = begin + trimmed.size();
  const auto [ptr, ec] = std::from_chars(begin, end, v.number);
  if (trimmed.empty() || ec != std::errc() || !std::isfinite(v.number)) {
    throw Error(fmt::format("{} \"{}\" does not start with a number, e.g. 10 or \"2 h per "
                            "week\"", what, text));
  }
  v.unit = std::string(detail::trim(std::string_view(ptr, static_cast<std::size_t>(end - ptr))));
  return v;
}

std::string scalar_text(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) throw Error(fmt::format("{} is not a single value", what));
  return node.Scalar();
}

}  // namespace

DecisionVariable parse_decision_variable(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) {
    throw Error(fmt::format("expected KEY={{from: A, to: B, step: S}} or KEY=[v1, v2], got "
                            "\"{}\"", text));
  }
  DecisionVariable v;
  v.key = std::string(detail::trim(std::string_view(text).substr(0, equals)));
  if (v.key.empty()) throw Error(fmt::format("the key before '=' is empty in \"{}\"", text));
  const std::string body(detail::trim(std::string_view(text).substr(equals + 1)));
  YAML::Node node;
  try {
    node = YAML::Load(body);
  } catch (const YAML::Exception& e) {
    throw Error(fmt::format("{}: \"{}\" is not {{from: A, to: B, step: S}} or [v1, v2]: {}",
                            v.key, body, e.msg));
  }
  if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      v.values.push_back(scalar_text(node[i], fmt::format("{}: value {}", v.key, i + 1)));
    }
  } else if (node.IsMap()) {
    for (const auto& entry : node) {
      const std::string name = entry.first.as<std::string>();
      if (name != "from" && name != "to" && name != "step") {
        throw Error(fmt::format("{}: unknown key \"{}\" in the range; expected from, to and "
                                "step", v.key, name));
      }
    }
    for (const char* needed : {"from", "to", "step"}) {
      if (!node[needed]) {
        throw Error(fmt::format("{}: the range has no \"{}\"; expected {{from: A, to: B, "
                                "step: S}}", v.key, needed));
      }
    }
    const NumberAndUnit from = split_number(v.key + ": from", scalar_text(node["from"], "from"));
    const NumberAndUnit to = split_number(v.key + ": to", scalar_text(node["to"], "to"));
    const NumberAndUnit step = split_number(v.key + ": step", scalar_text(node["step"], "step"));
    if (from.unit != to.unit || (!step.unit.empty() && step.unit != from.unit)) {
      throw Error(fmt::format("{}: from, to and step must have the same unit (\"{}\", \"{}\", "
                              "\"{}\")", v.key, from.unit, to.unit, step.unit));
    }
    if (!(step.number > 0.0)) throw Error(fmt::format("{}: step must be above 0", v.key));
    if (to.number < from.number) {
      throw Error(fmt::format("{}: to ({}) is below from ({})", v.key, to.number, from.number));
    }
    const double count = std::floor((to.number - from.number) / step.number + 1e-9) + 1.0;
    if (count > kMaxValuesPerVariable) {
      throw Error(fmt::format("{}: the range has {} values; at most {} are allowed", v.key,
                              count, kMaxValuesPerVariable));
    }
    for (int k = 0; k < static_cast<int>(count); ++k) {
      v.values.push_back(threshold_value_text(from.number + k * step.number, from.unit));
    }
  } else {
    throw Error(fmt::format("{}: \"{}\" is not {{from: A, to: B, step: S}} or [v1, v2]",
                            v.key, body));
  }
  if (v.values.empty()) throw Error(fmt::format("{}: no values to try", v.key));
  return v;
}

const char* plan_status_name(PlanStatus status) {
  switch (status) {
    case PlanStatus::kScreened: return "screened";
    case PlanStatus::kInfeasible: return "infeasible";
    case PlanStatus::kUndecided: return "undecided";
    case PlanStatus::kEliminated: return "eliminated";
    case PlanStatus::kRunnerUp: return "runner-up";
    case PlanStatus::kChosen: return "chosen";
  }
  return "?";
}

namespace {

// Whether Erlang's single-queue model describes desk `d` of `plan`: fixed staff, exponential
// handle times, FIFO, no waiting-room limit, no patience or an exponential one, and demand
// that is Poisson at a constant rate (flat weekly patterns, no surges).
bool erlang_describes(const Scenario& plan, const Desk& desk) {
  if (desk.is_executive() || !desk.shifts.empty() || desk.queue_limit) return false;
  if (desk.handle_time.kind != Distribution::Kind::kExponential) return false;
  if (desk.discipline != QueueDiscipline::kFifo) return false;
  if (desk.patience && desk.patience->kind != Distribution::Kind::kExponential) return false;
  for (const DemandStream& stream : plan.demand) {
    if (stream.pattern.name != "flat" || !stream.surges.empty()) return false;
  }
  return true;
}

std::string percent(double share) { return fmt::format("{:.1f}%", 100.0 * share); }

bool violates(const Condition& c, double theory) {
  switch (c.op) {
    case ConditionOp::kGreater:
    case ConditionOp::kGreaterEqual: return theory < c.value - kScreeningMargin;
    case ConditionOp::kLess:
    case ConditionOp::kLessEqual: return theory > c.value + kScreeningMargin;
    case ConditionOp::kEqual: return false;
  }
  return false;
}

}  // namespace

Screening screen_plan(const Scenario& plan, const std::vector<Condition>& constraints) {
  Screening out;
  out.theory.resize(constraints.size());
  const Prediction prediction = predict(plan);
  for (std::size_t d = 0; d < plan.desks.size() && d < prediction.desks.size(); ++d) {
    const Desk& desk = plan.desks[d];
    const DeskPrediction& p = prediction.desks[d];
    if (!p.reachable || desk.patience || desk.queue_limit || desk.is_executive()) continue;
    if (p.load >= 1.0 && out.reason.empty()) {
      out.reason = fmt::format("desks.{}: load {:.3g} >= 1 with no patience (traffic "
                               "equations): the backlog grows without bound", desk.name, p.load);
    }
  }
  for (std::size_t i = 0; i < constraints.size(); ++i) {
    const Condition& c = constraints[i];
    if (c.on_verdict || c.scope.rfind(metric::kDeskPrefix, 0) != 0) continue;
    const std::string name = c.scope.substr(std::string(metric::kDeskPrefix).size());
    const auto desk_it = std::find_if(plan.desks.begin(), plan.desks.end(),
                                      [&](const Desk& d) { return d.name == name; });
    if (desk_it == plan.desks.end()) continue;
    const auto d = static_cast<std::size_t>(desk_it - plan.desks.begin());
    const Desk& desk = *desk_it;
    if (d >= prediction.desks.size() || !erlang_describes(plan, desk)) continue;
    const double lambda = prediction.desks[d].arrival_rate_per_hour;
    const double handle_h = desk.handle_time.mean.in_hours();
    const std::string& metric = c.metric_names.front();
    std::optional<double> theory;
    std::string model;
    if (metric.rfind(metric::kServiceLevelPrefix, 0) == 0 && !desk.patience) {
      const std::vector<Duration>& targets =
          desk.service_level.empty() ? plan.service_level : desk.service_level;
      for (const Duration& t : targets) {
        if (metric::kServiceLevelPrefix + metric::service_level_label(t.in_minutes()) == metric) {
          theory = detail::erlang_c_service_level(desk.staff, lambda, handle_h, t.in_hours());
          model = "Erlang C";
        }
      }
    } else if (metric == metric::kAbandonment) {
      theory = desk.patience ? detail::erlang_a(desk.staff, lambda, handle_h,
                                                desk.patience->mean.in_hours())
                                   .prob_abandon
                             : 0.0;
      model = desk.patience ? "Erlang A" : "Erlang C";
    }
    if (!theory) continue;
    out.theory[i] = theory;
    if (out.reason.empty() && violates(c, *theory)) {
      out.reason = fmt::format("{}: {} gives {}, the constraint asks {} {}", c.path, model,
                               percent(*theory), op_text(c.op), c.value_text);
    }
  }
  return out;
}

namespace detail {

SelectionOutcome kim_nelson_select(
    int k, int first, int max, double indifference, double alpha,
    const std::function<void(const std::vector<int>&, int)>& extend,
    const std::function<double(int, int)>& value, const std::function<int(int)>& feasibility) {
  SelectionOutcome out;
  out.observations.assign(static_cast<std::size_t>(k), 0);
  out.state.assign(static_cast<std::size_t>(k), 0);
  out.eliminated.assign(static_cast<std::size_t>(k), false);
  if (k == 0) return out;
  std::vector<int> active(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) active[static_cast<std::size_t>(i)] = i;
  int r = first;
  extend(active, r);
  for (int i : active) out.observations[static_cast<std::size_t>(i)] = r;
  // KN's constant: eta = ((2 alpha / (k - 1))^(-2 / (n0 - 1)) - 1) / 2, h^2 = 2 eta (n0 - 1).
  const double eta =
      k > 1 ? 0.5 * (std::pow(2.0 * alpha / (k - 1), -2.0 / (first - 1)) - 1.0) : 0.0;
  const double h2 = 2.0 * eta * (first - 1);
  // Stage-1 variance of the paired differences, S^2_il.
  std::vector<double> s2(static_cast<std::size_t>(k) * static_cast<std::size_t>(k), 0.0);
  const auto pair = [k](int i, int l) {
    return static_cast<std::size_t>(i) * static_cast<std::size_t>(k) + static_cast<std::size_t>(l);
  };
  for (int i = 0; i < k; ++i) {
    for (int l = i + 1; l < k; ++l) {
      double mean = 0.0;
      for (int j = 0; j < first; ++j) mean += value(i, j) - value(l, j);
      mean /= first;
      double ss = 0.0;
      for (int j = 0; j < first; ++j) {
        const double d = value(i, j) - value(l, j) - mean;
        ss += d * d;
      }
      s2[pair(i, l)] = s2[pair(l, i)] = ss / (first - 1);
    }
  }
  const double delta2 = indifference * indifference;
  const auto mean_of = [&](int i) {
    const int n = out.observations[static_cast<std::size_t>(i)];
    double sum = 0.0;
    for (int j = 0; j < n; ++j) sum += value(i, j);
    return sum / n;
  };
  // `active`: not (yet) shown infeasible. Each round the contenders are the active systems
  // that no feasible system beats by KN's rule; only they get more observations. A system
  // beaten by one whose feasibility later comes undone is a contender again (and catches up),
  // so a plan that only looked feasible at first cannot eliminate the true best for good.
  std::vector<int> contenders;
  while (true) {
    std::vector<double> means(static_cast<std::size_t>(k), 0.0);
    std::vector<int> still;
    for (int i : active) {
      out.state[static_cast<std::size_t>(i)] = feasibility(i);
      if (out.state[static_cast<std::size_t>(i)] < 0) continue;  // infeasible: final
      still.push_back(i);
      means[static_cast<std::size_t>(i)] = mean_of(i);
    }
    active = std::move(still);
    contenders.clear();
    for (int i : active) {
      bool beaten = false;
      for (int l : active) {
        if (l == i || out.state[static_cast<std::size_t>(l)] != 1) continue;
        const int n = std::min(out.observations[static_cast<std::size_t>(i)],
                               out.observations[static_cast<std::size_t>(l)]);
        const double w =
            std::max(0.0, indifference / (2.0 * n) * (h2 * s2[pair(i, l)] / delta2 - n));
        if (means[static_cast<std::size_t>(i)] - means[static_cast<std::size_t>(l)] > w) {
          beaten = true;
          break;
        }
      }
      out.eliminated[static_cast<std::size_t>(i)] = beaten;
      if (!beaten) contenders.push_back(i);
    }
    bool undecided = false;
    int feasible = 0;
    double n_max = 0.0;
    for (int i : contenders) {
      if (out.state[static_cast<std::size_t>(i)] == 0) undecided = true;
      if (out.state[static_cast<std::size_t>(i)] != 1) continue;
      ++feasible;
      for (int l : contenders) {
        if (l != i && out.state[static_cast<std::size_t>(l)] == 1) {
          n_max = std::max(n_max, std::floor(h2 * s2[pair(i, l)] / delta2));
        }
      }
    }
    if (!undecided && (feasible <= 1 || r > n_max)) break;
    if (r >= max) break;
    r = std::min(max, r + std::max(1, r / 5));
    extend(contenders, r);
    for (int i : contenders) out.observations[static_cast<std::size_t>(i)] = r;
  }
  double best = std::numeric_limits<double>::infinity();
  for (int i : contenders) {
    if (out.state[static_cast<std::size_t>(i)] != 1) continue;
    const double m = mean_of(i);
    if (m < best) {
      best = m;
      out.best = i;
    }
  }
  return out;
}

}  // namespace detail

namespace {

// One simulated plan: its runs (replication r at index r) and what they say.
struct Simulated {
  int plan = 0;
  ExperimentResult experiment;
  std::vector<double> objective;  // per run, in the objective's sense (negated to maximise)
  int judged_at = -1;
  std::vector<ConditionJudgement> judgements;
};

double objective_of(const RunResult& run, const Condition& objective) {
  const std::vector<Metric> metrics = flatten(run);
  for (const std::string& name : objective.metric_names) {
    for (const Metric& m : metrics) {
      if (m.scope == objective.scope && m.name == name) return m.value;
    }
  }
  throw Error(fmt::format("the objective: the runs have no figure {} (scope {}, named {})",
                          objective.path, objective.scope, objective.metric_names.front()));
}

std::vector<ConditionJudgement> judge_all(const std::vector<Condition>& constraints,
                                          const ExperimentResult& experiment) {
  bool verdict_needed = false;
  for (const Condition& c : constraints) verdict_needed = verdict_needed || c.on_verdict;
  const SiloVerdict verdict = verdict_needed
                                  ? silo_verdict(experiment, predict(experiment.scenario))
                                  : SiloVerdict{};
  std::vector<ConditionJudgement> out;
  for (const Condition& c : constraints) {
    out.push_back(judge_condition(c, experiment.summary, verdict));
  }
  return out;
}

// A figure in a message: shares as percentages, durations in the unit that reads.
std::string figure_text(const Condition& c, const ConditionJudgement& j, double v) {
  if (c.on_verdict) return v > 0.5 ? "yes" : "no";
  const std::string& name = c.metric_names.front();
  if (c.duration_value || j.figure.ends_with("_min") || j.figure.ends_with("_h")) {
    const double minutes = j.figure.ends_with("_h") ? v * 60.0 : v;
    if (std::abs(minutes) >= 1440.0) return fmt::format("{:.3g} d", minutes / 1440.0);
    if (std::abs(minutes) >= 60.0) return fmt::format("{:.3g} h", minutes / 60.0);
    return fmt::format("{:.3g} min", minutes);
  }
  if (c.value_text.find('%') != std::string::npos || name.find("share") != std::string::npos ||
      name.rfind("service_level_", 0) == 0 || name == "abandonment") {
    return percent(v);
  }
  return fmt::format("{:.4g}", v);
}

std::string judgement_text(const Condition& c, const ConditionJudgement& j) {
  if (c.on_verdict) return fmt::format("{} is {}", c.path, j.mean > 0.5 ? "yes" : "no");
  return fmt::format("{} = {} ({} to {})", c.path, figure_text(c, j, j.mean),
                     figure_text(c, j, j.low), figure_text(c, j, j.high));
}

// An amount in a reason: whole units above 100, else four significant digits.
std::string amount_text(double v) {
  return std::abs(v) >= 100.0 ? fmt::format("{:.0f}", v) : fmt::format("{:.4g}", v);
}

}  // namespace

OptimiseResult optimise(const Scenario& base, const OptimiseOptions& options) {
  if (options.variables.empty()) throw Error("--vary: expected at least one decision variable");
  if (options.first_replications < 2 || options.max_replications < options.first_replications) {
    throw Error(fmt::format("--replications: {} (up to {}): at least 2 are needed for an "
                            "interval", options.first_replications, options.max_replications));
  }
  Condition objective;
  try {
    objective = parse_condition(options.objective + " >= 0", base);
  } catch (const Error& e) {
    throw Error(fmt::format("--objective: \"{}\" is not a figure: {}", options.objective,
                            e.what()));
  }
  if (objective.on_verdict) {
    throw Error(fmt::format("--objective: \"{}\" is a verdict, not a figure to minimise",
                            options.objective));
  }

  OptimiseResult result;
  for (const DecisionVariable& v : options.variables) result.keys.push_back(v.key);
  result.constraints = options.constraints;
  result.objective = options.objective;
  result.maximise = options.maximise;
  result.first_replications = options.first_replications;
  result.max_replications = options.max_replications;
  result.seed = base.run.seed;
  result.confirmation_seed = options.confirmation_seed.value_or(base.run.seed + 1);

  long grid = 1;
  for (const DecisionVariable& v : options.variables) {
    grid *= static_cast<long>(v.values.size());
    if (grid > kMaxPlans) {
      throw Error(fmt::format("--vary: the grid has more than {} plans; narrow the ranges",
                              kMaxPlans));
    }
  }
  // The plans, first variable slowest, and each one's scenario.
  std::vector<Scenario> scenarios;
  const PointScenarios plan_scenarios(base);  // the base's text read once, not at every plan
  for (long p = 0; p < grid; ++p) {
    PlanResult plan;
    SweepPoint at;
    long rest = p;
    std::vector<std::string> values(options.variables.size());
    for (std::size_t v = options.variables.size(); v-- > 0;) {
      const auto n = static_cast<long>(options.variables[v].values.size());
      values[v] = options.variables[v].values[static_cast<std::size_t>(rest % n)];
      rest /= n;
    }
    for (std::size_t v = 0; v < values.size(); ++v) {
      at.settings.emplace_back(options.variables[v].key, values[v]);
    }
    plan.values = values;
    try {
      scenarios.push_back(plan_scenarios.at(at));
    } catch (const ScenarioError& e) {
      throw Error(fmt::format("--vary {}: {}", detail::describe_settings(at), e.what()));
    }
    result.plans.push_back(std::move(plan));
  }

  // Screening.
  std::vector<Simulated> simulated;
  for (long p = 0; p < grid; ++p) {
    PlanResult& plan = result.plans[static_cast<std::size_t>(p)];
    const Screening s = screen_plan(scenarios[static_cast<std::size_t>(p)], options.constraints);
    plan.theory = s.theory;
    if (options.screening && !s.reason.empty()) {
      plan.status = PlanStatus::kScreened;
      plan.reason = "screened: " + s.reason;
      ++result.screened;
      continue;
    }
    Simulated sim;
    sim.plan = static_cast<int>(p);
    sim.experiment.scenario = scenarios[static_cast<std::size_t>(p)];
    simulated.push_back(std::move(sim));
  }

  // Simulation: every listed plan brought to n replications, all runs of a batch in parallel;
  // replication r of every plan has the same seed (common random numbers).
  const int threads =
      runs_in_flight(options.threads, options.engine.max_in_system, /*memory_budget_bytes=*/0);
  const auto extend = [&](const std::vector<int>& which, int n) {
    std::vector<std::pair<int, int>> jobs;
    for (int i : which) {
      Simulated& s = simulated[static_cast<std::size_t>(i)];
      const int have = static_cast<int>(s.experiment.runs.size());
      if (have >= n) continue;
      s.experiment.runs.resize(static_cast<std::size_t>(n));
      s.objective.resize(static_cast<std::size_t>(n));
      for (int r = have; r < n; ++r) jobs.emplace_back(i, r);
    }
    detail::parallel_for(static_cast<long>(jobs.size()), threads, [&](long j) {
      const auto [i, r] = jobs[static_cast<std::size_t>(j)];
      Simulated& s = simulated[static_cast<std::size_t>(i)];
      RunResult run = run_replication(s.experiment.scenario, r, options.engine).run;
      const double value = objective_of(run, objective);
      s.objective[static_cast<std::size_t>(r)] = options.maximise ? -value : value;
      s.experiment.runs[static_cast<std::size_t>(r)] = std::move(run);
    });
    result.runs += static_cast<int>(jobs.size());
  };
  const auto judge = [&](int i) -> const std::vector<ConditionJudgement>& {
    Simulated& s = simulated[static_cast<std::size_t>(i)];
    const int n = static_cast<int>(s.experiment.runs.size());
    if (s.judged_at != n) {
      s.experiment.summary = summarise(s.experiment.runs);
      s.judgements = judge_all(options.constraints, s.experiment);
      s.judged_at = n;
    }
    return s.judgements;
  };
  const auto feasibility = [&](int i) {
    bool all = true;
    for (const ConditionJudgement& j : judge(i)) {
      if (j.confident && !j.holds) return -1;
      if (!(j.confident && j.holds)) all = false;
    }
    return all ? 1 : 0;
  };

  const int k = static_cast<int>(simulated.size());
  std::vector<int> everyone(static_cast<std::size_t>(k));
  for (int i = 0; i < k; ++i) everyone[static_cast<std::size_t>(i)] = i;
  extend(everyone, options.first_replications);
  if (options.indifference) {
    result.indifference = *options.indifference;
  } else {
    double smallest = std::numeric_limits<double>::infinity();
    for (const Simulated& s : simulated) {
      double m = 0.0;
      for (int r = 0; r < options.first_replications; ++r) m += s.objective[static_cast<std::size_t>(r)];
      smallest = std::min(smallest, std::abs(m / options.first_replications));
    }
    result.indifference = std::isfinite(smallest) && smallest > 0.0 ? 0.01 * smallest : 1e-9;
  }
  const detail::SelectionOutcome selection = detail::kim_nelson_select(
      k, options.first_replications, options.max_replications, result.indifference, 0.05,
      extend,
      [&](int i, int r) {
        return simulated[static_cast<std::size_t>(i)].objective[static_cast<std::size_t>(r)];
      },
      feasibility);

  // Each simulated plan's figures and why it lost.
  double best_mean = 0.0;
  for (int i = 0; i < k; ++i) {
    Simulated& s = simulated[static_cast<std::size_t>(i)];
    PlanResult& plan = result.plans[static_cast<std::size_t>(s.plan)];
    plan.replications = static_cast<int>(s.experiment.runs.size());
    std::vector<double> sample = s.objective;
    if (options.maximise) {
      for (double& v : sample) v = -v;
    }
    const Estimate e = estimate(sample);
    plan.objective_mean = e.mean;
    plan.objective_low = e.mean - e.half_width;
    plan.objective_high = e.mean + e.half_width;
    plan.judgements = judge(i);
    if (i == selection.best) best_mean = e.mean;
  }
  // Within the indifference zone of the procedure's pick the plans are equally good by the
  // objective; the first of them in grid order (the smallest values, as ranges ascend) is
  // chosen: the most frugal plan, within 2 zones of the best. CEO hours left unused cost
  // nothing, say, so every budget that keeps the promise costs about the same, and the
  // smallest such budget is the answer a client wants.
  int chosen_sim = selection.best;
  if (selection.best >= 0) {
    const auto gap_to_pick = [&](int i) {
      const double d = result.plans[static_cast<std::size_t>(simulated[static_cast<std::size_t>(i)].plan)]
                           .objective_mean - best_mean;
      return options.maximise ? -d : d;
    };
    for (int i = 0; i < k; ++i) {
      if (selection.state[static_cast<std::size_t>(i)] == 1 &&
          gap_to_pick(i) <= result.indifference) {
        chosen_sim = i;  // simulated plans are in grid order
        break;
      }
    }
    result.chosen = simulated[static_cast<std::size_t>(chosen_sim)].plan;
    best_mean = result.plans[static_cast<std::size_t>(result.chosen)].objective_mean;
  }
  for (int i = 0; i < k; ++i) {
    const Simulated& s = simulated[static_cast<std::size_t>(i)];
    PlanResult& plan = result.plans[static_cast<std::size_t>(s.plan)];
    const int state = selection.state[static_cast<std::size_t>(i)];
    if (i == chosen_sim) {
      plan.status = PlanStatus::kChosen;
      plan.reason = i == selection.best
                        ? "least " + objective.path + " among the feasible plans"
                        : "first in the grid among the feasible plans within the indifference "
                          "zone of the least " + objective.path;
      continue;
    }
    if (state < 0) {
      plan.status = PlanStatus::kInfeasible;
      for (std::size_t c = 0; c < plan.judgements.size(); ++c) {
        const ConditionJudgement& j = plan.judgements[c];
        if (j.confident && !j.holds) {
          plan.reason = fmt::format("fails \"{}\": {}", options.constraints[c].text,
                                    judgement_text(options.constraints[c], j));
          break;
        }
      }
      continue;
    }
    const double gap = (plan.objective_mean - best_mean) * (options.maximise ? -1.0 : 1.0);
    if (state == 1 && result.chosen >= 0 && gap <= result.indifference) {
      plan.status = PlanStatus::kRunnerUp;
      plan.reason = fmt::format("feasible, {} within the indifference zone ({} {} than the "
                                "chosen plan)", objective.path, amount_text(std::abs(gap)),
                                (gap >= 0) != options.maximise ? "more" : "less");
      continue;
    }
    if (state == 1 || selection.eliminated[static_cast<std::size_t>(i)]) {
      plan.status = PlanStatus::kEliminated;
      plan.reason = fmt::format("{} {} {} than the chosen plan{}", objective.path,
                                amount_text(std::abs(gap)), options.maximise ? "less" : "more",
                                state == 1 ? "" : " (feasibility not settled)");
      continue;
    }
    plan.status = PlanStatus::kUndecided;
    for (std::size_t c = 0; c < plan.judgements.size(); ++c) {
      if (!plan.judgements[c].confident) {
        plan.reason = fmt::format("\"{}\" undecided after {} runs: {}",
                                  options.constraints[c].text, plan.replications,
                                  judgement_text(options.constraints[c], plan.judgements[c]));
        break;
      }
    }
  }
  result.exhaustive_runs =
      grid * (result.chosen >= 0 ? result.plans[static_cast<std::size_t>(result.chosen)].replications
                                 : options.max_replications);

  // Confirmation: the chosen plan with new seeds.
  if (result.chosen >= 0) {
    Scenario again = scenarios[static_cast<std::size_t>(result.chosen)];
    again.run.seed = result.confirmation_seed;
    ExperimentOptions run;
    run.replications = result.plans[static_cast<std::size_t>(result.chosen)].replications;
    run.threads = options.threads;
    run.engine = options.engine;
    const ExperimentResult experiment = run_experiment(again, run);
    result.confirmation_replications = run.replications;
    result.confirmation = judge_all(options.constraints, experiment);
    double sum = 0.0;
    for (const RunResult& r : experiment.runs) sum += objective_of(r, objective);
    result.confirmation_objective = sum / static_cast<double>(experiment.runs.size());
    result.confirmed = std::all_of(result.confirmation.begin(), result.confirmation.end(),
                                   [](const ConditionJudgement& j) {
                                     return j.holds && j.confident;
                                   });
  }
  return result;
}

}  // namespace escalsim
