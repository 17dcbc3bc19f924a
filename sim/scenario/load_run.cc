// The `run:` section: name, description, horizon, warm-up, seed, replications, sample interval.
#include "scenario/loader.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string_view>
#include <utility>

#include "scenario/did_you_mean.h"

namespace escalsim::detail {

namespace {

const std::vector<std::string> kRunKeys = {"name", "description", "horizon", "warmup",
                                           "seed", "replications", "sample_interval"};

}  // namespace

void Loader::load_run(const YamlNode& node, const std::string& file_path) {
  const std::string path = "run";
  expect_map(node, path, "a map of run settings (horizon, warmup, seed, ...)");
  check_keys(node, path, kRunKeys);
  RunSettings& run = s_.run;

  run.name = default_name(file_path);
  if (const YamlNode* n = node.find("name")) {
    const std::string p = key_path_join(path, "name");
    run.name = scalar(*n, p, "a run name");
    bool ok = !run.name.empty() && run.name[0] != '.';
    for (char c : run.name) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
        ok = false;
      }
    }
    if (!ok) {
      fail(n->origin, "a run name names the results folder: use letters, digits, '-', '_' and "
                      "'.' (not first), got '" + run.name + "'", p);
    }
  }
  if (const YamlNode* n = node.find("description")) {
    run.description = n->is_null() ? "" : scalar(*n, key_path_join(path, "description"), "a text");
  }
  const YamlNode& horizon = required(node, "horizon", path);
  run.horizon = bounded_duration(horizon, key_path_join(path, "horizon"), "the horizon",
                                 Duration::weeks(kMaxHorizonWeeks), max_horizon_text());
  run.warmup = Duration();
  run.warmup_auto = false;
  if (const YamlNode* n = node.find("warmup")) {
    run.warmup_auto = n->is_scalar() && n->text == "auto";
    if (!run.warmup_auto) run.warmup = warmup(*n, key_path_join(path, "warmup"));
    if (run.warmup >= run.horizon) {
      fail(n->origin, "the warmup ('" + n->text + "') must be shorter than the horizon ('" +
                          horizon.text + "')", key_path_join(path, "warmup"));
    }
  }
  run.seed = 1;
  if (const YamlNode* n = node.find("seed")) {
    run.seed = static_cast<std::uint64_t>(integer(*n, key_path_join(path, "seed"), 0,
                                                  std::numeric_limits<std::int64_t>::max()));
  }
  run.replications = 1;
  if (const YamlNode* n = node.find("replications")) {
    run.replications =
        static_cast<int>(integer(*n, key_path_join(path, "replications"), 1, kMaxReplications));
  }
  run.sample_interval = Duration::days(1);
  const YamlNode* interval = node.find("sample_interval");
  if (interval) {
    run.sample_interval =
        positive_duration(*interval, key_path_join(path, "sample_interval"), "the sample interval");
  }
  const double samples = run.horizon / run.sample_interval;
  if (samples > kMaxBacklogSamples) {
    const Duration coarse = coarse_interval(run.horizon / kMaxBacklogSamples);
    char count[32];
    std::snprintf(count, sizeof count, samples < 1e12 ? "%.0f" : "%.3g", samples);
    const std::string given = interval ? "sample_interval '" + interval->text + "'"
                                       : "the default sample_interval of 1 day";
    const YamlOrigin& at = interval ? interval->origin : horizon.origin;
    s_.notes.push_back(detail::format_error(
        at, given + " gives " + count + " backlog samples over the horizon '" + horizon.text +
                "', more than the " + exact_decimal(kMaxBacklogSamples) +
                " a run keeps; coarsened to " + describe_interval(coarse),
        key_path_join(path, "sample_interval")));
    run.sample_interval = coarse;
  }
}

Duration Loader::coarse_interval(Duration at_least) {
  for (Duration unit : {kWeek, Duration::days(1), Duration::hours(1),
                        Duration::minutes(1), Duration::seconds(1)}) {
    if (at_least >= unit) return unit * std::ceil(at_least / unit * (1 - 1e-12));
  }
  return Duration::seconds(1);
}

std::string Loader::describe_interval(Duration d) {
  const std::pair<Duration, const char*> units[] = {{kWeek, "week"},
                                                    {Duration::days(1), "day"},
                                                    {Duration::hours(1), "h"},
                                                    {Duration::minutes(1), "min"},
                                                    {Duration::seconds(1), "s"}};
  for (const auto& [unit, name] : units) {
    if (d >= unit) {
      const double n = std::round(d / unit);
      const bool plural = n != 1 && (name == std::string("week") || name == std::string("day"));
      return exact_decimal(n) + " " + name + (plural ? "s" : "");
    }
  }
  return "1 s";
}

Duration Loader::warmup(const YamlNode& node, const std::string& path) {
  const std::string expectation = "a duration like '2 weeks', or 'auto'";
  const std::string& text = scalar(node, path, expectation);
  Parsed<Duration> parsed = detail::parse_duration(text);
  if (parsed.ok()) return *parsed.value;
  std::string_view t = detail::trim(text);
  const bool starts_like_number =
      !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '.' ||
                     t[0] == '+' || t[0] == '-');
  if (starts_like_number) fail(node.origin, parsed.problem, path);
  fail(node.origin, "expected " + expectation + ", got '" + text + "'" +
                        (detail::closest_match(text, {"auto"}).empty() ? "" : ", did you mean 'auto'?"),
       path);
}

std::string Loader::default_name(const std::string& file_path) {
  std::filesystem::path p(file_path);
  std::string name = p.filename().string();
  for (const char* ext : {".yaml", ".yml"}) {
    const std::string e(ext);
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
      name.erase(name.size() - e.size());
      break;
    }
  }
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  }
  if (name.empty() || name[0] == '.') name = "scenario" + name;
  return name;
}

}  // namespace escalsim::detail
