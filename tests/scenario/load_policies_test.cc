// The `policies:` section: names and parameters, built at load time, reached by --set.
#include <array>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/scenario.h"
#include "scenario/loader_test_helpers.h"

using namespace escalsim;
using namespace escalsim::loader_test;

TEST_CASE("ScenarioLoader: policies are bare names or a name mapped to its parameters, in order") {
  Scenario s = load_scenario_text(kWithCeo + R"(policies:
  - solicit_feedback
  - open_inbox: {executive: ceo, initial_share: 2%, share_per_reply: 0.5%, half_life: 4 weeks}
  - open_inbox:
      half_life: 2 weeks
      channels: [email, phone]
)",
                                  "s.yaml");
  REQUIRE(s.policies.size() == 3);

  SUBCASE("a bare name has no parameters and is located at the name") {
    const escalsim::PolicyConfig& p = s.policies[0];
    CHECK(p.name == "solicit_feedback");
    CHECK(p.params.empty());
    CHECK(p.where.file == "s.yaml");
    CHECK(p.where.line == 14);
    CHECK(p.where.column == 5);
    CHECK(p.where.key_path == "policies[0]");
  }
  SUBCASE("a flow map keeps each parameter as written, in order, with its value's location") {
    const escalsim::PolicyConfig& p = s.policies[1];
    CHECK(p.name == "open_inbox");
    CHECK(p.where.line == 15);
    CHECK(p.where.column == 5);
    CHECK(p.where.key_path == "policies[1].open_inbox");
    REQUIRE(p.params.size() == 4);
    CHECK(p.params[0].key == "executive");
    CHECK(p.params[0].value == "ceo");
    CHECK(p.params[1].value == "2%");
    CHECK(p.params[2].value == "0.5%");
    const escalsim::PolicyParam* half_life = p.find("half_life");
    REQUIRE(half_life != nullptr);
    CHECK(half_life->value == "4 weeks");
    CHECK(half_life->where.file == "s.yaml");
    CHECK(half_life->where.line == 15);
    CHECK(half_life->where.column == 87);
    CHECK(half_life->where.key_path == "policies[1].open_inbox.half_life");
    CHECK(p.find("max_share") == nullptr);
  }
  SUBCASE("a block map works the same, and a list value is joined with commas") {
    const escalsim::PolicyConfig& p = s.policies[2];
    CHECK(p.where.line == 16);
    REQUIRE(p.params.size() == 2);
    CHECK(p.params[0].where.line == 17);
    CHECK(p.params[0].where.column == 18);
    CHECK(p.params[1].key == "channels");
    CHECK(p.params[1].value == "email, phone");
    CHECK(p.params[1].where.key_path == "policies[2].open_inbox.channels");
  }
}

TEST_CASE("ScenarioLoader: an empty policies list, and a name with nothing after the colon") {
  CHECK(load_scenario_text(kWithCeo + "policies: []\n", "s.yaml").policies.empty());
  CHECK(load_scenario_text(kWithCeo + "policies:\n", "s.yaml").policies.empty());
  Scenario s = load_scenario_text(kWithCeo + "policies:\n  - frontline_only:\n", "s.yaml");
  REQUIRE(s.policies.size() == 1);
  CHECK(s.policies[0].params.empty());
  CHECK(s.policies[0].where.key_path == "policies[0].frontline_only");
  CHECK(error_of(kWithCeo + "policies:\n  - {}\n") ==
        "s.yaml:14:5: an empty map names no policy; write a name like frontline_only or "
        "{open_inbox: {half_life: 4 weeks}} (policies[0])");
}

TEST_CASE("ScenarioLoader: policies are built at load time, so bad parameters fail the load") {
  SUBCASE("a value the policy cannot parse is reported at the value") {
    CHECK(error_of(kWithCeo + "policies:\n  - open_inbox: {half_life: 4 wekes}\n") ==
          "s.yaml:14:29: expected a duration like '25 min' or '2 h', got '4 wekes' "
          "(policies[0].open_inbox.half_life)");
  }
  SUBCASE("an unknown parameter gets a did-you-mean among the policy's own") {
    CHECK(error_of(kWithCeo + "policies:\n  - open_inbox: {half_lfe: 4 weeks}\n") ==
          "s.yaml:14:28: unknown parameter 'half_lfe' of policy 'open_inbox', did you mean "
          "'half_life'? (policies[0].open_inbox.half_lfe)");
  }
  SUBCASE("a parameter naming an unknown channel, from a joined list") {
    CHECK(error_of(kWithCeo + "policies:\n  - open_inbox: {channels: [email, fax]}\n") ==
          "s.yaml:14:28: unknown channel 'fax'; channels: email, phone "
          "(policies[0].open_inbox.channels)");
  }
}

TEST_CASE("ScenarioLoader: --set reaches into a policy's parameters") {
  const std::string text = kWithCeo + R"(policies:
  - open_inbox: {executive: ceo, half_life: 4 weeks}
)";
  SUBCASE("an existing parameter is replaced, located at the override") {
    Scenario s = load_scenario_text(text, "s.yaml", {"policies.0.open_inbox.half_life=2 weeks"});
    const escalsim::PolicyParam* p = s.policies[0].find("half_life");
    REQUIRE(p != nullptr);
    CHECK(p->value == "2 weeks");
    CHECK(p->where.file == "--set");
    CHECK(p->where.line == 1);
    CHECK(p->where.column == 33);
    CHECK(p->where.key_path == "policies[0].open_inbox.half_life");
  }
  SUBCASE("a new parameter is added, with the bracket spelling too") {
    Scenario s = load_scenario_text(text, "s.yaml", {"policies[0].open_inbox.max_share=40%"});
    REQUIRE(s.policies[0].find("max_share") != nullptr);
    CHECK(s.policies[0].find("max_share")->value == "40%");
  }
  SUBCASE("a bad value from --set is reported at the override by the policy") {
    CHECK(error_of(text, {"policies.0.open_inbox.half_life=2"}) ==
          "--set:1:33: expected a duration like '25 min' or '2 h', got '2' "
          "(policies[0].open_inbox.half_life)");
  }
  SUBCASE("an unknown parameter from --set gets the policy's did-you-mean") {
    CHECK(error_of(text, {"policies.0.open_inbox.half_lif=2 weeks"}).rfind(
              "--set:1:32: unknown parameter 'half_lif' of policy 'open_inbox', did you mean "
              "'half_life'?", 0) == 0);
  }
}
