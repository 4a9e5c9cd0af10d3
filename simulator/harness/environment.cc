#include "simulator/harness/environment.h"

#include <utility>

#include "simulator/engine/execution.h"

namespace sim {

// First of the simulation's backends: hands an execution's tasks to the backend that execution
// was started with (Start's StartOptions::scripted). Executions started without one, and tasks
// their backend declines, go on to the environment's front backends and then the world's.
class Environment::ExecutionRouter final : public ServiceBackend {
 public:
  void Route(uint64_t execution_id, ServiceBackend* backend) {
    by_execution_[execution_id] = backend;
  }
  void Unroute(uint64_t execution_id) { by_execution_.erase(execution_id); }
  bool Invoke(const TaskRequest& request, const TaskHandle& handle) override {
    if (by_execution_.empty()) return false;
    auto it = by_execution_.find(request.execution_id);
    return it != by_execution_.end() && it->second->Invoke(request, handle);
  }

 private:
  std::unordered_map<uint64_t, ServiceBackend*> by_execution_;
};

asl::Result<std::unique_ptr<Environment>, std::string> Environment::Create(
    EnvironmentOptions options) {
  std::unique_ptr<Environment> env(new Environment());
  env->retained_ = std::move(options.retained);
  env->backends_ = std::move(options.front_backends);
  env->router_ = std::make_unique<ExecutionRouter>();

  const SimulationConfig settings = SettingsFor(options);
  // The command line's seed replaces the world's for every seeded choice: its generated tables
  // are reseeded too.
  if (options.world && options.seed) options.world->OverrideSeed(*options.seed);

  env->simulation_ = std::make_unique<Simulation>(settings);
  // Per-execution scripts first, then the front backends, then the world's services.
  env->simulation_->AddBackend(env->router_.get());
  for (const auto& backend : env->backends_) env->simulation_->AddBackend(backend.get());
  if (options.world) {
    env->world_ = std::make_unique<World>(std::move(*options.world));
    if (options.child_sinks) env->world_->SetChildSinkFactory(std::move(options.child_sinks));
    if (auto installed = env->world_->Install(*env->simulation_); !installed.ok()) {
      return asl::Fail(installed.error());
    }
  }
  return env;
}

SimulationConfig Environment::SettingsFor(const EnvironmentOptions& options) {
  // The world's settings, then the command line's seed, then the caller's overrides.
  SimulationConfig settings;
  // Without a world, the engine takes the time a world's defaults give it (docs/world.md).
  settings.engine_latency = EngineLatency::AwsDefaults();
  if (options.world) options.world->ApplyTo(settings);
  if (options.seed) settings.seed = *options.seed;
  if (options.partition) settings.partition = *options.partition;
  if (options.region) settings.region = *options.region;
  if (options.account) settings.account = *options.account;
  if (options.start_time) settings.start_time = *options.start_time;
  if (options.engine_latency) settings.engine_latency = *options.engine_latency;
  settings.max_state_entries = options.max_state_entries;
  if (options.max_executions) settings.max_executions = *options.max_executions;
  return settings;
}

Environment::~Environment() = default;

asl::Result<std::string, std::string> Environment::RegisterStateMachine(
    const std::string& name, std::shared_ptr<const asl::StateMachine> machine, bool express) {
  if (!world_) {
    return asl::Fail(std::string("state machine \"" + name +
                                 "\" cannot be registered: the environment has no world"));
  }
  return world_->RegisterStateMachine(name, std::move(machine), express);
}

Execution& Environment::Start(ExecutionSpec spec, StartOptions start) {
  if (spec.name.empty()) spec.name = simulation_->NewUuid();
  // The simulation numbers executions 1, 2, … in start order (Execution::id).
  const uint64_t id = simulation_->next_execution_id();
  if (start.sink) {
    spec.sink = start.sink.get();
    sinks_[id] = std::move(start.sink);
  }
  if (start.scripted) {
    // Routed before the start: the first state may call its task at once.
    router_->Route(id, start.scripted.get());
    scripted_[id] = std::move(start.scripted);
  }
  return simulation_->StartExecution(std::move(spec));
}

bool Environment::Forget(Execution& execution) {
  std::vector<uint64_t> forgotten = simulation_->Forget(execution);
  // The executions may wait a moment for their memory (Simulation::Forget batches it), but
  // nothing writes to their sinks or calls their backends once they have ended.
  for (uint64_t id : forgotten) {
    router_->Unroute(id);
    scripted_.erase(id);
    sinks_.erase(id);
  }
  return !forgotten.empty();
}

void Environment::RunUntilIdle() {
  while (!simulation_->idle() && !simulation_->halted()) simulation_->Run();
}

bool Environment::SendTaskSuccess(const std::string& token, asl::Json output) {
  return world_ && world_->SendTaskSuccess(token, std::move(output));
}

bool Environment::SendTaskFailure(const std::string& token, std::optional<std::string> error,
                                  std::optional<std::string> cause) {
  return world_ && world_->SendTaskFailure(token, std::move(error), std::move(cause));
}

bool Environment::SendTaskHeartbeat(const std::string& token) {
  return world_ && world_->SendTaskHeartbeat(token);
}

void Environment::AddDeliveryObserver(DeliveryObserver* observer) {
  if (world_) world_->AddDeliveryObserver(observer);
}

bool Environment::Stop(Execution& execution, std::optional<std::string> error,
                       std::optional<std::string> cause) {
  if (execution.ended()) return false;
  execution.Stop(std::move(error), std::move(cause));
  return true;
}

}  // namespace sim
