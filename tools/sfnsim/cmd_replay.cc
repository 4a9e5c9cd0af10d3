// sfnsim replay HISTORY... --definition DEF: re-run a definition against a recorded execution and
// report "identical" or the first divergence, or how a changed definition now ends; --save-test
// keeps it as a scenario test. The work is in simulator/replay/ (docs/replay.md).

#include <fmt/format.h>

#include <optional>
#include <filesystem>
#include <memory>

#include "asl/load/definition_file.h"
#include "simulator/replay/recorded_execution.h"
#include "simulator/replay/replay_setup.h"
#include "simulator/replay/replay_summary.h"
#include "simulator/replay/replayer.h"
#include "simulator/replay/test_case_writer.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/load_policy_options.h"
#include "tools/sfnsim/number_flags.h"
#include "tools/sfnsim/output.h"
#include "tools/sfnsim/print_diagnostics.h"

namespace sfnsim_cli {

namespace {

struct ReplayArgs {
  std::vector<std::string> histories;
  std::string definition_path;
  DefinitionOptions definition;
  std::string execution_path;
  std::string execution_name;
  std::string state_machine_name;
  std::string world_path;
  std::string save_test_dir;
  std::string test_name;
  std::string history_out;
  std::string format = "text";
  uint64_t max_steps = 100'000'000;
  bool allow_interleaving = false;
  LoadPolicyOptions policy;  // for --world
};

std::string FileStem(const std::string& path) {
  std::string stem = std::filesystem::path(path).filename().string();
  stem = stem.substr(0, stem.find('.'));
  return stem.empty() ? "replay" : stem;
}

int RunReplay(const ReplayArgs& args) {
  auto recorded = sim::LoadRecordedExecution(args.histories, args.execution_path);
  if (!recorded.ok()) {
    Err("sfnsim replay: {}\n", recorded.error());
    return kExitUsage;
  }

  // The definition: the file given, else the one a corpus document carries.
  std::shared_ptr<const asl::StateMachine> machine;
  bool express = false;
  std::string machine_name;
  if (!args.definition_path.empty()) {
    asl::LoadOptions load_options;
    if (!args.definition.ToLoadOptions(load_options)) return kExitUsage;
    asl::DefinitionFile file =
        asl::ReadDefinitionFile(args.definition_path, load_options, args.definition.type);
    for (const std::string& message : file.messages) Err("{}\n", message);
    if (!file.valid()) return DefinitionExitCode(file);
    machine = std::move(file.parsed.machine);
    express = file.express;
    machine_name = file.loaded.state_machine_name.empty() ? FileStem(args.definition_path)
                                                          : file.loaded.state_machine_name;
  } else if (recorded->definition) {
    auto parsed = sim::ParseRecordedDefinition(*recorded->definition, args.histories.front());
    if (!parsed.ok()) {
      Err("{}", parsed.error());
      return kExitFailed;
    }
    machine = std::move(parsed.value());
  } else {
    Err("sfnsim replay: --definition is required: {} holds no definition (only "
        "conformance corpus documents do)\n",
        args.histories.front());
    return kExitUsage;
  }
  if (!args.execution_name.empty()) recorded->execution_name = args.execution_name;
  if (!args.state_machine_name.empty()) recorded->state_machine_name = args.state_machine_name;
  if (recorded->state_machine_name.empty()) recorded->state_machine_name = machine_name;

  auto outcomes = sim::PrepareReplay(*machine, *recorded, args.histories);
  if (!outcomes.ok()) {
    Err("sfnsim replay: {}\n", outcomes.error());
    return kExitUsage;
  }
  std::optional<sim::ReplayWorld> world;
  if (!args.world_path.empty()) {
    auto loaded = sim::LoadReplayWorld(args.world_path, args.policy.Policy());
    if (!loaded.ok()) {
      PrintFileDiagnostics(loaded.error(), args.world_path);
      return kExitUsage;
    }
    world = std::move(loaded.value());
  }

  sim::ReplayOptions options;
  options.world = world ? &world->config : nullptr;
  options.express = express;
  options.max_state_entries = args.max_steps;
  options.allow_interleaving = args.allow_interleaving;
  sim::ReplayReport report = sim::Replay(machine, *recorded, *outcomes, options);
  if (!report.setup_error.empty()) {
    Err("sfnsim replay: {}: {}\n", args.world_path, report.setup_error);
    return kExitUsage;
  }

  if (args.format == "json") {
    OutJson(sim::ReplaySummaryJson(*recorded, *outcomes, report).dump(2));
  } else {
    Out("{}", sim::FormatReplaySummary(*recorded, *outcomes, report));
  }
  if (!args.history_out.empty()) {
    asl::Json doc = {{"events", report.events}};
    if (!WriteOutputFile(args.history_out, doc.dump(4) + "\n",
                         fmt::format("{} (--history)", args.history_out))) {
      return kExitUsage;
    }
  }
  if (!args.save_test_dir.empty()) {
    sim::SavedTestSource source;
    source.name = args.test_name.empty() ? FileStem(args.histories.front()) : args.test_name;
    source.history_files = args.histories;
    source.definition_path = args.definition_path;
    source.state_machine_name = recorded->state_machine_name;
    source.express = express;
    if (!args.world_path.empty()) {
      source.world = &world->document;
      source.world_directory = std::filesystem::path(args.world_path).parent_path().string();
    }
    source.summary = sim::DescribeChanges(*outcomes, report);
    if (args.definition_path.empty()) {
      Err("sfnsim replay: --save-test needs --definition (the scenario refers to "
          "the definition file)\n");
      return kExitUsage;
    }
    auto saved = sim::SaveReplayTest(args.save_test_dir, source, *recorded, report);
    if (!saved.ok()) {
      Err("sfnsim replay: {}\n", saved.error());
      return kExitUsage;
    }
    for (const std::string& file : *saved) Err("wrote {}\n", file);
  }
  return report.identical() ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterReplay(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReplayArgs>();
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Re-run a definition against a recorded execution (`aws stepfunctions\n"
      "get-execution-history --output json`: one file or every page) and report \"identical\"\n"
      "or the first divergence; with a changed definition, how the run now ends (docs/replay.md).\n"
      "Exit 0: identical; 1: diverged (or an invalid definition); 2: bad usage, input that\n"
      "cannot be read (a malformed or incomplete history, an invalid world) or an output that\n"
      "cannot be written.");
  cmd->add_option("HISTORY", args->histories,
                  "History files: get-execution-history output, merged or one per page (any "
                  "order, --reverse-order too), or a conformance corpus document")
      ->required();
  cmd->add_option("--definition", args->definition_path,
                  "The definition to replay (ASL JSON/YAML or a template); may be a changed one");
  args->definition.AddTo(*cmd);
  cmd->add_option("--execution", args->execution_path,
                  "`aws stepfunctions describe-execution` output: execution name, ARNs, input");
  cmd->add_option("--name", args->execution_name,
                  "The recorded execution's name, when no --execution gives it");
  cmd->add_option("--state-machine-name", args->state_machine_name,
                  "The recorded state machine's name (default: --execution's, else the file's)");
  cmd->add_option("--world", args->world_path,
                  "World file (docs/world.md) whose services serve calls the recording lacks");
  cmd->add_option("--save-test", args->save_test_dir,
                  "Write a scenario test (scenario, recorded and expected histories, input) here");
  cmd->add_option("--test-name", args->test_name,
                  "Name of the saved test (default: the first history file's stem)");
  cmd->add_option("--history", args->history_out, "Write the replayed history here");
  cmd->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--max-steps", args->max_steps,
                  "Stop after this many states entered (a guard against endless loops)")
      ->check(UnsignedDecimal());
  cmd->add_flag("--allow-interleaving", args->allow_interleaving,
                "Accept the same events as the recording with concurrent lanes (Parallel\n"
                "branches, Map iterations) in another order, so with other ids and\n"
                "previousEventIds (exit 0, reported as such); without it that is a divergence");
  args->policy.AddTo(*cmd);
  cmd->callback([args, &exit_code] { exit_code = RunReplay(*args); });
}

}  // namespace sfnsim_cli
