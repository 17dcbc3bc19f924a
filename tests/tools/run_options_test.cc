// Tests of what the subcommands share (tools/run_options.cc): a flag's setting is the
// flag's when the loader refuses it, and the checks that CLI11 runs on flags as typed.
#include "run_options.h"

#include <string>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "tools/program_runner.h"

namespace {

using escalsim::Scenario;
using escalsim::ScenarioError;
using escalsim::tools::FlagSetting;
using escalsim::tools::load_with_flags;
using escalsim::testing::TempDir;
using escalsim::testing::write_file;

std::string load_error(const std::string& path, const std::vector<std::string>& overrides,
                       const std::vector<FlagSetting>& flags) {
  try {
    load_with_flags(path, overrides, flags);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(loaded)";
}

// What a CLI11 check says of `text`: empty when it accepts it.
std::string refusal(const CLI::Validator& check, std::string text) { return check(text); }

}  // namespace

TEST_CASE("load_with_flags: the loader's refusal of a flag's setting names the flag") {
  TempDir dir;
  const std::string path = dir / "s.yaml";
  write_file(path,
             "run: {name: s, horizon: 4 weeks}\n"
             "demand: {rate: 10 per hour}\n"
             "desks: {frontline: {staff: 3, handle_time: 15 min}}\n");
  const std::vector<FlagSetting> flags = {{"--seed", "run.seed=7"},
                                          {"--horizon", "run.horizon=eight weeks"}};
  // The second flag's setting, after one --set: override 3 of 3, reported as the flag.
  CHECK(load_error(path, {"run.warmup=1 day"}, flags) ==
        "--horizon: expected a duration like '25 min' or '2 h', got 'eight weeks'");
  // A --set's own mistake stays the override's.
  CHECK(load_error(path, {"run.warmup=one day"}, {flags.front()}) ==
        "--set:1:12: expected a duration like '2 weeks', or 'auto', got 'one day' (run.warmup)");
  // The flags apply after every --set: the flag wins.
  const Scenario s = load_with_flags(path, {"run.seed=3"}, {{"--seed", "run.seed=7"}});
  CHECK(s.run.seed == 7);
}

TEST_CASE("run_options: the checks on flags say what they accept") {
  using escalsim::tools::not_empty;
  using escalsim::tools::positive_duration;
  using escalsim::tools::whole_number;
  CHECK(refusal(whole_number(1, 10), "10").empty());
  CHECK(refusal(whole_number(1, 10), "11") == "expected a whole number from 1 to 10, got '11'");
  CHECK(refusal(whole_number(0, 10), "-1") == "expected a whole number from 0 to 10, got '-1'");
  CHECK(refusal(whole_number(0, 10), "1.5") == "expected a whole number from 0 to 10, got '1.5'");
  CHECK(refusal(whole_number(0, 10), "99999999999999999999").rfind("expected", 0) == 0);
  CHECK(refusal(positive_duration(), "8 weeks").empty());
  CHECK(refusal(positive_duration(), "0 weeks") ==
        "expected a duration like '8 weeks' or '30 days', got '0 weeks'");
  CHECK(refusal(not_empty("--out x"), "a").empty());
  CHECK(refusal(not_empty("--out x"), " ") == "is empty; give one, e.g. --out x");
}
