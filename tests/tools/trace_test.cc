// Tests of traces: the engine's events and their reasons, and `escalsim trace` as a user runs
// it, against the golden story of a small deterministic scenario (tests/data/trace/).
//
// Regenerate the goldens after a deliberate change, then read the diff line by line:
//   ESCALSIM_UPDATE_GOLDEN=1 build/escalsim_tests -tc="escalsim trace: the small scenario*"
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>

#include "escalsim/engine.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"
#include "tools/program_runner.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;
using testing::lines_of;
using testing::Outcome;
using testing::read_file;
using testing::run_program;
using testing::TempDir;
using testing::write_file;

const fs::path kData = fs::path(ESCALSIM_SOURCE_DIR) / "tests" / "data" / "trace";

std::string trace_args(const std::string& more = "") {
  return fmt::format("trace '{}' {}", (kData / "small.yaml").string(), more);
}

// `actual` against the golden file, or the golden rewritten when ESCALSIM_UPDATE_GOLDEN=1.
void check_golden(const std::string& actual, const fs::path& golden) {
  const char* update = std::getenv("ESCALSIM_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(golden, actual);
    MESSAGE("rewrote " << golden.string() << ": read it before committing");
    return;
  }
  const std::string expected = read_file(golden);
  REQUIRE_MESSAGE(!expected.empty(), "missing golden " << golden.string());
  const std::vector<std::string> want = lines_of(expected);
  const std::vector<std::string> got = lines_of(actual);
  for (std::size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
    if (want[i] != got[i]) {
      FAIL_CHECK("line " << i + 1 << " of " << golden.filename().string() << " differs:\n  want: "
                         << want[i] << "\n  got:  " << got[i]);
      break;
    }
  }
  CHECK(got.size() == want.size());
  CHECK(actual == expected);
}

// One CSV row split into its fields (RFC 4180 quotes, as the writer makes them).
std::vector<std::string> fields(const std::string& row) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const char c = row[i];
    if (quoted && c == '"' && i + 1 < row.size() && row[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// The trace's CSV rows as maps from column name to value.
std::vector<std::map<std::string, std::string>> csv_rows(const std::string& csv) {
  const std::vector<std::string> rows = lines_of(csv);
  REQUIRE(!rows.empty());
  const std::vector<std::string> header = fields(rows[0]);
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string> f = fields(rows[r]);
    REQUIRE_MESSAGE(f.size() == header.size(), rows[r]);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < f.size(); ++i) row[header[i]] = f[i];
    out.push_back(std::move(row));
  }
  return out;
}

// Collects a run's events, copying the names the events only point to.
class Probe final : public TraceObserver {
 public:
  struct Seen {
    TraceKind kind;
    std::int64_t complaint;
    std::string desk, other, policy, detail;
    TraceReason reason;
    bool resolved;
    double time_min;
    std::string identity;
  };
  void on_event(const TraceEvent& e) override {
    events.push_back(Seen{e.kind, e.complaint, std::string(e.desk_name),
                          std::string(e.other_desk_name), std::string(e.policy),
                          std::string(e.detail), e.reason, e.resolved, e.time_min,
                          trace_identity(e.identity)});
  }
  bool done() const override { return stop_after > 0 && std::ssize(events) >= stop_after; }

  std::vector<Seen> events;
  std::int64_t stop_after = 0;

  int count(TraceKind kind) const {
    int n = 0;
    for (const Seen& s : events) n += s.kind == kind;
    return n;
  }
};

// A front line and a CEO with a small budget, plus `extra` YAML (policies, when_spent).
Scenario ceo_scenario(const std::string& ceo_extra, const std::string& extra = "") {
  const std::string text = fmt::format(
      "run: {{name: probe, horizon: 2 weeks, seed: 3}}\n"
      "demand: {{rate: 40 per day, severity: {{minor: 0.5, critical: 0.5}}}}\n"
      "desks:\n"
      "  frontline: {{staff: 2, handle_time: 20 min, resolution: 0.5}}\n"
      "  ceo: {{budget: 1 h per week, handle_time: 30 min{}}}\n"
      "routes:\n"
      "  - {{from: frontline, to: ceo, when: unresolved, probability: 0.5}}\n"
      "{}",
      ceo_extra, extra);
  return load_scenario_text(text, "probe.yaml");
}

Probe traced(const Scenario& scenario) {
  Probe probe;
  EngineOptions options;
  options.trace = &probe;
  run_once(scenario, 0, options);
  return probe;
}

TEST_CASE("Trace events: a traced run gives the same results as an untraced one") {
  const Scenario s = ceo_scenario("", "policies: [{open_inbox: {initial_share: 20%}}]\n");
  Probe probe;
  EngineOptions options;
  options.trace = &probe;
  const std::vector<Metric> with = flatten(run_once(s, 0, options));
  const std::vector<Metric> without = flatten(run_once(s, 0));
  REQUIRE(with.size() == without.size());
  for (std::size_t i = 0; i < with.size(); ++i) {
    INFO(with[i].scope << " " << with[i].name);
    CHECK(with[i].value == without[i].value);
  }
  CHECK(probe.events.size() > 500);
  for (std::size_t i = 1; i < probe.events.size(); ++i) {
    CHECK(probe.events[i].time_min >= probe.events[i - 1].time_min);
  }
}

TEST_CASE("Trace events: policy decisions and spent budgets come with their reasons") {
  SUBCASE("an open inbox bypass names the policy") {
    Probe p = traced(ceo_scenario("", "policies: [{open_inbox: {initial_share: 20%}}]\n"));
    int bypasses = 0;
    for (const auto& e : p.events) {
      if (e.kind == TraceKind::kRoute && e.reason == TraceReason::kEntry) {
        ++bypasses;
        CHECK(e.policy == "open_inbox");
        CHECK(e.desk == "frontline");
        CHECK(e.other == "ceo");
      }
    }
    CHECK(bypasses > 0);
  }
  SUBCASE("an escalation chain says which trigger fired") {
    Probe p = traced(ceo_scenario(
        "", "policies: [{escalation_chain: {from: frontline, severity_at_least: critical}}]\n"));
    int escalations = 0;
    for (const auto& e : p.events) {
      if (e.kind == TraceKind::kRoute && e.reason == TraceReason::kPolicy) {
        ++escalations;
        CHECK(e.policy == "escalation_chain");
        CHECK(e.detail == "severity at least critical");
      }
    }
    CHECK(escalations > 0);
  }
  SUBCASE("a budget spent with hand_back hands the waiting back to the front line") {
    Probe p = traced(ceo_scenario(", when_spent: hand_back, hand_back_to: frontline"));
    CHECK(p.count(TraceKind::kBudgetSpent) > 0);
    int handed = 0;
    for (const auto& e : p.events) {
      if (e.kind == TraceKind::kRoute && e.reason == TraceReason::kHandBack) {
        ++handed;
        CHECK(e.desk == "ceo");
        CHECK(e.other == "frontline");
      }
    }
    CHECK(handed > 0);
  }
  SUBCASE("a budget spent with decline closes complaints unresolved") {
    Probe p = traced(ceo_scenario(", when_spent: decline"));
    REQUIRE(p.count(TraceKind::kDecline) > 0);
    for (std::size_t i = 0; i + 1 < p.events.size(); ++i) {
      if (p.events[i].kind != TraceKind::kDecline) continue;
      CHECK(p.events[i + 1].kind == TraceKind::kClose);
      CHECK(p.events[i + 1].complaint == p.events[i].complaint);
      CHECK_FALSE(p.events[i + 1].resolved);
    }
  }
  SUBCASE("frontline_only keeps complaints from the executive") {
    Probe p = traced(ceo_scenario("", "policies: [frontline_only]\n"));
    REQUIRE(p.count(TraceKind::kNotRouted) > 0);
    for (const auto& e : p.events) {
      CHECK_FALSE((e.kind == TraceKind::kRoute && e.other == "ceo"));
      if (e.kind == TraceKind::kNotRouted) CHECK(e.policy == "frontline_only");
    }
  }
  SUBCASE("sign-offs spend executive time for a named complaint") {
    Probe p = traced(ceo_scenario(
        "", "policies: [{random_sample_signoff: {share: 20%, desk: frontline}}]\n"));
    int signed_replies = 0;
    std::map<std::int64_t, std::string> identity;  // of each complaint, from its arrival
    for (const auto& e : p.events) {
      if (e.kind == TraceKind::kArrival) identity[e.complaint] = e.identity;
      if (e.kind != TraceKind::kExecutiveTime) continue;
      ++signed_replies;
      CHECK(e.policy == "random_sample_signoff");
      CHECK(e.complaint >= 0);
      CHECK(e.identity == identity[e.complaint]);  // so that variants' sign-offs match
      CHECK(e.identity.rfind("demand#", 0) == 0);
    }
    CHECK(signed_replies > 0);
  }
}

TEST_CASE("Trace events: an observer that is done ends the run early") {
  const Scenario s = ceo_scenario("");
  Probe probe;
  probe.stop_after = 25;
  EngineOptions options;
  options.trace = &probe;
  const RunResult result = run_once(s, 0, options);
  // The event being handled finishes, so a few more may come, never a day's worth.
  CHECK(probe.events.size() >= 25);
  CHECK(probe.events.size() < 40);
  CHECK(result.events < 40);
}

TEST_CASE("escalsim trace: the small scenario tells the golden story, in text and CSV") {
  TempDir dir;
  const Outcome text = run_program(dir.path(), trace_args());
  INFO(text.err);
  REQUIRE(text.status == 0);
  CHECK(text.err.empty());
  check_golden(text.out, kData / "small.expected.txt");

  const Outcome csv = run_program(dir.path(), trace_args("--format csv"));
  REQUIRE(csv.status == 0);
  check_golden(csv.out, kData / "small.expected.csv");
}

TEST_CASE("escalsim trace: the small scenario's story adds up") {
  TempDir dir;
  const Outcome csv = run_program(dir.path(), trace_args("--format csv"));
  REQUIRE(csv.status == 0);
  const auto rows = csv_rows(csv.out);
  REQUIRE(rows.size() > 100);

  std::map<std::string, std::set<std::string>> queue;  // desk -> complaints waiting
  std::map<std::string, int> busy;
  std::map<std::string, std::string> window_opened_at;  // clock text
  std::vector<double> window_opens;
  double previous = 0.0;
  double ceo_budget = -1.0;
  for (const auto& row : rows) {
    const double t = std::stod(row.at("time_min"));
    CHECK(t >= previous);  // the clock never goes back
    previous = t;
    const std::string& kind = row.at("event");
    const std::string& desk = row.at("desk");
    const std::string& id = row.at("complaint");
    INFO(row.at("clock") << " " << kind << " " << id << " at " << desk);
    if (kind == "join") queue[desk].insert(id);
    if (kind == "abandon") CHECK(queue[desk].erase(id) == 1);
    if (kind == "start") {
      queue[desk].erase(id);
      ++busy[desk];
    }
    if (kind == "finish") --busy[desk];
    if (!desk.empty() && kind != "arrival" && kind != "will_return") {
      // Every desk's waiting and busy counts follow from the events before.
      CHECK(std::stoi(row.at("waiting")) == static_cast<int>(queue[desk].size()));
      CHECK(std::stoi(row.at("busy")) == busy[desk]);
    }
    if (desk == "ceo" && !row.at("budget_left_min").empty()) {
      const double left = std::stod(row.at("budget_left_min"));
      if (ceo_budget < 0.0) ceo_budget = left;
      if (kind == "start") {
        // The budget falls by each handle time as the item starts, never below zero.
        const double handle = std::stod(row.at("duration_min"));
        CHECK(left == doctest::Approx(std::max(0.0, ceo_budget - handle)));
      } else {
        CHECK(left == doctest::Approx(ceo_budget));
      }
      ceo_budget = left;
    }
    if (kind == "window_open") window_opens.push_back(t);
  }
  // The scenario's windows: Tuesday and Wednesday from 16:00; its budget: 30 min a week.
  const std::vector<double> expected_opens{1 * 1440.0 + 16 * 60.0, 2 * 1440.0 + 16 * 60.0};
  CHECK(window_opens == expected_opens);
  CHECK(ceo_budget < 30.0);
}

TEST_CASE("escalsim trace: the same seed gives the same bytes, another seed another story") {
  TempDir dir;
  const Outcome a = run_program(dir.path(), trace_args());
  const Outcome b = run_program(dir.path(), trace_args());
  const Outcome other = run_program(dir.path(), trace_args("--seed 6"));
  REQUIRE(a.status == 0);
  REQUIRE(other.status == 0);
  CHECK(!a.out.empty());
  CHECK(a.out == b.out);
  CHECK(a.out != other.out);
}

TEST_CASE("escalsim trace: --from, --complaint and --limit select from the same story") {
  TempDir dir;
  const Outcome full = run_program(dir.path(), trace_args());
  REQUIRE(full.status == 0);
  const std::vector<std::string> all = lines_of(full.out);

  SUBCASE("--from skips the events before, and takes the unit parser's durations") {
    const Outcome from = run_program(dir.path(), trace_args("--from '1 day'"));
    REQUIRE(from.status == 0);
    const std::vector<std::string> part = lines_of(from.out);
    REQUIRE(!part.empty());
    CHECK(part.front().rfind("Tue ", 0) == 0);
    // The tail of the full story, from its first line on Tuesday.
    std::size_t first = 0;
    while (first < all.size() && all[first].rfind("Mon ", 0) == 0) ++first;
    CHECK(std::vector<std::string>(all.begin() + static_cast<std::ptrdiff_t>(first), all.end()) ==
          part);
    CHECK(run_program(dir.path(), trace_args("--from 24h")).out == from.out);
  }
  SUBCASE("--complaint keeps that complaint's lines and nothing else") {
    const Outcome one = run_program(dir.path(), trace_args("--complaint 9"));
    REQUIRE(one.status == 0);
    std::vector<std::string> expected;
    for (const std::string& line : all) {
      for (const char* mention : {"complaint 9 ", "complaint 9,", "complaint 9'"}) {
        if (line.find(mention) != std::string::npos) {
          expected.push_back(line);
          break;
        }
      }
    }
    REQUIRE(expected.size() >= 3);
    CHECK(lines_of(one.out) == expected);
    const Outcome rows = run_program(dir.path(), trace_args("--complaint 9 --format csv"));
    REQUIRE(rows.status == 0);
    const auto parsed = csv_rows(rows.out);
    CHECK(parsed.size() >= expected.size());
    for (const auto& row : parsed) CHECK(row.at("complaint") == "9");
  }
  SUBCASE("--complaint with an identity follows the complaint that has it") {
    // In the golden story, complaint 22 is the second contact of the customer of demand#6.
    const Outcome by_number = run_program(dir.path(), trace_args("--complaint 22"));
    const Outcome by_identity = run_program(dir.path(), trace_args("--complaint 'demand#6/2'"));
    REQUIRE(by_number.status == 0);
    REQUIRE(by_identity.status == 0);
    REQUIRE(lines_of(by_identity.out).size() >= 3);
    CHECK(lines_of(by_identity.out).front().find("complaint 22 (") != std::string::npos);
    CHECK(lines_of(by_identity.out).front().find("demand#6/2)") != std::string::npos);
    CHECK(by_identity.out == by_number.out);
  }
  SUBCASE("--limit stops after N lines") {
    const Outcome ten = run_program(dir.path(), trace_args("--limit 10"));
    REQUIRE(ten.status == 0);
    CHECK(lines_of(ten.out) == std::vector<std::string>(all.begin(), all.begin() + 10));
    const Outcome rows = run_program(dir.path(), trace_args("--limit 10 --format csv"));
    REQUIRE(rows.status == 0);
    CHECK(lines_of(rows.out).size() == 11);  // the header and ten events
  }
}

TEST_CASE("escalsim trace: bad input is one line on stderr and exit status 2") {
  TempDir dir;
  SUBCASE("a complaint that never arrived") {
    const Outcome o = run_program(dir.path(), trace_args("--complaint 999"));
    CHECK(o.status == 2);
    CHECK(o.err == "escalsim: error: complaint 999 never arrived before the horizon\n");
    CHECK(o.out.empty());
  }
  SUBCASE("an identity that never arrived, or neither a number nor an identity") {
    const Outcome never = run_program(dir.path(), trace_args("--complaint 'demand#999'"));
    CHECK(never.status == 2);
    CHECK(never.err == "escalsim: error: complaint demand#999 never arrived before the horizon\n");
    const Outcome neither = run_program(dir.path(), trace_args("--complaint nine"));
    CHECK(neither.status == 2);
    CHECK(neither.err == "escalsim: error: --complaint: \"nine\" is neither a complaint number "
                         "(17) nor an identity (demand#17, demand#17/2)\n");
  }
  SUBCASE("a --from that is not a duration") {
    const Outcome o = run_program(dir.path(), trace_args("--from 'two days'"));
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(o.err.rfind("escalsim: error: --from: \"two days\" is not a duration", 0) == 0);
    CHECK(o.out.empty());
  }
  SUBCASE("a format that does not exist") {
    const Outcome o = run_program(dir.path(), trace_args("--format json"));
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
  }
  SUBCASE("a scenario that does not exist") {
    const Outcome o = run_program(dir.path(), "trace missing.yaml");
    CHECK(o.status == 2);
    CHECK(lines_of(o.err).size() == 1);
    CHECK(o.err.find("missing.yaml") != std::string::npos);
  }
}

}  // namespace
}  // namespace escalsim
