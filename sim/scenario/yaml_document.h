// A scenario's YAML as a plain tree with the origin of every node, read safely: a scan
// before parsing rejects what yaml-cpp 0.7 would misread or hang on, nesting is bounded,
// and duplicate keys, recursive aliases and second documents are errors. Overrides (--set)
// edit this tree.
#pragma once

#include <string>
#include <vector>

#include "escalsim/errors.h"

namespace escalsim::detail {

inline constexpr int kMaxNesting = 32;

// Where a node was written: a file with 1-based line and column, or "--set" with the
// override's 1-based index as `line` and the column within the `key=value` argument.
struct YamlOrigin {
  std::string file;
  int line = 0;
  int column = 0;
};

struct YamlEntry;

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string text;      // scalar text
  bool quoted = false;   // the scalar was quoted or a block literal
  YamlOrigin origin;
  std::vector<YamlNode> items;     // sequence
  std::vector<YamlEntry> entries;  // map, in file order, keys unique

  bool is_map() const { return kind == Kind::kMap; }
  bool is_sequence() const { return kind == Kind::kSequence; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_null() const { return kind == Kind::kNull; }
  // The value for `key` in a map, or nullptr.
  const YamlNode* find(const std::string& key) const;
  YamlNode* find(const std::string& key);
  // "a map", "a list", "nothing" or "'text'": what the user wrote, for messages.
  std::string describe() const;
};

struct YamlEntry {
  std::string key;
  YamlOrigin key_origin;
  YamlNode value;
};

// The error at `at`: what() reads `file:line:col: message (key path)` (see ScenarioError).
ScenarioError error_at(const YamlOrigin& at, const std::string& message,
                       const std::string& key_path = {});

// The text error_at(at, message, key_path) would give, for notes that are not errors.
std::string format_error(const YamlOrigin& at, const std::string& message,
                         const std::string& key_path);

// Parses `text` (read from `path`) into a tree. Throws ScenarioError for invalid YAML,
// nesting deeper than kMaxNesting, tabs in indentation, a second document, duplicate or
// non-scalar keys, and aliases that expand without bound. An empty document gives kNull.
YamlNode parse_yaml_document(const std::string& text, const std::string& path);

// Applies one override `key.path=value` (index is 1-based, for messages) to the tree.
// Map keys on the way must exist; the last may be new; list items are chosen by number
// ("routes.0.to" or "routes[0].to"). The value is read as one YAML scalar. Throws
// ScenarioError located at "--set:index:column".
void apply_override(YamlNode& root, const std::string& argument, int index);

// Path helpers for messages: "desks" + "ceo" -> "desks.ceo"; "routes" + 2 -> "routes[2]".
std::string key_path_join(const std::string& path, const std::string& key);
std::string key_path_index(const std::string& path, std::size_t index);

}  // namespace escalsim::detail
