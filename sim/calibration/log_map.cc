// Reading the map file: a small YAML document read with the scenario loader's safe reader,
// so its errors read like a scenario's (`map.yaml:line:col: message (key path)`).
#include "calibration/log_map.h"

#include <fstream>
#include <iterator>
#include <utility>

#include "escalsim/errors.h"
#include "escalsim/user_input.h"
#include "scenario/yaml_document.h"

namespace escalsim::detail {
namespace {

const std::vector<std::string> kTopKeys{"format",   "columns",  "not_queued", "no_agent",
                                        "outcomes", "priorities", "no_transfer"};
const std::vector<std::string> kColumnKeys{
    "date",          "arrival",     "queue_entry", "queue_exit", "wait", "service_start",
    "service_end",   "handle",      "outcome",     "class",      "priority", "agent",
    "desk",          "transfer"};

void check_keys(const YamlNode& map, const std::vector<std::string>& known,
                const std::string& path) {
  for (const YamlEntry& e : map.entries) {
    bool found = false;
    for (const std::string& k : known) found = found || k == e.key;
    if (found) continue;
    const std::string match = did_you_mean(e.key, known);
    throw error_at(e.key_origin,
                   "unknown key '" + e.key + "'" +
                       (match.empty() ? std::string() : ", did you mean '" + match + "'?"),
                   key_path_join(path, e.key));
  }
}

std::string scalar(const YamlNode& node, const std::string& path) {
  if (!node.is_scalar() || node.text.empty()) {
    throw error_at(node.origin, "expected a single value, found " + node.describe(), path);
  }
  return node.text;
}

// A value or a list of values.
std::vector<std::string> values(const YamlNode& node, const std::string& path) {
  std::vector<std::string> out;
  if (node.is_sequence()) {
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      out.push_back(scalar(node.items[i], key_path_index(path, i)));
    }
  } else {
    out.push_back(scalar(node, path));
  }
  return out;
}

}  // namespace

LogMap load_log_map(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read the map file " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const YamlNode root = parse_yaml_document(text, path);
  const YamlOrigin top{path, 1, 1};
  if (!root.is_map()) throw error_at(top, "a map file is a YAML map with at least 'columns'");
  check_keys(root, kTopKeys, "");

  LogMap map;
  map.path = path;
  if (const YamlNode* f = root.find("format")) {
    const std::string v = scalar(*f, "format");
    if (v == "csv") {
      map.separator = ',';
    } else if (v == "tsv") {
      map.separator = '\t';
    } else {
      throw error_at(f->origin, "format '" + v + "' is not one of: csv, tsv", "format");
    }
  }
  const YamlNode* columns = root.find("columns");
  if (columns == nullptr || !columns->is_map()) {
    throw error_at(columns ? columns->origin : top,
                   "'columns' is required: a map from what (arrival, outcome, ...) to the "
                   "log's column name",
                   "columns");
  }
  check_keys(*columns, kColumnKeys, "columns");
  std::string* fields[] = {&map.date,         &map.arrival,       &map.queue_entry,
                           &map.queue_exit,   &map.wait,          &map.service_start,
                           &map.service_end,  &map.handle,        &map.outcome,
                           &map.call_class,   &map.priority,      &map.agent,
                           &map.desk,         &map.transfer};
  for (std::size_t i = 0; i < kColumnKeys.size(); ++i) {
    if (const YamlNode* n = columns->find(kColumnKeys[i])) {
      *fields[i] = scalar(*n, key_path_join("columns", kColumnKeys[i]));
    }
  }
  if (map.arrival.empty()) {
    throw error_at(columns->origin,
                   "'columns.arrival' is required: the time the call asked for an agent",
                   "columns");
  }
  if (map.outcome.empty()) {
    throw error_at(columns->origin, "'columns.outcome' is required", "columns");
  }
  if (map.handle.empty() && (map.service_start.empty() || map.service_end.empty())) {
    throw error_at(columns->origin,
                   "the handle time needs 'columns.handle' (seconds) or both "
                   "'columns.service_start' and 'columns.service_end'",
                   "columns");
  }
  if (map.wait.empty() && (map.queue_entry.empty() || map.queue_exit.empty())) {
    throw error_at(columns->origin,
                   "the wait needs 'columns.wait' (seconds) or both 'columns.queue_entry' "
                   "and 'columns.queue_exit'",
                   "columns");
  }
  if (const YamlNode* n = root.find("not_queued")) map.not_queued = scalar(*n, "not_queued");
  if (const YamlNode* n = root.find("no_agent")) map.no_agent = scalar(*n, "no_agent");
  if (const YamlNode* n = root.find("no_transfer")) {
    map.no_transfer = scalar(*n, "no_transfer");
  }
  if (!map.transfer.empty() && map.desk.empty()) {
    throw error_at(columns->origin,
                   "'columns.transfer' needs 'columns.desk': a transfer goes from the desk "
                   "that took the call",
                   "columns");
  }

  const YamlNode* outcomes = root.find("outcomes");
  if (outcomes == nullptr || !outcomes->is_map()) {
    throw error_at(outcomes ? outcomes->origin : top,
                   "'outcomes' is required: {served: [...], abandoned: [...], drop: [...]}",
                   "outcomes");
  }
  check_keys(*outcomes, {"served", "abandoned", "drop"}, "outcomes");
  if (const YamlNode* n = outcomes->find("served")) map.served = values(*n, "outcomes.served");
  if (const YamlNode* n = outcomes->find("abandoned")) {
    map.abandoned = values(*n, "outcomes.abandoned");
  }
  if (const YamlNode* n = outcomes->find("drop")) map.drop = values(*n, "outcomes.drop");
  if (map.served.empty()) {
    throw error_at(outcomes->origin, "'outcomes.served' is required", "outcomes");
  }
  if (const YamlNode* p = root.find("priorities")) {
    if (!p->is_map()) throw error_at(p->origin, "expected a map {high: [...]}", "priorities");
    check_keys(*p, {"high"}, "priorities");
    if (const YamlNode* n = p->find("high")) map.high_priority = values(*n, "priorities.high");
  }
  return map;
}

}  // namespace escalsim::detail
