#pragma once
// Running another program (the AWS CLI, cfn-lint) as a child process: argv without a shell, its
// output streamed to ours as it arrives and/or captured, a deadline after which it is killed.

#include <optional>
#include <string>
#include <vector>

namespace sfnsim_cli {

struct ChildRun {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH
  int timeout_seconds = 600;
  bool stream = true;    // copy the child's stdout to ours, its stderr to ours, as it comes
  bool capture = true;   // keep both in ChildOutcome
};

struct ChildOutcome {
  bool started = false;   // false: it could not be run at all (see `error`)
  bool timed_out = false;  // killed at the deadline (SIGTERM, then SIGKILL)
  int exit_code = -1;     // its exit status; 128 + signal when a signal ended it
  std::string out;        // captured stdout
  std::string err;        // captured stderr
  std::string error;      // why it did not start
  bool ok() const { return started && !timed_out && exit_code == 0; }
};

// Runs the child to its end or the deadline. Never throws; never waits past the deadline by
// more than the two seconds SIGTERM is given before SIGKILL.
ChildOutcome RunChild(const ChildRun& run);

// The full path of `program` on PATH, if it is there and executable.
std::optional<std::string> FindOnPath(const std::string& program);

// "aws cloudformation deploy --stack-name x": argv as one line for messages.
std::string CommandLine(const std::vector<std::string>& argv);

}  // namespace sfnsim_cli
