#include "simulator/services/lambda/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sim {

namespace {

void CloseIfOpen(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

CommandResult RunCommand(const std::string& command, std::string_view input,
                         const std::string& working_directory) {
  CommandResult result;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  if (pipe(out_pipe) != 0) {
    result.error = std::strerror(errno);
    close(in_pipe[0]);
    close(in_pipe[1]);
    return result;
  }
  if (pipe(err_pipe) != 0) {
    result.error = std::strerror(errno);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) close(fd);
    return result;
  }
  pid_t pid = fork();
  if (pid < 0) {
    result.error = std::strerror(errno);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    return result;
  }
  if (pid == 0) {
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    if (!working_directory.empty() && chdir(working_directory.c_str()) != 0) _exit(126);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  int to_child = in_pipe[1], from_out = out_pipe[0], from_err = err_pipe[0];
  // A command that exits without reading its input must not kill us with SIGPIPE.
  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &previous);
  fcntl(to_child, F_SETFL, fcntl(to_child, F_GETFL) | O_NONBLOCK);
  size_t written = 0;
  if (input.empty()) CloseIfOpen(to_child);
  char buffer[65536];
  while (to_child >= 0 || from_out >= 0 || from_err >= 0) {
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
    if (poll(fds, static_cast<nfds_t>(n), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    auto drain = [&](int index, int& fd, std::string& into) {
      if (index < 0 || !(fds[index].revents & (POLLIN | POLLHUP | POLLERR))) return;
      ssize_t got = read(fd, buffer, sizeof(buffer));
      if (got > 0) into.append(buffer, static_cast<size_t>(got));
      else if (got == 0 || errno != EINTR) CloseIfOpen(fd);
    };
    drain(out_index, from_out, result.out);
    drain(err_index, from_err, result.err);
    if (in_index >= 0 && (fds[in_index].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t put = write(to_child, input.data() + written, input.size() - written);
      if (put > 0) written += static_cast<size_t>(put);
      if (put < 0 && errno != EAGAIN && errno != EINTR) CloseIfOpen(to_child);
      if (written == input.size()) CloseIfOpen(to_child);
    }
  }
  CloseIfOpen(to_child);
  sigaction(SIGPIPE, &previous, nullptr);
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
