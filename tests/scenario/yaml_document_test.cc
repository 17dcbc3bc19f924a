// parse_yaml_document: nesting is bounded at the first level too deep (yaml-cpp's own guard
// beyond), and the pre-scan finds only what yaml-cpp 0.7 misreads.
#include <string>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "scenario/yaml_document.h"

namespace escalsim::detail {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_yaml_document(text, "s.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

std::string repeated(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST_CASE("YamlDocument: nesting past 32 levels is refused at the first level too deep") {
  SUBCASE("block lists") {
    CHECK(error_of(repeated("- ", 40) + "x\n") ==
          "s.yaml:1:65: nesting deeper than 32 levels is not allowed");
  }
  SUBCASE("flow lists") {
    CHECK(error_of("run: " + repeated("[", 40) + repeated("]", 40) + "\n") ==
          "s.yaml:1:37: nesting deeper than 32 levels is not allowed");
  }
  SUBCASE("indented maps") {
    std::string text;
    for (int i = 0; i < 40; ++i) text += std::string(2 * i, ' ') + "k" + std::to_string(i) + ":\n";
    CHECK(error_of(text) == "s.yaml:33:65: nesting deeper than 32 levels is not allowed");
  }
  SUBCASE("32 levels are allowed") {
    CHECK(error_of(repeated("- ", 31) + "x\n") == "no error");
  }
}

TEST_CASE("YamlDocument: nesting past yaml-cpp's own guard is refused at the parser's mark") {
  const std::string message = error_of(repeated("[", 2100) + repeated("]", 2100) + "\n");
  CHECK(message.rfind("s.yaml:", 0) == 0);
  CHECK(message.find(": nesting deeper than 32 levels is not allowed") != std::string::npos);
}

TEST_CASE("YamlDocument: a recursive alias is refused, not followed for ever") {
  CHECK(error_of("&a [*a]\n") ==
        "s.yaml:1:1: nesting deeper than 32 levels is not allowed (a recursive alias?)");
}

TEST_CASE("YamlDocument: the pre-scan finds what yaml-cpp 0.7 would misread") {
  SUBCASE("an unterminated quote, which yaml-cpp runs to the end of the file") {
    CHECK(error_of("a: \"x\nb: 1\n") ==
          "s.yaml:1:4: invalid YAML: the double quote opened here is never closed");
  }
  SUBCASE("a second document, which YAML::Load drops") {
    CHECK(error_of("a: 1\n---\nb: 2\n") ==
          "s.yaml:2:1: a scenario file holds one YAML document; a second starts here");
  }
  SUBCASE("a tab in indentation, which yaml-cpp blames on the value") {
    CHECK(error_of("a:\n\tb: 1\n") ==
          "s.yaml:2:1: invalid YAML: tab character in indentation; indent with spaces");
  }
  SUBCASE("an apostrophe inside a plain value is text") {
    CHECK(error_of("description: the '90s\n") == "no error");
  }
}

}  // namespace
}  // namespace escalsim::detail
