// Reading YAML safely into a YamlNode tree, and applying --set overrides to it.
#include "scenario/yaml_document.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "scenario/did_you_mean.h"
#include "escalsim/errors.h"

namespace escalsim::detail {

namespace {

// A cap on the nodes a document may expand to through aliases ("billion laughs").
constexpr std::size_t kMaxNodes = 200000;

[[noreturn]] void fail(const YamlOrigin& at, const std::string& message,
                       const std::string& key_path = {}) {
  throw error_at(at, message, key_path);
}

std::string nesting_message() {
  return "nesting deeper than " + std::to_string(kMaxNesting) + " levels is not allowed";
}

YamlOrigin origin_of_exception(const YAML::Exception& e, const std::string& path) {
  return YamlOrigin{path, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                    e.mark.column >= 0 ? e.mark.column + 1 : 0};
}

// Shows a piece of user text in a message: one line, bounded length.
std::string shown(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
    if (out.size() > 60) {
      out += "...";
      break;
    }
  }
  return out;
}

// --- The scan before parsing -------------------------------------------------------------
//
// Only what yaml-cpp 0.7.0 gets wrong is scanned for; the nesting depth is not (yaml-cpp's
// own guard throws YAML::DeepRecursion, and the converter below holds the tree to
// kMaxNesting). Each check, with its reason:
// - An unterminated quote: yaml-cpp accepts it, the quoted text running to the end of the
//   file and swallowing every key after it.
// - A second document: YAML::Load silently returns the first, and YAML::LoadAll, which
//   would see the others, can hang in 0.7.0; so "---" after content, or content after
//   "...", is found here.
// - A tab in indentation: yaml-cpp's own error is "illegal map value" at the value, not at
//   the tab.
// Quotes, flow brackets, comments and block scalars are followed only as far as these
// checks need: a quote or a "---" inside any of them is text.
class PreScanner {
 public:
  PreScanner(const std::string& text, const std::string& path) : text_(text), path_(path) {}

  void run() {
    std::size_t pos = 0;
    int line = 1;
    while (pos <= text_.size()) {
      std::size_t end = text_.find('\n', pos);
      if (end == std::string::npos) end = text_.size();
      scan_line(std::string_view(text_).substr(pos, end - pos), line);
      if (end == text_.size()) break;
      pos = end + 1;
      ++line;
    }
    if (in_quote_) {
      error(quote_line_, quote_column_,
            std::string("invalid YAML: the ") + (quote_ == '"' ? "double" : "single") +
                " quote opened here is never closed");
    }
  }

 private:
  [[noreturn]] void error(int line, int column, const std::string& message) {
    fail(YamlOrigin{path_, line, column}, message);
  }

  void scan_line(std::string_view l, int line) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    std::size_t indent = 0;
    while (indent < l.size() && l[indent] == ' ') ++indent;
    const bool blank = indent == l.size();

    // Inside a block scalar (| or >): lines indented deeper than its key are text.
    if (block_scalar_indent_ >= 0) {
      if (blank || static_cast<int>(indent) > block_scalar_indent_) return;
      block_scalar_indent_ = -1;
    }
    if (!in_quote_ && flow_depth_ == 0) {
      if (indent < l.size() && l[indent] == '\t') {
        error(line, static_cast<int>(indent) + 1,
              "invalid YAML: tab character in indentation; indent with spaces");
      }
      if (blank || l[indent] == '#') return;
      if (l.substr(0, 3) == "---" && (l.size() == 3 || l[3] == ' ')) {
        if (seen_content_) {
          error(line, 1, "a scenario file holds one YAML document; a second starts here");
        }
        seen_content_ = true;  // "--- value" on the marker line counts as content too
        return;
      }
      if (l.substr(0, 3) == "..." && (l.size() == 3 || l[3] == ' ')) {
        ended_ = true;
        return;
      }
      if (l[0] == '%') return;  // a directive
      if (ended_) error(line, 1, "a scenario file holds one YAML document; a second starts here");
      seen_content_ = true;
    } else if (!in_quote_ && !blank) {
      seen_content_ = true;
    }
    scan_flow(l, line, indent);
  }

  // Flow brackets, quotes and comments along one line. A quote opens a quoted scalar only
  // where a scalar may start (the line's start, after "- ", "? ", ": ", a flow bracket or a
  // comma in flow, or a node's anchor or tag): inside a plain scalar (`the '90s`) it is text.
  void scan_flow(std::string_view l, int line, std::size_t indent) {
    char previous = ' ';
    std::size_t last_content = std::string_view::npos;
    bool scalar_may_start = true;
    for (std::size_t i = 0; i < l.size(); ++i) {
      char c = l[i];
      if (in_quote_) {
        if (quote_ == '\'' && c == '\'') {
          if (i + 1 < l.size() && l[i + 1] == '\'') {
            ++i;
          } else {
            in_quote_ = false;
          }
        } else if (quote_ == '"' && c == '\\') {
          ++i;
        } else if (quote_ == '"' && c == '"') {
          in_quote_ = false;
        }
        previous = c;
        continue;
      }
      const bool space = std::isspace(static_cast<unsigned char>(c));
      const bool ends_token = i + 1 == l.size() || std::isspace(static_cast<unsigned char>(l[i + 1]));
      if (c == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(previous)))) break;
      if (space) {
        // Blanks change nothing.
      } else if ((c == '\'' || c == '"') && scalar_may_start) {
        in_quote_ = true;
        quote_ = c;
        quote_line_ = line;
        quote_column_ = static_cast<int>(i) + 1;
        scalar_may_start = false;
      } else if ((c == '[' || c == '{') && scalar_may_start) {
        ++flow_depth_;
      } else if ((c == ']' || c == '}') && flow_depth_ > 0) {
        --flow_depth_;
        scalar_may_start = false;
      } else if (c == ',' && flow_depth_ > 0) {
        scalar_may_start = true;
      } else if (c == ':' && (ends_token || flow_depth_ > 0)) {
        scalar_may_start = true;
      } else if ((c == '-' || c == '?') && scalar_may_start && ends_token) {
        // A sequence entry or a complex key: a scalar may still start after it.
      } else if ((c == '&' || c == '!') && scalar_may_start) {
        // An anchor or a tag: skip its name; the node's scalar may start after it.
        while (i + 1 < l.size() && !std::isspace(static_cast<unsigned char>(l[i + 1]))) ++i;
        c = l[i];
      } else {
        scalar_may_start = false;  // a plain scalar (or an alias) runs to its end
      }
      if (!space) last_content = i;
      previous = c;
    }
    // "key: |" or "- >-": the following deeper lines are a block scalar's text.
    if (!in_quote_ && flow_depth_ == 0 && last_content != std::string_view::npos) {
      std::size_t start = last_content;
      while (start > 0 && !std::isspace(static_cast<unsigned char>(l[start - 1]))) --start;
      std::string_view token = l.substr(start, last_content - start + 1);
      if (!token.empty() && (token[0] == '|' || token[0] == '>')) {
        bool indicator = true;
        for (char t : token.substr(1)) {
          if (t != '-' && t != '+' && !std::isdigit(static_cast<unsigned char>(t))) {
            indicator = false;
          }
        }
        if (indicator) block_scalar_indent_ = static_cast<int>(indent);
      }
    }
  }

  const std::string& text_;
  const std::string& path_;
  int flow_depth_ = 0;
  bool in_quote_ = false;
  char quote_ = '"';
  int block_scalar_indent_ = -1;
  int quote_line_ = 0;
  int quote_column_ = 0;
  bool seen_content_ = false;
  bool ended_ = false;
};

// --- yaml-cpp nodes to YamlNode ------------------------------------------------------------

class Converter {
 public:
  explicit Converter(const std::string& path) : path_(path) {}

  YamlOrigin origin_of(const YAML::Mark& mark) const {
    if (mark.line < 0 || mark.column < 0) return YamlOrigin{path_, 0, 0};
    return YamlOrigin{path_, mark.line + 1, mark.column + 1};
  }

  YamlNode convert(const YAML::Node& node, const YamlOrigin& fallback, const std::string& key_path,
                   int depth) {
    if (++count_ > kMaxNodes) {
      fail(fallback, "the scenario expands to more than " + std::to_string(kMaxNodes) +
                         " values (aliases repeated too often?)", key_path);
    }
    YamlNode out;
    out.origin = origin_of(node.Mark());
    if (depth >= kMaxNesting) {
      // A node written where it stands comes after its parent (`fallback`); an alias repeats
      // one written before, and only an alias can nest without end.
      const bool written_here = out.origin.line > fallback.line ||
                                (out.origin.line == fallback.line && out.origin.column > fallback.column);
      if (written_here) fail(out.origin, nesting_message());
      fail(fallback, nesting_message() + " (a recursive alias?)");
    }
    if (out.origin.line == 0) out.origin = fallback;
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::kNull;
        out.origin = fallback;  // a null's own mark points at whatever follows it
        break;
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::kScalar;
        out.text = node.Scalar();
        out.quoted = node.Tag() == "!";
        break;
      case YAML::NodeType::Sequence: {
        out.kind = YamlNode::Kind::kSequence;
        std::size_t i = 0;
        for (const YAML::Node& item : node) {
          out.items.push_back(convert(item, out.origin, key_path_index(key_path, i), depth + 1));
          ++i;
        }
        break;
      }
      case YAML::NodeType::Map: {
        out.kind = YamlNode::Kind::kMap;
        for (auto it = node.begin(); it != node.end(); ++it) {
          YamlOrigin key_origin = origin_of(it->first.Mark());
          if (key_origin.line == 0) key_origin = out.origin;
          if (!it->first.IsScalar() || it->first.Scalar().empty()) {
            fail(key_origin, "keys must be plain names, not lists, maps or nothing", key_path);
          }
          const std::string key = it->first.Scalar();
          const std::string child_path = key_path_join(key_path, key);
          for (const YamlEntry& earlier : out.entries) {
            if (earlier.key == key) {
              fail(key_origin, "duplicate key '" + shown(key) + "', first at line " +
                                   std::to_string(earlier.key_origin.line), child_path);
            }
          }
          YamlEntry entry;
          entry.key = key;
          entry.key_origin = key_origin;
          entry.value = convert(it->second, key_origin, child_path, depth + 1);
          out.entries.push_back(std::move(entry));
        }
        break;
      }
    }
    return out;
  }

 private:
  const std::string& path_;
  std::size_t count_ = 0;
};

// The first non-blank, non-comment text, for "got '...'" when the document reads as nothing.
std::string first_content(const std::string& text, int& line, int& column) {
  line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view l = std::string_view(text).substr(pos, end - pos);
    std::size_t i = 0;
    while (i < l.size() && std::isspace(static_cast<unsigned char>(l[i]))) ++i;
    if (i < l.size() && l[i] != '#' && l[i] != '%' && l.substr(i, 3) != "---") {
      column = static_cast<int>(i) + 1;
      std::string_view rest = l.substr(i);
      while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) {
        rest.remove_suffix(1);
      }
      return std::string(rest);
    }
    pos = end + 1;
    ++line;
  }
  column = 1;
  return {};
}

// Scenario files are UTF-8 (what YAML and the JSON results require): the first byte that
// is not, with its line and column (in characters), or nothing. Overlong forms, surrogates
// and code points past U+10FFFF are not UTF-8 either.
void check_utf8(const std::string& text, const std::string& path) {
  int line = 1;
  int column = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    std::uint32_t min = 0;
    if (byte < 0x80) {
      length = 1;
      code = byte;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2, code = byte & 0x1F, min = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3, code = byte & 0x0F, min = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4, code = byte & 0x07, min = 0x10000;
    }
    bool ok = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      ok = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    if (ok && length > 1) ok = code >= min && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF);
    if (!ok) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", byte);
      fail(YamlOrigin{path, line, column},
           std::string("the file is not UTF-8: byte ") + hex +
               " starts no UTF-8 character (Latin-1 or Windows-1252 text?); save the scenario "
               "as UTF-8");
    }
    if (byte == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
}

}  // namespace

const YamlNode* YamlNode::find(const std::string& key) const {
  for (const YamlEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

YamlNode* YamlNode::find(const std::string& key) {
  for (YamlEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

std::string YamlNode::describe() const {
  switch (kind) {
    case Kind::kNull: return "nothing";
    case Kind::kMap: return "a map";
    case Kind::kSequence: return "a list";
    case Kind::kScalar: return "'" + shown(text) + "'";
  }
  return "?";
}

ScenarioError error_at(const YamlOrigin& at, const std::string& message,
                       const std::string& key_path) {
  return ScenarioError(at.file, at.line, at.column, message, key_path);
}

std::string format_error(const YamlOrigin& at, const std::string& message,
                         const std::string& key_path) {
  return error_at(at, message, key_path).what();
}

std::string key_path_join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string key_path_index(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

YamlNode parse_yaml_document(const std::string& text, const std::string& path) {
  if (text.find('\0') != std::string::npos) {
    fail(YamlOrigin{path, 0, 0}, "the file contains NUL bytes; a scenario is a text file");
  }
  check_utf8(text, path);
  PreScanner(text, path).run();
  YAML::Node root;
  try {
    // YAML::Load reads the first document only; YAML::LoadAll can hang in yaml-cpp 0.7.
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // Nesting deep enough for yaml-cpp's own guard (2000 levels): its mark is where the
    // parser stood, not the first level too deep, which the converter would have named.
    fail(origin_of_exception(e, path), nesting_message());
  } catch (const YAML::Exception& e) {
    fail(origin_of_exception(e, path), "invalid YAML: " + e.msg);
  }
  Converter converter(path);
  YamlNode tree = converter.convert(root, YamlOrigin{path, 1, 1}, "", 0);
  if (tree.is_null()) {
    int line = 1, column = 1;
    std::string content = first_content(text, line, column);
    if (!content.empty() && content != "~" && content != "null") {
      fail(YamlOrigin{path, line, column}, "invalid YAML: expected a map of settings, got '" +
                                               shown(content) + "'");
    }
  }
  return tree;
}

// --- Overrides -----------------------------------------------------------------------------

namespace {

struct KeySegment {
  std::string text;
  int column = 0;  // 1-based, within the argument
};

// Reads a --set value as one YAML scalar: quotes removed, ~/null/empty as nothing.
YamlNode override_value(std::string_view raw, const YamlOrigin& origin) {
  std::string_view v = raw;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  YamlNode node;
  node.origin = origin;
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') ||
                        (v.front() == '\'' && v.back() == '\''))) {
    const char q = v.front();
    std::string text;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (q == '\'' && v[i] == '\'' && i + 2 < v.size() && v[i + 1] == '\'') {
        ++i;
      } else if (q == '"' && v[i] == '\\' && i + 2 < v.size()) {
        ++i;
      }
      text += v[i];
    }
    node.kind = YamlNode::Kind::kScalar;
    node.text = text;
    node.quoted = true;
    return node;
  }
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") {
    node.kind = YamlNode::Kind::kNull;
    return node;
  }
  node.kind = YamlNode::Kind::kScalar;
  node.text = std::string(v);
  return node;
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Moves every origin of a tree parsed from an override's value (line 1 is the argument,
// columns counted from its value) to "--set:index:column" within the whole argument.
void relocate(YamlNode& node, int index, int value_column) {
  auto moved = [&](YamlOrigin& o) {
    const int column = o.line <= 1 ? value_column + std::max(o.column, 1) - 1 : o.column;
    o = YamlOrigin{"--set", index, column};
  };
  moved(node.origin);
  for (YamlNode& item : node.items) relocate(item, index, value_column);
  for (YamlEntry& e : node.entries) {
    moved(e.key_origin);
    relocate(e.value, index, value_column);
  }
}

// A value written as a YAML flow collection ("[a, {b: {c: 1}}]" or "{from: 1}"): read like
// the same text in the file, with its errors located in the argument.
YamlNode override_collection(const std::string& text, int index, int value_column) {
  try {
    YamlNode node = parse_yaml_document(text, "--set");
    relocate(node, index, value_column);
    return node;
  } catch (const ScenarioError& e) {
    // parse_yaml_document located it at "--set:line:column" of the value alone.
    if (e.file() == "--set" && e.line() > 0 && e.column() > 0) {
      const int at = e.line() <= 1 ? value_column + e.column() - 1 : e.column();
      throw ScenarioError("--set", index, at, e.message(), e.key_path());
    }
    fail(YamlOrigin{"--set", index, value_column}, e.what());
  }
}

// The name of a list item that names itself: "open_inbox" in `- open_inbox` or in
// `- open_inbox: {half_life: 4 weeks}`, as the policies list is written. Empty otherwise.
std::string item_name(const YamlNode& item) {
  if (item.is_scalar()) return item.text;
  if (item.is_map() && item.entries.size() == 1) return item.entries.front().key;
  return "";
}

}  // namespace

void apply_override(YamlNode& root, const std::string& argument, int index) {
  auto at = [&](int column) { return YamlOrigin{"--set", index, column}; };
  const std::size_t equals = argument.find('=');
  if (equals == std::string::npos) {
    fail(at(1), "expected key.path=value (e.g. run.seed=7), got '" + shown(argument) + "'");
  }
  // The key path: names joined by '.', each optionally followed by list indexes in brackets;
  // "routes[2].to" is the same as "routes.2.to". Anything else is refused, not guessed at.
  const std::string key_text = argument.substr(0, equals);
  const auto malformed = [&](std::size_t column, const std::string& why) {
    fail(at(static_cast<int>(column) + 1),
         "expected key.path=value like run.seed=7 or routes[0].to=ceo, but " + why + " in '" +
             shown(key_text) + "'");
  };
  if (key_text.empty()) malformed(0, "the key is empty");
  std::vector<KeySegment> segments;
  for (std::size_t i = 0; i < key_text.size();) {
    const char c = key_text[i];
    if (c == '[') {
      const std::size_t close = key_text.find(']', i + 1);
      if (segments.empty()) malformed(i, "a '[' comes before any key name");
      if (key_text[i - 1] == '.') malformed(i - 1, "a '.' comes before a '['");
      if (close == std::string::npos) malformed(i, "this '[' is never closed");
      const std::string digits = key_text.substr(i + 1, close - i - 1);
      if (!all_digits(digits)) malformed(i + 1, "a list index in brackets is a number");
      segments.push_back(KeySegment{digits, static_cast<int>(i) + 2});
      i = close + 1;
      if (i < key_text.size() && key_text[i] != '.' && key_text[i] != '[') {
        malformed(i, "'" + std::string(1, key_text[i]) + "' follows a ']'");
      }
      if (i < key_text.size() && key_text[i] == '.') {
        ++i;
        if (i == key_text.size()) malformed(i - 1, "it ends with '.'");
      }
      continue;
    }
    if (c == ']') malformed(i, "this ']' closes no '['");
    if (c == '.') malformed(i, "a key name is empty");
    KeySegment seg;
    seg.column = static_cast<int>(i) + 1;
    while (i < key_text.size() && key_text[i] != '.' && key_text[i] != '[' && key_text[i] != ']') {
      seg.text += key_text[i++];
    }
    segments.push_back(std::move(seg));
    if (i < key_text.size() && key_text[i] == '.') {
      ++i;
      if (i == key_text.size()) malformed(i - 1, "it ends with '.'");
    }
  }
  // Point at the first character of the value itself.
  std::size_t first = equals + 1;
  while (first < argument.size() && argument[first] == ' ') ++first;
  const int value_column = static_cast<int>(first) + 1;
  const std::string_view raw = std::string_view(argument).substr(equals + 1);
  // A value that opens a flow collection is one, as it would be in the file: policies, lists
  // of windows and maps of parameters can be given whole.
  YamlNode value = first < argument.size() && (argument[first] == '[' || argument[first] == '{')
                       ? override_collection(argument.substr(first), index, value_column)
                       : override_value(raw, at(value_column));
  value.origin.column = value_column;

  YamlNode* node = &root;
  std::string path;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const KeySegment& seg = segments[s];
    const bool last = s + 1 == segments.size();
    if (node->is_map()) {
      YamlEntry* child = nullptr;
      for (YamlEntry& e : node->entries) {
        if (e.key == seg.text) child = &e;
      }
      const std::string child_path = key_path_join(path, seg.text);
      if (!child) {
        if (last) {
          node->entries.push_back(YamlEntry{seg.text, at(seg.column), value});
          return;
        }
        std::vector<std::string> keys;
        for (const YamlEntry& e : node->entries) keys.push_back(e.key);
        fail(at(seg.column),
             "no key '" + shown(seg.text) + "' in " + (path.empty() ? "the file" : "'" + path + "'") +
                 suggestion_tail(seg.text, keys, "keys there"),
             child_path);
      }
      if (last) {
        // The key is now the override's: a value it leaves empty is blamed there.
        child->key_origin = at(seg.column);
        child->value = value;
        return;
      }
      node = &child->value;
      path = child_path;
    } else if (node->is_sequence()) {
      const std::size_t size = node->items.size();
      if (!all_digits(seg.text)) {
        // A name picks the item that names itself (a policy by its name).
        std::vector<std::string> names;
        YamlNode* item = nullptr;
        for (YamlNode& candidate : node->items) {
          const std::string name = item_name(candidate);
          if (!name.empty()) names.push_back(name);
          if (name == seg.text && !item) item = &candidate;
        }
        if (!item) {
          fail(at(seg.column),
               "'" + path + "' holds no item named '" + shown(seg.text) + "'" +
                   (!closest_match(seg.text, names).empty()
                        ? suggestion_tail(seg.text, names)
                        : (names.empty() ? std::string() : "; items there: " + join_names(names)) +
                              "; to add one, give the whole list, e.g. " + path + "=[...]"),
               path);
        }
        if (last) {
          YamlNode named;
          named.kind = YamlNode::Kind::kMap;
          named.origin = at(seg.column);
          named.entries.push_back(YamlEntry{seg.text, at(seg.column), value});
          *item = std::move(named);
          return;
        }
        if (item->is_scalar()) {
          // `- open_inbox` becomes `- open_inbox: {}`, ready for a parameter.
          YamlNode named;
          named.kind = YamlNode::Kind::kMap;
          named.origin = item->origin;
          YamlNode params;
          params.kind = YamlNode::Kind::kMap;
          params.origin = item->origin;
          named.entries.push_back(YamlEntry{seg.text, item->origin, params});
          *item = std::move(named);
        }
        const std::size_t i = static_cast<std::size_t>(item - node->items.data());
        YamlNode& params = item->entries.front().value;
        if (params.is_null()) {
          params.kind = YamlNode::Kind::kMap;
          params.origin = item->entries.front().key_origin;
        }
        node = &params;
        path = key_path_join(key_path_index(path, i), seg.text);
        continue;
      }
      if (seg.text.size() > 9 || static_cast<std::size_t>(std::stoul(seg.text)) >= size) {
        fail(at(seg.column),
             "'" + path + "' is a list of " + std::to_string(size) + "; expected an index from 0 to " +
                 std::to_string(size == 0 ? 0 : size - 1) + ", got '" + shown(seg.text) + "'",
             path);
      }
      const std::size_t i = std::stoul(seg.text);
      if (last) {
        node->items[i] = value;
        return;
      }
      node = &node->items[i];
      path = key_path_index(path, i);
    } else {
      fail(at(seg.column),
           "'" + path + "' holds a single value, so it has no '" + shown(seg.text) + "' inside",
           path);
    }
  }
}

}  // namespace escalsim::detail
