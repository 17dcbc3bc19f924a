// Reads a policy's parameters with units, the way the loader reads the rest of a file:
// every bad value or unknown key is a ScenarioError at its file:line:col.
//
//   PolicyParams params(config, scenario);
//   double share = params.share("initial_share", 0.02);
//   Duration half_life = params.duration("half_life", Duration::weeks(4));
//   int ceo = params.executive_desk("executive");
//   params.finish();  // rejects keys no one asked for, with a did-you-mean
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "escalsim/scenario.h"
#include "escalsim/units.h"

namespace escalsim {

class PolicyParams {
 public:
  PolicyParams(const PolicyConfig& config, const Scenario& scenario);

  // Each reads `key`, or returns `fallback` when the key is absent. A value that does not
  // parse throws ScenarioError at the value, quoting it and saying what was expected.
  double share(const std::string& key, double fallback);                // 0..1 or "15%"
  double number(const std::string& key, double fallback, double min, double max);
  int whole(const std::string& key, int fallback, int min, int max);
  Duration duration(const std::string& key, Duration fallback);         // "4 weeks"
  double per_month(const std::string& key, double fallback);            // "10 per month"
  Severity severity(const std::string& key, Severity fallback);         // "serious"
  // One of `accepted` (its index), or `fallback` when absent.
  int choice(const std::string& key, const std::vector<std::string>& accepted, int fallback);
  // A desk by name; `fallback_desk` (-1: required) when absent.
  int desk(const std::string& key, int fallback_desk = -1);
  // A desk that must be an executive desk (one with a budget or items). When absent: the
  // scenario's only executive desk, or an error if there are none or several.
  int executive_desk(const std::string& key);
  // A list of severities or channel names, written "minor, moderate" or as one name.
  std::vector<Severity> severities(const std::string& key, std::vector<Severity> fallback);
  std::vector<int> channels(const std::string& key, std::vector<int> fallback);

  // Throws at the first parameter never read (with a did-you-mean among those read).
  void finish();

  // An error at `key` (or at the policy when the key is absent).
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

 private:
  const PolicyParam* take(const std::string& key);

  const PolicyConfig& config_;
  const Scenario& scenario_;
  std::vector<std::string> read_;
};

}  // namespace escalsim
