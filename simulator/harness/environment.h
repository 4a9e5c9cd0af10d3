#pragma once
// Environment: the one place a simulation is built. It owns, in the order their lifetimes
// need, everything a run refers to: the objects the front backends point into, the front
// backends (scripted mocks, recorded outcomes, a checker's scripted results), the history sinks,
// the Simulation, and the World installed in it. `execute`, `run`, `replay`, `budget --check`
// and `balance` build their runs through it, so the ordering rules that used to live in
// comments ("declare these first") are enforced by the type (docs/architecture.md, "How a run
// is built"):
//
//   sim::EnvironmentOptions options;
//   options.world = std::move(world_config);          // optional: no world, no services
//   options.seed = command_line_seed;                  // wins over the world's, everywhere
//   options.front_backends.push_back(std::move(mocks)); // answered before the world's services
//   auto env = sim::Environment::Create(std::move(options));
//   if (!env.ok()) … env.error() says why the world could not be installed
//   sim::Execution& run = (*env)->Start(std::move(spec));
//   (*env)->RunUntilIdle();
//
// In the spirit of Temporal's test environment: one object to start executions into, drive the
// virtual clock, answer task tokens and stop executions; a long-lived one (the API server) keeps
// registering machines and starting executions into it, each with its own scripted backend if
// it wants one (a MockConfigFile test case per execution).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/engine/execution_spec.h"
#include "simulator/engine/simulation.h"
#include "simulator/history/history_sink.h"
#include "simulator/services/delivery_observer.h"
#include "simulator/engine/service_backend.h"
#include "simulator/world/world.h"
#include "simulator/world/world_config.h"

namespace sim {

class Execution;

struct EnvironmentOptions {
  // The simulated account (null: executions run against the front backends alone, as replay
  // without --world and budget --check do).
  std::optional<WorldConfig> world;
  // The run's seed from the command line: replaces the world's for every seeded choice (the
  // simulation's generator and generated tables). Absent: the world's, else 0.
  std::optional<uint64_t> seed;
  // Overrides of the world's settings (a recorded history's account and start, --start-time).
  std::optional<SimTime> start_time;
  std::optional<std::string> partition;
  std::optional<std::string> region;
  std::optional<std::string> account;
  uint64_t max_state_entries = 0;  // SimulationConfig::max_state_entries (0: no bound)
  // Consulted before the world's services, in this order; owned by the environment.
  std::vector<std::unique_ptr<ServiceBackend>> front_backends;
  // Objects the front backends refer to (a mock file, recorded outcomes): kept alive until the
  // environment is gone.
  std::vector<std::shared_ptr<const void>> retained;
  // Where nested executions' histories go (needs a world; default: counted only).
  std::function<HistorySink*(const ExecutionSpec&)> child_sinks;
};

// What Start needs beyond the ExecutionSpec: backends and a sink for this execution alone.
struct StartOptions {
  // Answers this execution's tasks before every other backend (a MockConfigFile test case
  // chosen per StartExecution, `<stateMachineArn>#<TestCase>`); it falls through to the others
  // by declining a task. Owned by the environment from then on.
  std::unique_ptr<ServiceBackend> scripted;
  // The execution's history, owned by the environment (spec.sink, when set, is not owned).
  std::unique_ptr<HistorySink> sink;
};

class Environment {
 public:
  // Builds the simulation from the options' settings and installs the world. Fails with the
  // world's own message when it cannot be installed.
  static asl::Result<std::unique_ptr<Environment>, std::string> Create(EnvironmentOptions options);

  // The settings Create builds the simulation with (known before it is built, so a report can
  // name its seed and start even when the world fails to install).
  static SimulationConfig SettingsFor(const EnvironmentOptions& options);

  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  // The settings the simulation was built with (seed, start, account) after every override.
  const SimulationConfig& settings() const { return simulation_->config(); }
  Simulation& simulation() { return *simulation_; }
  // Null when the options had no world.
  World* world() { return world_.get(); }
  SimTime now() const { return simulation_->now(); }

  // A machine executions may start by name or ARN (states:startExecution, the server's
  // CreateStateMachine). Without a world there is nothing to register with: fails.
  asl::Result<std::string, std::string> RegisterStateMachine(
      const std::string& name, std::shared_ptr<const asl::StateMachine> machine,
      bool express = false);

  // Starts an execution now; a spec without a name gets a UUID drawn from the seed.
  Execution& Start(ExecutionSpec spec, StartOptions start = {});
  Execution* Find(const std::string& arn) const { return simulation_->FindExecution(arn); }

  // Runs the virtual clock until nothing is left to happen or a guard halts the run. A task
  // token no one answers does not stop it: the execution's own timeout (a year for STANDARD)
  // is a timer like any other. A server that must stop where only outside answers remain
  // needs the engine to tell those timers apart (not done yet); RunUntil bounds it meanwhile.
  void RunUntilIdle();
  // Fires everything due at or before `until`, then sets the clock to it.
  void RunUntil(SimTime until) { simulation_->RunUntil(until); }
  bool idle() const { return simulation_->idle(); }
  bool halted() const { return simulation_->halted(); }

  // The task-token API, at the current virtual time (false: no such open token, or no world).
  bool SendTaskSuccess(const std::string& token, asl::Json output);
  bool SendTaskFailure(const std::string& token, std::optional<std::string> error,
                       std::optional<std::string> cause);
  bool SendTaskHeartbeat(const std::string& token);
  // Told of every record a service of the world accepts (World::AddDeliveryObserver: SNS, SQS,
  // DynamoDB). Not owned; must outlive the runs. No world: nothing to observe.
  void AddDeliveryObserver(DeliveryObserver* observer);

  // StopExecution: ends a running execution ABORTED now (false: it had already ended).
  bool Stop(Execution& execution, std::optional<std::string> error = std::nullopt,
            std::optional<std::string> cause = std::nullopt);

 private:
  class ExecutionRouter;
  Environment() = default;

  // Members are destroyed in reverse order: the world before the simulation whose timers aim
  // at it, the simulation before the backends and sinks it points to, those before what they
  // refer to.
  std::vector<std::shared_ptr<const void>> retained_;
  std::vector<std::unique_ptr<ServiceBackend>> backends_;
  std::unique_ptr<ExecutionRouter> router_;
  std::vector<std::unique_ptr<HistorySink>> sinks_;
  std::unique_ptr<Simulation> simulation_;
  std::unique_ptr<World> world_;
};

}  // namespace sim
