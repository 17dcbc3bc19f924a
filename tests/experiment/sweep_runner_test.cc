// Tests of the sweep runner through the library: point files, summaries from stored
// metrics, threads, shards and merge, resuming, and the checks on the output folder.
#include "experiment/sweep_store.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "tools/program_runner.h"
#include "testutil.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;

// A small sweep: two desks, staff x demand multiple (3 x 4 = 12 points), 2 replications
// of 3 weeks each.
constexpr const char* kSweepScenario =
    "run: {name: small-sweep, horizon: 3 weeks, warmup: 2 days, seed: 11, replications: 2}\n"
    "demand: {rate: 12 per hour}\n"
    "desks:\n"
    "  frontline: {staff: 3, handle_time: 12 min, patience: 20 min}\n"
    "  specialists: {staff: 1, handle_time: 30 min}\n"
    "routes:\n"
    "  - {from: frontline, to: specialists, probability: 0.1}\n"
    "sweep:\n"
    "  parameters:\n"
    "    desks.frontline.staff: [3, 4, 5]\n"
    "    demand_multiplier: [0.5, 1, 1.5, 2]\n";

Scenario small_sweep(const std::vector<std::string>& overrides = {}) {
  return load_scenario_text(kSweepScenario, "small-sweep.yaml", overrides);
}

const char* const kOutputs[] = {"sweep.csv", "summary.csv", "sweep.json"};

void check_same_outputs(const std::string& a, const std::string& b) {
  for (const char* name : kOutputs) {
    INFO("output " << name);
    const std::string left = read_file(a + "/" + name);
    CHECK_FALSE(left.empty());
    CHECK(left == read_file(b + "/" + name));
  }
}

std::set<std::string> files_in(const std::string& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) names.insert(e.path().filename().string());
  return names;
}

SweepOptions options_for(const std::string& out, int threads = 1) {
  SweepOptions options;
  options.out_dir = out;
  options.threads = threads;
  return options;
}

// A scenario built in code with a hand-made sweep, for the pieces that need no loader.
Scenario code_sweep(bool common_random_numbers) {
  Scenario s = testing::ScenarioBuilder("code")
                   .horizon(Duration::weeks(1))
                   .seed(5)
                   .replications(3)
                   .desk("frontline", 2, testing::exponential(Duration::minutes(10)))
                   .demand("frontline", Rate::per_hour(6))
                   .build();
  SweepSpec spec;
  spec.parameters.push_back({kDemandMultiplier, {"1", "2"}, {}});
  spec.points = {SweepPoint{0, {{kDemandMultiplier, "1"}}}, SweepPoint{1, {{kDemandMultiplier, "2"}}}};
  spec.common_random_numbers = common_random_numbers;
  s.sweep = spec;
  return s;
}

TEST_CASE("Sweep: a point file gives back every double exactly") {
  const Scenario scenario = code_sweep(true);
  const SweepPoint& point = scenario.sweep->points[1];
  const std::vector<double> tricky = {0.1,
                                      1.0 / 3.0,
                                      2.0 / 3.0,
                                      1e-300,
                                      std::numeric_limits<double>::denorm_min(),
                                      std::numeric_limits<double>::max(),
                                      -0.0,
                                      123456789.123456789,
                                      std::nextafter(1.0, 2.0),
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity()};
  PointResult p;
  p.point = point;
  for (int r = 0; r < 3; ++r) {
    p.seeds.push_back(detail::sweep_run_seed(scenario, point, r));
    std::vector<Metric> metrics;
    for (std::size_t i = 0; i < tricky.size(); ++i) {
      metrics.push_back(Metric{"desk:frontline", fmt::format("m{}", i), tricky[i] * (r + 1)});
    }
    p.runs.push_back(metrics);
  }
  TempDir dir;
  const std::string path = dir / "point.json";
  std::ofstream(path, std::ios::binary)
      << detail::point_file_text(detail::sweep_fingerprint(scenario), p, {false, true, false});

  std::string why;
  const auto stored =
      detail::read_point_file(path, scenario, detail::sweep_fingerprint(scenario), point, &why);
  REQUIRE_MESSAGE(stored.has_value(), why);
  CHECK(stored->stopped_early == std::vector<bool>{false, true, false});
  CHECK(stored->result.seeds == p.seeds);
  for (int r = 0; r < 3; ++r) {
    for (std::size_t i = 0; i < tricky.size(); ++i) {
      const double want = p.runs[r][i].value;
      const double got = stored->result.runs[r][i].value;
      INFO("replication " << r << ", value " << i);
      if (std::isnan(want)) {
        CHECK(std::isnan(got));
      } else {
        CHECK(std::signbit(got) == std::signbit(want));
        CHECK(got == want);
      }
    }
  }

  SUBCASE("a file cut short, or of another point or sweep, is not taken") {
    const std::string text = read_file(path);
    std::ofstream(path, std::ios::binary) << text.substr(0, text.size() / 2);
    CHECK_FALSE(detail::read_point_file(path, scenario, detail::sweep_fingerprint(scenario),
                                        point, &why));
    std::ofstream(path, std::ios::binary) << text;
    CHECK_FALSE(detail::read_point_file(path, scenario, detail::sweep_fingerprint(scenario),
                                        scenario.sweep->points[0], &why));
    CHECK_FALSE(detail::read_point_file(path, scenario, "0000000000000000", point, &why));
    CHECK(why == "from another sweep");
  }
}

TEST_CASE("Sweep: summaries from stored metrics equal summarise() over the runs") {
  Scenario scenario = code_sweep(true);
  std::vector<RunResult> runs;
  std::vector<std::vector<Metric>> metrics;
  for (int r = 0; r < 4; ++r) {
    runs.push_back(run_once(scenario, r));
    metrics.push_back(flatten(runs.back()));
  }
  const std::vector<Estimate> want = summarise(runs);
  const std::vector<Estimate> got = detail::summarise_metrics(metrics);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].scope == want[i].scope);
    CHECK(got[i].name == want[i].name);
    CHECK(got[i].n == want[i].n);
    CHECK(std::memcmp(&got[i].mean, &want[i].mean, sizeof(double)) == 0);
    CHECK(std::memcmp(&got[i].half_width, &want[i].half_width, sizeof(double)) == 0);
    CHECK(std::memcmp(&got[i].sd, &want[i].sd, sizeof(double)) == 0);
  }
}

TEST_CASE("Sweep: seeds follow common random numbers") {
  SUBCASE("on: replication r of every point has the same seed") {
    const Scenario s = code_sweep(true);
    CHECK(detail::sweep_run_seed(s, s.sweep->points[0], 2) ==
          detail::sweep_run_seed(s, s.sweep->points[1], 2));
    CHECK(detail::sweep_run_seed(s, s.sweep->points[0], 2) == derive_run_seed(5, 0, 2));
  }
  SUBCASE("off: the point index goes into the seed") {
    const Scenario s = code_sweep(false);
    CHECK(detail::sweep_run_seed(s, s.sweep->points[1], 2) == derive_run_seed(5, 1, 2));
    CHECK(detail::sweep_run_seed(s, s.sweep->points[0], 2) !=
          detail::sweep_run_seed(s, s.sweep->points[1], 2));
  }
}

TEST_CASE("Sweep: the outputs are byte-identical on 1, 2 and 8 threads") {
  const Scenario scenario = small_sweep();
  TempDir dir;
  const SweepResult one = run_sweep(scenario, options_for(dir / "t1", 1));
  REQUIRE(one.complete);
  CHECK(one.points.size() == 12);
  CHECK(one.points[5].runs.size() == 2);
  CHECK(one.points[5].seeds == std::vector<std::uint64_t>{derive_run_seed(11, 0, 0),
                                                          derive_run_seed(11, 0, 1)});
  run_sweep(scenario, options_for(dir / "t2", 2));
  run_sweep(scenario, options_for(dir / "t8", 8));
  check_same_outputs(dir / "t1", dir / "t2");
  check_same_outputs(dir / "t1", dir / "t8");
  CHECK(files_in(dir / "t1/points").size() == 12);
}

TEST_CASE("Sweep: the points of one run agree with run_once at that point") {
  const Scenario scenario = small_sweep();
  TempDir dir;
  const SweepResult result = run_sweep(scenario, options_for(dir / "out", 2));
  REQUIRE(result.complete);
  const SweepPoint& point = scenario.sweep->points[7];
  const RunResult direct = run_once(scenario_at(scenario, point), 1, EngineOptions{}, 0);
  const std::vector<Metric> want = flatten(direct);
  const std::vector<Metric>& got = result.points[7].runs[1];
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].name == want[i].name);
    CHECK((got[i].value == want[i].value || (std::isnan(got[i].value) && std::isnan(want[i].value))));
  }
}

TEST_CASE("Sweep: with warmup: auto, a sweep's point is what run and compare measure there") {
  // A busy desk that starts empty, so MSER-5 cuts a warm-up; one sweep point at 1x demand,
  // with common random numbers, is the scenario as run and compared.
  const std::string body =
      "run: {name: auto, horizon: 6 weeks, warmup: auto, sample_interval: 4 hours, seed: 3, "
      "replications: 3}\n"
      "demand: {rate: 3 per hour}\n"
      "desks: {frontline: {staff: 1, handle_time: {distribution: exponential, mean: 19 min}}}\n";
  const Scenario plain = load_scenario_text(body, "auto.yaml");
  const Scenario swept = load_scenario_text(
      body + "sweep:\n  parameters:\n    demand_multiplier: [1]\n", "auto-sweep.yaml");
  ExperimentOptions options;
  options.replications = plain.run.replications;
  options.threads = 2;
  const ExperimentResult direct = run_experiment(plain, options);
  REQUIRE(direct.runs.size() == 3);
  TempDir dir;
  const SweepResult result = run_sweep(swept, options_for(dir / "out", 2));
  REQUIRE(result.complete);
  REQUIRE(result.points.size() == 1);
  REQUIRE(result.points[0].runs.size() == 3);
  bool some_warmup = false;
  for (int r = 0; r < 3; ++r) {
    CAPTURE(r);
    some_warmup = some_warmup || direct.runs[r].measured_from.in_minutes() > 0.0;
    const std::vector<Metric> want = flatten(direct.runs[r]);
    const std::vector<Metric>& got = result.points[0].runs[r];
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CAPTURE(want[i].scope + " " + want[i].name);
      CHECK((got[i].value == want[i].value ||
             (std::isnan(got[i].value) && std::isnan(want[i].value))));
    }
  }
  CHECK(some_warmup);  // the warm-up was chosen, not zero, so the test can tell
}

TEST_CASE("Sweep: 4 shards merged give the same bytes as one run") {
  const Scenario scenario = small_sweep();
  TempDir dir;
  run_sweep(scenario, options_for(dir / "whole", 2));

  std::vector<std::string> shards;
  for (int k = 0; k < 4; ++k) {
    SweepOptions options = options_for(dir / fmt::format("shard{}", k), 1);
    options.shard_index = k;
    options.shard_count = 4;
    const SweepResult part = run_sweep(scenario, options);
    CHECK_FALSE(part.complete);
    REQUIRE(part.points.size() == 3);
    for (const PointResult& p : part.points) CHECK(p.point.index % 4 == k);  // point i: shard (i mod N) + 1
    CHECK_FALSE(fs::exists(options.out_dir + "/sweep.csv"));
    shards.push_back(options.out_dir);
  }

  SUBCASE("merged into a new folder") {
    const SweepResult merged = merge_sweeps(shards, dir / "merged");
    CHECK(merged.complete);
    CHECK(merged.points.size() == 12);
    check_same_outputs(dir / "whole", dir / "merged");
  }
  SUBCASE("merged into one of the shards") {
    merge_sweeps(shards, shards[2]);
    check_same_outputs(dir / "whole", shards[2]);
  }
  SUBCASE("a missing shard is named by its points") {
    const std::vector<std::string> three(shards.begin(), shards.begin() + 3);
    CHECK_THROWS_WITH_AS(merge_sweeps(three, dir / "merged"),
                         doctest::Contains("3 of 12 points missing: 3, 7, 11"), Error);
    CHECK_FALSE(fs::exists(dir / "merged/sweep.csv"));
  }
  SUBCASE("a point in two shards is refused") {
    fs::copy_file(shards[1] + "/points/" + detail::point_file_name(1),
                  shards[0] + "/points/" + detail::point_file_name(1));
    CHECK_THROWS_WITH_AS(merge_sweeps(shards, dir / "merged"),
                         doctest::Contains("point 1 is in both"), Error);
  }
  SUBCASE("shards of different sweeps are refused") {
    SweepOptions options = options_for(dir / "other", 1);
    options.shard_index = 3;
    options.shard_count = 4;
    run_sweep(small_sweep({"run.seed=12"}), options);
    shards[3] = options.out_dir;
    CHECK_THROWS_WITH_AS(merge_sweeps(shards, dir / "merged"),
                         doctest::Contains("hold different sweeps"), Error);
  }
  SUBCASE("shards sharing one folder complete it when the last finishes") {
    for (int k = 0; k < 4; ++k) {
      SweepOptions options = options_for(dir / "shared", 1);
      options.shard_index = k;
      options.shard_count = 4;
      CHECK(run_sweep(scenario, options).complete == (k == 3));
    }
    check_same_outputs(dir / "whole", dir / "shared");
  }
}

TEST_CASE("Sweep: a resumed sweep loads finished points and runs the rest") {
  const Scenario scenario = small_sweep();
  TempDir dir;
  run_sweep(scenario, options_for(dir / "whole", 2));
  const std::string out = dir / "resumed";
  run_sweep(scenario, options_for(out, 2));
  const std::string points = out + "/points/";

  SUBCASE("a finished point is loaded, not run again") {
    // Change one stored figure; a resumed sweep must report it as stored.
    const std::string path = points + detail::point_file_name(4);
    std::string text = read_file(path);
    const std::string fingerprint = detail::sweep_fingerprint(scenario);
    auto stored = detail::read_point_file(path, scenario, fingerprint, scenario.sweep->points[4]);
    REQUIRE(stored);
    stored->result.runs[0][0].value = 12345.5;
    std::ofstream(path, std::ios::binary)
        << detail::point_file_text(fingerprint, stored->result, stored->stopped_early);
    const SweepResult again = run_sweep(scenario, options_for(out, 2));
    CHECK(again.points[4].runs[0][0].value == 12345.5);
  }
  SUBCASE("missing, corrupt and stale files are dealt with") {
    fs::remove(points + detail::point_file_name(0));
    fs::remove(out + "/sweep.csv");
    const std::string text = read_file(points + detail::point_file_name(9));
    std::ofstream(points + detail::point_file_name(9), std::ios::binary) << text.substr(0, 100);
    // Temporaries of a writer that is gone (no process has this pid).
    std::ofstream(points + detail::point_file_name(3) + ".tmp-999999999-0") << "{\"part";
    std::ofstream(out + "/sweep.json.tmp-999999999-1") << "half";
    const SweepResult again = run_sweep(scenario, options_for(out, 2));
    CHECK(again.complete);
    check_same_outputs(dir / "whole", out);
    for (const std::string& name : files_in(points)) CHECK(name.find(".tmp-") == std::string::npos);
    for (const std::string& name : files_in(out)) CHECK(name.find(".tmp-") == std::string::npos);
    CHECK(files_in(points).size() == 12);
  }
}

TEST_CASE("Sweep: a folder holding a different sweep is refused") {
  TempDir dir;
  run_sweep(small_sweep(), options_for(dir / "out", 2));
  CHECK_THROWS_WITH_AS(run_sweep(small_sweep({"desks.specialists.staff=2"}), options_for(dir / "out", 2)),
                       doctest::Contains("holds a different sweep"), ScenarioError);
  CHECK_THROWS_WITH_AS(run_sweep(small_sweep({"desks.specialists.staff=2"}), options_for(dir / "out", 2)),
                       doctest::Contains("choose another --out or remove it"), ScenarioError);
}

TEST_CASE("Sweep: a scenario without a sweep is one point with no settings") {
  Scenario scenario = code_sweep(true);
  scenario.sweep.reset();
  TempDir dir;
  const SweepResult result = run_sweep(scenario, options_for(dir / "out", 2));
  REQUIRE(result.complete);
  REQUIRE(result.points.size() == 1);
  CHECK(result.points[0].point.settings.empty());
  CHECK(result.points[0].runs.size() == 3);
  CHECK(result.points[0].seeds[2] == derive_run_seed(5, 0, 2));
}

TEST_CASE("Sweep: the fingerprint changes with anything that changes the results") {
  const std::string base = detail::sweep_fingerprint(small_sweep());
  CHECK(base.size() == 16);
  CHECK(detail::sweep_fingerprint(small_sweep()) == base);
  CHECK(detail::sweep_fingerprint(small_sweep({"run.seed=12"})) != base);
  CHECK(detail::sweep_fingerprint(small_sweep({"run.replications=3"})) != base);
  Scenario fewer = small_sweep();
  fewer.sweep->points.pop_back();
  CHECK(detail::sweep_fingerprint(fewer) != base);
}

TEST_CASE("escalsim sweep: a staff x demand scale study predicts saturation at the staff read") {
  // frontline: 8 complaints an hour of 15 min each, 2 of them on duty at the first staff
  // value: load 8 x 0.25 / 2 = 1.0 at 1x, so predicted to saturate at 1 / 1.0 = 1x; the file
  // says 3 staff (1.5x). The JSON and the table state the same prediction.
  TempDir dir;
  testing::write_file(dir / "tiny.yaml",
             "run: {name: tiny, horizon: 3 weeks, warmup: 1 week, seed: 5, replications: 2}\n"
             "demand: {rate: 8 per hour}\n"
             "desks:\n"
             "  frontline: {staff: 3, handle_time: 15 min, resolution: 0.9}\n"
             "  ceo: {budget: 2 h per week, windows: [\"fri 16:00-18:00\"], handle_time: 20 min}\n"
             "routes:\n"
             "  - {from: frontline, to: ceo, when: unresolved}\n"
             "sweep:\n"
             "  parameters:\n"
             "    desks.frontline.staff: [2, 4]\n"
             "    demand_multiplier: [0.5, 1]\n");
  const testing::Outcome o = testing::run_program(dir.path(), "sweep tiny.yaml --out s --quiet");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const auto json = nlohmann::json::parse(read_file(dir / "s/sweep.json"));
  REQUIRE(json.at("saturation").at(0).at("desk") == "frontline");
  CHECK(json.at("saturation").at(0).at("predicted_multiple").get<double>() ==
        doctest::Approx(2.0 / (8 * 0.25)));
  CHECK(o.out.find("predicted 1.00x") != std::string::npos);
  CHECK(o.out.find("at desks.frontline.staff=2") != std::string::npos);
}

}  // namespace
}  // namespace escalsim

namespace escalsim {
namespace {

TEST_CASE("Sweep: the files written point by point are the whole-result writers' bytes, and "
          "the headline result states the same table and findings") {
  const Scenario scenario = small_sweep();
  TempDir dir;
  const SweepResult full = run_sweep(scenario, options_for(dir / "full", 2));
  REQUIRE(full.complete);
  REQUIRE(full.points.size() == 12);
  // The in-memory writers on the whole result (as the program wrote the files before they
  // were streamed).
  std::ostringstream csv, summary, json, table;
  write_sweep_csv(csv, scenario, full);
  write_sweep_summary_csv(summary, scenario, full);
  write_sweep_json(json, scenario, full, full.findings);
  CHECK(read_file(dir / "full/sweep.csv") == csv.str());
  CHECK(read_file(dir / "full/summary.csv") == summary.str());
  CHECK(read_file(dir / "full/sweep.json") == json.str());
  // The findings are those of the whole result.
  const SweepFindings whole = find_findings(scenario, full);
  REQUIRE(whole.verdicts.size() == 12);
  for (std::size_t p = 0; p < 12; ++p) {
    REQUIRE(full.findings.verdicts[p].has_value());
    CHECK(full.findings.verdicts[p]->headline == whole.verdicts[p]->headline);
  }
  REQUIRE(whole.scale_study);
  write_sweep_table(table, scenario, full, whole);

  SweepOptions options = options_for(dir / "headline", 2);
  options.detail = PointDetail::kHeadline;
  const SweepResult headline = run_sweep(scenario, options);
  REQUIRE(headline.complete);
  REQUIRE(headline.points.size() == 12);
  check_same_outputs(dir / "full", dir / "headline");
  std::size_t figures = 0;
  for (const PointResult& p : headline.points) {
    CHECK(p.runs.empty());
    CHECK(p.seeds.size() == 2);
    CHECK(p.summary.size() < full.points[0].summary.size() / 4);
    figures += p.summary.size();
  }
  CHECK(figures > 0);
  CHECK(headline.findings.verdicts[3]->grade == whole.verdicts[3]->grade);
  CHECK(headline.findings.verdicts[3]->evidence.empty());
  REQUIRE(headline.findings.saturation.size() == whole.saturation.size());
  for (std::size_t i = 0; i < whole.saturation.size(); ++i) {
    CHECK(headline.findings.saturation[i].simulated_multiple ==
          whole.saturation[i].simulated_multiple);
  }
  std::ostringstream headline_table;
  write_sweep_table(headline_table, scenario, headline, headline.findings);
  CHECK(headline_table.str() == table.str());
}

}  // namespace
}  // namespace escalsim
