// sfnsim execute DEFINITION: one execution on the virtual clock, printed like
// `aws stepfunctions describe-execution`; its history optionally written like
// `aws stepfunctions get-execution-history`.

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>

#include "asl/base/json.h"
#include "asl/load/definition_file.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/harness/environment.h"
#include "simulator/harness/execute_setup.h"
#include "simulator/harness/start_refusal.h"
#include "simulator/history/history_sink.h"
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

// A file's diagnostics; whole lines as they are; else a message about a file or a flag.
int SetupFailed(const sim::ExecuteSetupError& e) {
  if (e.diagnostics) {
    PrintFileDiagnostics(*e.diagnostics, e.file);
  } else if (e.message.ends_with('\n')) {
    Err("{}", e.message);
  } else {
    Err("{}: {}\n", e.file.empty() ? "sfnsim execute" : e.file, e.message);
  }
  return kExitUsage;
}

int RunExecute(const ExecuteArgs& args) {
  asl::LoadOptions load_options;
  if (!args.definition.ToLoadOptions(load_options)) return kExitUsage;
  asl::DefinitionFile file =
      asl::ReadDefinitionFile(args.definition_path, load_options, args.definition.type);
  for (const std::string& message : file.messages) Err("{}\n", message);
  if (!file.valid()) return DefinitionExitCode(file);
  std::optional<uint64_t> seed;
  std::string seed_error;
  if (args.seed_given && !(seed = ParseSeed(args.seed, &seed_error))) {
    Err("sfnsim execute: --seed {}\n", seed_error);
    return kExitUsage;
  }
  auto input = sim::ReadExecutionInput(args.input_path);
  if (!input.ok()) return SetupFailed(input.error());

  // The environment owns the mocks, the world and the simulation, in the order they need.
  sim::ExecuteSettings settings{args.world_path, args.policy.Policy(), seed, args.start_time,
                                args.max_steps, args.mock_config, args.test_case,
                                args.state_machine_name};
  auto options = sim::BuildExecuteOptions(settings);
  if (!options.ok()) return SetupFailed(options.error());
  const std::string machine_name = sim::ExecutionMachineName(
      args.state_machine_name, file.loaded.state_machine_name, args.definition_path);

  std::unique_ptr<sim::StreamingSink> history_file;
  if (!args.history_path.empty()) {
    history_file = std::make_unique<sim::StreamingSink>(args.history_path);
    if (!history_file->ok()) {
      PrintCannotWrite(fmt::format("{} (--history)", args.history_path),
                       std::strerror(history_file->error()));
      return kExitUsage;
    }
  }
  sim::StreamingSink* history = history_file.get();
  auto created = sim::Environment::Create(std::move(options.value()));
  if (!created.ok()) {
    Err("{}: {}\n", args.world_path, created.error());
    return kExitUsage;
  }
  sim::Environment& env = **created;
  std::shared_ptr<const asl::StateMachine> machine = std::move(file.parsed.machine);
  if (env.world() != nullptr) {
    auto registered = env.RegisterStateMachine(machine_name, machine, file.express);
    if (!registered.ok()) {
      Err("sfnsim execute: {}\n", registered.error());
      return kExitUsage;
    }
  }

  // What StartExecution would refuse; escaped: the name may hold control characters.
  if (std::string refused = sim::StartRefusal(args.execution_name, *input, args.input_path);
      !refused.empty()) {
    Err("sfnsim execute: {}\n", refused);
    return kExitUsage;
  }
  sim::ExecutionSpec spec;
  spec.machine = machine;
  spec.state_machine_name = machine_name;
  spec.name = args.execution_name;
  spec.input_text = *input;
  spec.express = file.express;
  sim::StartOptions start;
  start.sink = std::move(history_file);
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = sim::ProcessCpuSeconds();
  sim::Execution& execution = env.Start(std::move(spec), std::move(start));
  env.RunUntilIdle();
  if (args.timing) {
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - wall_start;
    Err("{}\n", asl::Dump(sim::TimingJson(execution, wall.count(),
                                          sim::ProcessCpuSeconds() - cpu_start)));
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
  if (std::string reason = sim::UnfinishedReason(execution, env.simulation()); !reason.empty()) {
    Err("sfnsim execute: {}\n", reason);
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
