// sfnsim graph FILE --format dot: draw the state graph (nested machines as clusters).

#include <fmt/format.h>

#include <memory>

#include "asl/analysis/state_graph.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/output.h"

namespace sfnsim_cli {

namespace {

struct GraphArgs {
  std::string file;
  DefinitionOptions definition;
  std::string format = "dot";
  std::string output;
};

int RunGraph(const GraphArgs& args) {
  asl::LoadOptions options;
  if (!args.definition.ToLoadOptions(options)) return kExitUsage;
  asl::DefinitionFile file = asl::ReadDefinitionFile(args.file, options, args.definition.type);
  for (const std::string& message : file.messages) Err("{}\n", message);
  if (!file.valid()) return DefinitionExitCode(file);
  asl::StateGraph graph = asl::StateGraph::Build(*file.parsed.machine);
  std::string dot = graph.ToDot(file.loaded.logical_id.empty() ? args.file
                                                               : file.loaded.logical_id);
  if (args.output.empty()) {
    Out("{}", dot);
    return kExitOk;
  }
  if (!WriteOutputFile(args.output, dot, fmt::format("{} (--output)", args.output))) {
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void RegisterGraph(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* cmd = app.add_subcommand(
      "graph",
      "Draw a definition's state graph (Graphviz DOT; nested states as clusters).\n"
      "Exit 0: drawn; 1: an invalid definition; 2: bad usage, input that cannot be read or an\n"
      "output that cannot be written.");
  cmd->add_option("FILE", args->file, "Definition file")->required();
  args->definition.AddTo(*cmd);
  cmd->add_option("--format", args->format, "Output format (dot)")
      ->check(CLI::IsMember({"dot"}));
  cmd->add_option("--output,-o", args->output, "Write to this file instead of stdout");
  cmd->callback([args, &exit_code] { exit_code = RunGraph(*args); });
}

}  // namespace sfnsim_cli
