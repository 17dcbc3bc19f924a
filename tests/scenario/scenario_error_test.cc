// ScenarioError: its fields are what callers read, and its text is built from them.
#include <string>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/scenario.h"

namespace escalsim {
namespace {

TEST_CASE("ScenarioError: the text is file:line:col: message (key path), from the fields") {
  const ScenarioError e("s.yaml", 4, 9, "expected a whole number, got 'ten'", "desks.ceo.staff");
  CHECK(std::string(e.what()) ==
        "s.yaml:4:9: expected a whole number, got 'ten' (desks.ceo.staff)");
  CHECK(e.file() == "s.yaml");
  CHECK(e.line() == 4);
  CHECK(e.column() == 9);
  CHECK(e.message() == "expected a whole number, got 'ten'");
  CHECK(e.key_path() == "desks.ceo.staff");

  SUBCASE("an unknown line or column is left out, and so is an empty key path") {
    CHECK(std::string(ScenarioError("s.yaml", 0, 0, "cannot read file").what()) ==
          "s.yaml: cannot read file");
    CHECK(std::string(ScenarioError("s.yaml", 3, 0, "bad").what()) == "s.yaml:3: bad");
  }
  SUBCASE("line breaks in the message and the key path stay on one line") {
    CHECK(std::string(ScenarioError("s.yaml", 1, 2, "got 'a\nb'", "desks.a\nb").what()) ==
          "s.yaml:1:2: got 'a\\nb' (desks.a\\nb)");
  }
  SUBCASE("an error with no one place is its text") {
    const ScenarioError whole("variant \"x\": s.yaml:1:1: bad");
    CHECK(std::string(whole.what()) == "variant \"x\": s.yaml:1:1: bad");
    CHECK(whole.file().empty());
    CHECK(whole.message() == whole.what());
  }
}

TEST_CASE("ScenarioError: a loader error carries its place, so no caller parses the text") {
  const std::string text = "run:\n  horizon: 4 weeks\ndemand:\n  rate: 120 per day\n"
                           "desks:\n  frontline:\n    staff: ten\n    handle_time: 25 min\n";
  try {
    load_scenario_text(text, "s.yaml");
    FAIL("expected an error");
  } catch (const ScenarioError& e) {
    CHECK(e.file() == "s.yaml");
    CHECK(e.line() == 7);
    CHECK(e.column() == 12);
    CHECK(e.key_path() == "desks.frontline.staff");
    CHECK(std::string(e.what()) == "s.yaml:7:12: " + e.message() + " (desks.frontline.staff)");
  }
  SUBCASE("an override's error is located at --set:N:C") {
    try {
      load_scenario_text(text, "s.yaml", {"run.seed=1", "desks.frontline.staff=x"});
      FAIL("expected an error");
    } catch (const ScenarioError& e) {
      CHECK(e.file() == "--set");
      CHECK(e.line() == 2);
      CHECK(e.column() == 23);
      CHECK(e.key_path() == "desks.frontline.staff");
    }
  }
}

}  // namespace
}  // namespace escalsim
