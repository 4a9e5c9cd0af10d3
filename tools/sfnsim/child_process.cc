#include "tools/sfnsim/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

void WriteAllToFd(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // The child's output copied to ours was lost: the command fails to write (exit 2).
      if (fd == STDOUT_FILENO) NoteStdoutFailure(n < 0 ? errno : EIO);
      return;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

void CloseBoth(int fds[2]) {
  if (fds[0] >= 0) close(fds[0]);
  if (fds[1] >= 0) close(fds[1]);
}

int StatusToCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::optional<std::string> FindOnPath(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    if (access(program.c_str(), X_OK) == 0) return program;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + program;
    struct stat info;
    if (stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

std::string CommandLine(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) {
    if (!line.empty()) line += ' ';
    bool plain = !arg.empty() && arg.find_first_of(" \t\"'$\\") == std::string::npos;
    line += plain ? arg : fmt::format("'{}'", arg);
  }
  return line;
}

ChildOutcome RunChild(const ChildRun& run) {
  ChildOutcome outcome;
  if (run.argv.empty()) {
    outcome.error = "no command";
    return outcome;
  }
  std::optional<std::string> program = FindOnPath(run.argv[0]);
  if (!program) {
    outcome.error = fmt::format("{} is not on PATH", run.argv[0]);
    return outcome;
  }
  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, exec_pipe[2] = {-1, -1};
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
      pipe2(exec_pipe, O_CLOEXEC) != 0) {
    outcome.error = fmt::format("pipe: {}", std::strerror(errno));
    CloseBoth(out_pipe);
    CloseBoth(err_pipe);
    CloseBoth(exec_pipe);
    return outcome;
  }
  std::vector<char*> argv;
  for (const std::string& arg : run.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  FlushStdout();
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    outcome.error = fmt::format("fork: {}", std::strerror(errno));
    CloseBoth(out_pipe);
    CloseBoth(err_pipe);
    CloseBoth(exec_pipe);
    return outcome;
  }
  if (pid == 0) {
    // The child: its own process group, so the deadline kills whatever it starts too.
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execv(program->c_str(), argv.data());
    int error = errno;
    WriteAllToFd(exec_pipe[1], reinterpret_cast<const char*>(&error), sizeof error);
    _exit(127);
  }
  setpgid(pid, pid);
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(exec_pipe[1]);
  int exec_error = 0;
  ssize_t got;
  do {
    got = read(exec_pipe[0], &exec_error, sizeof exec_error);
  } while (got < 0 && errno == EINTR);
  close(exec_pipe[0]);
  if (got == static_cast<ssize_t>(sizeof exec_error)) {
    waitpid(pid, nullptr, 0);
    close(out_pipe[0]);
    close(err_pipe[0]);
    outcome.error = fmt::format("cannot run {}: {}", *program, std::strerror(exec_error));
    return outcome;
  }
  outcome.started = true;

  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + std::chrono::seconds(run.timeout_seconds);
  struct pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buffer[8192];
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      outcome.timed_out = true;
      break;
    }
    int ready = poll(fds, 2, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      if (run.stream) WriteAllToFd(i == 0 ? STDOUT_FILENO : STDERR_FILENO, buffer, static_cast<size_t>(n));
      if (run.capture) (i == 0 ? outcome.out : outcome.err).append(buffer, static_cast<size_t>(n));
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  int status = 0;
  if (outcome.timed_out) {
    kill(-pid, SIGTERM);
    for (int i = 0; i < 20; ++i) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        outcome.exit_code = StatusToCode(status);
        return outcome;
      }
      usleep(100'000);
    }
    kill(-pid, SIGKILL);
    waitpid(pid, &status, 0);
    outcome.exit_code = StatusToCode(status);
    return outcome;
  }
  // Both pipes closed: the child is ending; wait for it, within the deadline too.
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (Clock::now() >= deadline) {
      outcome.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    usleep(10'000);
  }
  outcome.exit_code = StatusToCode(status);
  return outcome;
}

}  // namespace sfnsim_cli
