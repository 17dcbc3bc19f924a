// Test helpers for running the escalsim program as a user does: a fresh temporary folder,
// files read and written whole, and the program run in a folder with its standard output,
// standard error and exit status captured.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/core.h>

namespace escalsim::testing {

// A fresh folder under the system's temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            fmt::format("escalsim-test-{}-{}", static_cast<long>(::getpid()), counter++);
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// What a run of the program left: its exit status (-1 when it did not exit) and output.
struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs the program with `args` (already quoted for the shell) in `dir`.
inline Outcome run_program(const std::filesystem::path& dir, const std::string& args) {
  const std::filesystem::path out = dir / ".stdout";
  const std::filesystem::path err = dir / ".stderr";
  const std::string command = fmt::format("cd '{}' && '{}' {} > '{}' 2> '{}'", dir.string(),
                                          ESCALSIM_PROGRAM, args, out.string(), err.string());
  const int raw = std::system(command.c_str());
  Outcome outcome;
  outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  outcome.out = read_file(out);
  outcome.err = read_file(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return outcome;
}

// The values of one figure in a results.csv (replication,seed,scope,metric,value), one per
// replication, in the file's order (replication 0 first).
inline std::vector<double> figure_per_replication(const std::string& csv,
                                                  const std::string& scope,
                                                  const std::string& metric) {
  std::vector<double> values;
  for (const std::string& line : lines_of(csv)) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    if (cells.size() == 5 && cells[2] == scope && cells[3] == metric) {
      values.push_back(std::stod(cells[4]));
    }
  }
  return values;
}

}  // namespace escalsim::testing
