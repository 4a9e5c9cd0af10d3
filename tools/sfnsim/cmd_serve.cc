// sfnsim serve: the Step Functions API on localhost (AWS JSON 1.0, Step Functions Local's port
// 8083), for test suites that drive state machines through an SDK or the AWS CLI (docs/serve.md).

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "server/http_server.h"
#include "simulator/api/api_clock.h"
#include "simulator/api/step_functions_api.h"
#include "simulator/harness/execute_setup.h"
#include "simulator/services/mock_config.h"
#include "tools/sfnsim/commands.h"
#include "tools/sfnsim/load_policy_options.h"
#include "tools/sfnsim/number_flags.h"
#include "tools/sfnsim/output.h"
#include "tools/sfnsim/print_diagnostics.h"

namespace sfnsim_cli {

namespace {

struct ServeArgs {
  server::ServerOptions server;
  std::string world_path;
  std::string mock_config;
  std::string time = "virtual";
  std::string start_time;
  std::string seed;
  bool seed_given = false;
  uint64_t retain = 10'000;
  LoadPolicyOptions policy;
};

int RunServe(const ServeArgs& args) {
  auto clock = sim::api::ParseClockMode(args.time);
  if (!clock.ok()) {
    Err("sfnsim serve: --time {}\n", clock.error());
    return kExitUsage;
  }
  std::optional<uint64_t> seed;
  std::string seed_error;
  if (args.seed_given && !(seed = ParseSeed(args.seed, &seed_error))) {
    Err("sfnsim serve: --seed {}\n", seed_error);
    return kExitUsage;
  }
  sim::ExecuteSettings settings;
  settings.world_path = args.world_path;
  settings.policy = args.policy.Policy();
  settings.seed = seed;
  settings.start_time = args.start_time;
  auto environment = sim::BuildExecuteOptions(settings);
  if (!environment.ok()) {
    const sim::ExecuteSetupError& e = environment.error();
    if (e.diagnostics) {
      PrintFileDiagnostics(*e.diagnostics, e.file);
    } else {
      Err("{}: {}\n", e.file.empty() ? "sfnsim serve" : e.file, e.message);
    }
    return kExitUsage;
  }
  sim::api::ApiOptions options;
  options.environment = std::move(environment.value());
  options.clock = *clock;
  options.retained_executions = args.retain;
  if (!args.mock_config.empty()) {
    auto mocks = sim::MockConfig::Load(args.mock_config);
    if (!mocks.ok()) {
      PrintFileDiagnostics(mocks.error(), args.mock_config);
      return kExitUsage;
    }
    options.mocks = std::make_shared<const sim::MockConfig>(std::move(mocks.value()));
  }
  auto api = sim::api::StepFunctionsApi::Create(std::move(options));
  if (!api.ok()) {
    Err("{}: {}\n", args.world_path, api.error());
    return kExitUsage;
  }
  server::HttpServer http(**api, args.server);
  auto port = http.Bind();
  if (!port.ok()) {
    Err("sfnsim serve: {}\n", port.error());
    return kExitUsage;
  }
  http.Run([&] {
    // One line a script can wait for (and read the port from when --port 0 picked one).
    Out("sfnsim serve: listening on http://{}:{} ({} clock)\n", args.server.host, *port,
        args.time);
    std::fflush(stdout);
  });
  Err("sfnsim serve: stopped\n");
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the Step Functions API on localhost (AWS JSON 1.0, as Step Functions Local on\n"
      "port 8083): point an SDK or the AWS CLI at http://HOST:PORT (docs/serve.md).\n"
      "Runs until SIGTERM or SIGINT. Exit 0 after a clean shutdown; 2: bad usage, a world or\n"
      "mock config that cannot be read, or an address that cannot be listened on.");
  cmd->add_option("--host", args->server.host, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", args->server.port, "Port (default 8083; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--world", args->world_path,
                  "World file: the simulated services, data, faults and quotas (docs/world.md)");
  cmd->add_option("--mock-config", args->mock_config,
                  "AWS Step Functions Local MockConfigFile: StartExecution with "
                  "<stateMachineArn>#<TestCase> runs that test case");
  cmd->add_option("--time", args->time,
                  "virtual (default: executions run at once on the simulation's clock), real "
                  "(waits take wall time) or scale=N (N times faster than real)");
  cmd->add_option("--start-time", args->start_time,
                  "The virtual clock's start (default 2024-01-01T00:00:00Z; virtual time only)");
  cmd->add_option("--seed", args->seed,
                  "Seed of every random choice (ids, latencies, faults): 0 to "
                  "18446744073709551615 (default: the world's, else 0)")
      ->each([args](const std::string&) { args->seed_given = true; });
  cmd->add_option("--retain", args->retain,
                  "Ended executions kept for Describe/GetExecutionHistory/ListExecutions; the "
                  "oldest are forgotten beyond it (default 10000)")
      ->check(UnsignedDecimal());
  cmd->add_option("--threads", args->server.threads,
                  "Connections served at once (default 64)")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--verbose", args->server.verbose, "A log line per request on stderr");
  args->policy.AddTo(*cmd);
  cmd->callback([args, &exit_code] { exit_code = RunServe(*args); });
}

}  // namespace sfnsim_cli
