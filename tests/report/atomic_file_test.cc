// Files written through a temporary name: one file leaves no temporary; a run's files as
// one set: a run stopped between renames says so; stale temporaries of dead processes are
// cleaned; `escalsim report` refuses a broken set.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "escalsim/errors.h"
#include "escalsim/report.h"
#include "tools/program_runner.h"

namespace {

namespace fs = std::filesystem;
using escalsim::interrupted_set;
using escalsim::write_file_atomically;
using escalsim::write_files_atomically;
using escalsim::testing::read_file;
using escalsim::testing::run_program;
using escalsim::testing::TempDir;
using escalsim::testing::write_file;

struct Killed : std::runtime_error {
  Killed() : std::runtime_error("killed") {}
};

// A process id that is not running now (for a stale temporary's name).
long dead_pid() {
  for (long pid = 4000000; pid > 1000; --pid) {
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return pid;
  }
  return 0;
}

// The names in `folder`, sorted.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// Runs in `folder` until it goes out of scope.
class InFolder {
 public:
  explicit InFolder(const fs::path& folder) : before_(fs::current_path()) {
    fs::current_path(folder);
  }
  ~InFolder() { fs::current_path(before_); }
  InFolder(const InFolder&) = delete;
  InFolder& operator=(const InFolder&) = delete;

 private:
  fs::path before_;
};

}  // namespace

TEST_CASE("write_file_atomically: the file is whole, synced, and no temporary is left") {
  TempDir dir;
  SUBCASE("a new file in folders it creates") {
    const std::string path = dir / "a/b/results.json";
    write_file_atomically(path, "{}\n");
    CHECK(read_file(path) == "{}\n");
    CHECK(names_in(dir.path() / "a/b") == std::vector<std::string>{"results.json"});
  }
  SUBCASE("an old file replaced") {
    const std::string path = dir / "results.csv";
    write_file_atomically(path, "old\n");
    write_file_atomically(path, "new, and longer\n");
    CHECK(read_file(path) == "new, and longer\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"results.csv"});
  }
  SUBCASE("a bare name, in the current folder") {
    const InFolder in(dir.path());
    write_file_atomically("notes.txt", "here\n");
    CHECK(read_file(dir.path() / "notes.txt") == "here\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"notes.txt"});
  }
  SUBCASE("a set leaves its files and neither temporaries nor the marker") {
    write_files_atomically({{dir / "results.json", "{}\n"}, {dir / "results.csv", "a\n"}});
    CHECK(names_in(dir.path()) == std::vector<std::string>{"results.csv", "results.json"});
  }
}

TEST_CASE("write_files_atomically: a set stopped between renames says it is incomplete") {
  TempDir dir;
  const std::string json = dir / "results.json";
  const std::string csv = dir / "results.csv";
  write_files_atomically({{json, "old json\n"}, {csv, "old csv\n"}});
  CHECK(interrupted_set(dir.path().string()).empty());
  CHECK_FALSE(fs::exists(dir.path() / escalsim::kSetBeingWritten));

  SUBCASE("killed after the first rename: a new JSON beside an old CSV, and the marker") {
    CHECK_THROWS_AS(write_files_atomically({{json, "new json\n"}, {csv, "new csv\n"}},
                                           [](std::size_t renamed) {
                                             if (renamed == 1) throw Killed();
                                           }),
                    Killed);
    CHECK(read_file(json) == "new json\n");
    CHECK(read_file(csv) == "old csv\n");
    CHECK(interrupted_set(dir.path().string()) ==
          dir.path().string() +
              ": the files results.json, results.csv were being replaced when their run stopped "
              "(killed, or the disk full): they may come from different runs; run again to "
              "write them as a set");
    // The next write completes the set and clears the marker.
    write_files_atomically({{json, "next json\n"}, {csv, "next csv\n"}});
    CHECK(read_file(csv) == "next csv\n");
    CHECK(interrupted_set(dir.path().string()).empty());
  }
  SUBCASE("killed before the first rename: the old set is whole, yet marked as being replaced") {
    CHECK_THROWS_AS(write_files_atomically({{json, "new json\n"}, {csv, "new csv\n"}},
                                           [](std::size_t) { throw Killed(); }),
                    Killed);
    CHECK_FALSE(interrupted_set(dir.path().string()).empty());
  }
}

TEST_CASE("write_files_atomically: temporaries of dead processes are removed, a live one's kept") {
  TempDir dir;
  const long dead = dead_pid();
  REQUIRE(dead > 0);
  const fs::path stale = dir.path() / ("results.json.tmp-" + std::to_string(dead) + "-3");
  const fs::path live = dir.path() / ("results.csv.tmp-" + std::to_string(::getppid()) + "-0");
  const fs::path other = dir.path() / "notes.tmp-draft";
  write_file(stale, "half");
  write_file(live, "being written by a running process");
  write_file(other, "the user's");
  write_files_atomically({{dir / "results.json", "{}\n"}, {dir / "results.csv", "a\n"}});
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
  CHECK(files == 4);  // results.json, results.csv, and the two kept
}

TEST_CASE("escalsim report: refuses a results folder whose set was interrupted") {
  TempDir dir;
  write_file(dir.path() / "tiny.yaml",
             "run: {name: tiny, horizon: 1 week}\ndemand: {rate: 10 per hour}\n"
             "desks: {frontline: {staff: 3, handle_time: 15 min}}\n");
  REQUIRE(run_program(dir.path(), "run tiny.yaml --out r").status == 0);
  CHECK_FALSE(fs::exists(dir.path() / "r" / escalsim::kSetBeingWritten));
  write_file(dir.path() / "r" / escalsim::kSetBeingWritten, "results.json\nresults.csv\n");
  const auto o = run_program(dir.path(), "report r");
  CHECK(o.status == 2);
  CHECK(o.err ==
        "escalsim: error: r: the files results.json, results.csv were being replaced when their "
        "run stopped (killed, or the disk full): they may come from different runs; run again "
        "to write them as a set\n");
  CHECK_FALSE(fs::exists(dir.path() / "r" / "report.html"));
  // Running again writes the set whole, and the report follows.
  REQUIRE(run_program(dir.path(), "run tiny.yaml --out r").status == 0);
  CHECK(run_program(dir.path(), "report r").status == 0);
}

TEST_CASE("AtomicFileWriter: the old file until commit, then the new one whole; nothing left "
          "when abandoned") {
  TempDir dir;
  const std::string path = dir / "sweep.csv";
  write_file(path, "old\n");
  const auto names = [&dir] {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      found.push_back(e.path().filename().string());
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  {
    escalsim::AtomicFileWriter writer(path);
    std::string expected;
    for (int i = 0; i < 20000; ++i) {  // past any stream buffer: pieces reach the disk
      const std::string line = "row " + std::to_string(i) + "\n";
      writer.stream() << line;
      expected += line;
    }
    writer.stream().flush();
    CHECK(read_file(path) == "old\n");  // a reader still sees the old file, whole
    CHECK(names().size() == 2);         // and the temporary beside it
    writer.commit();
    CHECK(read_file(path) == expected);
  }
  CHECK(names() == std::vector<std::string>{"sweep.csv"});
  {
    escalsim::AtomicFileWriter abandoned(path);
    abandoned.stream() << "half a file";
    abandoned.stream().flush();
  }  // destroyed without commit (an error while writing)
  CHECK(read_file(path).rfind("row 0\n", 0) == 0);
  CHECK(names() == std::vector<std::string>{"sweep.csv"});
}

TEST_CASE("AtomicFileWriter: a folder it cannot write in is an OutputError") {
  TempDir dir;
  write_file(dir / "file", "x");
  CHECK_THROWS_AS(escalsim::AtomicFileWriter(dir / "file/inside.csv"), escalsim::OutputError);
}
