// Sweeps: every (point, replication) of this shard through parallel_for, each finished point
// written atomically to the store, the combined outputs written once the grid is complete.
//
// The outputs are computed from the stored metrics only (sweep_store.cc), so a sweep run in
// one go, resumed after a kill, run on any number of threads, sharded and merged, or spread
// over MPI ranks writes the same bytes.
#include "escalsim/sweep.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "escalsim/errors.h"
#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/report.h"
#include "experiment/parallel_for.h"
#include "experiment/sweep_store.h"
#include "experiment/warmup_mser.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;

// sweep_points without a copy of the grid, whose settings are some hundreds of bytes a
// point: the scenario's own list, or `one` (a scenario without a sweep is one point).
const std::vector<SweepPoint>& points_in(const Scenario& scenario, std::vector<SweepPoint>& one) {
  if (scenario.sweep && !scenario.sweep->points.empty()) return scenario.sweep->points;
  one = detail::sweep_points(scenario);
  return one;
}

// What `detail` keeps of a point read from its file.
PointResult kept_of(PointResult&& point, PointDetail detail) {
  if (detail == PointDetail::kFull) return std::move(point);
  PointResult kept;
  kept.point = std::move(point.point);
  kept.seeds = std::move(point.seeds);
  kept.summary.reserve(static_cast<std::size_t>(
      std::count_if(point.summary.begin(), point.summary.end(),
                    [](const Estimate& e) { return sweep_table_reads(e.scope, e.name); })));
  for (Estimate& e : point.summary) {
    if (sweep_table_reads(e.scope, e.name)) kept.summary.push_back(std::move(e));
  }
  return kept;
}

std::optional<SiloVerdict> kept_of(std::optional<SiloVerdict>&& verdict, PointDetail detail) {
  if (detail == PointDetail::kHeadline && verdict) {
    verdict->headline = std::string();
    verdict->evidence = std::vector<std::string>();
  }
  return std::move(verdict);
}

// The combined outputs, written as the point files are read, one point in memory at a time.
// Returns false, leaving the outputs as they were, when a point file turns out to be
// unusable (found when the points were counted, damaged since): the sweep is not complete.
bool write_outputs(const Scenario& scenario, const std::vector<SweepPoint>& points,
                   const std::string& fingerprint, const fs::path& out, PointDetail detail,
                   SweepResult& result) {
  AtomicFileWriter csv((out / "sweep.csv").string());
  AtomicFileWriter summary((out / "summary.csv").string());
  AtomicFileWriter json((out / "sweep.json").string());
  SweepOutputWriter writer(csv.stream(), summary.stream(), json.stream(), scenario, points);
  result.findings.verdicts.reserve(points.size());
  const PointScenarios point_scenarios(scenario);
  for (const SweepPoint& point : points) {
    std::optional<detail::StoredPoint> stored = detail::read_point_file(
        detail::point_file_path(out.string(), point.index), scenario, fingerprint, point);
    if (!stored) return false;
    std::optional<SiloVerdict> verdict =
        find_point_verdict(scenario, point_scenarios, stored->result);
    writer.add(stored->result, verdict ? &*verdict : nullptr);
    result.points.push_back(kept_of(std::move(stored->result), detail));
    result.findings.verdicts.push_back(kept_of(std::move(verdict), detail));
  }
  find_scale_findings(scenario, result, result.findings);
  writer.finish(result.findings);
  csv.commit();
  summary.commit();
  json.commit();
  return true;
}

// A point of this shard still to run, with its replications' results as they come in.
struct PendingPoint {
  // The base at this point, built by its first replication to start and dropped when its
  // last ends: a scenario holds the sweep's every point, so one per pending point would
  // grow with the square of the points.
  // A pointer, not an optional: the points waiting to run should not each hold the room
  // of a Scenario.
  std::once_flag built;
  std::unique_ptr<Scenario> scenario;
  PointResult result;
  std::vector<char> stopped_early;  // not vector<bool>: threads set neighbouring elements
  std::atomic<int> remaining{0};
};

void check_points(const std::vector<SweepPoint>& points) {
  std::set<int> seen;
  for (const SweepPoint& p : points) {
    if (p.index < 0 || !seen.insert(p.index).second) {
      throw Error(fmt::format("sweep: point index {} is negative or repeated", p.index));
    }
  }
}

}  // namespace

int sweep_point_count(const Scenario& scenario) {
  return static_cast<int>(detail::sweep_points(scenario).size());
}

int sweep_replication_count(const Scenario& scenario) {
  return detail::sweep_replications(scenario);
}

SweepResult run_sweep_steps(const Scenario& scenario, const SweepOptions& options,
                            const SweepSteps& steps) {
  if (options.shard_count < 1 || options.shard_index < 0 ||
      options.shard_index >= options.shard_count) {
    throw Error(fmt::format("sweep: shard {} of {} does not exist", options.shard_index + 1,
                            options.shard_count));
  }
  std::vector<SweepPoint> one;
  const std::vector<SweepPoint>& points = points_in(scenario, one);
  check_points(points);
  const int replications = detail::sweep_replications(scenario);
  const std::string fingerprint = detail::sweep_fingerprint(scenario);
  if (steps.prepare_folder) prepare_sweep_folder(scenario, options.out_dir, options.shard_count);

  // This shard's points: kept when a valid file is there, else to run. Nothing of a kept
  // point stays in memory: the result is read back from the files at the end.
  std::vector<const SweepPoint*> mine;  // into `points`, in point order
  std::vector<std::unique_ptr<PendingPoint>> pending;
  for (const SweepPoint& point : points) {
    if (point.index % options.shard_count != options.shard_index) continue;
    mine.push_back(&point);
    if (detail::read_point_file(detail::point_file_path(options.out_dir, point.index), scenario,
                                fingerprint, point)) {
      continue;
    }
    auto p = std::make_unique<PendingPoint>();
    p->result.point = point;
    p->result.runs.resize(replications);
    for (int r = 0; r < replications; ++r) {
      p->result.seeds.push_back(detail::sweep_run_seed(scenario, point, r));
    }
    p->stopped_early.assign(replications, false);
    p->remaining = replications;
    pending.push_back(std::move(p));
  }

  const long items = static_cast<long>(pending.size()) * replications;
  const bool crn = !scenario.sweep || scenario.sweep->common_random_numbers;
  std::atomic<long> runs_done{0};
  std::atomic<int> points_done{static_cast<int>(mine.size() - pending.size())};

  // The base's text read once for every point to run, not once a point.
  const std::optional<PointScenarios> point_scenarios =
      scenario.sweep && !pending.empty() ? std::optional<PointScenarios>(std::in_place, scenario)
                                         : std::nullopt;
  const auto run_item = [&](long item) {
    PendingPoint& p = *pending[item / replications];
    const int r = static_cast<int>(item % replications);
    // The same replication path as run and compare (warmup: auto included).
    std::call_once(p.built, [&] {
      p.scenario = std::make_unique<Scenario>(
          point_scenarios ? point_scenarios->at(p.result.point) : scenario);
    });
    const RunResult run =
        run_replication(*p.scenario, r, options.engine,
                        crn ? 0 : static_cast<std::uint64_t>(p.result.point.index))
            .run;
    p.result.runs[r] = flatten(run);
    p.stopped_early[r] = run.stopped_early;
    ++runs_done;
    if (--p.remaining == 0) {
      p.result.summary = detail::summarise_metrics(p.result.runs);
      // Not synced: a point cut short by a power cut fails read_point_file's checks and
      // is run again on resume, and a sync per point would cost more than a small point's
      // simulation.
      write_file_replacing(
          detail::point_file_path(options.out_dir, p.result.point.index),
          detail::point_file_text(fingerprint, p.result,
                                  std::vector<bool>(p.stopped_early.begin(),
                                                    p.stopped_early.end())));
      // Written: nothing of the point need stay (the last replication of the point to end
      // is the only thread that still touches it).
      p.scenario.reset();
      p.result.runs = std::vector<std::vector<Metric>>();
      p.result.summary = std::vector<Estimate>();
      ++points_done;
    }
  };

  const auto started = std::chrono::steady_clock::now();
  const double weeks_per_run = scenario.run.horizon.in_weeks();
  const auto report = [&](bool finished) {
    if (!options.progress) return;
    Progress progress;
    progress.runs_done = runs_done;
    progress.runs_total = items;
    progress.points_done = points_done;
    progress.points_total = static_cast<int>(mine.size());
    progress.simulated_weeks_done = weeks_per_run * static_cast<double>(progress.runs_done);
    progress.simulated_weeks_total = weeks_per_run * static_cast<double>(items);
    progress.elapsed_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    progress.finished = finished;
    options.progress(progress);
  };
  if (items > 0) {
    const int threads = runs_in_flight(options.threads, options.engine.max_in_system,
                                       options.memory_budget_bytes);
    try {
      detail::parallel_for(items, threads, run_item, [&] { report(false); });
    } catch (...) {
      report(true);
      throw;
    }
    report(true);
  }

  const int ran = static_cast<int>(pending.size());
  const int kept = static_cast<int>(mine.size()) - ran;
  pending.clear();

  if (steps.write_outputs) {
    // Complete when the other shards' points are here too (copied in, or written by
    // other processes sharing the folder).
    SweepResult all = finish_sweep(scenario, options.out_dir, options.detail);
    all.points_kept = kept;
    all.points_run = ran;
    if (all.complete) return all;
  }
  SweepResult result;
  result.points_kept = kept;
  result.points_run = ran;
  for (const SweepPoint* point : mine) {
    const std::string path = detail::point_file_path(options.out_dir, point->index);
    std::optional<detail::StoredPoint> stored =
        detail::read_point_file(path, scenario, fingerprint, *point);
    if (!stored) {
      throw Error(fmt::format("sweep: {} went missing or was damaged while the sweep ran", path));
    }
    result.points.push_back(kept_of(std::move(stored->result), options.detail));
  }
  result.complete = static_cast<int>(result.points.size()) == static_cast<int>(points.size());
  return result;
}

SweepResult finish_sweep(const Scenario& scenario, const std::string& out_dir,
                         PointDetail detail) {
  std::vector<SweepPoint> one;
  const std::vector<SweepPoint>& points = points_in(scenario, one);
  const std::string fingerprint = detail::sweep_fingerprint(scenario);
  const fs::path out(out_dir);
  // Every file there: the outputs are written as the points are read (a damaged file, found
  // then, makes the sweep incomplete after all).
  bool all_there = true;
  for (const SweepPoint& point : points) {
    std::error_code ec;
    if (!fs::exists(detail::point_file_path(out_dir, point.index), ec)) {
      all_there = false;
      break;
    }
  }
  if (all_there) {
    SweepResult result;
    if (write_outputs(scenario, points, fingerprint, out, detail, result)) {
      result.complete = true;
      return result;
    }
  }
  SweepResult result;
  for (const SweepPoint& point : points) {
    std::optional<detail::StoredPoint> stored =
        detail::read_point_file(detail::point_file_path(out_dir, point.index), scenario, fingerprint, point);
    if (stored) result.points.push_back(kept_of(std::move(stored->result), detail));
  }
  result.complete = false;
  return result;
}

SweepResult run_sweep(const Scenario& scenario, const SweepOptions& options) {
  return run_sweep_steps(scenario, options, SweepSteps{});
}

}  // namespace escalsim
