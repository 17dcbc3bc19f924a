// The map of a call log: which column holds what, and what its outcome values mean.
#pragma once

#include <string>
#include <vector>

namespace escalsim::detail {

struct LogMap {
  std::string path;        // the map file, for messages
  char separator = '\0';   // ',' or '\t'; '\0': from the log's extension (.tsv: tab)
  // Column names; empty when the log does not have it. `arrival` is required: a time of
  // day (with `date`) or a whole timestamp ("YYYY-MM-DD HH:MM[:SS]"), the moment the call
  // asked for an agent.
  std::string date, arrival, queue_entry, queue_exit, wait, service_start, service_end,
      handle, outcome, call_class, priority, agent;
  // The desk (queue, skill group) that took the call, and the desk it was passed to after
  // its service there (empty, or `no_transfer`, when it was not): for routing shares.
  std::string desk, transfer;
  std::string no_transfer;
  std::string not_queued;  // queue_entry's value for a call that never queued
  std::string no_agent;    // agent's value when no agent served
  std::vector<std::string> served, abandoned, drop;  // outcome values
  std::vector<std::string> high_priority;            // priority values served first
};

// Reads and checks a map file. Throws ScenarioError at the offending key or value.
LogMap load_log_map(const std::string& path);

}  // namespace escalsim::detail
