// Sweeps: every (point, replication) of this shard on a pool of threads, each finished point
// written atomically, the combined outputs written once the grid is complete.
//
// The outputs are computed from the stored metrics only (doubles round-trip exactly through
// the point files), so a sweep run in one go, resumed after a kill, run on any number of
// threads, sharded and merged, or spread over MPI ranks writes the same bytes.
#include "experiment/sweep_runner.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include <signal.h>
#include <unistd.h>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "escalsim/engine.h"
#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "engine/random_streams.h"
#include "experiment/warmup_mser.h"

namespace escalsim {
namespace detail {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kManifestFile = "manifest.json";
constexpr const char* kPointsFolder = "points";
constexpr const char* kTempMarker = ".tmp-";  // as write_file_atomically names its temporaries

std::string read_whole_file(const fs::path& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *ok = false;
    return {};
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  *ok = !in.bad();
  return text;
}

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

void write_outputs(const Scenario& scenario, const SweepResult& result, const fs::path& out) {
  std::ostringstream csv, summary, json;
  write_sweep_csv(csv, scenario, result);
  write_sweep_summary_csv(summary, scenario, result);
  write_sweep_json(json, scenario, result, result.findings);
  write_file_atomically((out / "sweep.csv").string(), csv.str());
  write_file_atomically((out / "summary.csv").string(), summary.str());
  write_file_atomically((out / "sweep.json").string(), json.str());
}

fs::path point_path(const fs::path& out, int index) {
  return out / kPointsFolder / point_file_name(index);
}

// "3, 7, 11" or "3, 7, 11, ... (25 in all)".
std::string list_indexes(const std::vector<int>& indexes) {
  std::string text;
  const std::size_t shown = std::min<std::size_t>(indexes.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) text += (i ? ", " : "") + std::to_string(indexes[i]);
  if (shown < indexes.size()) text += fmt::format(", ... ({} in all)", indexes.size());
  return text;
}

std::string format_time_left(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  if (seconds < 1) return "under 1s";
  const long s = std::lround(seconds);
  if (s >= 3600) return fmt::format("{}h {:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m {:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

// The progress line on standard error, redrawn in place.
class ProgressLine {
 public:
  ProgressLine(bool enabled, int total_points) : enabled_(enabled), total_points_(total_points) {}

  void draw(int points_done, long runs_done, long runs_to_do, double elapsed_s) {
    if (!enabled_) return;
    const double rate = elapsed_s > 0 ? runs_done / elapsed_s : 0.0;
    const std::string left =
        runs_done > 0 ? format_time_left((runs_to_do - runs_done) / rate) : "?";
    const std::string line =
        fmt::format("\r\x1b[Ksweep: {}/{} points, {:.1f} runs/s, {} left", points_done,
                    total_points_, rate, left);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
  }
  void clear() {
    if (!enabled_ || !drawn_) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  bool enabled_;
  int total_points_;
  bool drawn_ = false;
};

// A point of this shard still to run, with its replications' results as they come in.
struct PendingPoint {
  Scenario scenario;  // the base at this point, built once
  PointResult result;
  std::vector<char> stopped_early;  // not vector<bool>: threads set neighbouring elements
  std::atomic<int> remaining{0};
};

int pool_size(int requested, long work_items) {
  int threads = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);
  return static_cast<int>(std::min<long>(threads, std::max<long>(work_items, 1)));
}

void check_points(const std::vector<SweepPoint>& points) {
  std::set<int> seen;
  for (const SweepPoint& p : points) {
    if (p.index < 0 || !seen.insert(p.index).second) {
      throw Error(fmt::format("sweep: point index {} is negative or repeated", p.index));
    }
  }
}

}  // namespace

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
  if (j.value("fingerprint", Json()) != Json(fingerprint)) return reject("from another sweep");
  if (j.value("point", Json()) != Json(expected.index)) return reject("for another point");
  if (j.value("settings", Json()) != settings_json(expected)) {
    return reject("settings differ from the sweep's");
  }
  const Json reps = j.value("replications", Json());
  const int replications = sweep_replications(scenario);
  if (!reps.is_array() || static_cast<int>(reps.size()) != replications) {
    return reject("wrong number of replications");
  }

  StoredPoint stored;
  stored.result.point = expected;
  for (int r = 0; r < replications; ++r) {
    const Json& rep = reps[r];
    const std::uint64_t seed = sweep_run_seed(scenario, expected, r);
    if (!rep.is_object() || rep.value("replication", Json()) != Json(r) ||
        rep.value("seed", Json()) != Json(seed) || !rep.value("stopped_early", Json()).is_boolean() ||
        !rep.value("metrics", Json()).is_array()) {
      return reject(fmt::format("replication {} is malformed", r));
    }
    std::vector<Metric> metrics;
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

SweepResult run_sweep_steps(const Scenario& scenario, const SweepOptions& options,
                            const SweepSteps& steps) {
  if (options.shard_count < 1 || options.shard_index < 0 ||
      options.shard_index >= options.shard_count) {
    throw Error(fmt::format("sweep: shard {} of {} does not exist", options.shard_index + 1,
                            options.shard_count));
  }
  const std::vector<SweepPoint> points = sweep_points(scenario);
  check_points(points);
  const int replications = sweep_replications(scenario);
  const std::string fingerprint = sweep_fingerprint(scenario);
  const fs::path out(options.out_dir);
  if (steps.prepare_folder) prepare_sweep_folder(scenario, options.out_dir, options.shard_count);

  // This shard's points: loaded when a valid file is there, else to run.
  std::vector<std::optional<PointResult>> mine;  // in point order; nullopt: pending
  std::vector<std::unique_ptr<PendingPoint>> pending;
  std::vector<std::size_t> pending_slot;  // index into `mine` of each pending point
  for (const SweepPoint& point : points) {
    if (point.index % options.shard_count != options.shard_index) continue;
    std::optional<StoredPoint> stored =
        read_point_file(point_path(out, point.index).string(), scenario, fingerprint, point);
    if (stored) {
      mine.emplace_back(std::move(stored->result));
      continue;
    }
    auto p = std::make_unique<PendingPoint>();
    p->scenario = scenario.sweep ? scenario_at(scenario, point) : scenario;
    p->result.point = point;
    p->result.runs.resize(replications);
    for (int r = 0; r < replications; ++r) {
      p->result.seeds.push_back(sweep_run_seed(scenario, point, r));
    }
    p->stopped_early.assign(replications, false);
    p->remaining = replications;
    pending_slot.push_back(mine.size());
    mine.emplace_back(std::nullopt);
    pending.push_back(std::move(p));
  }

  const long items = static_cast<long>(pending.size()) * replications;
  const int threads = pool_size(options.threads, items);
  const bool crn = !scenario.sweep || scenario.sweep->common_random_numbers;

  std::atomic<long> next_item{0};
  std::atomic<long> runs_done{0};
  std::atomic<int> points_done{static_cast<int>(mine.size() - pending.size())};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex mutex;  // guards failure and workers_left, with `finished`
  std::condition_variable finished;
  int workers_left = threads;

  const auto worker = [&] {
    for (long item = next_item++; item < items && !stop; item = next_item++) {
      PendingPoint& p = *pending[item / replications];
      const int r = static_cast<int>(item % replications);
      try {
        // The same replication path as run and compare (warmup: auto included).
        const RunResult run =
            run_replication(p.scenario, r, options.engine,
                            crn ? 0 : static_cast<std::uint64_t>(p.result.point.index))
                .run;
        p.result.runs[r] = flatten(run);
        p.stopped_early[r] = run.stopped_early;
        ++runs_done;
        if (--p.remaining == 0) {
          p.result.summary = summarise_metrics(p.result.runs);
          write_file_atomically(point_path(out, p.result.point.index).string(),
                                point_file_text(fingerprint, p.result,
                                                std::vector<bool>(p.stopped_early.begin(),
                                                                  p.stopped_early.end())));
          ++points_done;
        }
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
    }
    std::lock_guard lock(mutex);
    --workers_left;
    finished.notify_all();
  };

  ProgressLine progress(options.progress, static_cast<int>(mine.size()));
  const auto started = std::chrono::steady_clock::now();
  const auto redraw = [&] {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    progress.draw(points_done, runs_done, items, elapsed);
  };
  if (items > 0) {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    // When the system refuses more threads (a process limit, memory for stacks), the runs
    // go to those there are, or to this thread if none: results do not depend on the count.
    int started = 0;
    for (; started < threads; ++started) {
      try {
        pool.emplace_back(worker);
      } catch (const std::system_error&) {
        break;
      }
    }
    if (started < threads) {
      std::lock_guard lock(mutex);
      workers_left -= threads - std::max(started, 1);
    }
    if (started == 0) worker();
    {
      std::unique_lock lock(mutex);
      while (workers_left > 0) {
        lock.unlock();
        redraw();
        lock.lock();
        finished.wait_for(lock, std::chrono::milliseconds(250), [&] { return workers_left == 0; });
      }
    }
    for (std::thread& t : pool) t.join();
    progress.clear();
  }
  if (failure) std::rethrow_exception(failure);

  for (std::size_t i = 0; i < pending.size(); ++i) {
    mine[pending_slot[i]] = std::move(pending[i]->result);
  }
  pending.clear();

  SweepResult result;
  const int ran = static_cast<int>(pending_slot.size());
  const int kept = static_cast<int>(mine.size()) - ran;
  if (steps.write_outputs) {
    // Complete when the other shards' points are here too (copied in, or written by
    // other processes sharing the folder).
    SweepResult all = finish_sweep(scenario, options.out_dir);
    all.points_kept = kept;
    all.points_run = ran;
    if (all.complete) return all;
  }
  result.points_kept = kept;
  result.points_run = ran;
  for (std::optional<PointResult>& p : mine) result.points.push_back(std::move(*p));
  result.complete = static_cast<int>(result.points.size()) == static_cast<int>(points.size());
  return result;
}

SweepResult finish_sweep(const Scenario& scenario, const std::string& out_dir) {
  const std::vector<SweepPoint> points = sweep_points(scenario);
  const std::string fingerprint = sweep_fingerprint(scenario);
  const fs::path out(out_dir);
  SweepResult result;
  result.complete = true;
  for (const SweepPoint& point : points) {
    std::optional<StoredPoint> stored =
        read_point_file(point_path(out, point.index).string(), scenario, fingerprint, point);
    if (stored) {
      result.points.push_back(std::move(stored->result));
    } else {
      result.complete = false;
    }
  }
  if (result.complete) {
    result.findings = find_findings(scenario, result);
    write_outputs(scenario, result, out);
  }
  return result;
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

}  // namespace detail

SweepResult run_sweep(const Scenario& scenario, const SweepOptions& options) {
  return detail::run_sweep_steps(scenario, options, detail::SweepSteps{});
}

SweepResult merge_sweeps(const std::vector<std::string>& shard_dirs, const std::string& out_dir) {
  namespace fs = std::filesystem;
  if (shard_dirs.empty()) throw Error("merge: no shard folders given");
  if (out_dir.empty()) throw Error("merge: no output folder given");

  // A folder given twice is refused below like a point in two folders: every point must
  // come from exactly one, and a repeated folder usually means a mistyped list of shards.
  std::vector<std::string> dirs;
  for (const std::string& dir : shard_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error(fmt::format("merge: {} is not a folder", dir));
    dirs.push_back(dir);
  }

  const Scenario scenario = detail::scenario_of_sweep_folder(dirs.front());
  const std::string fingerprint = detail::sweep_fingerprint(scenario);
  for (std::size_t i = 1; i < dirs.size(); ++i) {
    const Scenario other = detail::scenario_of_sweep_folder(dirs[i]);
    const std::string other_fingerprint = detail::sweep_fingerprint(other);
    if (other_fingerprint != fingerprint) {
      throw Error(fmt::format("merge: {} and {} hold different sweeps (fingerprints {} and {})",
                              dirs.front(), dirs[i], fingerprint, other_fingerprint));
    }
  }

  // Find every point in exactly one folder before touching the output.
  const std::vector<SweepPoint> points = detail::sweep_points(scenario);
  std::vector<std::string> source(points.size());
  std::vector<int> missing;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const int index = points[i].index;
    for (const std::string& dir : dirs) {
      const fs::path path = fs::path(dir) / "points" / detail::point_file_name(index);
      std::error_code ec;
      if (!fs::exists(path, ec)) continue;
      std::string why;
      if (!detail::read_point_file(path.string(), scenario, fingerprint, points[i], &why)) {
        throw Error(fmt::format("merge: {} is not a valid point of this sweep ({})",
                                path.string(), why));
      }
      if (!source[i].empty()) {
        const std::string first_dir = fs::path(source[i]).parent_path().parent_path().string();
        std::error_code e;
        throw Error(fmt::format("merge: point {} is in both {} and {}{}; give each shard's "
                                "folder once",
                                index, first_dir, dir,
                                fs::equivalent(first_dir, dir, e) ? " (the same folder twice)"
                                                                  : ""));
      }
      source[i] = path.string();
    }
    if (source[i].empty()) missing.push_back(index);
  }
  if (!missing.empty()) {
    throw Error(fmt::format("merge: {} of {} points missing: {}; run their shards (point i "
                            "belongs to shard (i mod N) + 1) and merge again",
                            missing.size(), points.size(), detail::list_indexes(missing)));
  }

  detail::prepare_sweep_folder(scenario, out_dir, 1);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const fs::path target = fs::path(out_dir) / "points" / detail::point_file_name(points[i].index);
    std::error_code ec;
    if (fs::exists(target, ec) && fs::equivalent(target, source[i], ec)) continue;
    bool ok = false;
    const std::string text = detail::read_whole_file(source[i], &ok);
    if (!ok) throw Error(fmt::format("merge: cannot read {}", source[i]));
    bool same = false;
    if (fs::exists(target, ec)) same = detail::read_whole_file(target, &ok) == text && ok;
    if (!same) write_file_atomically(target.string(), text);
  }
  SweepResult result = detail::finish_sweep(scenario, out_dir);
  if (!result.complete) {
    throw Error(fmt::format("merge: {} does not hold every point after copying; is another "
                            "process writing there?",
                            out_dir));
  }
  return result;
}

}  // namespace escalsim
