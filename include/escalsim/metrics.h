// Looking up a figure of a summary by scope and metric name: the one lookup every consumer
// (the verdict, saturation, the table, compare and sweep writers, the HTML pages) uses, and
// an audit that lets a test see every name they ask for.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "escalsim/experiment.h"

namespace escalsim {

// The estimate of `name` in `scope` ("desk:frontline", "complaints", ...), or null.
// Linear in the summary's length.
const Estimate* find_metric(const std::vector<Estimate>& summary, std::string_view scope,
                            std::string_view name);

// Records every (scope, name) asked of find_metric and of the writers' indexes while it
// lives, so that a test can check each asked-for metric against what the recorders
// produce: a renamed metric then fails a test instead of turning a verdict into "was not
// measured". One at a time; asking costs one relaxed atomic load when none is alive.
class MetricAudit {
 public:
  MetricAudit();
  ~MetricAudit();
  MetricAudit(const MetricAudit&) = delete;
  MetricAudit& operator=(const MetricAudit&) = delete;

  // Every (scope, name) asked for so far, each once, in the order first asked.
  std::vector<std::pair<std::string, std::string>> requests() const;
};

namespace detail {
// Called by every lookup by name: tells a live MetricAudit.
void note_metric_request(std::string_view scope, std::string_view name);
}  // namespace detail

}  // namespace escalsim
