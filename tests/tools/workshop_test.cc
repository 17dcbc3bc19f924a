// The workshop series (scenarios/workshop/): the claims its guide teaches, checked on the
// files as shipped (their own seeds and replications), so that a change to a file or to
// the engine cannot silently turn the story false; and the guide's quoted output, checked
// against what escalsim prints.
#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/analysis.h"
#include "escalsim/condition.h"
#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"
#include "escalsim/threshold.h"
#include "escalsim/verdict.h"
#include "analysis/saturation.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;
using testing::lines_of;
using testing::read_file;

const fs::path kWorkshop = fs::path(ESCALSIM_SOURCE_DIR) / "scenarios" / "workshop";

std::string path_of(const std::string& file) { return (kWorkshop / file).string(); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::vector<std::string> workshop_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kWorkshop)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The leading comment block of a file: its header.
std::string header_of(const std::string& text) {
  std::string header;
  for (const std::string& line : lines_of(text)) {
    if (!starts_with(line, "#")) break;
    header += line + "\n";
  }
  return header;
}

// The text from the first line starting with `from` to the end.
std::string text_from(const std::string& text, const std::string& from) {
  const std::size_t at = text.find("\n" + from);
  REQUIRE_MESSAGE(at != std::string::npos, "no line starting with " << from);
  return text.substr(at + 1);
}

// One step of the series run as a teacher runs it: the file's seed and replications.
struct Step {
  ExperimentResult result;
  Prediction prediction;
  SiloVerdict verdict;
};

Step run_step(const std::string& file) {
  const Scenario scenario = load_scenario(path_of(file));
  ExperimentOptions options;
  options.replications = scenario.run.replications;
  Step step;
  step.result = run_experiment(scenario, options);
  step.prediction = predict(scenario);
  step.verdict = silo_verdict(step.result, step.prediction);
  return step;
}

const Estimate& figure(const std::vector<Estimate>& summary, const std::string& scope,
                       const std::string& name) {
  for (const Estimate& e : summary) {
    if (e.scope == scope && e.name == name) return e;
  }
  FAIL("no figure " << scope << " " << name);
  return summary.front();
}

const Estimate& figure(const Step& step, const std::string& scope, const std::string& name) {
  return figure(step.result.summary, scope, name);
}

// Whether a desk's backlog grows, by the rule the run and sweep tables print "grows" by.
bool backlog_grows(const std::vector<Estimate>& summary, const Scenario& scenario,
                   const std::string& desk) {
  return detail::assess_desk(summary, desk, detail::measured_span_weeks(scenario)).grows;
}

bool backlog_grows(const Step& step, const std::string& desk) {
  return backlog_grows(step.result.summary, step.result.scenario, desk);
}

// The executive's hours, over the measured span, stay within its budget (upper end of the
// interval included), and its backlog does not grow.
void check_within_budget(const Step& step) {
  const Estimate& used = figure(step, "executive:ceo", "used_h");
  const Estimate& budget = figure(step, "executive:ceo", "budget_h");
  CHECK(used.mean + used.half_width < budget.mean);
  CHECK_FALSE(backlog_grows(step, "ceo"));
}

}  // namespace

TEST_CASE("Workshop: every step has a header saying what changed, what to run, what to look "
          "at and what to ask") {
  const std::vector<std::string> files = workshop_files();
  REQUIRE(files.size() >= 5);
  REQUIRE(files.size() <= 8);
  for (std::size_t i = 0; i < files.size(); ++i) {
    CAPTURE(files[i]);
    const std::string text = read_file(kWorkshop / files[i]);
    const std::string header = header_of(text);
    CHECK(contains(header, "\n# Run:\n"));
    CHECK(contains(header, "\n# Look at: "));
    CHECK(contains(header, "\n# Question for the room: "));
    // The command names the file itself, with the path a teacher types from the checkout.
    const bool sweep = contains(text, "\nsweep:\n");
    CHECK(contains(header, fmt::format("\n#   escalsim {} scenarios/workshop/{}",
                                       sweep ? "sweep" : "run", files[i])));
    if (i > 0) CHECK(contains(header, "\n# Changed from 0"));
  }
}

TEST_CASE("Workshop: every step keeps step 1's company and front line, word for word") {
  const std::vector<std::string> files = workshop_files();
  REQUIRE(!files.empty());
  const std::string company = text_from(read_file(kWorkshop / files[0]), "demand:");
  for (const std::string& file : files) {
    CAPTURE(file);
    CHECK(contains(read_file(kWorkshop / file), company));
  }
  SUBCASE("step 5 is step 4 with a sweep section added") {
    const std::string open_inbox =
        text_from(read_file(kWorkshop / "04-open-inbox.yaml"), "  horizon:");
    const std::string silo =
        text_from(read_file(kWorkshop / "05-silo-at-growing-demand.yaml"), "  horizon:");
    REQUIRE(starts_with(silo, open_inbox));
    CHECK(starts_with(silo.substr(open_inbox.size()), "\nsweep:\n"));
  }
}

TEST_CASE("Workshop: the story each step tells holds in its numbers") {
  const Step alone = run_step("01-front-line-alone.yaml");
  const Step escalation = run_step("02-add-escalation.yaml");
  const Step three_hours = run_step("03-ceo-three-hours.yaml");
  const Step open_inbox = run_step("04-open-inbox.yaml");
  const Step sample = run_step("06-sign-a-sample.yaml");

  SUBCASE("1: a front line alone has no executive and leaves one complaint in six unresolved") {
    for (const Desk& desk : alone.result.scenario.desks) CHECK_FALSE(desk.executive);
    CHECK_FALSE(alone.verdict.silo);
    CHECK(alone.verdict.desk.empty());
    const double resolved = figure(alone, "complaints", "resolution_rate").mean;
    CHECK(resolved > 0.75);
    CHECK(resolved < 0.85);
  }
  SUBCASE("2: escalation resolves more, and a CEO who drops everything replies within hours") {
    CHECK(figure(escalation, "complaints", "resolution_rate").mean >
          figure(alone, "complaints", "resolution_rate").mean + 0.1);
    CHECK(figure(escalation, "executive:ceo", "reply_mean_min").mean < 24 * 60);
    CHECK_FALSE(escalation.verdict.silo);
  }
  SUBCASE("3: with 3 hours a week in windows the CEO helps, within budget, and is no silo") {
    CHECK_FALSE(three_hours.verdict.silo);
    CHECK(three_hours.verdict.desk == "ceo");
    check_within_budget(three_hours);
    // The same work as in step 2 (same complaints), but replies wait for the windows.
    CHECK(figure(three_hours, "executive:ceo", "reply_mean_min").mean > 24 * 60);
    CHECK(figure(three_hours, "complaints", "resolution_rate").mean ==
          doctest::Approx(figure(escalation, "complaints", "resolution_rate").mean)
              .epsilon(0.01));
    CHECK(three_hours.prediction.desks[three_hours.prediction.bottleneck].desk != "ceo");
  }
  SUBCASE("4: the open inbox makes the CEO a silo with a growing backlog") {
    CHECK(open_inbox.verdict.silo);
    CHECK(open_inbox.verdict.desk == "ceo");
    CHECK(backlog_grows(open_inbox, "ceo"));
    CHECK(figure(open_inbox, "executive:ceo", "backlog_growth_per_week").mean > 1.0);
    // Every week's budget is spent, and most of the work came by the bypass.
    CHECK(figure(open_inbox, "executive:ceo", "used_h").mean >=
          figure(open_inbox, "executive:ceo", "budget_h").mean);
    CHECK(figure(open_inbox, "silo", "bypass_share").mean > 0.5);
    // Replies take weeks, while the front line is as calm as in step 3.
    CHECK(figure(open_inbox, "executive:ceo", "reply_mean_min").mean > 7 * 24 * 60);
    CHECK(figure(open_inbox, "desk:frontline", "utilisation").mean < 0.85);
    CHECK_FALSE(backlog_grows(open_inbox, "frontline"));
  }
  SUBCASE("6: signing a sample keeps the CEO within budget and raises frontline quality") {
    CHECK_FALSE(sample.verdict.silo);
    check_within_budget(sample);
    CHECK(figure(sample, "policy:random_sample_signoff", "signed").mean > 0.0);
    CHECK(figure(sample, "complaints", "resolution_rate").mean >
          figure(three_hours, "complaints", "resolution_rate").mean);
    CHECK(figure(sample, "complaints", "escalation_rate").mean <
          figure(three_hours, "complaints", "escalation_rate").mean);
    // Sign-offs included, the CEO spends less time than in step 3: fewer escalations.
    CHECK(figure(sample, "executive:ceo", "used_h").mean <
          figure(three_hours, "executive:ceo", "used_h").mean);
  }
}

TEST_CASE("Workshop: step 5 shows the silo forming as demand grows, before the front line "
          "saturates") {
  const Scenario base = load_scenario(path_of("05-silo-at-growing-demand.yaml"));
  REQUIRE(base.sweep);
  testing::TempDir dir;
  SweepOptions options;
  options.out_dir = dir.path().string();
  const SweepResult sweep = run_sweep(base, options);
  REQUIRE(sweep.complete);

  // The verdict at each swept multiple, from the point's summary.
  std::map<double, bool> silo;
  for (const PointResult& point : sweep.points) {
    double multiple = 0.0;
    for (const auto& [key, value] : point.point.settings) {
      if (key == kDemandMultiplier) multiple = std::stod(value);
    }
    ExperimentResult result;
    result.scenario = scenario_at(base, point.point);
    result.summary = point.summary;
    silo[multiple] = silo_verdict(result, predict(result.scenario)).silo;
    CAPTURE(multiple);
    if (multiple <= 0.5) {
      CHECK_FALSE(silo[multiple]);
      CHECK_FALSE(backlog_grows(point.summary, result.scenario, "ceo"));
    }
    if (multiple == 1.0) {
      CHECK(silo[multiple]);
      CHECK(backlog_grows(point.summary, result.scenario, "ceo"));
    }
  }
  REQUIRE(silo.count(0.5) == 1);
  REQUIRE(silo.count(1.0) == 1);

  // The CEO saturates first, and earlier than the traffic equations (blind to the loop) say.
  std::map<std::string, Saturation> by_desk;
  for (const Saturation& s : saturation(base, sweep)) by_desk[s.desk] = s;
  const Saturation& ceo = by_desk.at("ceo");
  const Saturation& frontline = by_desk.at("frontline");
  CHECK(ceo.simulated_multiple > 0.5);
  CHECK(ceo.simulated_multiple <= 1.0);
  CHECK(ceo.simulated_multiple < ceo.predicted_multiple);
  CHECK(frontline.simulated_multiple > ceo.simulated_multiple);

  // The guide's "find the demand at which the silo forms": the threshold the bisection
  // finds on step 4 lies between the sweep's last multiple without a silo and its first
  // with one (the sweep is step 4 at several demands, on the same seeds).
  double last_no = 0.0, first_yes = 1e9;
  for (const auto& [multiple, is_silo] : silo) {
    if (!is_silo && first_yes == 1e9) last_no = multiple;
    if (is_silo) first_yes = std::min(first_yes, multiple);
  }
  const Scenario step4 = load_scenario(path_of("04-open-inbox.yaml"));
  ThresholdOptions threshold;
  threshold.key = kDemandMultiplier;
  threshold.from = "0.25";
  threshold.to = "1.5";
  threshold.tolerance = 0.05;
  threshold.condition = parse_condition("verdict.silo", step4);
  const ThresholdResult found = find_threshold(step4, threshold);
  REQUIRE(found.outcome == ThresholdOutcome::kFound);
  CHECK(found.low >= last_no);
  CHECK(found.high <= first_yes);
}

TEST_CASE("Workshop guide: every output line it quotes is what escalsim prints") {
  // Blocks fenced as ```console hold a command ("$ escalsim ...", a pipe after it
  // ignored) and lines of its output, "..." for lines left out. Each quoted line must be a
  // line of the output, so the guide's figures are those of the files as shipped.
  const std::vector<std::string> guide = lines_of(read_file(kWorkshop / "README.md"));
  testing::TempDir dir;
  fs::create_directory_symlink(fs::path(ESCALSIM_SOURCE_DIR) / "scenarios",
                               dir.path() / "scenarios");
  int commands = 0;
  bool in_block = false;
  std::vector<std::string> output;
  std::string command;
  for (const std::string& line : guide) {
    if (!in_block) {
      in_block = line == "```console";
      continue;
    }
    if (line == "```") {
      in_block = false;
    } else if (starts_with(line, "$ escalsim ")) {
      command = line.substr(std::string("$ escalsim ").size());
      command = command.substr(0, command.find(" | "));
      const testing::Outcome o = testing::run_program(dir.path(), command);
      CAPTURE(command);
      REQUIRE(o.status == 0);
      output = lines_of(o.out);
      ++commands;
    } else if (line != "...") {
      CAPTURE(command);
      CAPTURE(line);
      CHECK(std::find(output.begin(), output.end(), line) != output.end());
    }
  }
  CHECK(commands >= 6);
}

}  // namespace escalsim
