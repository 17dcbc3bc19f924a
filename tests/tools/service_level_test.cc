// `escalsim run` on a scenario with service-level targets and a weekly pattern: the figures
// a user reads from results.json, results.csv and results_by_hour.csv, against a hand count
// of the pattern and the file's own figures.
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "tools/program_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace escalsim::testing;

// Ten complaints an hour on average over the week, all of them Monday-Friday 09:00-17:00:
// 168 / 40 = 4.2 times the average in each of those 40 hours, none outside them. A day of
// warm-up, so Monday's hours are measured in 19 of the 20 weeks.
constexpr const char* kScenario =
    "run: {name: weekly, horizon: 20 weeks, warmup: 1 day, seed: 11, replications: 4}\n"
    "service_level: {within: [20 s, 2 min], channels: {phone: {within: 30 s}}}\n"
    "demand: {rate: 10 per hour, pattern: business_hours, channels: {phone: 0.6, email: 0.4}}\n"
    "desks:\n"
    "  frontline: {staff: 5, handle_time: 5 min, patience: 4 min,\n"
    "              service_level: {within: 1 min}}\n";

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) out.push_back(field);
  return out;
}

bool open_hour(int hour_of_week) {
  const int day = hour_of_week / 24, hour = hour_of_week % 24;
  return day < 5 && hour >= 9 && hour < 17;
}

}  // namespace

TEST_CASE("escalsim run: service levels and hour-of-week figures reach the files") {
  TempDir dir;
  write_file(dir.path() / "weekly.yaml", kScenario);
  const Outcome o = run_program(dir.path(), "run weekly.yaml --out out");
  INFO(o.err);
  REQUIRE(o.status == 0);
  const auto json = nlohmann::json::parse(read_file(dir.path() / "out" / "results.json"));
  const std::string by_hour = read_file(dir.path() / "out" / "results_by_hour.csv");
  const std::string csv = read_file(dir.path() / "out" / "results.csv");

  SUBCASE("arrivals per hour of the week follow the pattern (hand count of business hours)") {
    const std::vector<std::string> lines = lines_of(by_hour);
    REQUIRE(!lines.empty());
    CHECK(lines[0] ==
          "hour_of_week,day,hour,scope,arrivals,arrival_rate_per_hour,abandonment,wait_mean_min");
    REQUIRE(lines.size() == 1 + 168 * 2);  // "complaints" and the one desk
    double total = 0.0;
    for (int h = 0; h < 168; ++h) {
      const std::vector<std::string> f = split(lines[1 + h]);
      REQUIRE(f.size() == 8);
      CHECK(std::stoi(f[0]) == h);
      CHECK(f[1] == std::vector<std::string>{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}[h / 24]);
      CHECK(std::stoi(f[2]) == h % 24);
      CHECK(f[3] == "complaints");
      const double arrivals = std::stod(f[4]);
      const double rate = std::stod(f[5]);
      total += arrivals;
      if (!open_hour(h)) {
        CHECK(arrivals == 0.0);
        CHECK(rate == 0.0);
        continue;
      }
      // 42 an hour; the count over 4 replications of 19 or 20 exposures is Poisson.
      const double weeks = h < 24 ? 19.0 : 20.0;
      const double expected_count = 42.0 * weeks * 4.0;
      const double z = (rate * weeks * 4.0 - expected_count) / std::sqrt(expected_count);
      INFO("hour " << h << " rate " << rate);
      CHECK(std::abs(z) < 4.0);
      CHECK(arrivals == doctest::Approx(rate * weeks));
    }
    // Every measured complaint arrived in some hour: the bins add up to the stream's count.
    double stream_arrivals = 0.0;
    for (const auto& e : json["summary"]) {
      if (e["scope"] == "stream:demand" && e["metric"] == "arrivals") stream_arrivals = e["mean"];
    }
    CHECK(total == doctest::Approx(stream_arrivals));
    // The desk's rows follow: with one desk, every visit is a first visit.
    CHECK(split(lines[1 + 168 + 10])[3] == "desk:frontline");
    CHECK(split(lines[1 + 168 + 10])[4] == split(lines[1 + 10])[4]);
  }
  SUBCASE("results.json holds the same 168 bins per scope") {
    const auto& h = json["by_hour_of_week"];
    REQUIRE(h.contains("complaints"));
    REQUIRE(h.contains("desk:frontline"));
    for (const char* key : {"arrivals", "arrival_rate_per_hour", "abandonment", "wait_mean_min"}) {
      CHECK(h["desk:frontline"][key].size() == 168);
    }
    CHECK(h["complaints"]["arrivals"][0] == 0.0);
    CHECK(h["complaints"]["arrivals"][10].get<double>() > 700.0);
    // Patience 4 min against a busy desk: some abandon in the open hours, none outside.
    CHECK(h["desk:frontline"]["abandonment"][3] == 0.0);
  }
  SUBCASE("service levels per desk and channel, with intervals, in the summary and the CSV") {
    std::map<std::string, nlohmann::json> summary;
    for (const auto& e : json["summary"]) {
      summary[e["scope"].get<std::string>() + " " + e["metric"].get<std::string>()] = e;
    }
    for (const char* key : {"desk:frontline service_level_1min", "desk:frontline speed_of_answer_min",
                            "desk:frontline abandonment", "channel:phone service_level_30s",
                            "channel:email service_level_20s", "channel:email service_level_2min",
                            "stream:demand service_level_20s", "desk:frontline wait_mean_min_minor"}) {
      INFO(key);
      REQUIRE(summary.count(key) == 1);
      CHECK(summary[key]["n"] == 4);
      CHECK(summary[key]["half_width"].get<double>() >= 0.0);
    }
    // The desk has its own target only; the channel phone its own only.
    CHECK(summary.count("desk:frontline service_level_20s") == 0);
    CHECK(summary.count("channel:phone service_level_20s") == 0);
    const double within_1min = summary["desk:frontline service_level_1min"]["mean"];
    CHECK(within_1min > 0.0);
    CHECK(within_1min < 1.0);
    // A shorter target is met by fewer.
    CHECK(summary["channel:email service_level_20s"]["mean"].get<double>() <=
          summary["channel:email service_level_2min"]["mean"].get<double>());
    CHECK(csv.find(",desk:frontline,service_level_1min,") != std::string::npos);
    CHECK(csv.find(",channel:phone,abandonment,") != std::string::npos);
  }
}

TEST_CASE("escalsim run: a bad service level is one located line, exit status 2") {
  TempDir dir;
  write_file(dir.path() / "bad.yaml",
             "run: {horizon: 1 week}\n"
             "demand: {rate: 10 per hour}\n"
             "desks: {frontline: {staff: 3, handle_time: 15 min, service_level: {within: soon}}}\n");
  const Outcome o = run_program(dir.path(), "run bad.yaml");
  CHECK(o.status == 2);
  CHECK(o.err ==
        "escalsim: error: bad.yaml:3:76: expected a duration like '25 min' or '2 h', got 'soon' "
        "(desks.frontline.service_level.within)\n");
}
