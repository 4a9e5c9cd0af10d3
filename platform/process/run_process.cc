#include "platform/process/run_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fmt/format.h>

extern char** environ;

namespace platform {

namespace {

using Clock = std::chrono::steady_clock;

void CloseIfOpen(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// The pipes of one program, every end close-on-exec from its creation: a program started by
// another thread between our pipe2() and fork() must not inherit our ends (it would keep our
// stdin pipe open, and a program like `cat` would then never see end of file). `exec` carries
// the errno of a failed exec back to us.
struct Pipes {
  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
  int exec[2] = {-1, -1};

  bool Open() {
    return pipe2(in, O_CLOEXEC) == 0 && pipe2(out, O_CLOEXEC) == 0 &&
           pipe2(err, O_CLOEXEC) == 0 && pipe2(exec, O_CLOEXEC) == 0;
  }
  void CloseAll() {
    for (int* fd : {&in[0], &in[1], &out[0], &out[1], &err[0], &err[1], &exec[0], &exec[1]}) {
      CloseIfOpen(*fd);
    }
  }
};

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void ExecChild(const Pipes& pipes, const char* program, char* const* argv,
                            const char* working_directory, const sigset_t& parent_mask) {
  setpgid(0, 0);
  const int targets[3] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};
  const int sources[3] = {pipes.in[0], pipes.out[1], pipes.err[1]};
  for (int i = 0; i < 3; ++i) {
    // dup2 onto another descriptor clears close-on-exec; a pipe end that already is the target
    // keeps it, so clear it by hand.
    if (sources[i] == targets[i]) fcntl(targets[i], F_SETFD, 0);
    else if (dup2(sources[i], targets[i]) < 0) _exit(127);
  }
  // The program gets the signal state of a fresh process: SIGPIPE default and unblocked.
  signal(SIGPIPE, SIG_DFL);
  sigprocmask(SIG_SETMASK, &parent_mask, nullptr);
  if (working_directory[0] != '\0' && chdir(working_directory) != 0) _exit(126);
  execve(program, argv, environ);
  int error = errno;
  ssize_t ignored = write(pipes.exec[1], &error, sizeof error);
  (void)ignored;
  _exit(127);
}

// Blocks SIGPIPE in the calling thread for its lifetime, so that writing to a program that has
// exited (or to our own closed stdout) fails with EPIPE instead of killing the process; a
// SIGPIPE raised meanwhile is consumed before the old mask comes back. Thread-local: other
// threads keep their own handling.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_set_);
    sigaddset(&pipe_set_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set_, &previous_);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~SigpipeBlock() {
    if (!was_pending_) {
      sigset_t pending;
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
        timespec zero{0, 0};
        while (sigtimedwait(&pipe_set_, nullptr, &zero) < 0 && errno == EINTR) {
        }
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  const sigset_t& previous() const { return previous_; }

 private:
  sigset_t pipe_set_;
  sigset_t previous_;
  bool was_pending_ = false;
};

// Copies the program's output to our descriptor; returns the errno of a failed write, 0 if none.
int CopyTo(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return 0;
}

// True once `pid` has exited; it stays a zombie (WNOWAIT), so its process id, and so its
// group's, stays ours while the group is killed.
bool HasExited(pid_t pid) {
  while (true) {
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT | WNOHANG) < 0) {
      if (errno == EINTR) continue;
      return true;  // not our child any more: nothing to wait for
    }
    return info.si_pid == pid;
  }
}

// The group killed at the limit: SIGTERM and `grace_ms` to end first when asked, then SIGKILL.
void KillGroup(pid_t pid, int64_t grace_ms) {
  if (grace_ms > 0) {
    kill(-pid, SIGTERM);
    auto until = Clock::now() + std::chrono::milliseconds(grace_ms);
    while (!HasExited(pid) && Clock::now() < until) usleep(10'000);
  }
  kill(-pid, SIGKILL);
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

ProcessResult RunProcess(const ProcessSpec& spec) {
  ProcessResult result;
  if (spec.argv.empty()) {
    result.error = "no command";
    return result;
  }
  // Resolved here: getenv and stat are not for the child between fork and exec.
  std::string program = spec.program;
  if (program.empty()) {
    std::optional<std::string> found = FindOnPath(spec.argv[0]);
    if (!found) {
      result.error = fmt::format("{} is not on PATH", spec.argv[0]);
      return result;
    }
    program = std::move(*found);
  }
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  Pipes pipes;
  if (!pipes.Open()) {
    result.error = fmt::format("pipe: {}", std::strerror(errno));
    pipes.CloseAll();
    return result;
  }
  SigpipeBlock sigpipe_block;
  pid_t pid = fork();
  if (pid < 0) {
    result.error = fmt::format("fork: {}", std::strerror(errno));
    pipes.CloseAll();
    return result;
  }
  if (pid == 0) {
    ExecChild(pipes, program.c_str(), argv.data(), spec.working_directory.c_str(),
              sigpipe_block.previous());
  }
  // Also here, so that a kill at the limit reaches the group even if the child has not run yet.
  setpgid(pid, pid);
  CloseIfOpen(pipes.in[0]);
  CloseIfOpen(pipes.out[1]);
  CloseIfOpen(pipes.err[1]);
  CloseIfOpen(pipes.exec[1]);
  int exec_error = 0;
  ssize_t got_error;
  do {
    got_error = read(pipes.exec[0], &exec_error, sizeof exec_error);
  } while (got_error < 0 && errno == EINTR);
  CloseIfOpen(pipes.exec[0]);
  if (got_error == static_cast<ssize_t>(sizeof exec_error)) {
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    pipes.CloseAll();
    result.error = fmt::format("cannot run {}: {}", program, std::strerror(exec_error));
    return result;
  }

  int to_child = pipes.in[1], from_out = pipes.out[0], from_err = pipes.err[0];
  fcntl(to_child, F_SETFL, fcntl(to_child, F_GETFL) | O_NONBLOCK);
  size_t written = 0;
  if (spec.input.empty()) CloseIfOpen(to_child);
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(spec.timeout_ms);
  bool killed = false;
  auto kill_group = [&](int64_t grace_ms) {
    if (!killed) KillGroup(pid, grace_ms);
    killed = true;
  };
  char buffer[65536];
  while (to_child >= 0 || from_out >= 0 || from_err >= 0) {
    int wait_ms = -1;
    if (spec.timeout_ms > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        result.timed_out = true;
        kill_group(spec.term_grace_ms);
        break;
      }
      wait_ms = static_cast<int>(std::min<int64_t>(left.count() + 1, 60'000));
    }
    pollfd fds[3];
    int n = 0;
    int out_index = -1, err_index = -1, in_index = -1;
    if (from_out >= 0) {
      out_index = n;
      fds[n++] = {from_out, POLLIN, 0};
    }
    if (from_err >= 0) {
      err_index = n;
      fds[n++] = {from_err, POLLIN, 0};
    }
    if (to_child >= 0) {
      in_index = n;
      fds[n++] = {to_child, POLLOUT, 0};
    }
    if (poll(fds, static_cast<nfds_t>(n), wait_ms) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    auto drain = [&](int index, int& fd, std::string& into, size_t keep, int our_fd) {
      if (index < 0 || !(fds[index].revents & (POLLIN | POLLHUP | POLLERR))) return;
      ssize_t got = read(fd, buffer, sizeof(buffer));
      if (got > 0) {
        size_t size = static_cast<size_t>(got);
        if (spec.stream) {
          int error = CopyTo(our_fd, buffer, size);
          if (error != 0 && our_fd == STDOUT_FILENO && result.stream_error == 0) {
            result.stream_error = error;
          }
        }
        if (!spec.capture) return;
        size_t room = keep > into.size() ? keep - into.size() : 0;
        into.append(buffer, std::min(room, size));
        if (size > room && &into == &result.out) {
          result.output_too_large = true;
          kill_group(0);
          CloseIfOpen(fd);
        }
      } else if (got == 0 || errno != EINTR) {
        CloseIfOpen(fd);
      }
    };
    drain(out_index, from_out, result.out, spec.max_output_bytes, STDOUT_FILENO);
    drain(err_index, from_err, result.err, spec.max_error_bytes, STDERR_FILENO);
    if (in_index >= 0 && (fds[in_index].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t put = write(to_child, spec.input.data() + written, spec.input.size() - written);
      if (put > 0) written += static_cast<size_t>(put);
      if (put < 0 && errno != EAGAIN && errno != EINTR) CloseIfOpen(to_child);
      if (written == spec.input.size()) CloseIfOpen(to_child);
    }
    if (result.output_too_large) break;
  }
  CloseIfOpen(to_child);
  CloseIfOpen(from_out);
  CloseIfOpen(from_err);
  // The program has closed its output; wait for it to exit (within the limit) without reaping
  // it, so that its process id, and so its group's, stays ours while the processes it left
  // behind are killed.
  while (!killed) {
    if (spec.timeout_ms <= 0) {
      siginfo_t info{};
      if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
        continue;
      }
      break;
    }
    if (HasExited(pid)) break;
    if (Clock::now() >= deadline) {
      result.timed_out = true;
      kill_group(spec.term_grace_ms);
      break;
    }
    usleep(2000);
  }
  kill_group(0);  // whatever the program left running in its group
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.started = true;
  if (WIFSIGNALED(status)) {
    result.signaled = true;
    result.signal = WTERMSIG(status);
  } else {
    result.exit_status = WEXITSTATUS(status);
  }
  return result;
}

}  // namespace platform
