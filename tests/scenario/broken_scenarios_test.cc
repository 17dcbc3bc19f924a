// Every broken scenario in tests/data/ gives exactly the one-line message in its .expected.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::string text = out.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// The broken files, by name, sorted so that failures read in a stable order.
std::vector<std::string> broken_names() {
  std::vector<std::string> names;
  const std::filesystem::path dir = std::filesystem::path(ESCALSIM_SOURCE_DIR) / "tests" / "data";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Messages name the file relative to the repository root, as a user running there sees them.
struct AtRepositoryRoot {
  AtRepositoryRoot() : previous(std::filesystem::current_path()) {
    std::filesystem::current_path(ESCALSIM_SOURCE_DIR);
  }
  ~AtRepositoryRoot() { std::filesystem::current_path(previous); }
  std::filesystem::path previous;
};

}  // namespace

TEST_CASE("BrokenScenarios: each file in tests/data fails with exactly its expected message") {
  AtRepositoryRoot root;
  const std::vector<std::string> names = broken_names();
  CHECK(names.size() >= 30);
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::string path = "tests/data/" + name + ".yaml";
    const std::filesystem::path expected_file = "tests/data/" + name + ".expected";
    REQUIRE_MESSAGE(std::filesystem::exists(expected_file), "missing " << expected_file.string());
    const std::string expected = read_text(expected_file);
    std::string actual = "(loaded without error)";
    try {
      escalsim::load_scenario(path);
    } catch (const escalsim::ScenarioError& e) {
      actual = e.what();
    }
    CHECK(actual == expected);
    CHECK(actual.find('\n') == std::string::npos);
  }
}

TEST_CASE("BrokenScenarios: every message starts with the file path and a 1-based line and column") {
  AtRepositoryRoot root;
  for (const std::string& name : broken_names()) {
    CAPTURE(name);
    const std::string expected = read_text("tests/data/" + name + ".expected");
    CHECK(expected.rfind("tests/data/" + name + ".yaml:", 0) == 0);
  }
}

TEST_CASE("BrokenScenarios: a file that cannot be read says so") {
  try {
    escalsim::load_scenario("tests/data/no-such-file.yaml");
    FAIL("expected an error");
  } catch (const escalsim::ScenarioError& e) {
    CHECK(std::string(e.what()) ==
          "tests/data/no-such-file.yaml: cannot read file (No such file or directory)");
  }
}
