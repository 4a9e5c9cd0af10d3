#pragma once
// `sfnsim deploy` as library code (docs/deploy.md): check every state machine of a template
// against the verification record, lint the template with cfn-lint when it is installed,
// package it, deploy it with the AWS CLI (or create the change set only) and read each state
// machine back. The CLI reads the flags into a DeployRequest and prints through DeployOutput.

#include <string>
#include <string_view>
#include <vector>

namespace deploy {

struct DeployRequest {
  std::string template_path;
  std::string stack_name;
  std::vector<std::string> parameters;  // K=V
  std::string endpoint_url;
  std::string region;
  std::string lock_path = "sfnsim.lock.json";
  std::string packaged_path;  // keep the packaged template here ("" : a temporary file)
  bool dry_run = false;
  bool force = false;
  int timeout_seconds = 1800;
};

// Where a deploy says what it does. The AWS CLI's and cfn-lint's own output goes straight to the
// process's stdout and stderr, so Flush comes before each of them.
class DeployOutput {
 public:
  virtual ~DeployOutput() = default;
  virtual void Out(std::string_view text) = 0;  // progress and results (stdout)
  virtual void Err(std::string_view text) = 0;  // refusals, failures, warnings (stderr)
  virtual void Flush() = 0;
  // A child's output copied to stdout was lost (`error` is an errno).
  virtual void StdoutLost(int error) = 0;
  // Writes `text` to `path`; on failure says so itself and returns false.
  virtual bool WriteFile(const std::string& path, std::string_view text,
                         std::string_view what) = 0;
};

enum class DeployStatus {
  kOk,      // deployed and read back (or the dry run's change set printed)
  kFailed,  // refused, failed, or the read-back differs
  kUsage,   // bad usage or unreadable input
};

DeployStatus RunDeploy(const DeployRequest& request, DeployOutput& output);

}  // namespace deploy
