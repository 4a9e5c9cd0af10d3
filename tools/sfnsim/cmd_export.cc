// sfnsim export DEFINITION --to cloudformation|sam: wrap a definition into a template whose
// DefinitionSubstitutions carry the values the scenario substituted (docs/deploy.md).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>

#include "asl/load/cloudformation.h"
#include "asl/load/definition_file.h"
#include "asl/load/source_text.h"
#include "deploy/template_export.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/load_policy_options.h"
#include "tools/sfnsim/output.h"
#include "tools/sfnsim/scenario_file.h"

namespace sfnsim_cli {

namespace {

struct ExportArgs {
  std::string definition_path;
  std::string to;
  DefinitionOptions values;  // only -s / --substitutions are offered
  std::string scenario_path;
  std::string state_machine;
  std::string logical_id = "StateMachine";
  std::string name;
  std::string type = "STANDARD";
  std::string output_path;
  LoadPolicyOptions policy;  // for --scenario
};

bool SameDefinitionFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

// The substitutions the scenario ran the definition with.
bool ScenarioValues(const ExportArgs& args, std::map<std::string, std::string>* values) {
  auto scenario = LoadScenarioFile(args.scenario_path, args.policy.Policy());
  if (!scenario) return false;
  std::vector<std::string> names;
  for (const sim::StateMachineDecl& decl : scenario->world.state_machines) {
    names.push_back(decl.name);
    bool chosen = args.state_machine.empty() ? SameDefinitionFile(decl.definition_file, args.definition_path)
                                             : decl.name == args.state_machine;
    if (!chosen) continue;
    if (!decl.logical_id.empty()) {
      Err("sfnsim export: {}: state machine \"{}\" comes from a template; deploy "
          "that template instead\n",
          args.scenario_path, decl.name);
      return false;
    }
    for (const auto& [name, value] : decl.substitutions) values->emplace(name, value);
    return true;
  }
  Err("sfnsim export: {}: {} (state machines: {})\n", args.scenario_path,
      args.state_machine.empty() ? fmt::format("no state machine loads {}", args.definition_path)
                                 : fmt::format("no state machine \"{}\"", args.state_machine),
      fmt::join(names, ", "));
  return false;
}

int RunExport(const ExportArgs& args) {
  asl::LoadOptions load;
  if (!args.values.ToLoadOptions(load)) return kExitUsage;
  if (!args.scenario_path.empty() && !ScenarioValues(args, &load.substitutions)) return kExitUsage;
  auto document = asl::ReadDocumentFile(args.definition_path);
  if (document.ok() && asl::IsTemplate(document->value)) {
    Err("sfnsim export: {}: this is already a CloudFormation/SAM template; "
        "`sfnsim deploy` takes it as it is\n",
        args.definition_path);
    return kExitUsage;
  }
  // The definition must be valid with these values before it is wrapped.
  asl::DefinitionFile checked = asl::ReadDefinitionFile(args.definition_path, load, args.type);
  for (const std::string& message : checked.messages) Err("{}\n", message);
  // The loader's verdict decides the exit code (a key given twice is an invalid definition,
  // though the plain document reader refuses it too).
  if (!checked.valid()) return DefinitionExitCode(checked);
  if (!document.ok()) return kExitUsage;

  deploy::TemplateExportOptions options;
  options.sam = args.to == "sam";
  options.logical_id = args.logical_id;
  options.state_machine_name = args.name;
  options.type = args.type;
  options.source_name = std::filesystem::path(args.definition_path).filename().string();
  options.values = load.substitutions;
  auto exported = deploy::ExportTemplate(document->value, options);
  if (!exported.ok()) {
    Err("sfnsim export: {}: {}\n", args.definition_path, exported.error());
    return kExitUsage;
  }
  for (const std::string& note : exported->notes) Err("sfnsim export: {}\n", note);
  // The template must load back as the definition that was checked.
  if (!deploy::LoadsBackAs(exported->text, args.logical_id, checked.loaded.definition)) {
    Err("sfnsim export: the template does not load back as the definition "
        "(values that contain each other?); not written\n");
    return kExitFailed;
  }
  if (args.output_path.empty()) {
    WriteStdout(EscapeJsonForTerminal(exported->text));  // JSON or YAML: its own escapes
    return kExitOk;
  }
  if (!WriteOutputFile(args.output_path, exported->text,
                       fmt::format("{} (--output)", args.output_path))) {
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void RegisterExport(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Wrap a definition (JSON or YAML, e.g. a Workflow Studio export) into a CloudFormation or\n"
      "SAM template, with DefinitionSubstitutions for the values substituted (docs/deploy.md).\n"
      "Exit 0: written; 1: the definition is invalid (or does not load back); 2: bad usage,\n"
      "input that cannot be read or parsed, or an output that cannot be written.");
  cmd->add_option("DEFINITION", args->definition_path, "ASL definition, JSON or YAML")->required();
  cmd->add_option("--to", args->to, "cloudformation or sam")
      ->required()
      ->check(CLI::IsMember({"cloudformation", "sam"}));
  AddSubstitutionOptions(*cmd, args->values);
  cmd->add_option("--scenario", args->scenario_path,
                  "Take the values the scenario's state machine substituted");
  cmd->add_option("--state-machine", args->state_machine,
                  "Which state machine of --scenario (default: the one loading DEFINITION)");
  // CloudFormation: "The logical ID must be alphanumeric (A-Za-z0-9) and unique within the
  // template" (template anatomy, Resources section).
  cmd->add_option("--logical-id", args->logical_id, "Logical id of the resource (StateMachine)")
      ->check(CLI::Validator(
          [](const std::string& id) -> std::string {
            bool alphanumeric = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) != 0;
            });
            return alphanumeric ? "" : "expected a CloudFormation logical id: letters A-Z, a-z "
                                       "and digits 0-9 only";
          },
          "ALNUM"));
  cmd->add_option("--name", args->name, "StateMachineName (default: CloudFormation's)");
  cmd->add_option("--type", args->type, "STANDARD or EXPRESS")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
  cmd->add_option("--output,-o", args->output_path, "Write here instead of standard output");
  args->policy.AddTo(*cmd);
  cmd->callback([args, &exit_code] { exit_code = RunExport(*args); });
}

}  // namespace sfnsim_cli
