// Writing an output file through a temporary name and a rename, so that no reader ever
// sees a half-written result that looks whole, even after a power cut: the file is synced
// before the rename, and its folder after.
#include "escalsim/report.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/core.h>

#include "escalsim/errors.h"

namespace escalsim {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
  throw OutputError(fmt::format("cannot write {}: {}", path, reason));
}

std::string errno_text(int error) { return std::generic_category().message(error); }

// A name unique to this process and call, in the target's folder, so that the rename stays
// on one file system and two writers (threads or processes) never share a temporary file.
std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned long> counter{0};
  return fmt::format("{}.tmp-{}-{}", path, static_cast<long>(::getpid()), counter++);
}

// Writes the whole of `content` to a new file `temp`, durable when `sync`. Returns 0, or the
// errno of the first failure (the caller removes the file).
int write_new_file(const std::string& temp, const std::string& content, bool sync) {
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return errno;
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      return error;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (sync && ::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) return errno;
  return 0;
}

// Creates the folder of `path` if missing.
void make_parent(const std::string& path) {
  const fs::path target(path);
  if (!target.has_parent_path()) return;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    fail(path, fmt::format("cannot create folder {}: {}", target.parent_path().string(),
                           ec.message()));
  }
}

// Writes `content` to a fresh temporary name beside `path`; returns that name.
std::string write_temporary(const std::string& path, const std::string& content,
                            bool sync = true) {
  const std::string temp = temporary_name(path);
  if (const int error = write_new_file(temp, content, sync); error != 0) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    fail(path, errno_text(error));
  }
  return temp;
}

void rename_or_fail(const std::string& temp, const std::string& path) {
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    fail(path, ec.message());
  }
}

// Makes the renames and removals in the folder of `path` durable: a rename lives in the
// folder, and until the folder is synced a power cut may undo it (or keep the new name with
// the old file's blocks on some file systems). File systems that cannot sync a folder say
// EINVAL; they keep nothing to sync.
void sync_folder_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(path, fmt::format("cannot open folder {}: {}", folder, errno_text(errno)));
  if (::fsync(fd) != 0 && errno != EINVAL) {
    const int error = errno;
    ::close(fd);
    fail(path, fmt::format("cannot sync folder {}: {}", folder, errno_text(error)));
  }
  ::close(fd);
}

// Removes `<name>.tmp-<pid>-<n>` files in `folder` whose process is gone (a run killed or
// out of disk between writing and renaming). Another live writer's temporaries are kept.
void remove_stale_temporaries(const fs::path& folder) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::size_t at = name.rfind(".tmp-");
    if (at == std::string::npos) continue;
    const std::string rest = name.substr(at + 5);
    const std::size_t dash = rest.find('-');
    if (dash == std::string::npos || dash == 0) continue;
    long pid = 0;
    bool digits = true;
    for (std::size_t i = 0; i < dash && digits; ++i) {
      digits = rest[i] >= '0' && rest[i] <= '9' && pid < (1L << 31);
      pid = pid * 10 + (rest[i] - '0');
    }
    if (!digits || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  if (path_.empty()) fail(path_, "empty path");
  make_parent(path_);
  temp_ = temporary_name(path_);
  out_ = std::make_unique<std::ofstream>(temp_, std::ios::binary | std::ios::trunc);
  if (!*out_) fail(path_, errno_text(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (committed_) return;
  out_.reset();
  std::error_code ignored;
  fs::remove(temp_, ignored);
}

std::ostream& AtomicFileWriter::stream() { return *out_; }

void AtomicFileWriter::commit() {
  out_->flush();
  const bool written = static_cast<bool>(*out_);
  out_->close();
  if (!written || out_->fail()) fail(path_, "write failed (disk full?)");
  // The stream cannot sync: a descriptor on the same file can, and fsync makes every write
  // to the file durable, whichever descriptor made it.
  const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path_, errno_text(errno));
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    fail(path_, errno_text(error));
  }
  ::close(fd);
  rename_or_fail(temp_, path_);
  committed_ = true;
  sync_folder_of(path_);
}

void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files,
                            const std::function<void(std::size_t)>& after_rename) {
  if (files.empty()) return;
  for (const auto& [path, content] : files) {
    if (path.empty()) fail(path, "empty path");
  }
  make_parent(files.front().first);
  const fs::path folder = fs::path(files.front().first).parent_path();
  const fs::path marker = (folder.empty() ? fs::path(".") : folder) / kSetBeingWritten;
  remove_stale_temporaries(folder.empty() ? fs::path(".") : folder);

  std::vector<std::string> temps;
  std::string listing;
  try {
    for (const auto& [path, content] : files) {
      temps.push_back(write_temporary(path, content));
      listing += fs::path(path).filename().string() + "\n";
    }
    // Every file is whole on disk before the first rename; the marker says the set is
    // being replaced until the last rename is done.
    write_file_atomically(marker.string(), listing);
  } catch (...) {
    for (const std::string& temp : temps) {
      std::error_code ignored;
      fs::remove(temp, ignored);
    }
    throw;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    rename_or_fail(temps[i], files[i].first);
    if (after_rename) after_rename(i + 1);
  }
  // Every rename is on disk before the marker goes, and its removal after.
  sync_folder_of(files.front().first);
  std::error_code ec;
  fs::remove(marker, ec);
  if (ec) fail(marker.string(), ec.message());
  sync_folder_of(marker.string());
}

std::string interrupted_set(const std::string& folder) {
  const fs::path marker = fs::path(folder) / kSetBeingWritten;
  std::ifstream in(marker, std::ios::binary);
  if (!in) return {};
  std::string names;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    names += (names.empty() ? "" : ", ") + line;
  }
  return fmt::format(
      "{}: the files {} were being replaced when their run stopped (killed, or the disk "
      "full): they may come from different runs; run again to write them as a set",
      folder, names);
}

void write_file_atomically(const std::string& path, const std::string& content) {
  if (path.empty()) fail(path, "empty path");
  make_parent(path);
  rename_or_fail(write_temporary(path, content), path);
  sync_folder_of(path);
}

// No sync: a sync costs a disk round trip (about 10 ms a file on this project's virtual
// machines), five times the simulation of a small sweep point.
void write_file_replacing(const std::string& path, const std::string& content) {
  if (path.empty()) fail(path, "empty path");
  make_parent(path);
  rename_or_fail(write_temporary(path, content, /*sync=*/false), path);
}

}  // namespace escalsim
