// Writers for experiment results: console table, JSON, tidy CSV.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "escalsim/comparison.h"
#include "escalsim/experiment.h"
#include "escalsim/findings.h"
#include "escalsim/sweep.h"

namespace escalsim {

// Every writer states the analysis it is handed (escalsim/findings.h: find_findings, computed
// once per experiment, variant or sweep) and computes none of its own, so the console, the
// JSON and the pages read from it agree by construction.

// The human summary: per desk, per complaint, executive; with CIs when n > 1; the silo
// verdict, bottleneck and warnings as `findings` states them.
void write_table(std::ostream& out, const ExperimentResult& result, const Findings& findings);

// Everything: version, scenario (text and overrides), settings, prediction, summary, silo
// verdict (those two from `findings`), runs, and the figures by hour of the week.
void write_json(std::ostream& out, const ExperimentResult& result, const Findings& findings);

// Tidy: one row per replication, scope and metric (header: replication,seed,scope,metric,value).
void write_csv(std::ostream& out, const ExperimentResult& result);

// By hour of the week (results_by_hour.csv), pooled over the replications: one row per
// hour of the week (0 = Monday 00:00-01:00) and scope ("complaints": first visits; "desk:<name>":
// every visit to the desk). Header: hour_of_week,day,hour,scope,arrivals,
// arrival_rate_per_hour,abandonment,wait_mean_min. arrivals: mean per replication over the
// measured span; arrival_rate_per_hour: arrivals per hour of that hour of the week inside
// the span; abandonment and wait_mean_min: over the visits whose wait ended, pooled.
void write_hour_of_week_csv(std::ostream& out, const ExperimentResult& result);

// Sweep outputs. Tidy: one row per point, replication, scope and metric, with one column
// per sweep parameter first (header: point,<param>...,replication,seed,scope,metric,value).
void write_sweep_csv(std::ostream& out, const Scenario& scenario, const SweepResult& result);
// Summary: one row per point, scope and metric with mean, half_width, sd, n.
void write_sweep_summary_csv(std::ostream& out, const Scenario& scenario,
                             const SweepResult& result);
// Everything as JSON: version, scenario, the sweep, each point's settings and summary; for a
// scale study, findings.saturation.
void write_sweep_json(std::ostream& out, const Scenario& scenario, const SweepResult& result,
                      const SweepFindings& findings);
// The human summary of a sweep: headline figures per point; for a scale study, the demand
// multiple at which each desk saturates, simulated beside predicted (findings.saturation).
void write_sweep_table(std::ostream& out, const Scenario& scenario, const SweepResult& result,
                       const SweepFindings& findings);

// Copies the file `path` (an output written already: a sweep's sweep.csv or sweep.json) to
// `out` in pieces, never whole in memory. Throws OutputError when it cannot be read.
void copy_file_to(std::ostream& out, const std::string& path);

// Whether write_sweep_table or saturation() reads the summary figure (scope, metric name):
// what PointDetail::kHeadline keeps of a point's summary.
bool sweep_table_reads(const std::string& scope, const std::string& name);

// The three combined outputs of a sweep written one point at a time: the same bytes as
// write_sweep_csv, write_sweep_summary_csv and write_sweep_json of the whole result, without
// holding it. Construct (writes the heads), add() every point in point order, then finish().
class SweepOutputWriter {
 public:
  // `points`: every point's settings, in order (the sweep's, sweep_points): the heads name
  // the parameters they use. The streams must outlive the writer.
  SweepOutputWriter(std::ostream& csv, std::ostream& summary_csv, std::ostream& json,
                    const Scenario& scenario, const std::vector<SweepPoint>& points);
  // `verdict`: the point's verdict in the findings, null when they hold none.
  void add(const PointResult& point, const SiloVerdict* verdict);
  // Writes what follows the points (findings.saturation and silo_onset of a scale study).
  void finish(const SweepFindings& findings);

 private:
  std::ostream& csv_;
  std::ostream& summary_;
  std::ostream& json_;
  std::vector<std::string> keys_;
  std::size_t added_ = 0;
};

// Comparison outputs (`escalsim compare`). The human summary: one column per variant with
// the headline figures (mean ± half-width), then one column per variant after the first with
// its paired difference from the first, "*" when significant; "—" where a variant does not
// measure the figure (a desk it does not have).
void write_compare_table(std::ostream& out, const Comparison& comparison,
                         const std::vector<Findings>& findings);
// Everything as JSON: version, seed, replications, each variant's scenario (text and
// overrides), settings, summary, prediction and silo verdict (from `findings`, one per
// variant in order), and each paired difference with half_width and significant.
void write_compare_json(std::ostream& out, const Comparison& comparison,
                        const std::vector<Findings>& findings);
// Tidy: one row per variant, replication, scope and metric
// (header: variant,replication,seed,scope,metric,value).
void write_compare_csv(std::ostream& out, const Comparison& comparison);
// The paired differences, one row per variant after the first, scope and metric
// (header: variant,baseline,scope,metric,difference,half_width,significant).
void write_compare_differences_csv(std::ostream& out, const Comparison& comparison);

// Writes `content` to `path` through a temporary name in the same folder and a rename, so a
// reader never sees a half-written file. The file is synced to disk before the rename and
// the folder after, so that after a power cut `path` holds the old content or the new, whole.
// Creates missing folders (a folder it creates is not synced into its parent). Throws
// OutputError.
void write_file_atomically(const std::string& path, const std::string& content);

// As write_file_atomically but without the syncs: a process killed at any moment leaves the
// old content or the new, whole; a power cut may leave `path` empty or cut short. Only for
// files whose reader checks them and redoes what is damaged (a sweep's point files, which
// read_point_file rejects unless they parse whole and match the sweep). Throws OutputError.
void write_file_replacing(const std::string& path, const std::string& content);

// A file written in pieces that a reader sees whole or not at all: stream() writes to a
// temporary name beside `path` (creating missing folders); commit() syncs it, renames it to
// `path` and syncs the folder, like write_file_atomically. Destroyed without commit(), it
// removes the temporary. Throws OutputError.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  std::ostream& stream();
  void commit();

 private:
  std::string path_;
  std::string temp_;
  std::unique_ptr<std::ofstream> out_;
  bool committed_ = false;
};

// Writes files that belong together (a run's results.json and results.csv) as one set, in
// one folder: each through a temporary name (synced as above), and a marker file
// kSetBeingWritten in the folder from before the first rename to after the last, so that a
// run killed (or a disk filling, or a power cut) between renames leaves a set that says it
// is incomplete (interrupted_set) rather than a new file beside an old one. Temporaries that dead processes left in the folder
// (`*.tmp-<pid>-<n>`) are removed first. `after_rename(k)`, when set, is called after the
// k-th rename (for tests). REQUIRES: every path is in the same folder. Throws OutputError.
inline constexpr const char* kSetBeingWritten = ".escalsim-writing";
void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files,
                            const std::function<void(std::size_t)>& after_rename = {});

// Empty when `folder` holds no set left half-renamed; otherwise a one-line message naming
// the folder and the files of the interrupted set.
std::string interrupted_set(const std::string& folder);

// The escalsim version, as in output files.
const char* version();

}  // namespace escalsim
