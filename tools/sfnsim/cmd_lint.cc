// sfnsim lint DEFINITION: risks a valid definition carries (loops that reach the history
// limit, states that never end, missing Retry, Catch that loses the input, unbounded Maps,
// callbacks without timeouts), each with a stable code, a severity and the offending path.

#include <fmt/format.h>

#include <memory>

#include "asl/analysis/lint.h"
#include "asl/analysis/state_graph.h"
#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "simulator/registry/registry.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

struct LintArgs {
  std::string file;
  DefinitionOptions definition;
  std::string format = "text";
  std::vector<std::string> map_items;
  bool list_codes = false;
};

int RunLint(const LintArgs& args) {
  if (args.list_codes) {
    for (asl::LintCode code : asl::AllLintCodes()) {
      Out("{}  {:<7}  {}\n", asl::LintCodeString(code),
          asl::LintSeverityName(asl::LintCodeSeverity(code)), asl::LintCodeTitle(code));
    }
    return kExitOk;
  }
  if (args.file.empty()) {
    Err("sfnsim lint: no DEFINITION given (see sfnsim lint --help)\n");
    return kExitUsage;
  }
  asl::LoadOptions options;
  if (!args.definition.ToLoadOptions(options)) return kExitUsage;
  asl::LintOptions lint;
  lint.integrations = &sim::LintIntegrationFacts();  // the services' transient errors
  for (const std::string& spec : args.map_items) {
    std::string error;
    if (!lint.map_items.Parse(spec, &error)) {
      Err("sfnsim lint: --map-items {}\n", error);
      return kExitUsage;
    }
  }
  asl::DefinitionFile file = asl::ReadDefinitionFile(args.file, options, args.definition.type);
  for (const std::string& message : file.messages) Err("{}\n", message);
  if (!file.valid()) return DefinitionExitCode(file);

  if (file.express) lint.limit = 0;  // EXPRESS executions have no history limit
  asl::StateGraph graph = asl::StateGraph::Build(*file.parsed.machine);
  std::vector<asl::LintFinding> findings =
      asl::LintDefinition(*file.parsed.machine, graph, &file.loaded.definition, lint);
  const asl::SourceMap& source = file.loaded.source;
  int errors = 0, warnings = 0, infos = 0;
  for (const asl::LintFinding& f : findings) {
    switch (f.severity) {
      case asl::LintSeverity::kError: ++errors; break;
      case asl::LintSeverity::kWarning: ++warnings; break;
      case asl::LintSeverity::kInfo: ++infos; break;
    }
  }
  if (args.format == "json") {
    asl::Json list = asl::Json::array();
    for (const asl::LintFinding& f : findings) {
      asl::Json item = {{"code", std::string(asl::LintCodeString(f.code))},
                        {"severity", asl::LintSeverityName(f.severity)},
                        {"state", f.state},
                        {"pointer", source.FullPointer(f.pointer)},
                        {"message", f.message}};
      if (!f.path.empty()) item["path"] = f.path;
      if (int line = source.LineOf(f.pointer); line > 0) item["line"] = line;
      list.push_back(std::move(item));
    }
    asl::Json out = {{"file", args.file},
                     {"findings", std::move(list)},
                     {"errors", errors},
                     {"warnings", warnings},
                     {"infos", infos}};
    OutJson(out.dump(2));
  } else {
    for (const asl::LintFinding& f : findings) {
      int line = source.LineOf(f.pointer);
      std::string where = line > 0 ? fmt::format("{}:{}", args.file, line) : args.file;
      Out("{}: {} {}: {}: {}\n", where, asl::LintSeverityName(f.severity),
          asl::LintCodeString(f.code), source.FullPointer(f.pointer), f.message);
      if (!f.path.empty()) Out("    path: {}\n", f.path);
    }
    Out("{}: {} error{}, {} warning{}, {} info\n", args.file, errors, errors == 1 ? "" : "s",
        warnings, warnings == 1 ? "" : "s", infos);
  }
  return errors > 0 ? kExitFailed : kExitOk;
}

}  // namespace

void RegisterLint(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LintArgs>();
  CLI::App* cmd = app.add_subcommand(
      "lint",
      "Find risks in a valid definition: loops that reach the 25,000-event history limit,\n"
      "states that never end, Tasks without Retry, Catch that loses the input, unbounded Maps,\n"
      "callbacks without timeouts, Distributed Map results over 256 KiB. Each finding has a\n"
      "stable code (--list-codes).\n"
      "Exit 0: no error-level finding; 1: an error-level finding or an invalid definition;\n"
      "2: bad usage, or input that cannot be read or parsed.");
  cmd->add_option("DEFINITION", args->file, "ASL JSON/YAML, or a CloudFormation/SAM template");
  args->definition.AddTo(*cmd);
  cmd->add_option("--format", args->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  OneValueEach(
      cmd->add_option("--map-items", args->map_items,
                      "Items of Map states per visit, as for sfnsim budget (optional: adds the "
                      "iterations that fit to loop findings; repeatable)"));
  cmd->add_flag("--list-codes", args->list_codes, "List every lint code and exit");
  cmd->callback([args, &exit_code] { exit_code = RunLint(*args); });
}

}  // namespace sfnsim_cli
