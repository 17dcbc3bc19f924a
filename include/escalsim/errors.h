// The exceptions escalsim throws: one base, one kind per layer.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace escalsim {

// Base of every escalsim error; what() is one line, ready for the user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A scenario that cannot be loaded or validated, with its parts as fields, so that a caller
// that places it elsewhere (a --variant's setting, a sweep's site) reads them instead of
// parsing the text. what() is built from them: `file:line:col: message (key path)`.
class ScenarioError : public Error {
 public:
  // An error at `file` (a scenario's path; "--set" with the override's 1-based number as
  // `line`; "--variant" likewise), 1-based line and column (0 when unknown: left out of
  // the text, the column too when the line is). The key path (e.g. "routes[2].to") is left
  // out when empty. Line breaks in the message and the key path are shown as "\n", so that
  // what() is one line.
  ScenarioError(std::string file, int line, int column, std::string message,
                std::string key_path = {});

  // An error with no one place (a folder that holds another sweep, a variant's context
  // around another error): what() is `text`; file() is empty and message() is `text`.
  explicit ScenarioError(const std::string& text);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  // What is wrong, without the place and the key path.
  const std::string& message() const { return message_; }
  const std::string& key_path() const { return key_path_; }

 private:
  std::string file_;
  int line_ = 0;
  int column_ = 0;
  std::string message_;
  std::string key_path_;
};

// A broken invariant inside a run: a bug, not bad input (the program exits 3).
// what() names the complaint and the simulation time.
class ModelError : public Error {
 public:
  using Error::Error;
};

// An output file that could not be written.
class OutputError : public Error {
 public:
  using Error::Error;
};

// The escalsim program's exit status for an exception that ends it: bad input (every Error
// but a ModelError: a scenario, an override, a flag, an unwritable output) is 2; a broken
// invariant (ModelError) or any other exception is a bug, 3.
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternalError = 3;
inline int exit_status_for(const std::exception& e) {
  if (dynamic_cast<const ModelError*>(&e) != nullptr) return kExitInternalError;
  if (dynamic_cast<const Error*>(&e) != nullptr) return kExitBadInput;
  return kExitInternalError;
}

}  // namespace escalsim
