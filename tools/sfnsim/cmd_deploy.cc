// sfnsim deploy TEMPLATE --stack-name NAME: deploy a CloudFormation/SAM template with the AWS CLI,
// only when every state machine in it is the one passing scenarios verified (docs/deploy.md).
// The deploy itself is deploy/deploy_run.h; this file reads the flags and prints.

#include <cstdio>
#include <memory>

#include "deploy/deploy_run.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

// The deploy's messages, escaped and checked as everything sfnsim prints.
class CliDeployOutput : public deploy::DeployOutput {
 public:
  void Out(std::string_view text) override { WriteStdout(EscapeControl(text)); }
  void Err(std::string_view text) override { WriteStderr(EscapeControl(text)); }
  void Flush() override {
    FlushStdout();
    std::fflush(stderr);
  }
  void StdoutLost(int error) override { NoteStdoutFailure(error); }
  bool WriteFile(const std::string& path, std::string_view text, std::string_view what) override {
    return WriteOutputFile(path, text, what);
  }
};

}  // namespace

void RegisterDeploy(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<deploy::DeployRequest>();
  CLI::App* cmd = app.add_subcommand(
      "deploy",
      "Deploy a CloudFormation/SAM template with the AWS CLI, only if every state machine in it\n"
      "is one a passing scenario verified (sfnsim run --lock); then read each back and compare\n"
      "(docs/deploy.md). Exit 0: deployed and read back; 1: refused, failed or differs;\n"
      "2: bad usage or unreadable input.");
  cmd->add_option("TEMPLATE", args->template_path, "CloudFormation or SAM template")->required();
  cmd->add_option("--stack-name", args->stack_name, "Stack to create or update")->required();
  OneValueEach(cmd->add_option("--parameters", args->parameters,
                               "A template parameter, KEY=VALUE (repeatable: --parameters A=1 "
                               "--parameters B=2); AWS::AccountId=… and other pseudo parameters "
                               "only inform sfnsim's resolution"));
  cmd->add_option("--endpoint-url", args->endpoint_url,
                  "AWS endpoint (e.g. a local moto server); nothing else is contacted");
  cmd->add_option("--region", args->region,
                  "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the CLI's configuration)");
  cmd->add_option("--lock", args->lock_path, "Verification record (default sfnsim.lock.json)");
  cmd->add_option("--packaged-template", args->packaged_path,
                  "Keep the template handed to CloudFormation in this file");
  cmd->add_flag("--dry-run", args->dry_run, "Create the change set and print it; do not execute it");
  cmd->add_flag("--force", args->force,
                "Deploy even if state machines are not verified or cfn-lint finds errors "
                "(says what it skips)");
  cmd->add_option("--timeout", args->timeout_seconds,
                  "Seconds each AWS CLI call may take before it is killed (default 1800)")
      ->check(CLI::Range(1, 86400));
  cmd->callback([args, &exit_code] {
    CliDeployOutput output;
    switch (deploy::RunDeploy(*args, output)) {
      case deploy::DeployStatus::kOk: exit_code = kExitOk; break;
      case deploy::DeployStatus::kFailed: exit_code = kExitFailed; break;
      case deploy::DeployStatus::kUsage: exit_code = kExitUsage; break;
    }
  });
}

}  // namespace sfnsim_cli
