#pragma once
// `sfnsim serve --port 0` in a child process for the server's tests: started with the test's
// flags, its port read from the line it prints when it listens, stopped with SIGTERM (the way a
// test harness or a container runtime stops it) and its exit code and log kept.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/cli_test_util.h"

namespace sfnsim_test {

class SfnsimServer {
 public:
  // Empty on success, else why the server did not come up. `flags` are extra arguments.
  std::string Start(const std::vector<std::string>& flags, const std::string& log_path) {
    int out[2];
    if (pipe(out) != 0) return "pipe failed";
    pid_ = fork();
    if (pid_ < 0) return "fork failed";
    if (pid_ == 0) {
      setpgid(0, 0);
      dup2(out[1], STDOUT_FILENO);
      int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (log >= 0) dup2(log, STDERR_FILENO);
      close(out[0]);
      std::vector<std::string> args = {SFNSIM_BINARY, "serve", "--port", "0"};
      args.insert(args.end(), flags.begin(), flags.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(SFNSIM_BINARY, argv.data());
      _exit(127);
    }
    close(out[1]);
    log_path_ = log_path;
    // The first line says where it listens.
    FILE* stream = fdopen(out[0], "r");
    char line[512] = {0};
    const bool got = fgets(line, sizeof line, stream) != nullptr;
    fclose(stream);
    std::smatch match;
    std::string text = got ? line : "";
    if (!std::regex_search(text, match, std::regex("http://127\\.0\\.0\\.1:([0-9]+)"))) {
      Stop();
      return "sfnsim serve did not say where it listens: \"" + text + "\" " +
             ScratchDir::Read(log_path);
    }
    port_ = std::stoi(match[1]);
    return "";
  }

  // SIGTERM, then the exit code (-1: it had to be killed after 20 s).
  int Stop() {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 200; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return exit_code_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    exit_code_ = -1;
    return exit_code_;
  }

  ~SfnsimServer() { Stop(); }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return ScratchDir::Read(log_path_); }

 private:
  pid_t pid_ = -1;
  int port_ = -1;
  int exit_code_ = -1;
  std::string log_path_;
};

// Runs a command through the shell with the AWS clients' environment for a local endpoint
// (dummy credentials, a region, ISO timestamps from the CLI, no config files of the machine).
inline CliResult RunClient(const std::string& command, const ScratchDir& dir) {
  const std::string config = dir.Write("aws_config", "[default]\ncli_timestamp_format = iso8601\n");
  const std::string env =
      "env AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 "
      "AWS_CONFIG_FILE=" + config + " AWS_SHARED_CREDENTIALS_FILE=/dev/null TZ=UTC "
      "PATH=\"$HOME/.pyenv/shims:$HOME/.pyenv/bin:$PATH\" ";
  const std::string err_file = dir.Path("client_stderr.txt");
  CliResult result;
  FILE* pipe = popen((env + command + " 2>" + err_file).c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ScratchDir::Read(err_file);
  return result;
}

}  // namespace sfnsim_test
