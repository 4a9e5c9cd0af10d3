#include "deploy/deploy_run.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "asl/load/definition_file.h"
#include "deploy/aws_cli.h"
#include "deploy/deploy_check.h"
#include "deploy/verification_record.h"
#include "platform/process/run_process.h"

namespace deploy {

namespace {

// A temporary directory removed when this goes out of scope.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sfnsim-deploy-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ShortHash(const std::string& sha256) { return sha256.substr(0, 12); }

// A CloudFormation parameter's logical name is alphanumeric (the template anatomy's Parameters
// section); AWS::Region and the other pseudo parameters inform sfnsim only. Checked so that a
// KEY=VALUE override handed to the AWS CLI can never read as an option.
bool IsParameterName(const std::string& key) {
  if (key.starts_with("AWS::")) return key.size() > 5;
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  });
}

// One deploy, printing through `output_`; Out and Err format as the CLI's do.
class Deployer {
 public:
  explicit Deployer(DeployOutput& output) : output_(output) {}
  DeployStatus Run(const DeployRequest& args);

 private:
  template <typename... T>
  void Out(fmt::format_string<T...> format, T&&... parts) {
    output_.Out(fmt::format(format, std::forward<T>(parts)...));
  }
  template <typename... T>
  void Err(fmt::format_string<T...> format, T&&... parts) {
    output_.Err(fmt::format(format, std::forward<T>(parts)...));
  }
  void FlushStdout() { output_.Flush(); }
  bool WriteOutputFile(const std::string& path, std::string_view text, std::string_view what) {
    return output_.WriteFile(path, text, what);
  }

  bool LintTemplate(const std::string& template_path, int timeout_seconds, bool* ran);
  DeployStatus ReadBackStack(const DeployRequest& args, const AwsCli& aws, const DeployPlan& plan,
                             const TemplateValues& values);

  DeployOutput& output_;
};

// cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational; 1 a failure of its own.
// Returns false when the template has errors (or cfn-lint failed).
bool Deployer::LintTemplate(const std::string& template_path, int timeout_seconds, bool* ran) {
  *ran = platform::FindOnPath("cfn-lint").has_value();
  if (!*ran) {
    Out("lint: cfn-lint is not on PATH; the template was not linted\n");
    return true;
  }
  Out("lint: cfn-lint {}\n", template_path);
  FlushStdout();
  platform::ProcessResult outcome =
      RunTool({"cfn-lint", "--", template_path}, std::min(timeout_seconds, 300), true, false);
  if (outcome.stream_error != 0) output_.StdoutLost(outcome.stream_error);
  if (!outcome.started || outcome.timed_out) {
    Err("sfnsim deploy: cfn-lint {}\n",
        outcome.timed_out ? "did not finish in time (killed)" : outcome.error);
    return false;
  }
  if (outcome.ExitCode() == 0) {
    Out("lint: no findings\n");
    return true;
  }
  bool errors = (outcome.ExitCode() & 2) != 0 || (outcome.ExitCode() & 1) != 0 ||
                outcome.ExitCode() > 15;
  Out("lint: cfn-lint exit {} ({})\n", outcome.ExitCode(),
      errors ? "errors" : "warnings or notes only");
  return !errors;
}

DeployStatus Deployer::ReadBackStack(const DeployRequest& args, const AwsCli& aws,
                                     const DeployPlan& plan, const TemplateValues& values) {
  std::string error;
  auto resources = aws.StackResources(args.stack_name, &error);
  if (!resources) {
    Err("sfnsim deploy: read-back: {}\n", error);
    return DeployStatus::kFailed;
  }
  bool all_match = true;
  for (const DeployStateMachine& machine : plan.machines) {
    auto physical = resources->find(machine.logical_id);
    if (physical == resources->end()) {
      Err("sfnsim deploy: read-back: {}: not a resource of stack {}\n", machine.logical_id,
          args.stack_name);
      all_match = false;
      continue;
    }
    auto described = aws.Json({"stepfunctions", "describe-state-machine",
                               OptionValue("--state-machine-arn", physical->second)},
                              &error);
    if (!described) {
      Err("sfnsim deploy: read-back: {}: {}\n", machine.logical_id, error);
      all_match = false;
      continue;
    }
    std::string definition_text = described->value("definition", "");
    auto expected = ExpectedDeployedDefinition(args.template_path, machine, values);
    if (!expected.ok()) {
      Err("sfnsim deploy: read-back: {}: {}\n", machine.logical_id, expected.error());
      all_match = false;
      continue;
    }
    // A Ref's value is the resource's physical id.
    std::map<std::string, std::string> stack_values;
    for (const auto& [name, resource] : machine.bound_refs) {
      if (auto it = resources->find(resource); it != resources->end()) {
        stack_values[name] = it->second;
      }
    }
    ReadBackCheck check =
        CompareReadBack(expected.value(), definition_text, machine, stack_values);
    if (!check.applied_here.empty()) {
      std::string names;
      for (const std::string& name : check.applied_here) {
        names += fmt::format("{}${{{}}}", names.empty() ? "" : ", ", name);
      }
      Out("read-back: note: the endpoint returned {}'s definition with DefinitionSubstitutions "
          "not applied ({}); sfnsim applied them (parameters, and the stack's physical ids for "
          "Refs) before comparing, as AWS's resource handler does\n",
          machine.logical_id, names);
    }
    if (!check.matches) {
      all_match = false;
      Err("sfnsim deploy: read-back: {} ({}) differs from the verified definition:\n",
          machine.logical_id, physical->second);
      for (const std::string& difference : check.differences) {
        Err("  {}\n", difference);
      }
      continue;
    }
    std::string bound;
    for (const auto& [name, value] : check.bound_values) {
      bound += fmt::format("{}{} = {}", bound.empty() ? "; " : ", ", name, value);
    }
    Out("read-back: {} ({}) is the verified definition{}\n", machine.logical_id, physical->second,
        bound);
  }
  return all_match ? DeployStatus::kOk : DeployStatus::kFailed;
}

DeployStatus Deployer::Run(const DeployRequest& args) {
  auto started = std::chrono::steady_clock::now();
  TemplateValues values;
  for (const std::string& parameter : args.parameters) {
    size_t eq = parameter.find('=');
    if (eq == std::string::npos || !IsParameterName(parameter.substr(0, eq))) {
      Err("sfnsim deploy: --parameters \"{}\": expected KEY=VALUE, KEY a template parameter "
          "(letters and digits) or a pseudo parameter (AWS::Region, …)\n",
          parameter);
      return DeployStatus::kUsage;
    }
    values[parameter.substr(0, eq)] = parameter.substr(eq + 1);
  }
  values["AWS::StackName"] = args.stack_name;
  std::string region = args.region;
  if (region.empty()) {
    for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      const char* value = std::getenv(name);
      if (value != nullptr && *value != '\0') {
        region = value;
        break;
      }
    }
  }
  if (!region.empty()) values["AWS::Region"] = region;

  auto record = ReadVerificationRecord(args.lock_path);
  if (!record.ok()) {
    Err("sfnsim deploy: --lock {}\n", record.error());
    return DeployStatus::kUsage;
  }
  // 1. Every state machine against the verification record.
  DeployPlan plan = CheckTemplate(args.template_path, values, record.value(),
                                            args.lock_path);
  if (!plan.errors.empty()) {
    for (const std::string& e : plan.errors) Err("sfnsim deploy: {}\n", e);
    return DeployStatus::kUsage;
  }
  size_t unverified = 0;
  for (const DeployStateMachine& machine : plan.machines) {
    if (machine.verified) {
      Out("verified: {}: sha256 {}, by {}\n", machine.logical_id,
          ShortHash(machine.verified->sha256), machine.verified->DescribeRuns());
    } else {
      ++unverified;
      // An invalid definition is never verified: say where it is invalid, not only that no
      // record matches it.
      asl::LoadOptions load;
      load.logical_id = machine.logical_id;
      load.substitutions = values;
      asl::DefinitionFile file = asl::ReadDefinitionFile(args.template_path, load);
      if (file.InvalidDefinition()) {
        for (const std::string& message : file.messages) Err("{}\n", message);
        Err("sfnsim deploy: {}: the definition is invalid (above); no scenario can verify it\n",
            machine.logical_id);
        continue;
      }
      Err("sfnsim deploy: {}\n", machine.problem);
    }
  }
  if (unverified > 0 && !args.force) {
    Err("sfnsim deploy: refusing to deploy {}: {} of {} state machine{} not verified "
        "(--force deploys anyway)\n",
        args.template_path, unverified, plan.machines.size(),
        plan.machines.size() == 1 ? " is" : "s are");
    return DeployStatus::kFailed;
  }
  if (unverified > 0) {
    Err("\n*** WARNING: --force: deploying {} state machine{} that no passing scenario "
        "verified. ***\n*** Skipped: the verification-record check (the read-back "
        "still compares with the template). ***\n\n",
        unverified, unverified == 1 ? "" : "s");
  }

  if (!platform::FindOnPath("aws")) {
    Err("sfnsim deploy: the AWS CLI (aws) is not on PATH; install it (e.g. the "
        "Debian package awscli)\n");
    return DeployStatus::kUsage;
  }

  // 2. Lint.
  bool linted = false;
  if (!LintTemplate(args.template_path, args.timeout_seconds, &linted)) {
    if (!args.force) {
      Err("sfnsim deploy: refusing to deploy {}: cfn-lint found errors "
          "(--force deploys anyway)\n",
          args.template_path);
      return DeployStatus::kFailed;
    }
    Err("\n*** WARNING: --force: deploying although cfn-lint found errors. ***\n\n");
  }

  // 3. Package: Definition objects as DefinitionString (deploy_check.h).
  std::vector<std::string> packaged_ids;
  auto packaged = PackageTemplate(args.template_path, &packaged_ids);
  if (!packaged.ok()) {
    Err("sfnsim deploy: {}\n", packaged.error());
    return DeployStatus::kUsage;
  }
  ScratchDirectory scratch;
  std::string packaged_path = args.packaged_path;
  if (packaged_path.empty()) {
    if (scratch.path().empty()) {
      Err("sfnsim deploy: cannot create a temporary directory\n");
      return DeployStatus::kUsage;
    }
    packaged_path = scratch.path() + "/template.json";
  }
  if (!WriteOutputFile(packaged_path, packaged.value(),
                       fmt::format("{} (the packaged template)", packaged_path))) {
    return DeployStatus::kUsage;
  }
  if (!packaged_ids.empty()) {
    Out("package: Definition written as DefinitionString for {}\n", fmt::join(packaged_ids, ", "));
  }

  // 4. Deploy (or create the change set only).
  AwsCli aws(args.endpoint_url, args.region, args.timeout_seconds);
  // Every value the user or a file gave goes as --name=value (a stack name "-x" stays a stack
  // name); parameter overrides are KEY=VALUE words whose KEY was checked to be a name.
  std::vector<std::string> deploy = {"cloudformation",
                                     "deploy",
                                     OptionValue("--template-file", packaged_path),
                                     OptionValue("--stack-name", args.stack_name),
                                     "--capabilities",
                                     "CAPABILITY_IAM",
                                     "CAPABILITY_NAMED_IAM",
                                     "CAPABILITY_AUTO_EXPAND",
                                     "--no-fail-on-empty-changeset"};
  // AWS::AccountId=… and other pseudo parameters are values for sfnsim's resolution only.
  std::vector<std::string> overrides;
  for (const std::string& parameter : args.parameters) {
    if (!parameter.starts_with("AWS::")) overrides.push_back(parameter);
  }
  if (!overrides.empty()) {
    deploy.push_back("--parameter-overrides");
    deploy.insert(deploy.end(), overrides.begin(), overrides.end());
  }
  if (args.dry_run) deploy.push_back("--no-execute-changeset");
  Out("deploy: {}\n", platform::CommandLine(aws.Command(deploy)));
  FlushStdout();
  platform::ProcessResult outcome = aws.Run(deploy, true);
  if (outcome.stream_error != 0) output_.StdoutLost(outcome.stream_error);
  if (!outcome.started || outcome.timed_out || outcome.ExitCode() != 0) {
    std::string why = !outcome.started ? outcome.error
                      : outcome.timed_out
                          ? fmt::format("did not finish within {} s (killed)", args.timeout_seconds)
                          : fmt::format("exit {}", outcome.ExitCode());
    // Nothing to change: the AWS CLI's own words, or the endpoint's refusal of an empty change
    // set (moto answers CreateChangeSet so).
    bool no_changes = false;
    for (const char* words : {"No changes to deploy", "No updates are to be performed"}) {
      no_changes = no_changes || outcome.out.find(words) != std::string::npos ||
                   outcome.err.find(words) != std::string::npos;
    }
    if (no_changes) Out("deploy: the stack already holds this template; nothing changed\n");
    if (!no_changes) {
      Err("sfnsim deploy: aws cloudformation deploy: {}\n", why);
      return DeployStatus::kFailed;
    }
  }
  if (args.dry_run) {
    std::string arn = ChangeSetArnIn(outcome.out + outcome.err);
    if (arn.empty()) {
      Out("dry run: no change set (nothing to change)\n");
      return DeployStatus::kOk;
    }
    std::string error;
    auto change_set = aws.Json(
        {"cloudformation", "describe-change-set", OptionValue("--change-set-name", arn)}, &error);
    if (!change_set) {
      Err("sfnsim deploy: {}\n", error);
      return DeployStatus::kFailed;
    }
    Out("dry run: change set {} (not executed)\n{}", arn, FormatChangeSet(*change_set));
    return DeployStatus::kOk;
  }

  // 5. Read back every state machine.
  DeployStatus code = ReadBackStack(args, aws, plan, values);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (code == DeployStatus::kOk) {
    Out("deployed: stack {}, {} state machine{} {}; {:.1f} s\n", args.stack_name,
        plan.machines.size(), plan.machines.size() == 1 ? "" : "s",
        unverified > 0 ? "read back (NOT verified: --force)" : "verified and read back", seconds);
  }
  return code;
}

}  // namespace

DeployStatus RunDeploy(const DeployRequest& request, DeployOutput& output) {
  return Deployer(output).Run(request);
}

}  // namespace deploy
