#include "tools/sfnsim/definition_options.h"

#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/output.h"
#include "tools/sfnsim/print_diagnostics.h"

namespace sfnsim_cli {

CLI::Option* OneValueEach(CLI::Option* option) { return option->allow_extra_args(false); }

void AddSubstitutionOptions(CLI::App& command, DefinitionOptions& options) {
  OneValueEach(command.add_option("--substitution,-s", options.substitution_flags,
                                  "A DefinitionSubstitutions / Fn::Sub value, NAME=VALUE "
                                  "(repeatable: -s A=1 -s B=2)"));
  command.add_option("--substitutions", options.substitutions_file,
                     "A JSON or YAML file mapping substitution names to values");
}

void DefinitionOptions::AddTo(CLI::App& command) {
  command.add_option("--logical-id", logical_id,
                     "Which state machine of a CloudFormation/SAM template (its logical id)");
  AddSubstitutionOptions(command, *this);
  command.add_option("--type", type, "State machine type: STANDARD or EXPRESS")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
}

bool DefinitionOptions::ToLoadOptions(asl::LoadOptions& out) const {
  out.logical_id = logical_id;
  if (!substitutions_file.empty()) {
    auto values = asl::LoadSubstitutionsFile(substitutions_file);
    if (!values.ok()) {
      PrintFileDiagnostics(values.error(), substitutions_file);
      return false;
    }
    out.substitutions = std::move(values.value());
  }
  for (const std::string& flag : substitution_flags) {
    size_t eq = flag.find('=');
    if (eq == std::string::npos || eq == 0) {
      Err("sfnsim: --substitution \"{}\": expected NAME=VALUE\n", flag);
      return false;
    }
    out.substitutions[flag.substr(0, eq)] = flag.substr(eq + 1);
  }
  return true;
}

int DefinitionExitCode(const asl::DefinitionFile& file) {
  if (file.valid()) return kExitOk;
  return file.InvalidDefinition() ? kExitFailed : kExitUsage;
}

}  // namespace sfnsim_cli
