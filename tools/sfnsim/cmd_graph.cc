// sfnsim graph FILE [--format dot|svg]: draw the state graph (nested machines as clusters), as
// Graphviz DOT or, through Graphviz's own `dot -Tsvg`, as SVG.

#include <fmt/format.h>

#include <memory>

#include "asl/analysis/state_graph.h"
#include "platform/graphviz/render_svg.h"
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
  std::string text = dot;
  if (args.format == "svg") {
    platform::SvgRendering svg = platform::RenderDotAsSvg(dot);
    if (!svg.ok()) {
      // The choice: never an empty result, so the DOT follows on stdout (never into
      // --output, which was named for SVG), and exit 2 so that a script notices.
      if (svg.status == platform::SvgRendering::Status::kNoProgram) {
        Err("sfnsim graph: --format svg needs Graphviz's `dot` (Debian package graphviz), and "
            "{}.\n", svg.error);
      } else {
        Err("sfnsim graph: --format svg: Graphviz could not draw the graph: {}.\n", svg.error);
      }
      Err("{}The DOT follows on standard output; draw it with `dot -Tsvg`, or use --format "
          "dot.\n",
          args.output.empty() ? "" : fmt::format("{} was not written. ", args.output));
      Out("{}", dot);
      return kExitUsage;
    }
    text = std::move(svg.svg);
  }
  if (args.output.empty()) {
    Out("{}", text);
    return kExitOk;
  }
  if (!WriteOutputFile(args.output, text, fmt::format("{} (--output)", args.output))) {
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void RegisterGraph(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* cmd = app.add_subcommand(
      "graph",
      "Draw a definition's state graph (Graphviz DOT, or SVG through Graphviz's `dot`; nested\n"
      "states as clusters).\n"
      "Exit 0: drawn; 1: an invalid definition; 2: bad usage, input that cannot be read, an\n"
      "output that cannot be written, or --format svg without a working `dot` (the DOT is\n"
      "then printed instead).");
  cmd->add_option("FILE", args->file, "Definition file")->required();
  args->definition.AddTo(*cmd);
  cmd->add_option("--format", args->format,
                  "dot (default): Graphviz DOT; svg: drawn by Graphviz's `dot -Tsvg` (Debian "
                  "package graphviz), which must be on PATH")
      ->check(CLI::IsMember({"dot", "svg"}));
  cmd->add_option("--output,-o", args->output, "Write to this file instead of stdout");
  cmd->callback([args, &exit_code] { exit_code = RunGraph(*args); });
}

}  // namespace sfnsim_cli
