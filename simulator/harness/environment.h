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
// it wants one (a MockConfigFile test case per execution), runs the clock until only callers'
// answers can move it on (RunUntilBlocked), and forgets executions it no longer answers for
// (Forget), so it can run millions of them:
//
//   sim::Execution& run = env->Start(std::move(spec), std::move(start));
//   env->RunUntilBlocked();          // a Wait 3600 runs through: the clock moves an hour
//   env->SendTaskSuccess(token, output);
//   env->RunUntilBlocked();          // the execution waiting on `token` goes on
//   if (run.ended()) env->Forget(run);
//
// Every execution shares one virtual clock. RunUntilBlocked stops in front of the first token
// deadline anyone is waiting on, so a long Wait of one execution that ends after another's
// open token deadline waits too, until that token is answered or RunUntil / AdvanceBy moves the
// clock past the deadline (the task then times out, as on AWS).

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
  // Replaces the world's engine latency (absent: the world's, else AWS's defaults).
  std::optional<EngineLatency> engine_latency;
  uint64_t max_state_entries = 0;  // SimulationConfig::max_state_entries (0: no bound)
  // SimulationConfig::max_executions (executions held at once; absent: its default).
  std::optional<uint64_t> max_executions;
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
  // Null once the execution is forgotten.
  Execution* Find(const std::string& arn) const { return simulation_->FindExecution(arn); }

  // Lets go of an execution that has ended, and of every execution it started (nested
  // states:startExecution children, a Distributed Map's children: forgotten with it, never
  // left behind): they leave every index (Find returns null), and their memory comes back with
  // the history sinks and scripted backends Start took for them. Timers still queued for them
  // are dropped and reports to them ignored, so nothing reaches freed memory. False, and
  // nothing forgotten, while the execution, one it started, or the one that started it is
  // still running. `execution` must be held (not forgotten before). Sinks given as
  // EnvironmentOptions::child_sinks belong to the caller, who may free them after this.
  bool Forget(Execution& execution);
  // Executions held: started and not forgotten (SimulationConfig::max_executions bounds it).
  size_t execution_count() const { return simulation_->executions().size(); }

  // Runs the virtual clock until nothing is left to happen or a guard halts the run. A task
  // token no one answers does not stop it: the execution's own timeout (a year for STANDARD)
  // is a timer like any other.
  void RunUntilIdle();
  // Runs the virtual clock until nothing is left to happen, a guard halts the run, or the next
  // thing to happen is a deadline that only a caller's answer can still prevent: the
  // TimeoutSeconds or HeartbeatSeconds of a task waiting on a task token (.waitForTaskToken,
  // an activity) no one has answered, or the timeout of an execution waiting on such a task
  // (itself or through a .sync / Distributed Map child). The clock stays at the last timer
  // fired, short of that deadline. Timers made stale (a task that ended, an execution stopped)
  // never stop it and never move the clock. See the header comment: the clock is shared.
  void RunUntilBlocked() { simulation_->RunUntilBlocked(); }
  // Fires everything due at or before `until`, then sets the clock to it (a token deadline
  // too: the task times out).
  void RunUntil(SimTime until) { simulation_->RunUntil(until); }
  void AdvanceBy(Duration duration) { RunUntil(now() + duration); }
  // When the next timer that would do something is due, a token deadline included (nullopt:
  // none, or the run halted): a driver running the simulation in wall-clock or scaled time
  // sleeps until then, or until a request comes. Cheap: fires and drops nothing.
  std::optional<SimTime> NextEventTime() const { return simulation_->NextEventTime(); }
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
  // What Start took for one execution, by its id (freed when it is forgotten).
  std::unordered_map<uint64_t, std::unique_ptr<ServiceBackend>> scripted_;
  std::unordered_map<uint64_t, std::unique_ptr<HistorySink>> sinks_;
  std::unique_ptr<Simulation> simulation_;
  std::unique_ptr<World> world_;
};

}  // namespace sim
