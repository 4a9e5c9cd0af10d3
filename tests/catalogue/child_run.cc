#include "tests/catalogue/child_run.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace sfnsim_catalogue {

namespace {

// In the child, between fork and exec: only async-signal-safe calls, and _exit on failure with
// a code no case expects.
constexpr int kSetupFailed = 125;

void Redirect(const std::string& path, int fd, int flags) {
  int opened = open(path.c_str(), flags, 0644);
  if (opened < 0 || dup2(opened, fd) < 0) _exit(kSetupFailed);
  close(opened);
}

void LimitResource(int resource, int64_t value) {
  if (value <= 0) return;
  rlimit limit{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
  if (setrlimit(resource, &limit) != 0) _exit(kSetupFailed);
}

}  // namespace

ChildOutcome RunChild(const ChildRun& run, const ChildLimits& limits) {
  ChildOutcome outcome;
  std::vector<char*> argv;
  for (const std::string& arg : run.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  // The child's environment is built before fork (no allocation after it).
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "ASAN_OPTIONS=", 13) == 0) continue;
    environment.emplace_back(*entry);
  }
  std::string asan_options = std::getenv("ASAN_OPTIONS") ? std::getenv("ASAN_OPTIONS") : "";
  if (limits.rss_limit_mb > 0) {
    if (!asan_options.empty()) asan_options += ":";
    asan_options += "hard_rss_limit_mb=" + std::to_string(limits.rss_limit_mb);
  }
  if (!asan_options.empty()) environment.push_back("ASAN_OPTIONS=" + asan_options);
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    outcome.error = std::string("fork: ") + std::strerror(errno);
    return outcome;
  }
  if (pid == 0) {
    setpgid(0, 0);
    if (chdir(run.working_directory.c_str()) != 0) _exit(kSetupFailed);
    Redirect(run.stdin_path, STDIN_FILENO, O_RDONLY);
    Redirect(run.stdout_path, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
    Redirect(run.stderr_path, STDERR_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
    LimitResource(RLIMIT_AS, limits.memory_bytes);
    LimitResource(RLIMIT_FSIZE, limits.file_size_bytes);
    LimitResource(RLIMIT_CORE, 0);
    // Signals the test process ignores stay ignored across exec; the child gets the defaults.
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
    execve(argv[0], argv.data(), envp.data());
    _exit(kSetupFailed);
  }
  setpgid(pid, pid);  // also here, so the group exists before any kill below
  outcome.started = true;
  auto deadline = start + std::chrono::duration<double>(limits.timeout_seconds);
  int status = 0;
  auto pause = std::chrono::milliseconds(1);
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      outcome.error = std::string("waitpid: ") + std::strerror(errno);
      return outcome;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      outcome.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(pause);
    if (pause < std::chrono::milliseconds(20)) pause *= 2;
  }
  // Whatever the child started in its group (a Lambda command) goes with it.
  kill(-pid, SIGKILL);
  outcome.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  if (outcome.exit_code == kSetupFailed) outcome.error = "the child could not be set up";
  return outcome;
}

}  // namespace sfnsim_catalogue
