// Tests of `escalsim compare` as a user runs it: variants, common random numbers, paired
// differences, errors, and the files written.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "escalsim/comparison.h"
#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "tools/program_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace escalsim::testing;
using Json = nlohmann::json;

// Complaints go to a front line of five (load 0.8); a fifth are unresolved and go on to
// three specialists.
constexpr const char* kChain =
    "run: {name: chain, horizon: 6 weeks, warmup: 1 week, seed: 31, replications: 10}\n"
    "demand: {rate: 12 per hour}\n"
    "desks:\n"
    "  frontline: {staff: 5, handle_time: {distribution: exponential, mean: 20 min},\n"
    "              resolution: 0.8}\n"
    "  specialists: {staff: 3, handle_time: {distribution: exponential, mean: 40 min}}\n"
    "routes:\n"
    "  - {from: frontline, to: specialists, when: unresolved, probability: 1}\n";

// The same company without specialists, named like the first, with a longer horizon.
constexpr const char* kFlat =
    "run: {name: chain, horizon: 7 weeks, warmup: 1 week, seed: 99, replications: 3}\n"
    "demand: {rate: 12 per hour}\n"
    "desks:\n"
    "  frontline: {staff: 5, handle_time: {distribution: exponential, mean: 20 min}}\n";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// The paired difference of `metric` at `scope` for the variant named `variant`.
const Json& difference(const Json& comparison, const std::string& variant,
                       const std::string& scope, const std::string& metric) {
  for (const Json& against : comparison["differences"]) {
    if (against["variant"] != variant) continue;
    for (const Json& row : against["metrics"]) {
      if (row["scope"] == scope && row["metric"] == metric) return row;
    }
  }
  FAIL("no difference for " << variant << " " << scope << " " << metric);
  return comparison;
}

}  // namespace

TEST_CASE("compare: the same scenario twice shows zero difference") {
  TempDir dir;
  write_file(dir.path() / "chain.yaml", kChain);
  const Outcome o =
      run_program(dir.path(), "compare chain.yaml chain.yaml --replications 4 --out out");
  REQUIRE(o.status == 0);
  INFO(o.err);

  const Json j = Json::parse(read_file(dir.path() / "out/comparison.json"));
  REQUIRE(j["variants"].size() == 2);
  CHECK(j["variants"][0]["name"] == "chain");
  CHECK(j["variants"][1]["name"] == "chain-2");  // same name, same stem: numbered
  REQUIRE(j["differences"].size() == 1);
  const Json& metrics = j["differences"][0]["metrics"];
  CHECK(metrics.size() > 40);
  for (const Json& row : metrics) {
    INFO(row.dump());
    if (row["metric"] == "cost_per_churned_customer_avoided") {
      // No churn avoided by the same scenario: the ratio does not apply, and says so.
      CHECK(row["value"] == "not applicable");
      CHECK_FALSE(row.contains("difference"));
      continue;
    }
    CHECK(row["difference"].get<double>() == 0.0);
    CHECK(row["half_width"].get<double>() == 0.0);
    CHECK(row["significant"] == false);
  }

  SUBCASE("the table marks nothing significant, and says so in its legend only") {
    const std::vector<std::string> lines = lines_of(o.out);
    int marked = 0;
    for (const std::string& line : lines) {
      if (line.size() > 2 && line.compare(line.size() - 2, 2, " *") == 0) ++marked;
    }
    CHECK(marked == 0);
    CHECK(contains(o.out, "chain-2 − chain"));
    CHECK(contains(o.out, "* significant: the paired 95% interval"));
  }
  SUBCASE("differences.csv has a row per metric, every one zero") {
    const std::vector<std::string> rows = lines_of(read_file(dir.path() / "out/differences.csv"));
    REQUIRE(rows.size() == metrics.size() + 1);
    CHECK(rows[0] == "variant,baseline,scope,metric,difference,half_width,significant");
    for (std::size_t i = 1; i < rows.size(); ++i) {
      CHECK(starts_with(rows[i], "chain-2,chain,"));
      CHECK(contains(rows[i], contains(rows[i], ",cost_per_churned_customer_avoided,")
                                  ? ",not applicable,not applicable,false"
                                  : ",0,0,false"));
    }
  }
}

TEST_CASE("compare: one more front-line staff shortens the front line's wait, paired") {
  TempDir dir;
  write_file(dir.path() / "chain.yaml", kChain);
  const Outcome o = run_program(
      dir.path(), "compare chain.yaml --variant '6 staff:desks.frontline.staff=6' --out out");
  REQUIRE(o.status == 0);
  INFO(o.err);
  CHECK(o.err == "escalsim: wrote out/comparison.json, out/comparison.csv and "
                 "out/differences.csv\n");

  const Json j = Json::parse(read_file(dir.path() / "out/comparison.json"));
  CHECK(j["seed"] == 31);
  CHECK(j["replications"] == 10);
  CHECK(j["variants"][1]["name"] == "6 staff");
  CHECK(j["variants"][1]["variant_overrides"] == Json::array({"desks.frontline.staff=6"}));
  const Json& wait = difference(j, "6 staff", "desk:frontline", "wait_mean_min");
  MESSAGE("front-line wait, 6 vs 5 staff: ", wait["difference"].get<double>(), " +- ",
          wait["half_width"].get<double>(), " min");
  CHECK(wait["difference"].get<double>() < 0.0);
  CHECK(wait["significant"] == true);

  // The program pairs what the library pairs, and pairing beats independent intervals.
  escalsim::ExperimentOptions options;
  options.replications = 10;
  const std::string path = (dir.path() / "chain.yaml").string();
  const escalsim::ExperimentResult five = escalsim::run_experiment(
      escalsim::load_scenario(path), options);
  const escalsim::ExperimentResult six = escalsim::run_experiment(
      escalsim::load_scenario(path, {"desks.frontline.staff=6"}), options);
  for (const escalsim::Difference& d : escalsim::paired_differences(five, six)) {
    if (d.scope != "desk:frontline" || d.name != "wait_mean_min") continue;
    CHECK(d.difference == doctest::Approx(wait["difference"].get<double>()));
    CHECK(d.half_width == doctest::Approx(wait["half_width"].get<double>()));
  }
  for (const escalsim::Difference& u : escalsim::unpaired_differences(five, six)) {
    if (u.scope != "desk:frontline" || u.name != "wait_mean_min") continue;
    MESSAGE("unpaired +- ", u.half_width, " min");
    CHECK(wait["half_width"].get<double>() < u.half_width);
  }

  SUBCASE("the headline says the largest significant differences in words, with intervals") {
    const std::vector<std::string> lines = lines_of(o.out);
    const auto start = std::find(lines.begin(), lines.end(),
                                 "6 staff against chain: the largest significant differences "
                                 "(95% intervals)");
    REQUIRE(start != lines.end());
    std::vector<std::string> sentences;
    for (auto line = start + 1; line != lines.end() && starts_with(*line, "  "); ++line) {
      sentences.push_back(*line);
    }
    CHECK(sentences.size() >= 1);
    CHECK(sentences.size() <= 5);
    // The front line's wait, in words, with the figures of comparison.json: the size of the
    // difference and the ends of its interval, in minutes.
    const double diff = wait["difference"].get<double>();
    const double half = wait["half_width"].get<double>();
    bool found = false;
    for (const std::string& sentence : sentences) {
      if (!starts_with(sentence, "  waits at frontline are ")) continue;
      found = true;
      CAPTURE(sentence);
      double size = 0, low = 0, high = 0;
      char unit[8] = {0};
      REQUIRE(std::sscanf(sentence.c_str(), "  waits at frontline are %lf %7s shorter (%lf to %lf",
                          &size, unit, &low, &high) == 4);
      const double scale = std::string(unit) == "h" ? 60.0 : 1.0;
      REQUIRE((std::string(unit) == "min" || std::string(unit) == "h"));
      // Printed with at least two significant digits: within 5% of the JSON's figures.
      CHECK(size * scale == doctest::Approx(-diff).epsilon(0.05));
      CHECK(low * scale == doctest::Approx(-diff - half).epsilon(0.05));
      CHECK(high * scale == doctest::Approx(-diff + half).epsilon(0.05));
    }
    CHECK(found);
  }
  SUBCASE("the table shows both variants and the marked difference") {
    const std::vector<std::string> lines = lines_of(o.out);
    REQUIRE(lines.size() > 5);
    CHECK(starts_with(lines[0], "escalsim "));
    CHECK(contains(lines[0], "comparing 2 variants on common random numbers, seed 31, "
                             "10 replications"));
    bool found = false;
    for (const std::string& line : lines) {
      if (starts_with(line, "  frontline wait mean")) {
        found = true;
        CHECK(line.size() > 2);
        CHECK(line.compare(line.size() - 2, 2, " *") == 0);
        CHECK(contains(line, " -"));  // the difference is negative
      }
    }
    CHECK(found);
  }
}

// A client asks "against our plan, not the status quo": the baseline is any variant. The
// paired differences from it are those from the first, negated, on the same replications.
TEST_CASE("compare: --baseline takes every difference from the named variant") {
  TempDir dir;
  write_file(dir.path() / "chain.yaml", kChain);
  const std::string variants = "compare chain.yaml --variant '6 staff:desks.frontline.staff=6'";
  const Outcome first = run_program(dir.path(), variants + " --out first");
  REQUIRE(first.status == 0);
  const Outcome named = run_program(dir.path(), variants + " --baseline '6 staff' --out named");
  INFO(named.err);
  REQUIRE(named.status == 0);

  const Json a = Json::parse(read_file(dir.path() / "first/comparison.json"));
  const Json b = Json::parse(read_file(dir.path() / "named/comparison.json"));
  CHECK(b["baseline"] == "6 staff");
  CHECK(b["variants"][0]["name"] == "6 staff");
  CHECK(b["variants"][1]["name"] == "chain");
  int compared = 0;
  for (const Json& row : a["differences"][0]["metrics"]) {
    const Json& back = difference(b, "chain", row["scope"], row["metric"]);
    CAPTURE(row["scope"]);
    CAPTURE(row["metric"]);
    // Ratios, not b - a.
    if (row["metric"] == "loyal_gained_per_executive_hour" ||
        row["metric"] == "cost_per_churned_customer_avoided") {
      continue;
    }
    CHECK(back["difference"].get<double>() ==
          doctest::Approx(-row["difference"].get<double>()).epsilon(1e-9));
    CHECK(back["half_width"].get<double>() ==
          doctest::Approx(row["half_width"].get<double>()).epsilon(1e-9));
    CHECK(back["significant"] == row["significant"]);
    ++compared;
  }
  CHECK(compared > 20);
  // The figures of each variant do not depend on which is the baseline.
  CHECK(b["variants"][1]["summary"] == a["variants"][0]["summary"]);

  const Outcome unknown = run_program(dir.path(), variants + " --baseline '6 staf' --out x");
  CHECK(unknown.status == 2);
  CHECK(unknown.err == "escalsim: error: --baseline \"6 staf\": expected the name of a variant "
                       "(chain, 6 staff), did you mean 6 staff?\n");
}

TEST_CASE("compare: variants from files are named, seeded and warned about") {
  TempDir dir;
  write_file(dir.path() / "chain.yaml", kChain);
  write_file(dir.path() / "flat.yaml", kFlat);
  const Outcome o = run_program(dir.path(), "compare chain.yaml flat.yaml --replications 3 "
                                            "--format json");
  REQUIRE(o.status == 0);

  SUBCASE("a name already taken gives way to the file's stem") {
    const Json j = Json::parse(o.out);
    CHECK(j["variants"][0]["name"] == "chain");
    CHECK(j["variants"][1]["name"] == "flat");
  }
  SUBCASE("every variant runs with the first's seed and replications") {
    const Json j = Json::parse(o.out);
    CHECK(j["variants"][1]["settings"]["seed"] == 31);
    CHECK(j["variants"][1]["settings"]["replications"] == 3);
    CHECK(j["variants"][1]["scenario"]["text"] == kFlat);
  }
  SUBCASE("so does a third file, and a --variant after it") {
    // The first's settings were once read through a reference into the growing list of
    // variants (caught by AddressSanitizer with three files).
    write_file(dir.path() / "flat2.yaml", kFlat);
    const Outcome three = run_program(
        dir.path(), "compare chain.yaml flat.yaml flat2.yaml --variant 'more:desks.frontline.staff=9' "
                    "--replications 2 --format json");
    INFO(three.err);
    REQUIRE(three.status == 0);
    const Json j = Json::parse(three.out);
    REQUIRE(j["variants"].size() == 4);
    for (const Json& v : j["variants"]) {
      CHECK(v["settings"]["seed"] == 31);
      CHECK(v["settings"]["replications"] == 2);
    }
  }
  SUBCASE("different horizons are one warning line on stderr") {
    const std::vector<std::string> lines = lines_of(o.err);
    REQUIRE(lines.size() == 2);
    CHECK(starts_with(lines[0], "escalsim: warning: the horizon or warm-up of flat differs"));
    CHECK(contains(lines[0], "different spans"));
  }
  SUBCASE("the default folder is named after the first variant") {
    CHECK(fs::exists(dir.path() / "results/compare-chain/comparison.json"));
    CHECK(fs::exists(dir.path() / "results/compare-chain/comparison.csv"));
    CHECK(fs::exists(dir.path() / "results/compare-chain/differences.csv"));
  }
  SUBCASE("a desk in one variant only shows a dash") {
    const Outcome table = run_program(dir.path(), "compare chain.yaml flat.yaml "
                                                  "--replications 2 --horizon '3 weeks'");
    REQUIRE(table.status == 0);
    CHECK_FALSE(contains(table.err, "warning"));  // --horizon makes the spans equal
    bool found = false;
    for (const std::string& line : lines_of(table.out)) {
      if (!starts_with(line, "  specialists wait mean")) continue;
      found = true;
      CHECK(contains(line, "—"));
    }
    CHECK(found);
  }
}

TEST_CASE("compare: a bad command line is one line on stderr and exit status 2") {
  TempDir dir;
  write_file(dir.path() / "chain.yaml", kChain);

  SUBCASE("one variant only") {
    const Outcome o = run_program(dir.path(), "compare chain.yaml");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: compare needs at least two variants, got 1"));
    CHECK(o.out.empty());
  }
  SUBCASE("a --variant without a name") {
    const Outcome o = run_program(dir.path(), "compare chain.yaml --variant desks.frontline.staff=6");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: --variant \"desks.frontline.staff=6\": no name"));
  }
  SUBCASE("a --variant without settings") {
    const Outcome o = run_program(dir.path(), "compare chain.yaml --variant 'six:'");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(contains(o.err, "no KEY=VALUE after the name"));
  }
  SUBCASE("a --variant setting that is not KEY=VALUE") {
    const Outcome o = run_program(dir.path(),
                                  "compare chain.yaml --variant 'six:desks.frontline.staff=6;x'");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(contains(o.err, "\"x\" is not KEY=VALUE"));
  }
  SUBCASE("a --variant name taken by another variant") {
    const Outcome o = run_program(dir.path(),
                                  "compare chain.yaml --variant 'chain:desks.frontline.staff=6'");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(contains(o.err, "the name \"chain\" is already a variant's"));
  }
  SUBCASE("a variant's setting the scenario rejects points into the --variant") {
    // The second setting starts at column 31 of the argument, its key 'staf' at 47.
    const Outcome o = run_program(
        dir.path(),
        "compare chain.yaml --variant 'six:desks.specialists.staff=4;desks.frontline.staf=6'");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(o.err == "escalsim: error: --variant:1:47: unknown key 'staf', did you mean 'staff'? "
                   "(desks.frontline.staf)\n");
    CHECK(o.out.empty());
  }
  SUBCASE("a --set error keeps its --set place") {
    const Outcome o = run_program(dir.path(),
                                  "compare chain.yaml chain.yaml --set desks.frontline.staff=x");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: --set:1:"));
  }
  SUBCASE("an error in a variant's file names its line and column") {
    write_file(dir.path() / "broken.yaml", "run: {name: broken}\ndesks: {frontline: {staf: 3}}\n");
    const Outcome o = run_program(dir.path(), "compare chain.yaml broken.yaml");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(starts_with(o.err, "escalsim: error: broken.yaml:2:"));
  }
}

TEST_CASE("compare: the files are the same whatever the thread count") {
  TempDir dir;
  write_file(dir.path() / "chain.yaml", kChain);
  const std::string common =
      "compare chain.yaml --variant 'six:desks.frontline.staff=6' --replications 4 ";
  const Outcome one = run_program(dir.path(), common + "--threads 1 --out one");
  const Outcome two = run_program(dir.path(), common + "--threads 2 --out two");
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  CHECK(one.out == two.out);
  for (const char* file : {"comparison.json", "comparison.csv", "differences.csv"}) {
    INFO(file);
    const std::string a = read_file(dir.path() / "one" / file);
    CHECK_FALSE(a.empty());
    CHECK(a == read_file(dir.path() / "two" / file));
  }

  SUBCASE("the JSON has its keys") {
    const Json j = Json::parse(read_file(dir.path() / "one/comparison.json"));
    for (const char* key : {"escalsim_version", "seed", "replications", "baseline", "variants",
                            "differences"}) {
      CHECK_MESSAGE(j.contains(key), key);
    }
    const Json& variant = j["variants"][0];
    for (const char* key : {"name", "variant_overrides", "scenario", "settings", "summary"}) {
      CHECK_MESSAGE(variant.contains(key), key);
    }
    CHECK(variant["scenario"]["text"] == kChain);
    const Json& row = j["differences"][0]["metrics"][0];
    for (const char* key : {"scope", "metric", "mean_baseline", "mean_variant", "difference",
                            "half_width", "significant"}) {
      CHECK_MESSAGE(row.contains(key), key);
    }
  }
  SUBCASE("the tidy CSV has its header and a row per variant, replication and metric") {
    const std::vector<std::string> rows = lines_of(read_file(dir.path() / "one/comparison.csv"));
    REQUIRE(rows.size() > 1);
    CHECK(rows[0] == "variant,replication,seed,scope,metric,value");
    CHECK(starts_with(rows[1], "chain,0,"));
    CHECK(starts_with(rows.back(), "six,3,"));
  }
}

TEST_CASE("compare: each variant's verdict is the one `run` gives it") {
  // A CEO fed by the front line's escalations, with 1 hour a week and with 10: a client
  // comparing budgets reads each variant's verdict under the table, and it must be the
  // verdict `escalsim run` prints for that variant on its own.
  TempDir dir;
  const std::string company =
      "run: {name: NAME, horizon: 6 weeks, warmup: 1 week, seed: 5, replications: 4}\n"
      "demand: {rate: 12 per hour}\n"
      "desks:\n"
      "  frontline: {staff: 5, handle_time: 20 min, resolution: 0.8}\n"
      "  ceo: {budget: BUDGET, windows: [\"mon-fri 08:00-10:00\"], handle_time: 30 min}\n"
      "routes:\n"
      "  - {from: frontline, to: ceo, when: unresolved, probability: 0.05}\n";
  const auto with_budget = [&](const std::string& name, const std::string& budget) {
    std::string text = company;
    text.replace(text.find("NAME"), 4, name);
    text.replace(text.find("BUDGET"), 6, budget);
    return text;
  };
  write_file(dir.path() / "tight.yaml", with_budget("tight", "1 h per week"));
  write_file(dir.path() / "ample.yaml", with_budget("ample", "10 h per week"));
  const auto verdict_of_run = [&](const std::string& file) {
    const Outcome o = run_program(dir.path(), "run " + file + " --out run-" + file);
    REQUIRE(o.status == 0);
    const std::vector<std::string> lines = lines_of(o.out);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      if (lines[i] == "Verdict: new silo at the top?") return lines[i + 1].substr(2);
    }
    FAIL("no verdict in the run's table");
    return std::string();
  };
  const std::string tight = verdict_of_run("tight.yaml");
  const std::string ample = verdict_of_run("ample.yaml");
  CHECK(tight != ample);  // the comparison has something to tell

  const Outcome o = run_program(dir.path(), "compare tight.yaml ample.yaml --out cmp");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK(contains(o.out, "\nVerdict: new silo at the top?\n  tight: " + tight + "\n  ample: " +
                           ample + "\n"));
}
