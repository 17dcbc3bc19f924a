// Scenario helpers: distribution moments, names used in YAML and output.
#include "escalsim/scenario.h"

#include <cmath>

namespace escalsim {

Duration Distribution::expected() const {
  switch (kind) {
    case Kind::kExponential:
    case Kind::kFixed:
    case Kind::kLognormal:
    case Kind::kGamma:
    case Kind::kErlang:
      return mean;
    case Kind::kUniform:
      return (low + high) / 2.0;
    case Kind::kEmpirical: {
      double sum = 0.0;
      for (Duration v : values) sum += v.in_minutes();
      return values.empty() ? Duration() : Duration::minutes(sum / values.size());
    }
  }
  return mean;
}

double Distribution::squared_cv() const {
  double m = expected().in_minutes();
  if (m <= 0.0) return 0.0;
  switch (kind) {
    case Kind::kExponential: return 1.0;
    case Kind::kFixed: return 0.0;
    case Kind::kLognormal: return std::pow(sd.in_minutes() / m, 2);
    case Kind::kGamma: return 1.0 / shape;
    case Kind::kErlang: return 1.0 / shape;
    case Kind::kUniform: {
      double width = (high - low).in_minutes();
      return width * width / 12.0 / (m * m);
    }
    case Kind::kEmpirical: {
      double sum_sq = 0.0;
      for (Duration v : values) sum_sq += std::pow(v.in_minutes() - m, 2);
      return values.empty() ? 0.0 : sum_sq / values.size() / (m * m);
    }
  }
  return 1.0;
}

WeeklyPattern WeeklyPattern::flat() {
  WeeklyPattern p;
  p.name = "flat";
  p.weight.fill(1.0);
  return p;
}

bool route_applies(const Route& route, Severity severity, bool is_public, bool resolved,
                   double in_system_min) {
  switch (route.condition) {
    case RouteCondition::kAlways: return true;
    case RouteCondition::kUnresolved: return !resolved;
    case RouteCondition::kResolved: return resolved;
    case RouteCondition::kSeverityAtLeast: return severity >= route.min_severity;
    case RouteCondition::kWaitedLongerThan: return in_system_min > route.waited.in_minutes();
    case RouteCondition::kPublic: return is_public;
  }
  return false;
}

int Scenario::desk_index(const std::string& desk_name) const {
  for (std::size_t i = 0; i < desks.size(); ++i) {
    if (desks[i].name == desk_name) return static_cast<int>(i);
  }
  return -1;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kMinor: return "minor";
    case Severity::kModerate: return "moderate";
    case Severity::kSerious: return "serious";
    case Severity::kCritical: return "critical";
  }
  return "?";
}

const char* discipline_name(QueueDiscipline d) {
  switch (d) {
    case QueueDiscipline::kFifo: return "fifo";
    case QueueDiscipline::kPriorityBySeverity: return "priority";
    case QueueDiscipline::kOldestFirst: return "oldest_first";
  }
  return "?";
}

const char* distribution_name(Distribution::Kind k) {
  switch (k) {
    case Distribution::Kind::kExponential: return "exponential";
    case Distribution::Kind::kFixed: return "fixed";
    case Distribution::Kind::kUniform: return "uniform";
    case Distribution::Kind::kLognormal: return "lognormal";
    case Distribution::Kind::kGamma: return "gamma";
    case Distribution::Kind::kErlang: return "erlang";
    case Distribution::Kind::kEmpirical: return "empirical";
  }
  return "?";
}

const char* condition_name(RouteCondition c) {
  switch (c) {
    case RouteCondition::kAlways: return "always";
    case RouteCondition::kUnresolved: return "unresolved";
    case RouteCondition::kResolved: return "resolved";
    case RouteCondition::kSeverityAtLeast: return "severity_at_least";
    case RouteCondition::kWaitedLongerThan: return "waited_longer_than";
    case RouteCondition::kPublic: return "public";
  }
  return "?";
}

}  // namespace escalsim

namespace escalsim {

const PolicyParam* PolicyConfig::find(const std::string& key) const {
  for (const PolicyParam& p : params) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

double economy_outcome_factor(const std::vector<EconomyPeriod>& economy, double t_min) {
  for (const EconomyPeriod& p : economy) {
    if (t_min >= p.from.in_minutes() && t_min < p.to.in_minutes()) return p.outcome_factor;
  }
  return 1.0;
}

}  // namespace escalsim
