#include "simulator/services/lambda/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace sim {

namespace {

void CloseIfOpen(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// The three pipes of one command, every end close-on-exec from its creation: a command started
// by another thread between our pipe() and fork() must not inherit our ends (it would keep our
// stdin pipe open, and a command like `cat` would then never see end of file).
struct Pipes {
  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};

  bool Open() {
    return pipe2(in, O_CLOEXEC) == 0 && pipe2(out, O_CLOEXEC) == 0 && pipe2(err, O_CLOEXEC) == 0;
  }
  void CloseAll() {
    for (int* fd : {&in[0], &in[1], &out[0], &out[1], &err[0], &err[1]}) CloseIfOpen(*fd);
  }
};

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void ExecChild(const Pipes& pipes, const char* const* argv,
                            const std::string& working_directory, const sigset_t& parent_mask) {
  setpgid(0, 0);
  const int targets[3] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};
  const int sources[3] = {pipes.in[0], pipes.out[1], pipes.err[1]};
  for (int i = 0; i < 3; ++i) {
    // dup2 onto another descriptor clears close-on-exec; a pipe end that already is the target
    // keeps it, so clear it by hand.
    if (sources[i] == targets[i]) fcntl(targets[i], F_SETFD, 0);
    else if (dup2(sources[i], targets[i]) < 0) _exit(127);
  }
  // The command gets the signal state of a fresh process: SIGPIPE default and unblocked.
  signal(SIGPIPE, SIG_DFL);
  sigprocmask(SIG_SETMASK, &parent_mask, nullptr);
  if (!working_directory.empty() && chdir(working_directory.c_str()) != 0) _exit(126);
  execve("/bin/sh", const_cast<char* const*>(argv), environ);
  _exit(127);
}

// Blocks SIGPIPE in the calling thread for its lifetime, so that writing to a command that has
// exited fails with EPIPE instead of killing the process; a SIGPIPE raised meanwhile is consumed
// before the old mask comes back. Thread-local: other threads keep their own handling.
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
  const sigset_t& previous() const { return previous_; }

 private:
  sigset_t pipe_set_;
  sigset_t previous_;
  bool was_pending_ = false;
};

}  // namespace

CommandResult RunCommand(const std::string& command, std::string_view input,
                         const std::string& working_directory, const CommandLimits& limits) {
  CommandResult result;
  Pipes pipes;
  if (!pipes.Open()) {
    result.error = std::strerror(errno);
    pipes.CloseAll();
    return result;
  }
  const char* argv[] = {"sh", "-c", command.c_str(), nullptr};
  SigpipeBlock sigpipe_block;
  pid_t pid = fork();
  if (pid < 0) {
    result.error = std::strerror(errno);
    pipes.CloseAll();
    return result;
  }
  if (pid == 0) ExecChild(pipes, argv, working_directory, sigpipe_block.previous());
  // Also here, so that a kill on timeout reaches the group even if the child has not run yet.
  setpgid(pid, pid);
  CloseIfOpen(pipes.in[0]);
  CloseIfOpen(pipes.out[1]);
  CloseIfOpen(pipes.err[1]);
  int to_child = pipes.in[1], from_out = pipes.out[0], from_err = pipes.err[0];
  fcntl(to_child, F_SETFL, fcntl(to_child, F_GETFL) | O_NONBLOCK);
  size_t written = 0;
  if (input.empty()) CloseIfOpen(to_child);
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(limits.timeout_ms);
  bool killed = false;
  auto kill_group = [&] {
    if (!killed) kill(-pid, SIGKILL);
    killed = true;
  };
  char buffer[65536];
  while (to_child >= 0 || from_out >= 0 || from_err >= 0) {
    int wait_ms = -1;
    if (limits.timeout_ms > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        result.timed_out = true;
        kill_group();
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
    auto drain = [&](int index, int& fd, std::string& into, size_t keep) {
      if (index < 0 || !(fds[index].revents & (POLLIN | POLLHUP | POLLERR))) return;
      ssize_t got = read(fd, buffer, sizeof(buffer));
      if (got > 0) {
        size_t room = keep > into.size() ? keep - into.size() : 0;
        into.append(buffer, std::min(room, static_cast<size_t>(got)));
        if (static_cast<size_t>(got) > room && &into == &result.out) {
          result.output_too_large = true;
          kill_group();
          CloseIfOpen(fd);
        }
      } else if (got == 0 || errno != EINTR) {
        CloseIfOpen(fd);
      }
    };
    drain(out_index, from_out, result.out, limits.max_output_bytes);
    drain(err_index, from_err, result.err, limits.max_error_bytes);
    if (in_index >= 0 && (fds[in_index].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t put = write(to_child, input.data() + written, input.size() - written);
      if (put > 0) written += static_cast<size_t>(put);
      if (put < 0 && errno != EAGAIN && errno != EINTR) CloseIfOpen(to_child);
      if (written == input.size()) CloseIfOpen(to_child);
    }
    if (result.output_too_large) break;
  }
  CloseIfOpen(to_child);
  CloseIfOpen(from_out);
  CloseIfOpen(from_err);
  // The command has closed its output; wait for it to exit (within the deadline) without
  // reaping it, so that its process id, and so its group's, stays ours while the processes it
  // left behind are killed.
  while (!killed) {
    siginfo_t info{};
    int options = WEXITED | WNOWAIT | (limits.timeout_ms > 0 ? WNOHANG : 0);
    if (waitid(P_PID, static_cast<id_t>(pid), &info, options) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (info.si_pid == pid) break;  // exited (a zombie until waitpid below)
    if (Clock::now() >= deadline) {
      result.timed_out = true;
      kill_group();
      break;
    }
    usleep(2000);
  }
  kill_group();  // whatever the command left running in its group
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

}  // namespace sim
