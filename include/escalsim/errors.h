// The exceptions escalsim throws: one base, one kind per layer.
#pragma once

#include <stdexcept>
#include <string>

namespace escalsim {

// Base of every escalsim error; what() is one line, ready for the user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A scenario that cannot be loaded or validated.
// what() reads `path:line:col: message (key path)`.
class ScenarioError : public Error {
 public:
  using Error::Error;
};

// A broken invariant inside a run (a bug, or a model the engine cannot honour).
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

}  // namespace escalsim
