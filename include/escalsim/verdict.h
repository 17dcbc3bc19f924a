// Verdicts a report states in plain words: is the executive a new silo at the top?
#pragma once

#include <string>
#include <vector>

#include "escalsim/analysis.h"
#include "escalsim/experiment.h"

namespace escalsim {

// How the executive desk fares, from best to worst. The definition, in the words of
// README.md ("Is the CEO a new silo at the top?") and scenarios/README.md, which argue the
// thresholds:
//   (a) complaints flock to the top: most of what reaches the executive desk came straight
//       to it (a policy's bypass, demand or returns entering there), not escalated after
//       service; measured at the engine, visit by visit;
//   (b) the executive desk cannot keep up: its backlog grows (the slope's interval above
//       zero), or it turns away complaints because its budget is spent, or it uses all of
//       its budget (used over budget 98% or more);
//   (c) the complaints that reach the top wait longer there than at the front line (the
//       interval of the executive's wait, or of the age of what is still waiting there,
//       above the front line's).
// kSilo: (a), (b) and (c). kOverloaded: (b) without (a) or (c): escalation rules send the
// desk more than its budget serves, a capacity problem rather than a silo. kNearCapacity:
// not (b), but 85% or more of the budget used. A busy front line never lowers the grade:
// it is reported beside it (front_line_overloaded).
enum class SiloGrade { kNoExecutive, kKeepsUp, kNearCapacity, kOverloaded, kSilo };

struct SiloVerdict {
  SiloGrade grade = SiloGrade::kNoExecutive;
  bool silo = false;            // grade == kSilo
  bool cannot_keep_up = false;  // (b): grade is kOverloaded or kSilo
  bool flock = false;           // (a)
  bool waits_longer = false;    // (c)
  // The front line (the desks demand enters) is busy 85% or more, or its backlog grows.
  bool front_line_overloaded = false;
  std::string desk;      // the executive desk judged ("" if there is none)
  std::string headline;  // one sentence: the grade in words, the front line's state after it
  std::vector<std::string> evidence;  // plain sentences with figures and intervals
};

// The grade's short name for data files: "no executive", "keeps up", "near capacity",
// "overloaded", "silo".
const char* grade_name(SiloGrade grade);

SiloVerdict silo_verdict(const ExperimentResult& result, const Prediction& prediction);

}  // namespace escalsim
