// ScenarioError's text, built from its fields: the one place a scenario error is spelled.
#include "escalsim/errors.h"

#include <utility>

namespace escalsim {

namespace {

// Appends `text` with its line breaks escaped: a multi-line quoted value, or a key that
// spans lines (which the key path repeats), stays on the message's one line.
void append_one_line(std::string& out, const std::string& text) {
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
}

std::string located_text(const std::string& file, int line, int column,
                         const std::string& message, const std::string& key_path) {
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    if (column > 0) {
      out += ':';
      out += std::to_string(column);
    }
  }
  out += ": ";
  append_one_line(out, message);
  if (!key_path.empty()) {
    out += " (";
    append_one_line(out, key_path);
    out += ')';
  }
  return out;
}

}  // namespace

ScenarioError::ScenarioError(std::string file, int line, int column, std::string message,
                             std::string key_path)
    : Error(located_text(file, line, column, message, key_path)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)),
      key_path_(std::move(key_path)) {}

ScenarioError::ScenarioError(const std::string& text) : Error(text), message_(text) {}

}  // namespace escalsim
