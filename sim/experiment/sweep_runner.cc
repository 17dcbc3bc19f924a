// Sweeps: every (point, replication) of this shard through parallel_for, each finished point
// written atomically to the store, the combined outputs written once the grid is complete.
//
// The outputs are computed from the stored metrics only (sweep_store.cc), so a sweep run in
// one go, resumed after a kill, run on any number of threads, sharded and merged, or spread
// over MPI ranks writes the same bytes.
#include "escalsim/sweep.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
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

void write_outputs(const Scenario& scenario, const SweepResult& result, const fs::path& out) {
  std::ostringstream csv, summary, json;
  write_sweep_csv(csv, scenario, result);
  write_sweep_summary_csv(summary, scenario, result);
  write_sweep_json(json, scenario, result, result.findings);
  write_file_atomically((out / "sweep.csv").string(), csv.str());
  write_file_atomically((out / "summary.csv").string(), summary.str());
  write_file_atomically((out / "sweep.json").string(), json.str());
}

// A point of this shard still to run, with its replications' results as they come in.
struct PendingPoint {
  Scenario scenario;  // the base at this point, built once
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
  const std::vector<SweepPoint> points = detail::sweep_points(scenario);
  check_points(points);
  const int replications = detail::sweep_replications(scenario);
  const std::string fingerprint = detail::sweep_fingerprint(scenario);
  if (steps.prepare_folder) prepare_sweep_folder(scenario, options.out_dir, options.shard_count);

  // This shard's points: loaded when a valid file is there, else to run.
  std::vector<std::optional<PointResult>> mine;  // in point order; nullopt: pending
  std::vector<std::unique_ptr<PendingPoint>> pending;
  std::vector<std::size_t> pending_slot;  // index into `mine` of each pending point
  for (const SweepPoint& point : points) {
    if (point.index % options.shard_count != options.shard_index) continue;
    std::optional<detail::StoredPoint> stored = detail::read_point_file(
        detail::point_file_path(options.out_dir, point.index), scenario, fingerprint, point);
    if (stored) {
      mine.emplace_back(std::move(stored->result));
      continue;
    }
    auto p = std::make_unique<PendingPoint>();
    p->scenario = scenario.sweep ? scenario_at(scenario, point) : scenario;
    p->result.point = point;
    p->result.runs.resize(replications);
    for (int r = 0; r < replications; ++r) {
      p->result.seeds.push_back(detail::sweep_run_seed(scenario, point, r));
    }
    p->stopped_early.assign(replications, false);
    p->remaining = replications;
    pending_slot.push_back(mine.size());
    mine.emplace_back(std::nullopt);
    pending.push_back(std::move(p));
  }

  const long items = static_cast<long>(pending.size()) * replications;
  const bool crn = !scenario.sweep || scenario.sweep->common_random_numbers;
  std::atomic<long> runs_done{0};
  std::atomic<int> points_done{static_cast<int>(mine.size() - pending.size())};

  const auto run_item = [&](long item) {
    PendingPoint& p = *pending[item / replications];
    const int r = static_cast<int>(item % replications);
    // The same replication path as run and compare (warmup: auto included).
    const RunResult run =
        run_replication(p.scenario, r, options.engine,
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
  const std::vector<SweepPoint> points = detail::sweep_points(scenario);
  const std::string fingerprint = detail::sweep_fingerprint(scenario);
  const fs::path out(out_dir);
  SweepResult result;
  result.complete = true;
  for (const SweepPoint& point : points) {
    std::optional<detail::StoredPoint> stored =
        detail::read_point_file(detail::point_file_path(out_dir, point.index), scenario, fingerprint, point);
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

SweepResult run_sweep(const Scenario& scenario, const SweepOptions& options) {
  return run_sweep_steps(scenario, options, SweepSteps{});
}

}  // namespace escalsim
