#pragma once
// Runs a local command as a Lambda function's handler: the event JSON on its stdin, the result
// JSON read from its stdout. The command runs in wall-clock time but is given no clock: its
// virtual duration is the function's configured one, so runs stay deterministic as long as the
// command is.

#include <string>
#include <string_view>

namespace sim {

struct CommandResult {
  bool started = false;  // false: the command could not be run at all (see `error`)
  int exit_status = 0;   // meaningful when !signaled
  bool signaled = false;
  int signal = 0;
  std::string out;
  std::string err;
  std::string error;
};

// `/bin/sh -c command` in `working_directory` (empty: the current one).
CommandResult RunCommand(const std::string& command, std::string_view input,
                         const std::string& working_directory);

}  // namespace sim
