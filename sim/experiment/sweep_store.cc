// The sweep's store on disk: its identity (manifest, fingerprint), one JSON file per finished
// point, and the clean-up of what killed writers left.
//
// Doubles round-trip exactly through the point files, so outputs computed from stored points
// are the same bytes however the points were run (in one go, resumed, sharded, on MPI ranks).
#include "experiment/sweep_store.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <system_error>

#include <signal.h>
#include <unistd.h>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/report.h"
#include "engine/random_streams.h"

namespace escalsim {
namespace detail {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kManifestFile = "manifest.json";
constexpr const char* kPointsFolder = "points";
constexpr const char* kTempMarker = ".tmp-";  // as write_file_atomically names its temporaries

// Doubles as JSON: finite ones as numbers (nlohmann prints the shortest text that parses
// back to the same double), the others as strings, since JSON has no NaN.
Json number_json(double x) {
  if (std::isfinite(x)) return Json(x);
  if (std::isnan(x)) return Json("nan");
  return Json(x > 0 ? "inf" : "-inf");
}

std::optional<double> number_from_json(const Json& j) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
  }
  return std::nullopt;
}

Json settings_json(const SweepPoint& point) {
  Json settings = Json::array();
  for (const auto& [key, value] : point.settings) settings.push_back(Json::array({key, value}));
  return settings;
}

Json manifest_json(const Scenario& scenario, int shard_count) {
  Json j;
  j["escalsim_version"] = version();
  Json s;
  s["name"] = scenario.run.name;
  s["path"] = scenario.source_path;
  s["text"] = scenario.source_text;
  s["overrides"] = Json::array();
  for (const std::string& o : scenario.overrides) s["overrides"].push_back(o);
  j["scenario"] = std::move(s);
  j["fingerprint"] = sweep_fingerprint(scenario);
  j["shard_count"] = shard_count;
  j["total_points"] = sweep_points(scenario).size();
  j["replications"] = sweep_replications(scenario);
  return j;
}

// The manifest in `dir`, or nullopt if there is none. Throws Error if it is unreadable.
std::optional<Json> read_manifest(const fs::path& dir) {
  const fs::path path = dir / kManifestFile;
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  bool ok = false;
  const std::string text = read_whole_file(path, &ok);
  Json j = ok ? Json::parse(text, nullptr, false) : Json();
  if (!ok || j.is_discarded() || !j.is_object() || !j.contains("fingerprint") ||
      !j["fingerprint"].is_string()) {
    throw Error(fmt::format("{} is not a sweep manifest (unreadable); remove the folder or "
                            "choose another --out",
                            path.string()));
  }
  return j;
}

std::string manifest_field(const Json& manifest, const char* object, const char* key) {
  const Json& o = object ? manifest.value(object, Json::object()) : manifest;
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string("?");
}

// The pid in a temporary name "<file>.tmp-<pid>-<n>", or -1.
long temp_file_pid(const std::string& name) {
  const std::size_t at = name.rfind(kTempMarker);
  if (at == std::string::npos) return -1;
  const std::string rest = name.substr(at + std::char_traits<char>::length(kTempMarker));
  const std::size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string::npos) return -1;
  long pid = 0;
  for (std::size_t i = 0; i < dash; ++i) {
    if (rest[i] < '0' || rest[i] > '9') return -1;
    pid = pid * 10 + (rest[i] - '0');
    if (pid > 1'000'000'000) return -1;
  }
  return pid;
}

// Removes the temporaries of writers that are gone: killed runs leave them behind. A live
// process's (another shard writing into the same folder on this machine) are left alone.
void remove_stale_temp_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const long pid = temp_file_pid(name);
    if (pid <= 0) continue;
    const bool gone = pid == static_cast<long>(::getpid()) ||
                      (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
    if (gone) {
      std::error_code ignored;
      fs::remove(entry.path(), ignored);
    }
  }
}

}  // namespace

std::string read_whole_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *ok = false;
    return {};
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  *ok = !in.bad();
  return text;
}

std::vector<SweepPoint> sweep_points(const Scenario& scenario) {
  if (scenario.sweep && !scenario.sweep->points.empty()) return scenario.sweep->points;
  return {SweepPoint{}};
}

int sweep_replications(const Scenario& scenario) {
  const int n = scenario.sweep && scenario.sweep->replications ? *scenario.sweep->replications
                                                                : scenario.run.replications;
  return std::max(n, 1);
}

std::uint64_t sweep_run_seed(const Scenario& scenario, const SweepPoint& point, int replication) {
  const bool crn = !scenario.sweep || scenario.sweep->common_random_numbers;
  return derive_run_seed(scenario.run.seed, crn ? 0 : static_cast<std::uint64_t>(point.index),
                         replication);
}

std::string sweep_fingerprint(const Scenario& scenario) {
  // Fields are separated by a byte that text never holds, so that no two different
  // sweeps share the hashed string.
  std::string key;
  const auto field = [&key](const std::string& s) {
    key += s;
    key += '\x1f';
  };
  field(version());
  field(scenario.run.name);
  field(scenario.source_text);
  for (const std::string& o : scenario.overrides) field(o);
  field("seed=" + std::to_string(scenario.run.seed));
  field(fmt::format("horizon={}", scenario.run.horizon.in_minutes()));
  field("replications=" + std::to_string(sweep_replications(scenario)));
  field(!scenario.sweep || scenario.sweep->common_random_numbers ? "crn" : "no-crn");
  for (const SweepPoint& p : sweep_points(scenario)) {
    field("point=" + std::to_string(p.index));
    for (const auto& [k, v] : p.settings) field(k + "=" + v);
  }
  return fmt::format("{:016x}", mix64(stable_hash(key)));
}

std::string point_file_name(int index) { return fmt::format("point-{:06}.json", index); }

std::string point_file_path(const std::string& out_dir, int index) {
  return (fs::path(out_dir) / kPointsFolder / point_file_name(index)).string();
}

std::string point_file_text(const std::string& fingerprint, const PointResult& point,
                            const std::vector<bool>& stopped_early) {
  Json j;
  j["escalsim_version"] = version();
  j["fingerprint"] = fingerprint;
  j["point"] = point.point.index;
  j["settings"] = settings_json(point.point);
  j["replications"] = Json::array();
  for (std::size_t r = 0; r < point.runs.size(); ++r) {
    Json rep;
    rep["replication"] = r;
    rep["seed"] = point.seeds.at(r);
    rep["stopped_early"] = r < stopped_early.size() && stopped_early[r];
    Json metrics = Json::array();
    for (const Metric& m : point.runs[r]) {
      metrics.push_back(Json::array({m.scope, m.name, number_json(m.value)}));
    }
    rep["metrics"] = std::move(metrics);
    j["replications"].push_back(std::move(rep));
  }
  return j.dump() + "\n";
}

namespace {

// object[key], or null when the object has no such key: Json::value(key, Json()) without
// its copy of the member (a point's replications and their metrics, read at every point).
const Json& member(const Json& object, const char* key) {
  static const Json kNull;
  const auto found = object.find(key);
  return found == object.end() ? kNull : *found;
}

}  // namespace

std::optional<StoredPoint> read_point_file(const std::string& path, const Scenario& scenario,
                                           const std::string& fingerprint,
                                           const SweepPoint& expected, std::string* why) {
  const auto reject = [why](std::string reason) -> std::optional<StoredPoint> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  std::error_code ec;
  if (!fs::exists(path, ec)) return reject("missing");
  bool ok = false;
  const std::string text = read_whole_file(path, &ok);
  if (!ok) return reject("unreadable");
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return reject("not valid JSON (cut short?)");
  if (member(j, "fingerprint") != Json(fingerprint)) return reject("from another sweep");
  if (member(j, "point") != Json(expected.index)) return reject("for another point");
  if (member(j, "settings") != settings_json(expected)) {
    return reject("settings differ from the sweep's");
  }
  const Json& reps = member(j, "replications");
  const int replications = sweep_replications(scenario);
  if (!reps.is_array() || static_cast<int>(reps.size()) != replications) {
    return reject("wrong number of replications");
  }

  StoredPoint stored;
  stored.result.point = expected;
  for (int r = 0; r < replications; ++r) {
    const Json& rep = reps[r];
    const std::uint64_t seed = sweep_run_seed(scenario, expected, r);
    if (!rep.is_object() || member(rep, "replication") != Json(r) ||
        member(rep, "seed") != Json(seed) || !member(rep, "stopped_early").is_boolean() ||
        !member(rep, "metrics").is_array()) {
      return reject(fmt::format("replication {} is malformed", r));
    }
    std::vector<Metric> metrics;
    metrics.reserve(rep["metrics"].size());
    for (const Json& m : rep["metrics"]) {
      if (!m.is_array() || m.size() != 3 || !m[0].is_string() || !m[1].is_string()) {
        return reject(fmt::format("replication {} has a malformed metric", r));
      }
      const std::optional<double> value = number_from_json(m[2]);
      if (!value) return reject(fmt::format("replication {} has a malformed metric", r));
      metrics.push_back(Metric{m[0].get<std::string>(), m[1].get<std::string>(), *value});
    }
    stored.result.seeds.push_back(seed);
    stored.result.runs.push_back(std::move(metrics));
    stored.stopped_early.push_back(rep["stopped_early"].get<bool>());
  }
  try {
    stored.result.summary = summarise_metrics(stored.result.runs);
  } catch (const Error&) {
    return reject("replications report different metrics");
  }
  return stored;
}

std::vector<Estimate> summarise_metrics(const std::vector<std::vector<Metric>>& runs) {
  std::vector<Estimate> summary;
  if (runs.empty()) return summary;
  const std::vector<Metric>& first = runs.front();
  std::vector<double> sample(runs.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const std::vector<Metric>& metrics = runs[r];
      if (metrics.size() != first.size() || metrics[i].scope != first[i].scope ||
          metrics[i].name != first[i].name) {
        throw Error("sweep: replications do not report the same metrics");
      }
      sample[r] = metrics[i].value;
    }
    Estimate e = estimate(sample);
    e.scope = first[i].scope;
    e.name = first[i].name;
    summary.push_back(std::move(e));
  }
  return summary;
}

}  // namespace detail

// The folder-level steps are public (escalsim/sweep.h); they use the store's internals.
using namespace detail;

void prepare_sweep_folder(const Scenario& scenario, const std::string& out_dir, int shard_count) {
  if (out_dir.empty()) throw Error("sweep: no output folder given");
  const fs::path out(out_dir);
  const std::string fingerprint = sweep_fingerprint(scenario);
  if (const std::optional<Json> manifest = read_manifest(out)) {
    if ((*manifest)["fingerprint"] != Json(fingerprint)) {
      throw ScenarioError(fmt::format(
          "{} holds a different sweep (scenario '{}', escalsim {}, fingerprint {}; this one is "
          "scenario '{}', escalsim {}, fingerprint {}); choose another --out or remove it",
          out_dir, manifest_field(*manifest, "scenario", "name"),
          manifest_field(*manifest, nullptr, "escalsim_version"),
          manifest_field(*manifest, nullptr, "fingerprint"), scenario.run.name, version(),
          fingerprint));
    }
  }
  remove_stale_temp_files(out);
  remove_stale_temp_files(out / kPointsFolder);

  const std::string text = manifest_json(scenario, shard_count).dump(2) + "\n";
  bool ok = false;
  const std::string existing = read_whole_file(out / kManifestFile, &ok);
  if (!ok || existing != text) write_file_atomically((out / kManifestFile).string(), text);
  std::error_code ec;
  fs::create_directories(out / kPointsFolder, ec);
  if (ec) {
    throw OutputError(fmt::format("cannot create folder {}: {}",
                                  (out / kPointsFolder).string(), ec.message()));
  }
}

Scenario scenario_of_sweep_folder(const std::string& dir) {
  const std::optional<Json> manifest = read_manifest(dir);
  if (!manifest) {
    throw Error(fmt::format("{} holds no sweep (no {}); give the --out folders of the shards",
                            dir, kManifestFile));
  }
  const std::string written_by = manifest_field(*manifest, nullptr, "escalsim_version");
  if (written_by != version()) {
    throw Error(fmt::format("{} was written by escalsim {}; this is escalsim {}, whose results "
                            "may differ; run the sweep again with one version",
                            dir, written_by, version()));
  }
  const Json s = manifest->value("scenario", Json::object());
  std::vector<std::string> overrides;
  for (const Json& o : s.value("overrides", Json::array())) {
    if (o.is_string()) overrides.push_back(o.get<std::string>());
  }
  const auto text = s.find("text");
  const auto path = s.find("path");
  if (text == s.end() || !text->is_string() || path == s.end() || !path->is_string()) {
    throw Error(fmt::format("{}/{} does not hold the scenario text", dir, kManifestFile));
  }
  Scenario scenario = load_scenario_text(text->get<std::string>(), path->get<std::string>(),
                                         overrides);
  if (sweep_fingerprint(scenario) != manifest_field(*manifest, nullptr, "fingerprint")) {
    throw Error(fmt::format("{}/{}: the scenario it holds no longer gives the same sweep",
                            dir, kManifestFile));
  }
  return scenario;
}

}  // namespace escalsim
