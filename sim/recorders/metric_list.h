// Appends named figures under a scope to a list of metrics: how recorders and results
// spell out the flat metric list.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "escalsim/results.h"
#include "escalsim/units.h"

namespace escalsim::detail {

class MetricList {
 public:
  // REQUIRES: `out` outlives the list.
  explicit MetricList(std::vector<Metric>& out) : out_(out) {}
  // The scope of the metrics added from now on ("desk:frontline", "customers").
  void scope(std::string s) { scope_ = std::move(s); }
  void add(const char* name, double value) { out_.push_back(Metric{scope_, name, value}); }
  void add(const char* name, std::int64_t value) { add(name, static_cast<double>(value)); }
  void add_min(const char* name, Duration d) { add(name, d.in_minutes()); }
  void add_h(const char* name, Duration d) { add(name, d.in_hours()); }

 private:
  std::vector<Metric>& out_;
  std::string scope_;
};

}  // namespace escalsim::detail
