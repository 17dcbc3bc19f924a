// Writing an output file through a temporary name and a rename, so that no reader ever
// sees a half-written result that looks whole.
#include "escalsim/report.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

#include <fcntl.h>
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

// Writes the whole of `content` to a new file `temp` and makes it durable. Returns 0, or the
// errno of the first failure (the caller removes the file).
int write_new_file(const std::string& temp, const std::string& content) {
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
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) return errno;
  return 0;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  if (path.empty()) fail(path, "empty path");
  const fs::path target(path);
  if (target.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) fail(path, fmt::format("cannot create folder {}: {}", target.parent_path().string(),
                                   ec.message()));
  }

  const std::string temp = temporary_name(path);
  if (const int error = write_new_file(temp, content); error != 0) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    fail(path, errno_text(error));
  }

  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    fail(path, ec.message());
  }
}

}  // namespace escalsim
