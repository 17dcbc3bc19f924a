// The sweep's store on disk: its identity (fingerprint, manifest) and one file per finished
// point. The folder-level steps (prepare_sweep_folder, scenario_of_sweep_folder) are public,
// in escalsim/sweep.h.
//
// Layout of a sweep folder:
//   <out>/manifest.json               which sweep this is (written before any point)
//   <out>/points/point-000012.json    one finished point: settings, seeds, every metric
//   <out>/sweep.csv, summary.csv, sweep.json   the combined outputs, once every point is there
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "escalsim/experiment.h"
#include "escalsim/results.h"
#include "escalsim/scenario.h"
#include "escalsim/sweep.h"

namespace escalsim::detail {

// The points of a scenario's sweep; a scenario without a sweep is one point (index 0)
// with no settings.
std::vector<SweepPoint> sweep_points(const Scenario& scenario);

// Replications per point: sweep.replications, else run.replications (at least 1).
int sweep_replications(const Scenario& scenario);

// The seed of replication `replication` of `point`: with common random numbers (the
// default) every point's replication r shares its seed.
std::uint64_t sweep_run_seed(const Scenario& scenario, const SweepPoint& point, int replication);

// Identifies a sweep: FNV-1a and mix64 over the escalsim version, the scenario text, the
// overrides, the seed, the expanded points and the replications. Sixteen hex digits.
std::string sweep_fingerprint(const Scenario& scenario);

// "point-000012.json", and its path in the sweep folder `out_dir`.
std::string point_file_name(int index);
std::string point_file_path(const std::string& out_dir, int index);

// What a point file holds beyond the PointResult.
struct StoredPoint {
  PointResult result;               // summary filled in
  std::vector<bool> stopped_early;  // per replication
};

// The content of a point file (JSON; doubles round-trip exactly, non-finite ones are
// written as the strings "nan", "inf", "-inf").
std::string point_file_text(const std::string& fingerprint, const PointResult& point,
                            const std::vector<bool>& stopped_early);

// Reads a point file and checks it belongs to this sweep and point: fingerprint, index,
// settings, replication count, seeds. Returns nullopt, with the reason in `why` when
// given, if the file is missing, unreadable or does not match.
std::optional<StoredPoint> read_point_file(const std::string& path, const Scenario& scenario,
                                           const std::string& fingerprint,
                                           const SweepPoint& expected,
                                           std::string* why = nullptr);

// Mean and 95% interval of every metric over replications, like summarise() over runs.
// Throws Error if the replications do not report the same metrics.
std::vector<Estimate> summarise_metrics(const std::vector<std::vector<Metric>>& runs);

// The whole content of a file; *ok is false when it cannot be read.
std::string read_whole_file(const std::string& path, bool* ok);

}  // namespace escalsim::detail
