#pragma once
// Runs a local command as a Lambda function's handler: the event JSON on its stdin, the result
// JSON read from its stdout. The command runs in wall-clock time but is given no clock: its
// virtual duration is the function's configured one, so runs stay deterministic as long as the
// command is.
//
// Safe to call from several threads at once (`sfnsim run --jobs`): nothing process-wide is
// changed (SIGPIPE is blocked in the calling thread only), and every pipe end is close-on-exec so
// one command never inherits another's.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sim {

struct CommandLimits {
  // Wall-clock time the command may run before its process group is killed; 0: no limit.
  int64_t timeout_ms = 0;
  // Bytes of stdout kept; more ends the command (its process group is killed).
  size_t max_output_bytes = SIZE_MAX;
  // Bytes of stderr kept; the rest is read and dropped.
  size_t max_error_bytes = 64 * 1024;
};

struct CommandResult {
  bool started = false;  // false: the command could not be run at all (see `error`)
  int exit_status = 0;   // meaningful when !signaled
  bool signaled = false;
  int signal = 0;
  bool timed_out = false;        // killed after limits.timeout_ms
  bool output_too_large = false; // killed after printing more than limits.max_output_bytes
  std::string out;
  std::string err;
  std::string error;
};

// `/bin/sh -c command` in `working_directory` (empty: the current one), in a process group of
// its own so that on a limit the command and everything it started are killed.
CommandResult RunCommand(const std::string& command, std::string_view input,
                         const std::string& working_directory, const CommandLimits& limits = {});

}  // namespace sim
