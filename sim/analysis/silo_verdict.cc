// The silo verdict: is the executive desk a new silo at the top? Three tests on the
// experiment's summary (escalsim/verdict.h gives the definition), each stated as a sentence
// with its figures, and the front line's state beside them.
#include "escalsim/verdict.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analysis/saturation.h"
#include "escalsim/metrics.h"
#include "escalsim/metric_names.h"

namespace escalsim {
namespace {

// (a) Most of the executive's arrivals came straight to the top: the share's interval lies
// above one half. Escalation rules sending up what the front line could not resolve is the
// organisation working as drawn; a majority skipping the front line is the flocking.
constexpr double kStraightMajority = 0.5;
// (b) Used this share of its budget or more, the desk is saturated: the sweep's rule
// (detail::kSaturatedUtilisation), so a run and a scale study agree.
constexpr double kBudgetSaturated = detail::kSaturatedUtilisation;
// (b) Turning away (declining or handing back, budget spent) this share of arrivals or more.
constexpr double kTurnedAway = 0.05;
// Near capacity, and "no capacity to spare" at the front line: busy this much or more.
constexpr double kSpareUtilisation = 0.85;
constexpr double kHoursPerWeek = 168.0;
constexpr double kMinutesPerDay = 1440.0;

class Summary {
 public:
  explicit Summary(const std::vector<Estimate>& summary) : summary_(summary) {}
  const Estimate* find(const std::string& scope, const std::string& name) const {
    return find_metric(summary_, scope, name);
  }
  bool has_scope(const std::string& scope) const {
    return std::any_of(summary_.begin(), summary_.end(),
                       [&scope](const Estimate& e) { return e.scope == scope; });
  }

 private:
  const std::vector<Estimate>& summary_;
};

// An interval's bounds; one replication has no interval, its bounds are its mean.
double lower(const Estimate& e) { return e.n > 1 ? e.mean - e.half_width : e.mean; }
double upper(const Estimate& e) { return e.n > 1 ? e.mean + e.half_width : e.mean; }

// "54%" or "54 ± 2%".
std::string percent(const Estimate* e) {
  if (e == nullptr) return "n/a";
  std::string text = fmt::format("{:.0f}", 100.0 * e->mean);
  if (e->n > 1) text += fmt::format(" ± {:.0f}", 100.0 * e->half_width);
  return text + "%";
}

// "12.3 ± 2.1" or "0.04 ± 0.02" (two decimals under 1), scaled; no interval for n = 1.
std::string number(const Estimate* e, double scale = 1.0) {
  if (e == nullptr) return "n/a";
  const int decimals = std::fabs(e->mean * scale) < 1.0 ? 2 : 1;
  std::string text = fmt::format("{:.{}f}", e->mean * scale, decimals);
  if (e->n > 1) text += fmt::format(" ± {:.{}f}", e->half_width * scale, decimals);
  return text;
}

// A wait in minutes as days (a day or more) or hours.
std::string days_or_hours(const Estimate* e) {
  if (e == nullptr) return "n/a";
  if (e->mean >= kMinutesPerDay) return number(e, 1.0 / kMinutesPerDay) + " days";
  return number(e, 1.0 / 60.0) + " h";
}

const char* yes_no(bool held) { return held ? "yes" : "no"; }

// The measured span in hours: the runs' mean when there are runs (an automatic warm-up
// differs by replication), else horizon minus warm-up.
double measured_span_hours(const ExperimentResult& result) {
  if (result.runs.empty()) return detail::measured_span_weeks(result.scenario) * kHoursPerWeek;
  double hours = 0.0;
  for (const RunResult& run : result.runs) {
    hours += (run.measured_to - run.measured_from).in_hours();
  }
  return hours / static_cast<double>(result.runs.size());
}

struct DeskInfo {
  std::string name;
  bool executive = false;
  bool entry = false;  // some demand stream enters here
  detail::DeskStability stability;
  const DeskPrediction* predicted = nullptr;
};

std::vector<DeskInfo> desks_of(const ExperimentResult& result, const Prediction& prediction,
                               const Summary& summary, double span_weeks) {
  const Scenario& scenario = result.scenario;
  std::vector<DeskInfo> desks;
  for (std::size_t i = 0; i < scenario.desks.size(); ++i) {
    DeskInfo d;
    d.name = scenario.desks[i].name;
    // A hand-built or reloaded result may know its executives only by their figures.
    d.executive = scenario.desks[i].is_executive() ||
                  summary.has_scope(metric::kExecutivePrefix + d.name);
    d.stability = detail::assess_desk(result.summary, d.name, span_weeks);
    for (const DeskPrediction& p : prediction.desks) {
      if (p.desk == d.name) d.predicted = &p;
    }
    desks.push_back(d);
  }
  for (const DemandStream& stream : scenario.demand) {
    if (stream.enters_desk >= 0 && stream.enters_desk < static_cast<int>(desks.size())) {
      desks[stream.enters_desk].entry = true;
    }
  }
  return desks;
}

// The front line: the staff desks demand enters (every staff desk if none is named).
std::vector<const DeskInfo*> front_line_of(const std::vector<DeskInfo>& desks) {
  std::vector<const DeskInfo*> front;
  for (const DeskInfo& d : desks) {
    if (d.entry && !d.executive) front.push_back(&d);
  }
  if (front.empty()) {
    for (const DeskInfo& d : desks) {
      if (!d.executive) front.push_back(&d);
    }
  }
  return front;
}

// (a) Complaints flock to the top: the share of the executive's arrivals that came straight
// to it, counted at the engine.
bool flock_test(const DeskInfo& top, const Summary& summary, double span_hours,
                std::vector<std::string>& evidence) {
  const std::string scope = metric::kExecutivePrefix + top.name;
  const Estimate* straight = summary.find(scope, metric::kStraightToTopShare);
  const Estimate* bypass = summary.find(scope, metric::kPolicyBypassShare);
  const Estimate* escalated = summary.find(scope, metric::kEscalatedShare);
  const Estimate* arrivals = summary.find(metric::kDeskPrefix + top.name, metric::kArrivals);
  if (straight == nullptr || escalated == nullptr) {
    evidence.push_back(fmt::format("complaints flock to the top: no; how complaints came to {} "
                                   "was not measured", top.name));
    return false;
  }
  const bool held = lower(*straight) > kStraightMajority;
  std::string rate = arrivals == nullptr || span_hours <= 0.0
                         ? std::string()
                         : fmt::format("{} receives {} complaints a week; ", top.name,
                                       number(arrivals, kHoursPerWeek / span_hours));
  evidence.push_back(fmt::format(
      "complaints flock to the top: {}; {}{} came straight to it ({} by a policy's bypass), "
      "{} were escalated after service (routes, policies' escalations, hand backs)",
      yes_no(held), rate, percent(straight), percent(bypass), percent(escalated)));
  return held;
}

// (b) The executive desk cannot keep up: its backlog grows, it turns complaints away, or
// its budget is all used.
bool keep_up_test(const DeskInfo& top, const Summary& summary, std::vector<std::string>& evidence,
                  bool& near_capacity) {
  const std::string scope = metric::kExecutivePrefix + top.name;
  const Estimate* used = summary.find(scope, metric::kBudgetUsedShare);
  const Estimate* window = summary.find(scope, metric::kWindowUtilisation);
  const Estimate* arrivals = summary.find(metric::kDeskPrefix + top.name, metric::kArrivals);
  const Estimate* declined = summary.find(metric::kDeskPrefix + top.name, metric::kDeclined);
  const Estimate* handed_back = summary.find(metric::kDeskPrefix + top.name, metric::kHandedBack);

  const bool grows = top.stability.grows;
  const bool all_used = used != nullptr && lower(*used) >= kBudgetSaturated;
  double turned_lower = 0.0;
  if (declined != nullptr) turned_lower += std::max(0.0, lower(*declined));
  if (handed_back != nullptr) turned_lower += std::max(0.0, lower(*handed_back));
  const bool turns_away = arrivals != nullptr && arrivals->mean > 0.0 &&
                          turned_lower >= kTurnedAway * arrivals->mean;
  const bool held = grows || all_used || turns_away;
  near_capacity = !held && used != nullptr && used->mean >= kSpareUtilisation;

  std::vector<std::string> parts;
  parts.push_back(fmt::format("{} of its budget used (busy {} of its window time)",
                              percent(used), percent(window)));
  const std::string growth = number(top.stability.growth);
  parts.push_back(grows ? fmt::format("its backlog grows by {} complaints a week", growth)
                        : fmt::format("its backlog does not grow significantly ({} complaints "
                                      "a week)", growth));
  if (turns_away) {
    parts.push_back(fmt::format("it turns away {:.0f}% of what reaches it, its budget spent",
                                100.0 * turned_lower / arrivals->mean));
  }
  if (top.predicted != nullptr && top.predicted->reachable) {
    parts.push_back(fmt::format("the routes alone predict a load of {:.2f}, without the "
                                "policies' flows", top.predicted->load));
  }
  evidence.push_back(fmt::format("{} cannot keep up: {}; {}", top.name, yes_no(held),
                                 fmt::join(parts, "; ")));
  return held;
}

// (c) The complaints that reach the top wait longer there than at the front line: the
// executive's wait (or the age of what is still waiting there, which in a silo is most of
// it) beyond the front line's, interval against interval.
bool wait_test(const DeskInfo& top, const std::vector<const DeskInfo*>& front,
               const Summary& summary, std::vector<std::string>& evidence) {
  const Estimate* top_wait = summary.find(metric::kDeskPrefix + top.name, metric::kWaitMeanMin);
  const Estimate* top_open = summary.find(metric::kDeskPrefix + top.name, metric::kOpenAgeP50Min);
  const Estimate* front_wait = nullptr;  // the longest front-line wait
  std::string front_name;
  for (const DeskInfo* d : front) {
    const Estimate* w = summary.find(metric::kDeskPrefix + d->name, metric::kWaitMeanMin);
    if (w != nullptr && (front_wait == nullptr || w->mean > front_wait->mean)) {
      front_wait = w;
      front_name = d->name;
    }
  }
  if (top_wait == nullptr || front_wait == nullptr) {
    evidence.push_back(fmt::format("complaints wait longer at the top: no; the waits at {} and "
                                   "the front line were not measured", top.name));
    return false;
  }
  double top_lower = lower(*top_wait);
  if (top_open != nullptr) top_lower = std::max(top_lower, lower(*top_open));
  const bool held = top_lower > upper(*front_wait);
  std::string text = fmt::format(
      "complaints wait longer at the top: {}; a mean wait of {} at {}", yes_no(held),
      days_or_hours(top_wait), top.name);
  if (top_open != nullptr && top_open->mean > 0.0) {
    text += fmt::format(" (what is still waiting there has been open {} at the median)",
                        days_or_hours(top_open));
  }
  text += fmt::format(", against {} at {}", days_or_hours(front_wait), front_name);
  evidence.push_back(std::move(text));
  return held;
}

// Beside the verdict, never part of it: the front line is busy under kSpareUtilisation of
// the time and its backlog does not grow.
bool spare_capacity_test(const std::vector<const DeskInfo*>& front,
                         std::vector<std::string>& evidence) {
  if (front.empty()) {
    evidence.emplace_back("front line has capacity to spare: no; there is no staff desk");
    return false;
  }
  bool held = true;
  std::vector<std::string> names, busy, problems;
  for (const DeskInfo* d : front) {
    const Estimate* u = d->stability.utilisation;
    names.push_back(d->name);
    busy.push_back(percent(u));
    if (u == nullptr || u->mean >= kSpareUtilisation) {
      held = false;
      problems.push_back(
          fmt::format("{} is busy {:.0f}% or more", d->name, 100 * kSpareUtilisation));
    }
    if (d->stability.grows) {
      held = false;
      problems.push_back(fmt::format("{}'s backlog grows by {} complaints a week", d->name,
                                     number(d->stability.growth)));
    }
  }
  std::string text = fmt::format("front line has capacity to spare: {}; the front line ({}) is "
                                 "busy {} of the time", yes_no(held), fmt::join(names, ", "),
                                 fmt::join(busy, ", "));
  if (held) {
    text += " and its backlog does not grow";
  } else {
    text += fmt::format(" ({})", fmt::join(problems, "; "));
  }
  evidence.push_back(std::move(text));
  return held;
}

std::string headline_of(const SiloVerdict& v) {
  std::string text;
  switch (v.grade) {
    case SiloGrade::kNoExecutive: return "no: there is no executive desk";
    case SiloGrade::kKeepsUp:
      text = fmt::format("no: {} keeps up with the complaints that reach it", v.desk);
      break;
    case SiloGrade::kNearCapacity:
      text = fmt::format("not yet: {} keeps up, with little of its budget to spare", v.desk);
      break;
    case SiloGrade::kOverloaded:
      text = v.flock ? fmt::format("overloaded executive desk: {} cannot keep up, though "
                                   "complaints wait no longer there than at the front line",
                                   v.desk)
                     : fmt::format("overloaded executive desk: {} cannot keep up with what the "
                                   "escalation rules send it", v.desk);
      break;
    case SiloGrade::kSilo:
      text = fmt::format("yes: {} is a new silo at the top", v.desk);
      break;
  }
  if (v.front_line_overloaded) text += ", and the front line is also overloaded";
  return text;
}

}  // namespace

const char* grade_name(SiloGrade grade) {
  switch (grade) {
    case SiloGrade::kNoExecutive: return "no executive";
    case SiloGrade::kKeepsUp: return "keeps up";
    case SiloGrade::kNearCapacity: return "near capacity";
    case SiloGrade::kOverloaded: return "overloaded";
    case SiloGrade::kSilo: return "silo";
  }
  return "?";
}

SiloVerdict silo_verdict(const ExperimentResult& result, const Prediction& prediction) {
  SiloVerdict verdict;
  const Summary summary(result.summary);
  const double span_hours = measured_span_hours(result);
  const std::vector<DeskInfo> desks =
      desks_of(result, prediction, summary, span_hours / kHoursPerWeek);

  // The executive desk judged: the one using the largest share of its budget.
  const DeskInfo* top = nullptr;
  for (const DeskInfo& d : desks) {
    if (!d.executive) continue;
    const double u = d.stability.utilisation == nullptr ? 0.0 : d.stability.utilisation->mean;
    if (top == nullptr || u > (top->stability.utilisation == nullptr
                                   ? 0.0
                                   : top->stability.utilisation->mean)) {
      top = &d;
    }
  }
  if (top == nullptr) {
    verdict.evidence.emplace_back("no executive desk: the scenario has no executive to become a "
                                  "silo");
    verdict.headline = headline_of(verdict);
    return verdict;
  }
  verdict.desk = top->name;
  const std::vector<const DeskInfo*> front = front_line_of(desks);
  // Every test runs, so the evidence states each one whether it held or not.
  verdict.flock = flock_test(*top, summary, span_hours, verdict.evidence);
  bool near_capacity = false;
  verdict.cannot_keep_up = keep_up_test(*top, summary, verdict.evidence, near_capacity);
  verdict.waits_longer = wait_test(*top, front, summary, verdict.evidence);
  // A busy front line is a second finding beside the verdict, never a reason to lower it
  // (DESIGN.md, "The silo at the top"): the silo is a statement about the executive desk.
  verdict.front_line_overloaded = !spare_capacity_test(front, verdict.evidence);

  if (verdict.cannot_keep_up) {
    verdict.grade = verdict.flock && verdict.waits_longer ? SiloGrade::kSilo
                                                          : SiloGrade::kOverloaded;
  } else {
    verdict.grade = near_capacity ? SiloGrade::kNearCapacity : SiloGrade::kKeepsUp;
  }
  verdict.silo = verdict.grade == SiloGrade::kSilo;
  verdict.headline = headline_of(verdict);
  return verdict;
}

}  // namespace escalsim
