// sfnsim validate FILE...: load, parse and validate definitions; report every problem.

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "asl/base/json.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

struct ValidateArgs {
  std::vector<std::string> files;
  DefinitionOptions definition;
  std::string format = "text";
  bool list_codes = false;
};

size_t CountStates(const asl::StateMachine& machine) {
  size_t n = machine.states.size();
  for (const asl::State& s : machine.states) {
    for (const auto& branch : s.branches) n += CountStates(*branch);
    if (s.processor) n += CountStates(*s.processor);
  }
  return n;
}

int RunValidate(const ValidateArgs& args) {
  if (args.list_codes) {
    for (asl::DiagnosticCode code : asl::AllDiagnosticCodes()) {
      Out("{}  {}\n", asl::CodeString(code), asl::CodeTitle(code));
    }
    return kExitOk;
  }
  if (args.files.empty()) {
    Err("sfnsim validate: no FILE given (see sfnsim validate --help)\n");
    return kExitUsage;
  }
  asl::LoadOptions options;
  if (!args.definition.ToLoadOptions(options)) return kExitUsage;

  int exit_code = kExitOk;
  asl::Json report = asl::Json::array();
  for (const std::string& path : args.files) {
    asl::DefinitionFile file = asl::ReadDefinitionFile(path, options, args.definition.type);
    exit_code = std::max(exit_code, DefinitionExitCode(file));
    if (args.format == "json") {
      asl::Json entry = {{"file", path}, {"valid", file.valid()}};
      asl::Json diagnostics = asl::Json::array();
      for (const asl::Diagnostic& d : file.diagnostics) {
        asl::Json item = {{"code", std::string(asl::CodeString(d.code))},
                          {"severity", d.severity == asl::Severity::kError ? "error" : "warning"},
                          {"pointer", file.loaded.source.FullPointer(d.pointer)},
                          {"message", d.message}};
        if (int line = file.loaded.source.LineOf(d.pointer); line > 0) item["line"] = line;
        diagnostics.push_back(std::move(item));
      }
      entry["diagnostics"] = std::move(diagnostics);
      report.push_back(std::move(entry));
      continue;
    }
    for (const std::string& message : file.messages) Out("{}\n", message);
    if (file.valid()) {
      Out("{}: valid ({} states)\n", path, CountStates(*file.parsed.machine));
    }
  }
  if (args.format == "json") OutJson(report.dump(2));
  return exit_code;
}

}  // namespace

void RegisterValidate(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Validate state machine definitions (ASL JSON/YAML, CloudFormation/SAM templates).\n"
      "Exit 0: all valid; 1: some invalid; 2: bad usage or a file that cannot be read or\n"
      "parsed (malformed JSON/YAML, a template that does not resolve).");
  cmd->add_option("FILE", args->files, "Definition files");
  args->definition.AddTo(*cmd);
  cmd->add_option("--format", args->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--list-codes", args->list_codes, "List every diagnostic code and exit");
  cmd->callback([args, &exit_code] { exit_code = RunValidate(*args); });
}

}  // namespace sfnsim_cli
