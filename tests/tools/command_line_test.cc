// Tests of escalsim's command line as a user types it: overrides that switch policies and
// scale demand (each checked by a paired run against the same thing written in the file),
// and flags whose mistakes are one line naming the flag and what it accepts, exit status 2.
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "tools/program_runner.h"

namespace {

using namespace escalsim::testing;

// A front line that sends a tenth of what it cannot resolve to a CEO with a weekly budget.
constexpr const char* kBase =
    "run: {name: NAME, horizon: 4 weeks, seed: 3, replications: 2}\n"
    "demand: {rate: RATE per hour, channels: {email: 1}}\n"
    "desks:\n"
    "  frontline: {staff: 3, handle_time: 15 min, resolution: 0.7}\n"
    "  ceo: {budget: 4 h per week, windows: [\"mon-fri 09:00-10:00\"], handle_time: 20 min}\n"
    "routes:\n"
    "  - {from: frontline, to: ceo, when: unresolved, probability: 0.1}\n";

std::string scenario(const std::string& name, const std::string& rate = "10",
                     const std::string& policies = "") {
  std::string text = kBase;
  text.replace(text.find("NAME"), 4, name);
  text.replace(text.find("RATE"), 4, rate);
  if (!policies.empty()) text += "policies:\n" + policies;
  return text;
}

// The program's results as CSV (every metric of every replication, no provenance).
std::string csv_of(const TempDir& dir, const std::string& args) {
  const Outcome o = run_program(dir.path(), args + " --format csv");
  INFO(args);
  INFO(o.err);
  REQUIRE(o.status == 0);
  REQUIRE(!o.out.empty());
  return o.out;
}

// The one line a refused command line prints, after checking it is one line and status 2.
std::string error_of(const TempDir& dir, const std::string& args) {
  const Outcome o = run_program(dir.path(), args);
  INFO(args);
  CHECK(o.status == 2);
  CHECK(lines_of(o.err).size() == 1);
  CHECK(o.out.empty());
  return o.err;
}

}  // namespace

TEST_CASE("escalsim: --set and --variant switch policies, validated like the file") {
  TempDir dir;
  write_file(dir.path() / "base.yaml", scenario("base"));
  write_file(dir.path() / "inbox.yaml",
             scenario("inbox", "10", "  - open_inbox: {executive: ceo, initial_share: 5%}\n"));
  write_file(dir.path() / "inbox20.yaml",
             scenario("inbox", "10", "  - open_inbox: {executive: ceo, initial_share: 20%}\n"));
  const std::string in_file = csv_of(dir, "run inbox.yaml --out a");

  SUBCASE("the whole list, as the file writes it, gives the file's results byte for byte") {
    CHECK(csv_of(dir, "run base.yaml --out b "
                      "--set 'policies=[{open_inbox: {executive: ceo, initial_share: 5%}}]'") ==
          in_file);
    CHECK(csv_of(dir, "run base.yaml --out c") != in_file);  // the policy does something
  }
  SUBCASE("one policy's parameter, by the policy's name") {
    const std::string twenty = csv_of(dir, "run inbox20.yaml --out d");
    CHECK(twenty != in_file);
    CHECK(csv_of(dir, "run inbox.yaml --out e --set 'policies.open_inbox.initial_share=20%'") ==
          twenty);
    // The same by the list index, and the policy's parameters given whole by its name.
    CHECK(csv_of(dir, "run inbox.yaml --out h --set 'policies[0].open_inbox.initial_share=20%'") ==
          twenty);
    CHECK(csv_of(dir, "run inbox.yaml --out i --set "
                      "'policies.open_inbox={executive: ceo, initial_share: 20%}'") == twenty);
  }
  SUBCASE("a parameter given to a policy written as a bare name") {
    write_file(dir.path() / "bare.yaml", scenario("inbox", "10", "  - open_inbox\n"));
    write_file(dir.path() / "share.yaml",
               scenario("inbox", "10", "  - open_inbox: {initial_share: 20%}\n"));
    const std::string in_file_share = csv_of(dir, "run share.yaml --out j");
    CHECK(csv_of(dir, "run bare.yaml --out k") != in_file_share);
    CHECK(csv_of(dir, "run bare.yaml --out l --set 'policies.open_inbox.initial_share=20%'") ==
          in_file_share);
  }
  SUBCASE("compare: a --variant with policies equals the file with them") {
    const std::string files = csv_of(dir, "compare base.yaml inbox.yaml --out f");
    CHECK(csv_of(dir, "compare base.yaml --out g --variant "
                      "'inbox:policies=[{open_inbox: {executive: ceo, initial_share: 5%}}]'") ==
          files);
    CHECK(read_file(dir.path() / "f" / "differences.csv") ==
          read_file(dir.path() / "g" / "differences.csv"));
  }
  SUBCASE("the loader's own example of a policies list is accepted") {
    const Outcome o = run_program(
        dir.path(), "check base.yaml --set 'policies=[public_replies, {open_inbox: {half_life: "
                    "4 weeks}}]'");
    INFO(o.err);
    CHECK(o.status == 0);
  }
  SUBCASE("mistakes are blamed on the override, at the column") {
    CHECK(error_of(dir, "run base.yaml --set 'policies=[open_inbx]'") ==
          "escalsim: error: --set:1:11: unknown policy 'open_inbx', did you mean 'open_inbox'? "
          "(policies[0])\n");
    CHECK(error_of(dir, "run base.yaml --set 'policies=[{open_inbox: {half_life: 4 weks}}]'") ==
          "escalsim: error: --set:1:36: expected a duration like '25 min' or '2 h', got "
          "'4 weks' (policies[0].open_inbox.half_life)\n");
    CHECK(error_of(dir, "run base.yaml --set 'policies=[{open_inbox: {half_life: 4 weeks}]'") ==
          "escalsim: error: --set:1:44: invalid YAML: illegal flow end\n");
    CHECK(error_of(dir, "run inbox.yaml --set 'policies.open_inbx.half_life=2 weeks'") ==
          "escalsim: error: --set:1:10: 'policies' holds no item named 'open_inbx', did you "
          "mean 'open_inbox'? (policies)\n");
    CHECK(error_of(dir, "run inbox.yaml --set 'policies.public_replies.share=2%'") ==
          "escalsim: error: --set:1:10: 'policies' holds no item named 'public_replies'; items "
          "there: open_inbox; to add one, give the whole list, e.g. policies=[...] (policies)\n");
    CHECK(error_of(dir, "compare base.yaml --variant 'x:policies=[open_inbx]'") ==
          "escalsim: error: --variant:1:13: unknown policy 'open_inbx', did you mean "
          "'open_inbox'? (policies[0])\n");
  }
}

TEST_CASE("escalsim: demand_multiplier is accepted wherever a sweep takes it, same meaning") {
  TempDir dir;
  write_file(dir.path() / "base.yaml", scenario("base"));
  write_file(dir.path() / "double.yaml", scenario("base", "20"));

  SUBCASE("run --set demand_multiplier=2 is the file with twice the rate") {
    const std::string doubled = csv_of(dir, "run double.yaml --out a");
    CHECK(csv_of(dir, "run base.yaml --out b --set demand_multiplier=2") == doubled);
    CHECK(csv_of(dir, "run base.yaml --out c") != doubled);
  }
  SUBCASE("check predicts and trace runs the doubled demand") {
    const Outcome check = run_program(dir.path(), "check base.yaml --set demand_multiplier=2");
    REQUIRE(check.status == 0);
    CHECK(check.out.find("20 per hour") != std::string::npos);
    const Outcome trace =
        run_program(dir.path(), "trace base.yaml --limit 200 --set demand_multiplier=2");
    REQUIRE(trace.status == 0);
    CHECK(trace.out == run_program(dir.path(), "trace double.yaml --limit 200").out);
  }
  SUBCASE("compare --variant scales demand like a second file") {
    write_file(dir.path() / "busy.yaml", scenario("busy", "20"));
    const std::string files = csv_of(dir, "compare base.yaml busy.yaml --out d");
    CHECK(csv_of(dir, "compare base.yaml --variant busy:demand_multiplier=2 --out e") == files);
  }
  SUBCASE("a bad multiplier is the override's error") {
    CHECK(error_of(dir, "run base.yaml --set demand_multiplier=0") ==
          "escalsim: error: --set:1:19: a demand multiplier must be more than 0, got '0' "
          "(demand_multiplier)\n");
  }
}

TEST_CASE("escalsim: a bad flag is one line naming the flag and what it accepts, status 2") {
  TempDir dir;
  write_file(dir.path() / "base.yaml", scenario("base"));
  CHECK(error_of(dir, "run base.yaml --replications 0") ==
        "escalsim: error: --replications: expected a whole number from 1 to 100000, got '0'\n");
  CHECK(error_of(dir, "sweep base.yaml --replications x") ==
        "escalsim: error: --replications: expected a whole number from 1 to 100000, got 'x'\n");
  CHECK(error_of(dir, "run base.yaml --horizon 8") ==
        "escalsim: error: --horizon: expected a duration like '8 weeks' or '30 days', got '8'\n");
  CHECK(error_of(dir, "run base.yaml --seed -1") ==
        "escalsim: error: --seed: expected a whole number from 0 to 9223372036854775807, got "
        "'-1'\n");
  CHECK(error_of(dir, "compare base.yaml base.yaml --seed 18446744073709551616") ==
        "escalsim: error: --seed: expected a whole number from 0 to 9223372036854775807, got "
        "'18446744073709551616'\n");
  CHECK(error_of(dir, "trace base.yaml --limit 0") ==
        "escalsim: error: --limit: expected a whole number from 1 to 9223372036854775807, got "
        "'0'\n");
  CHECK(error_of(dir, "run base.yaml --replication 3") ==
        "escalsim: error: unknown option --replication for `escalsim run`, did you mean "
        "--replications? (run `escalsim run --help` for its options)\n");
  CHECK(error_of(dir, "run base.yaml --out ''") ==
        "escalsim: error: --out: is empty; give one, e.g. --out results/mine, or leave it out "
        "for results/<scenario name>\n");
  CHECK(!std::filesystem::exists(dir.path() / "results"));  // nothing written anywhere
}

TEST_CASE("escalsim: an override's key path and empty value are the override's") {
  TempDir dir;
  write_file(dir.path() / "base.yaml", scenario("base"));
  CHECK(error_of(dir, "check base.yaml --set desks.ceo=") ==
        "escalsim: error: --set:1:7: expected a map of desk settings (staff, handle_time, ...), "
        "got nothing (desks.ceo)\n");
  CHECK(error_of(dir, "check base.yaml --set 'routes[0]].to=ceo'") ==
        "escalsim: error: --set:1:10: expected key.path=value like run.seed=7 or "
        "routes[0].to=ceo, but ']' follows a ']' in 'routes[0]].to'\n");
  CHECK(error_of(dir, "check base.yaml --set 'routes.[0].to=ceo'") ==
        "escalsim: error: --set:1:7: expected key.path=value like run.seed=7 or "
        "routes[0].to=ceo, but a '.' comes before a '[' in 'routes.[0].to'\n");
  // The spellings the README gives name the same setting.
  const std::string bracket =
      csv_of(dir, "run base.yaml --out a --set 'routes[0].probability=0.2'");
  CHECK(csv_of(dir, "run base.yaml --out b --set routes.0.probability=0.2") == bracket);
  CHECK(csv_of(dir, "run base.yaml --out c") != bracket);
}
