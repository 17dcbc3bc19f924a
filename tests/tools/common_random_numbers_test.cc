// Common random numbers as a user relies on them: two variants of a scenario meet the same
// complaints, with the same attributes, patience and handle times, whatever each variant
// does to other complaints (returns, demand a policy adds or removes). Run through the
// program (run, trace) and the library (paired and unpaired differences).
#include <cmath>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "escalsim/comparison.h"
#include "escalsim/experiment.h"
#include "escalsim/scenario.h"
#include "escalsim/trace.h"
#include "tools/program_runner.h"

namespace {

using namespace escalsim::testing;
using Json = nlohmann::json;

// A company of three desks and an idle board (an executive desk no complaint reaches, for
// the policies that need an executive of their own to be inert); some customers write to
// the CEO directly (`direct`), and half of those left unresolved come back. `routes` and
// `policies` are YAML blocks.
std::string company(const std::string& routes, const std::string& policies,
                    const std::string& horizon = "8 weeks", bool direct = true) {
  return fmt::format(
      "run: {{name: crn, horizon: {}, warmup: 1 week, seed: 17, replications: 3}}\n"
      "demand:\n"
      "  - name: customers\n"
      "    rate: 90 per day\n"
      "    channels: {{email: 0.6, phone: 0.3, social: 0.1}}\n"
      "    severity: {{minor: 0.5, moderate: 0.3, serious: 0.15, critical: 0.05}}\n"
      "    public_share: 30%\n"
      "    segments:\n"
      "      consumer: {{share: 0.8, value: 300 per year}}\n"
      "      business: {{share: 0.2, value: 6000 per year}}\n"
      "{}"
      "desks:\n"
      "  frontline:\n"
      "    staff: 3\n"
      "    handle_time: {{distribution: exponential, mean: 40 min}}\n"
      "    patience: {{distribution: exponential, mean: 6 h}}\n"
      "    resolution: {{minor: 0.9, moderate: 0.7, serious: 0.5, critical: 0.3}}\n"
      "  specialists:\n"
      "    staff: 1\n"
      "    handle_time: {{distribution: exponential, mean: 50 min}}\n"
      "    resolution: 0.6\n"
      "  ceo:\n"
      "    budget: 3 h per week\n"
      "    handle_time: {{distribution: exponential, mean: 20 min}}\n"
      "    resolution: 0.9\n"
      "  board:\n"
      "    budget: 2 h per week\n"
      "    handle_time: 30 min\n"
      "{}"
      "{}"
      "customers:\n"
      "  returns: {{probability: 50%, delay: 2 days}}\n",
      horizon,
      direct ? "  - name: to_ceo\n    enters: ceo\n    rate: 4 per week\n" : "", routes,
      policies);
}

// The board is reached only after a year in the system: never, in these runs.
const std::string kRoutes =
    "routes:\n"
    "  - {from: frontline, to: specialists, when: unresolved, probability: 0.7}\n"
    "  - {from: specialists, to: ceo, when: unresolved, probability: 0.5}\n"
    "  - {from: ceo, to: board, when: {waited_longer_than: 52 weeks}}\n";
// Without a route into an executive desk that is ever taken, for frontline_only.
const std::string kStaffRoutes =
    "routes:\n"
    "  - {from: frontline, to: specialists, when: unresolved, probability: 0.7}\n"
    "  - {from: specialists, to: ceo, when: {waited_longer_than: 52 weeks}}\n"
    "  - {from: ceo, to: board, when: {waited_longer_than: 52 weeks}}\n";

// A policy of the catalogue, set to do nothing, and the company it joins: frontline_only
// refuses demand entering an executive desk, and does nothing only without routes into one.
struct InertPolicy {
  const char* name;
  std::string policies;
  bool staff_only = false;  // routes only between staff desks, no demand to the CEO
};

std::vector<InertPolicy> inert_policies() {
  return {
      {"frontline_only", "policies: [frontline_only]\n", true},
      {"escalation_chain",
       "policies:\n  - escalation_chain: {executive: ceo, from: frontline, severity_at_least: serious, "
       "probability: 0}\n"},
      {"open_inbox",
       "policies:\n  - open_inbox: {executive: ceo, initial_share: 0, share_per_reply: 0}\n"},
      {"random_sample_signoff",
       "policies:\n  - random_sample_signoff: {executive: ceo, share: 0, quality_gain: 0, "
       "direct_stream: to_ceo, direct_reduction: 0}\n"},
      {"frontline_stint",
       "policies:\n  - frontline_stint: {executive: ceo, desk: frontline, start: 30 weeks, reduction: 0}\n"},
      // Answering nobody, it never becomes visible: its stream of extra demand (up to 50%
      // more) keeps none of its candidates.
      {"public_replies", "policies:\n  - public_replies: {executive: ceo, share: 0}\n"},
      {"public_replies without visibility",
       "policies:\n  - public_replies: {executive: ceo, share: 0, visibility_per_reply: 0}\n"},
      {"touch_and_delegate",
       "policies:\n  - touch_and_delegate: {executive: board, delegate_to: specialists}\n"},
      // Its weekly session takes the board's time, which no complaint needs.
      {"solicit_feedback",
       "policies:\n  - solicit_feedback: {executive: board, hours_per_week: 1 h, "
       "reduction_per_hour: 0}\n"},
  };
}

// The figures of a run that a policy's own spending may move: its own scope, and for a
// policy that spends the board's time, the board's hours and what executive hours cost.
bool own_scope(const std::string& scope) {
  return scope.rfind("policy:", 0) == 0 || scope.find("board") != std::string::npos ||
         scope == "economics";
}

// One run's published figures without the policy's own.
Json without_own_scope(const Json& run) {
  Json kept = run;
  kept.erase("events");  // a policy's own timers are events too
  Json metrics = Json::object();
  for (const auto& [scope, figures] : run["metrics"].items()) {
    if (!own_scope(scope)) metrics[scope] = figures;
  }
  kept["metrics"] = metrics;
  for (const char* series : {"backlog", "queue"}) {
    if (kept[series].is_object() && kept[series].contains("board")) kept[series].erase("board");
  }
  kept.erase("executive_weeks");  // the board's hours; the CEO's are in the metrics
  return kept;
}

// Splits a CSV row as escalsim writes it (fields with commas or quotes are quoted).
std::vector<std::string> csv_fields(const std::string& row) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const char c = row[i];
    if (quoted) {
      if (c == '"' && i + 1 < row.size() && row[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// What a trace says of each first contact, by identity.
struct FirstContact {
  std::string arrived;     // time_min, as written
  std::string attributes;  // channel, severity, public, segment
  std::string patience;    // at the front line's queue, if it waited there on its first visit
  std::string handle;      // at the front line, if it was served there on its first visit
};

std::map<std::string, FirstContact> first_contacts(const std::string& csv) {
  const std::vector<std::string> rows = lines_of(csv);
  REQUIRE(!rows.empty());
  const std::vector<std::string> header = csv_fields(rows[0]);
  std::map<std::string, int> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = static_cast<int>(i);
  REQUIRE(column.count("identity") == 1);
  std::map<std::string, FirstContact> contacts;
  std::set<std::string> left_frontline;  // served, or gone, at the front line once
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string> f = csv_fields(rows[r]);
    REQUIRE(f.size() == header.size());
    const std::string& who = f[column["identity"]];
    const std::string& event = f[column["event"]];
    if (who.empty() || f[column["contacts"]] != "1") continue;
    if (event == "arrival") {
      contacts[who].arrived = f[column["time_min"]];
      contacts[who].attributes = f[column["channel"]] + "," + f[column["severity"]] + "," +
                                 f[column["public"]] + "," + f[column["segment"]];
      continue;
    }
    if (f[column["desk"]] != "frontline" || left_frontline.count(who)) continue;
    if (event == "join") contacts[who].patience = f[column["duration_min"]];
    if (event == "start") {
      contacts[who].handle = f[column["duration_min"]];
      left_frontline.insert(who);
    }
    if (event == "abandon" || event == "refuse") left_frontline.insert(who);
  }
  return contacts;
}

}  // namespace

TEST_CASE("Common random numbers: a policy set to do nothing changes no figure") {
  TempDir dir;
  write_file(dir.path() / "base.yaml", company(kRoutes, ""));
  write_file(dir.path() / "staff-routes.yaml", company(kStaffRoutes, "", "8 weeks", false));
  std::map<std::string, Json> baselines;
  for (const char* file : {"base.yaml", "staff-routes.yaml"}) {
    const Outcome o = run_program(dir.path(), fmt::format("run {} --format json", file));
    INFO(o.err);
    REQUIRE(o.status == 0);
    baselines[file] = Json::parse(o.out);
  }
  for (const InertPolicy& p : inert_policies()) {
    SUBCASE(p.name) {
      write_file(dir.path() / "inert.yaml",
                 p.staff_only ? company(kStaffRoutes, p.policies, "8 weeks", false)
                              : company(kRoutes, p.policies));
      const Outcome o = run_program(dir.path(), "run inert.yaml --format json");
      INFO(o.err);
      REQUIRE(o.status == 0);
      const Json variant = Json::parse(o.out);
      const Json& baseline = baselines[p.staff_only ? "staff-routes.yaml" : "base.yaml"];
      REQUIRE(variant["runs"].size() == 3);
      for (std::size_t r = 0; r < 3; ++r) {
        const Json a = without_own_scope(baseline["runs"][r]);
        const Json b = without_own_scope(variant["runs"][r]);
        CHECK(a["metrics"]["complaints"]["arrived"].get<double>() > 1000);
        for (const auto& [scope, figures] : a["metrics"].items()) {
          INFO(p.name, ", replication ", r, ", ", scope);
          CHECK(figures.dump() == b["metrics"][scope].dump());
        }
        CHECK(a.dump() == b.dump());  // the series and distributions too, byte for byte
      }
    }
  }
}

TEST_CASE("Common random numbers: with returns, the CEO's budget changes no first contact") {
  TempDir dir;
  write_file(dir.path() / "company.yaml", company(kRoutes, "", "4 weeks"));
  const Outcome three = run_program(dir.path(), "trace company.yaml --format csv");
  const Outcome ten = run_program(
      dir.path(), "trace company.yaml --format csv --set 'desks.ceo.budget=10 h per week'");
  REQUIRE(three.status == 0);
  REQUIRE(ten.status == 0);
  const std::map<std::string, FirstContact> a = first_contacts(three.out);
  const std::map<std::string, FirstContact> b = first_contacts(ten.out);
  // About 94 a day for 28 days, and returns happen: the budget matters to those sent on.
  REQUIRE(a.size() > 2400);
  CHECK(a.size() == b.size());
  int patience_compared = 0;
  int handle_compared = 0;
  int arrivals_differ = 0;
  int attributes_differ = 0;
  int patience_differ = 0;
  int handle_differ = 0;
  for (const auto& [who, x] : a) {
    auto it = b.find(who);
    if (it == b.end()) {
      ++arrivals_differ;
      continue;
    }
    const FirstContact& y = it->second;
    if (x.arrived != y.arrived) ++arrivals_differ;
    if (x.attributes != y.attributes) ++attributes_differ;
    if (!x.patience.empty() && !y.patience.empty()) {
      ++patience_compared;
      if (x.patience != y.patience) ++patience_differ;
    }
    if (!x.handle.empty() && !y.handle.empty()) {
      ++handle_compared;
      if (x.handle != y.handle) ++handle_differ;
    }
  }
  MESSAGE(a.size(), " first contacts; patience compared for ", patience_compared,
          ", front-line handle time for ", handle_compared);
  CHECK(arrivals_differ == 0);
  CHECK(attributes_differ == 0);
  CHECK(patience_differ == 0);
  CHECK(handle_differ == 0);
  // Not vacuous: most first contacts were served at the front line in both, and many waited.
  CHECK(handle_compared > static_cast<int>(a.size()) * 8 / 10);
  CHECK(patience_compared > static_cast<int>(a.size()) / 4);
}

TEST_CASE("Common random numbers: pairing narrows every policy's difference from the baseline") {
  // The catalogue's policies as they come (defaults, with the company's desks), each
  // against the company without it. With common random numbers the paired interval of a
  // headline difference (the front line's mean wait, the customers expected to churn) is
  // narrower than the unpaired (Welch) one from the same runs: the noise both variants
  // share cancels.
  const std::vector<std::pair<std::string, std::string>> policies = {
      {"frontline_only", "policies: [frontline_only]\n"},
      {"escalation_chain",
       "policies:\n  - escalation_chain: {executive: ceo, from: frontline, "
       "severity_at_least: critical}\n"},
      {"open_inbox", "policies:\n  - open_inbox: {executive: ceo}\n"},
      {"random_sample_signoff",
       "policies:\n  - random_sample_signoff: {executive: ceo, share: 2%, "
       "direct_stream: to_ceo}\n"},
      {"frontline_stint",
       "policies:\n  - frontline_stint: {executive: ceo, desk: frontline, start: 2 weeks}\n"},
      {"public_replies", "policies:\n  - public_replies: {executive: ceo, share: 10%}\n"},
      {"touch_and_delegate",
       "policies:\n  - touch_and_delegate: {executive: ceo, delegate_to: specialists}\n"},
      {"solicit_feedback", "policies:\n  - solicit_feedback: {executive: ceo, lag: 1 week}\n"},
  };
  const std::vector<std::pair<std::string, std::string>> headlines = {
      {"desk:frontline", "wait_mean_min"}, {"customers", "churn_expected"}};
  escalsim::ExperimentOptions options;
  options.replications = 12;
  for (const auto& [name, block] : policies) {
    SUBCASE(name.c_str()) {
      // frontline_only refuses demand entering an executive desk: both without it.
      const bool direct = name != "frontline_only";
      const escalsim::ExperimentResult baseline = escalsim::run_experiment(
          escalsim::load_scenario_text(company(kRoutes, "", "8 weeks", direct), "base.yaml"),
          options);
      const escalsim::ExperimentResult variant = escalsim::run_experiment(
          escalsim::load_scenario_text(company(kRoutes, block, "8 weeks", direct),
                                       "variant.yaml"),
          options);
      const std::vector<escalsim::Difference> paired =
          escalsim::paired_differences(baseline, variant);
      const std::vector<escalsim::Difference> unpaired =
          escalsim::unpaired_differences(baseline, variant);
      for (const auto& headline : headlines) {
        const std::string& scope = headline.first;
        const std::string& metric = headline.second;
        // Matched by name: a comparison may add figures of its own (satisfaction per
        // executive hour) that have no unpaired counterpart.
        const auto find = [&](const std::vector<escalsim::Difference>& differences) {
          const escalsim::Difference* match = nullptr;
          int found = 0;
          for (const escalsim::Difference& d : differences) {
            if (d.scope == scope && d.name == metric) {
              match = &d;
              ++found;
            }
          }
          CHECK(found == 1);
          return match;
        };
        const escalsim::Difference* with_pairs = find(paired);
        const escalsim::Difference* without = find(unpaired);
        REQUIRE(with_pairs != nullptr);
        REQUIRE(without != nullptr);
        MESSAGE(name, ": ", scope, " ", metric, ", paired +- ", with_pairs->half_width,
                ", unpaired +- ", without->half_width);
        REQUIRE(without->half_width > 0.0);
        CHECK(with_pairs->half_width < without->half_width);
      }
    }
  }
}

TEST_CASE("Keyed draws: a complaint looping through a desk draws afresh on every visit") {
  // Unresolved complaints go round the front line again with probability 0.99, so a
  // complaint makes 1 / 0.01 = 100 visits on average (geometric), a minute each, and no
  // one waits (200 staff). The visit counter once stopped at 255: from there every draw
  // repeated, and a complaint whose 255th route draw said "again" never left.
  TempDir dir;
  write_file(dir.path() / "loop.yaml",
             "run: {name: loop, horizon: 20 weeks, seed: 3}\n"
             "demand: {rate: 20 per day}\n"
             "desks:\n"
             "  frontline: {staff: 200, handle_time: 1 min, resolution: 0}\n"
             "routes:\n"
             "  - {from: frontline, to: frontline, when: always, probability: 0.99}\n");
  const Outcome o = run_program(dir.path(), "run loop.yaml --format json");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const Json complaints = Json::parse(o.out)["runs"][0]["metrics"]["complaints"];
  const double closed = complaints["closed_unresolved"].get<double>();
  REQUIRE(closed > 2500);
  // Nobody is stuck: what is open at the horizon arrived in its last hours.
  CHECK(complaints["open_at_end"].get<double>() < 5);
  CHECK(complaints["open_age_p90_min"].get<double>() < 24 * 60);
  // Time in system: 100 visits of a minute; the sd of a geometric count is sqrt(0.99)/0.01.
  const double standard_error = std::sqrt(0.99) / 0.01 / std::sqrt(closed);
  MESSAGE("time in system ", complaints["time_in_system_mean_min"].get<double>(), " min, ",
          closed, " closed");
  CHECK(std::abs(complaints["time_in_system_mean_min"].get<double>() - 100.0) <
        4.0 * standard_error);
}
