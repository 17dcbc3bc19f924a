// Merging the folders of a sharded sweep into one: every point from exactly one folder, then
// the combined outputs, byte-identical to a sweep run in one go.
#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/core.h>

#include "escalsim/errors.h"
#include "escalsim/report.h"
#include "escalsim/sweep.h"
#include "experiment/sweep_store.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;

// "3, 7, 11" or "3, 7, 11, ... (25 in all)".
std::string list_indexes(const std::vector<int>& indexes) {
  std::string text;
  const std::size_t shown = std::min<std::size_t>(indexes.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) text += (i ? ", " : "") + std::to_string(indexes[i]);
  if (shown < indexes.size()) text += fmt::format(", ... ({} in all)", indexes.size());
  return text;
}

}  // namespace

SweepResult merge_sweeps(const std::vector<std::string>& shard_dirs, const std::string& out_dir,
                         PointDetail detail) {
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

  const Scenario scenario = scenario_of_sweep_folder(dirs.front());
  const std::string fingerprint = detail::sweep_fingerprint(scenario);
  for (std::size_t i = 1; i < dirs.size(); ++i) {
    const Scenario other = scenario_of_sweep_folder(dirs[i]);
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
                            missing.size(), points.size(), list_indexes(missing)));
  }

  prepare_sweep_folder(scenario, out_dir, 1);
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
  SweepResult result = finish_sweep(scenario, out_dir, detail);
  if (!result.complete) {
    throw Error(fmt::format("merge: {} does not hold every point after copying; is another "
                            "process writing there?",
                            out_dir));
  }
  return result;
}

}  // namespace escalsim
