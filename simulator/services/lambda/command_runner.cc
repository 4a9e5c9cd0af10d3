#include "simulator/services/lambda/command_runner.h"

#include <utility>

#include "platform/process/run_process.h"

namespace sim {

// The documented form of a command handler is a shell command line (docs/world.md), so this is
// the one place that runs `/bin/sh -c`; the process handling (limits, process group, SIGPIPE,
// close-on-exec) is the project's one runner's.
CommandResult RunCommand(const std::string& command, std::string_view input,
                         const std::string& working_directory, const CommandLimits& limits) {
  platform::ProcessSpec spec;
  spec.program = "/bin/sh";
  spec.argv = {"sh", "-c", command};
  spec.input = input;
  spec.working_directory = working_directory;
  spec.timeout_ms = limits.timeout_ms;
  spec.max_output_bytes = limits.max_output_bytes;
  spec.max_error_bytes = limits.max_error_bytes;
  platform::ProcessResult run = platform::RunProcess(spec);
  CommandResult result;
  result.started = run.started;
  result.exit_status = run.exit_status;
  result.signaled = run.signaled;
  result.signal = run.signal;
  result.timed_out = run.timed_out;
  result.output_too_large = run.output_too_large;
  result.out = std::move(run.out);
  result.err = std::move(run.err);
  result.error = std::move(run.error);
  return result;
}

}  // namespace sim
