// render_svg_with_graphviz: `dot -Tsvg` as a child process, fed and drained through one
// poll loop.
#include "graphviz.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "escalsim/errors.h"

extern char** environ;

namespace escalsim::tools {
namespace {

// Closes a descriptor when it goes out of scope, unless already closed.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { close(); }

  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

// The first executable file named `program` in PATH (as execvp searches it: an empty
// entry is the current folder; no PATH, the system's default), or "" when none.
std::string find_on_path(const std::string& program) {
  const char* env = std::getenv("PATH");
  const std::string path = env ? env : "/bin:/usr/bin";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string folder = path.substr(start, end - start);
    if (folder.empty()) folder = ".";
    const std::string candidate = folder + "/" + program;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return "";
}

[[noreturn]] void fail_system(std::string_view what) {
  throw Error(fmt::format("cannot run Graphviz's dot: {} failed ({})", what, std::strerror(errno)));
}

std::string first_line(const std::string& text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  std::size_t end = text.find_first_of("\r\n", begin);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

}  // namespace

std::optional<std::string> render_svg_with_graphviz(const std::string& dot) {
  const std::string program = find_on_path("dot");
  if (program.empty()) return std::nullopt;

  // Standard input is a socket, not a pipe: send() with MSG_NOSIGNAL reports a dot that
  // stopped reading as EPIPE instead of killing this process with SIGPIPE.
  int in_pair[2], out_pipe[2], err_pipe[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0) fail_system("socketpair");
  Fd in_parent(in_pair[0]), in_child(in_pair[1]);
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) fail_system("pipe");
  Fd out_parent(out_pipe[0]), out_child(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) fail_system("pipe");
  Fd err_parent(err_pipe[0]), err_child(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_child.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_child.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_child.get(), STDERR_FILENO);
  std::string arg0 = "dot", arg1 = "-Tsvg";
  char* argv[] = {arg0.data(), arg1.data(), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    errno = spawned;
    fail_system(fmt::format("starting {}", program));
  }
  in_child.close();
  out_child.close();
  err_child.close();

  // Feed standard input while draining standard output and error, so that neither side
  // waits for the other with a full buffer.
  if (::fcntl(in_parent.get(), F_SETFL, ::fcntl(in_parent.get(), F_GETFL) | O_NONBLOCK) != 0) {
    fail_system("fcntl");
  }
  std::string svg, errors;
  std::size_t written = 0;
  if (dot.empty()) in_parent.close();
  char buffer[65536];
  while (in_parent.open() || out_parent.open() || err_parent.open()) {
    std::vector<pollfd> fds;
    if (in_parent.open()) fds.push_back({in_parent.get(), POLLOUT, 0});
    if (out_parent.open()) fds.push_back({out_parent.get(), POLLIN, 0});
    if (err_parent.open()) fds.push_back({err_parent.get(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      fail_system("poll");
    }
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == in_parent.get()) {
        const ssize_t n = ::send(p.fd, dot.data() + written, dot.size() - written,
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) written += static_cast<std::size_t>(n);
        // Done, or dot stopped reading (its exit status and message tell why).
        if (written == dot.size() || (n < 0 && errno != EAGAIN && errno != EINTR)) {
          in_parent.close();
        }
        continue;
      }
      Fd& source = p.fd == out_parent.get() ? out_parent : err_parent;
      const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
      if (n > 0) {
        (&source == &out_parent ? svg : errors).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        source.close();
      }
    }
  }

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) fail_system("waitpid");
  }
  const std::string message = first_line(errors);
  if (WIFSIGNALED(status)) {
    throw Error(fmt::format("Graphviz's dot was killed by signal {}{}", WTERMSIG(status),
                            message.empty() ? "" : ": " + message));
  }
  if (WEXITSTATUS(status) != 0) {
    throw Error(message.empty()
                    ? fmt::format("Graphviz's dot failed with exit status {}", WEXITSTATUS(status))
                    : fmt::format("Graphviz's dot failed: {}", message));
  }
  return svg;
}

}  // namespace escalsim::tools
