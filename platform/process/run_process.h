#pragma once
// The project's one way to run another program: an argument vector (no shell unless the caller
// runs /bin/sh -c itself, as a Lambda command's documented form does), `input` on its stdin, its
// stdout and stderr collected and/or copied to ours as they arrive, with a wall-clock limit that
// kills the program's whole process group.
//
// Used by the Lambda command handler (simulator/services/lambda/command_runner.cc, from several
// threads at once under `sfnsim run --jobs`) and by `sfnsim deploy` (the AWS CLI, cfn-lint).
// Safe to call from several threads: nothing process-wide is changed (SIGPIPE is blocked in the
// calling thread only), and every pipe end is close-on-exec, so one program never inherits
// another's.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platform {

struct ProcessSpec {
  // argv[0] is a path (it holds a '/') or a name looked up on PATH, before the fork.
  std::vector<std::string> argv;
  // When set, the file executed instead of argv[0]'s; argv[0] then only names the program to it
  // (execve("/bin/sh", {"sh", "-c", command})).
  std::string program;
  // Written to the program's stdin, which is then closed (empty: closed at once).
  std::string_view input;
  std::string working_directory;  // "" : ours
  // Wall-clock milliseconds before the process group is killed; 0: no limit.
  int64_t timeout_ms = 0;
  // On the limit: SIGTERM to the group and this long to end before SIGKILL; 0: SIGKILL at once.
  int64_t term_grace_ms = 0;
  // Bytes of stdout kept; more ends the program (its process group is killed).
  size_t max_output_bytes = SIZE_MAX;
  // Bytes of stderr kept; the rest is read and dropped.
  size_t max_error_bytes = SIZE_MAX;
  bool capture = true;  // keep stdout and stderr in the result
  bool stream = false;  // copy the program's stdout to ours and its stderr to ours as it comes
};

struct ProcessResult {
  bool started = false;  // false: it could not be run at all (see `error`)
  int exit_status = 0;   // meaningful when !signaled
  bool signaled = false;
  int signal = 0;
  bool timed_out = false;         // killed after spec.timeout_ms
  bool output_too_large = false;  // killed after printing more than spec.max_output_bytes
  std::string out;
  std::string err;
  std::string error;      // why it did not start
  int stream_error = 0;   // errno of a failed copy to our stdout (spec.stream), 0 if none

  // The shell's convention: the exit status, or 128 + the signal that ended it.
  int ExitCode() const { return signaled ? 128 + signal : exit_status; }
  bool ok() const { return started && !timed_out && !signaled && exit_status == 0; }
};

// Runs the program to its end or its limit. Never throws. The program gets a fresh signal state
// (SIGPIPE default and unblocked) in a process group of its own; whatever it leaves running in
// that group when it exits is killed.
ProcessResult RunProcess(const ProcessSpec& spec);

// The full path of `program`: itself when it holds a '/' and is executable, else the first
// executable regular file of that name on PATH.
std::optional<std::string> FindOnPath(const std::string& program);

// argv as one line for messages: "aws cloudformation deploy '--stack-name=my stack'".
std::string CommandLine(const std::vector<std::string>& argv);

}  // namespace platform
