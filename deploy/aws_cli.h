#pragma once
// Driving the AWS CLI for `sfnsim deploy`: every call is `aws [--endpoint-url=URL] [--region=R]
// SERVICE OPERATION ... --output=json`, run by the project's process runner
// (platform/process/run_process.h) as an argument vector, no shell, with a deadline.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "platform/process/run_process.h"

namespace deploy {

// "--stack-name=VALUE": an option and its value as one argument, so that a value starting with
// "-" (a stack name, a region, a URL from the command line) stays a value.
std::string OptionValue(const std::string& option, const std::string& value);

// Runs a tool of the deploy (the AWS CLI, cfn-lint): `argv[0]` looked up on PATH, stdin empty, at
// most `timeout_seconds`, then SIGTERM to its process group and two seconds before SIGKILL.
// `stream`: its stdout and stderr copied to ours as they come (the caller flushes its own
// buffered output first); `capture`: kept in the result.
platform::ProcessResult RunTool(const std::vector<std::string>& argv, int timeout_seconds,
                                bool stream, bool capture);

class AwsCli {
 public:
  AwsCli(std::string endpoint_url, std::string region, int timeout_seconds)
      : endpoint_url_(std::move(endpoint_url)),
        region_(std::move(region)),
        timeout_seconds_(timeout_seconds) {}

  // `aws` with the global options, then `args`.
  std::vector<std::string> Command(const std::vector<std::string>& args) const;
  // Runs it; output streamed to ours when `stream`, always captured.
  platform::ProcessResult Run(const std::vector<std::string>& args, bool stream) const;
  // Runs a describe/list call quietly and parses its JSON; on failure `error` says why (the
  // command, its exit code and its stderr).
  std::optional<asl::Json> Json(const std::vector<std::string>& args, std::string* error) const;

  // Logical id -> physical id of every resource of the stack.
  std::optional<std::map<std::string, std::string>> StackResources(const std::string& stack,
                                                                   std::string* error) const;

 private:
  std::string endpoint_url_;
  std::string region_;
  int timeout_seconds_;
};

// What the CLI says after `cloudformation deploy --no-execute-changeset`: the change set's ARN
// (from "aws cloudformation describe-change-set --change-set-name ARN"); "" if none.
std::string ChangeSetArnIn(const std::string& deploy_output);

// describe-change-set's Changes as lines: "  Add     ExecutorStateMachine
// AWS::StepFunctions::StateMachine", "  Modify  Topic  AWS::SNS::Topic  (replacement: False)".
std::string FormatChangeSet(const asl::Json& change_set);

}  // namespace deploy
