// sfnsim execute DEFINITION: one execution on the virtual clock, printed like
// `aws stepfunctions describe-execution`; its history optionally written like
// `aws stepfunctions get-execution-history`.

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>

#include "asl/base/json.h"
#include "asl/base/timestamp.h"
#include "asl/load/definition_file.h"
#include "asl/load/source_text.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/history/history_event.h"
#include "simulator/history/history_sink.h"
#include "simulator/services/mock_config.h"
#include "simulator/world/sfn_service.h"
#include "simulator/world/world.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/definition_options.h"
#include "tools/sfnsim/load_policy_options.h"
#include "tools/sfnsim/output.h"
#include "tools/sfnsim/print_diagnostics.h"
#include "tools/sfnsim/number_flags.h"

namespace sfnsim_cli {

namespace {

struct ExecuteArgs {
  std::string definition_path;
  DefinitionOptions definition;
  std::string input_path;  // "-" for stdin; empty: "{}"
  std::string mock_config;
  std::string test_case;
  std::string state_machine_name;
  std::string execution_name;
  std::string history_path;
  std::string world_path;
  std::string start_time;
  std::string seed;  // when seed_given (else the world's, else 0)
  bool seed_given = false;
  LoadPolicyOptions policy;
  uint64_t max_steps = 100'000'000;
  bool timing = false;
};

// CPU seconds (user + system) this process has used so far.
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// --timing: the execution's real (not virtual) cost, one JSON line on stderr, from
// StartExecution to the end of the run (loading the definition, the input and the mocks, and
// printing the result, are outside it), with the history events and states entered.
void PrintTiming(const sim::Execution& execution, double wall_s, double cpu_s) {
  int64_t entered = 0;
#define SFN_EVENT(name)                                                         \
  if (std::string_view(#name).ends_with("StateEntered")) {                      \
    entered += execution.history().count(sim::EventType::k##name);              \
  }
#include "simulator/history/event_types.def"
#undef SFN_EVENT
  const int64_t events = execution.history().count();
  asl::Json line = {{"exec_s", wall_s},
                    {"exec_cpu_s", cpu_s},
                    {"history_events", events},
                    {"state_transitions", entered},
                    {"events_per_s", wall_s > 0 ? static_cast<double>(events) / wall_s : 0.0}};
  Err("{}\n", asl::Dump(line));
}

// The execution input as text, checked to be JSON as StartExecution requires.
std::optional<std::string> ReadInput(const std::string& path) {
  if (path.empty()) return "{}";
  std::string text;
  std::string name = path;
  if (path == "-") {
    name = "<stdin>";
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    auto read = asl::ReadTextFile(path);
    if (!read.ok()) {
      PrintFileDiagnostics(read.error(), path);
      return std::nullopt;
    }
    text = std::move(read.value());
  }
  auto parsed = asl::ParseText(text, asl::TextSyntax::kJson);
  if (!parsed.ok()) {
    for (const asl::TextError& e : parsed.error()) {
      // An error about the whole text (an empty file) has no line: name the file alone.
      std::string where = e.line > 0 ? fmt::format("{}:{}:{}", name, e.line, e.column) : name;
      Err("{}: the execution input must be JSON: {}\n", where, e.message);
    }
    return std::nullopt;
  }
  return text;
}

// The name executions and mock test cases know the machine by: the flag, the template's
// StateMachineName, else the file name without its extensions.
std::string MachineName(const ExecuteArgs& args, const asl::DefinitionFile& file) {
  if (!args.state_machine_name.empty()) return args.state_machine_name;
  if (!file.loaded.state_machine_name.empty()) return file.loaded.state_machine_name;
  std::string stem = std::filesystem::path(args.definition_path).filename().string();
  stem = stem.substr(0, stem.find('.'));
  return stem.empty() ? "StateMachine" : stem;
}

int RunExecute(const ExecuteArgs& args) {
  asl::LoadOptions load_options;
  if (!args.definition.ToLoadOptions(load_options)) return kExitUsage;
  asl::DefinitionFile file =
      asl::ReadDefinitionFile(args.definition_path, load_options, args.definition.type);
  for (const std::string& message : file.messages) Err("{}\n", message);
  if (!file.valid()) return DefinitionExitCode(file);
  std::optional<uint64_t> seed;
  if (args.seed_given) {
    std::string error;
    seed = ParseSeed(args.seed, &error);
    if (!seed) {
      Err("sfnsim execute: --seed {}\n", error);
      return kExitUsage;
    }
  }

  std::optional<std::string> input = ReadInput(args.input_path);
  if (!input) return kExitUsage;

  // Everything the simulation refers to must outlive it: declare these first.
  std::optional<sim::MockConfig> mocks;
  std::unique_ptr<sim::ScriptedBackend> scripted;
  std::optional<sim::WorldConfig> world_config;
  std::unique_ptr<sim::StreamingSink> history;

  sim::SimulationConfig settings;
  if (!args.world_path.empty()) {
    auto loaded = sim::LoadWorld(args.world_path, args.policy.Policy());
    if (!loaded.ok()) {
      PrintFileDiagnostics(loaded.error(), args.world_path);
      return kExitUsage;
    }
    world_config = std::move(loaded.value());
    world_config->ApplyTo(settings);
  }
  if (seed) {
    settings.seed = *seed;
    // As for `run`: the command-line seed replaces the world's everywhere (generated tables too).
    if (world_config) world_config->OverrideSeed(*seed);
  }
  settings.max_state_entries = args.max_steps;
  if (!args.start_time.empty()) {
    auto instant = asl::ParseRfc3339(args.start_time);
    if (!instant) {
      Err("sfnsim execute: --start-time \"{}\": expected an RFC 3339 timestamp such as "
          "2024-01-01T00:00:00Z\n",
          args.start_time);
      return kExitUsage;
    }
    settings.start_time = sim::SimTime{instant->UnixMillis()};
  }

  const std::string machine_name = MachineName(args, file);
  if (!args.mock_config.empty() || !args.test_case.empty()) {
    if (args.mock_config.empty() || args.test_case.empty()) {
      Err("sfnsim execute: --mock-config and --test-case go together\n");
      return kExitUsage;
    }
    auto loaded = sim::MockConfig::Load(args.mock_config);
    if (!loaded.ok()) {
      PrintFileDiagnostics(loaded.error(), args.mock_config);
      return kExitUsage;
    }
    mocks = std::move(loaded.value());
    // An explicit machine name selects it in the mock file; otherwise the test case is looked
    // up across the file's machines.
    auto states = mocks->TestCase(args.state_machine_name, args.test_case);
    if (!states.ok()) {
      Err("{}: {}\n", args.mock_config, states.error());
      return kExitUsage;
    }
    scripted = std::make_unique<sim::ScriptedBackend>(std::move(states.value()));
  }

  if (!args.history_path.empty()) {
    history = std::make_unique<sim::StreamingSink>(args.history_path);
    if (!history->ok()) {
      PrintCannotWrite(fmt::format("{} (--history)", args.history_path),
                       std::strerror(history->error()));
      return kExitUsage;
    }
  }

  sim::Simulation simulation(settings);
  std::unique_ptr<sim::World> world;
  // Scripted responses take precedence over the world's services.
  if (scripted) simulation.AddBackend(scripted.get());
  std::shared_ptr<const asl::StateMachine> machine = std::move(file.parsed.machine);
  if (world_config) {
    world = std::make_unique<sim::World>(std::move(*world_config));
    auto installed = world->Install(simulation);
    if (!installed.ok()) {
      Err("{}: {}\n", args.world_path, installed.error());
      return kExitUsage;
    }
    auto registered = world->RegisterStateMachine(machine_name, machine, file.express);
    if (!registered.ok()) {
      Err("sfnsim execute: {}\n", registered.error());
      return kExitUsage;
    }
  }

  // What StartExecution would refuse: a name it does not allow, an input over 256 KiB.
  // Say which flag holds what is refused: the name alone with an empty input is enough to tell.
  if (auto refused = sim::CheckStartExecution(args.execution_name, *input)) {
    std::string flag = sim::CheckStartExecution(args.execution_name, "{}")
                           ? fmt::format("--name \"{}\"", args.execution_name)
                           : fmt::format("--input {}", args.input_path);
    // Escaped: the name may hold control characters (the reason it is refused).
    Err("sfnsim execute: {}: StartExecution refuses it: {}: {}\n", flag, refused->code,
        refused->message);
    return kExitUsage;
  }
  sim::ExecutionSpec spec;
  spec.machine = machine;
  spec.state_machine_name = machine_name;
  spec.name = args.execution_name;
  spec.input_text = *input;
  spec.express = file.express;
  spec.sink = history.get();
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = ProcessCpuSeconds();
  sim::Execution& execution = simulation.StartExecution(std::move(spec));
  simulation.Run();
  if (args.timing) {
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
    PrintTiming(execution, wall.count(), ProcessCpuSeconds() - cpu_start);
  }

  OutJson(execution.Describe().dump(4));
  if (history) history->Finish();
  if (history && !history->ok()) {
    // The sink names the file and says what happened (a write error, or its size bound).
    if (history->truncated()) {
      Err("sfnsim execute: --history {}\n", history->problem());
    } else {
      PrintCannotWrite(fmt::format("{} (--history)", args.history_path),
                       std::strerror(history->error() != 0 ? history->error() : EIO));
    }
    return kExitUsage;
  }
  if (!execution.ended() && simulation.halted() && !simulation.halt_reason().empty()) {
    Err("sfnsim execute: {}\n", simulation.halt_reason());
    return kExitFailed;
  }
  if (!execution.ended() && simulation.halted()) {
    Err("sfnsim execute: stopped after {} states entered with the execution still RUNNING: a "
        "loop that never advances virtual time? (an EXPRESS loop of Pass and Choice states "
        "would run into its 5-minute timeout on AWS; sfnsim's transitions take no virtual "
        "time, see docs/known-differences.md). Raise --max-steps if the run is just long.\n",
        simulation.state_entries());
    return kExitFailed;
  }
  if (!execution.ended()) {
    Err("sfnsim execute: the execution is still RUNNING with nothing left to happen (a task "
        "token no one sends back, or a task no backend answers)\n");
    return kExitFailed;
  }
  return execution.status() == sim::ExecutionStatus::kSucceeded ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterExecute(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExecuteArgs>();
  CLI::App* cmd = app.add_subcommand(
      "execute",
      "Run one execution of a definition on the virtual clock and print it like\n"
      "`aws stepfunctions describe-execution`.\n"
      "Exit 0: SUCCEEDED; 1: FAILED, TIMED_OUT, ABORTED or stuck, or an invalid definition;\n"
      "2: bad usage, input that cannot be read (a malformed file, an invalid world or mock\n"
      "config) or an output that cannot be written.");
  cmd->add_option("DEFINITION", args->definition_path,
                  "ASL JSON/YAML, or a CloudFormation/SAM template")
      ->required();
  args->definition.AddTo(*cmd);
  cmd->add_option("--input", args->input_path, "The execution input: a JSON file, or - for stdin");
  cmd->add_option("--mock-config", args->mock_config,
                  "AWS Step Functions Local MockConfigFile with scripted task responses");
  cmd->add_option("--test-case", args->test_case, "The mock file's test case to use");
  cmd->add_option("--state-machine-name", args->state_machine_name,
                  "State machine name (in ARNs and to pick the mock file's machine)");
  cmd->add_option("--name", args->execution_name,
                  "Execution name (default: a UUID drawn from the seed)");
  cmd->add_option("--history", args->history_path,
                  "Write the history like `aws stepfunctions get-execution-history`");
  cmd->add_option("--world", args->world_path,
                  "World file: the simulated services, data, faults and quotas (docs/world.md)");
  cmd->add_option("--start-time", args->start_time,
                  "Virtual time the execution starts at (default 2024-01-01T00:00:00Z)");
  cmd->add_option("--seed", args->seed,
                  "Seed of the run's random choices: 0 to 18446744073709551615 (default: the "
                  "world's, else 0)")
      ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--max-steps", args->max_steps,
                  "Stop after this many states entered (a guard against endless loops; "
                  "0: no limit)")
      ->check(UnsignedDecimal());
  args->policy.AddTo(*cmd);
  cmd->add_flag("--timing", args->timing,
                 "Print the execution's real time, CPU time, history events and states entered "
                 "as one JSON line on stderr");
  cmd->callback([args, &exit_code] { exit_code = RunExecute(*args); });
}

}  // namespace sfnsim_cli
