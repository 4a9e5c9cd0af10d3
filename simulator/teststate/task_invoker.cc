// The one-off environment an unmocked TestState Task calls its service through.

#include "simulator/teststate/task_invoker.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <utility>

#include "simulator/engine/service_backend.h"
#include "simulator/harness/environment.h"

namespace sim {

namespace {

// Receives what the backend reports for the one task; only its end matters to TestState.
class OutcomeReceiver final : public TaskReceiver {
 public:
  void TaskStarted(uint64_t, SimTime, std::string) override {}
  void TaskSubmitted(uint64_t, SimTime, asl::Json) override {}
  void TaskHeartbeat(uint64_t, SimTime) override {}
  void TaskSucceeded(uint64_t, SimTime, asl::Json output) override {
    if (outcome_) return;
    outcome_.emplace();
    outcome_->succeeded = true;
    outcome_->result = std::move(output);
  }
  void TaskFailed(uint64_t, SimTime, asl::Error error) override {
    if (outcome_) return;
    outcome_.emplace();
    outcome_->error = std::move(error);
  }
  void TaskOnAbandon(uint64_t, std::function<void()>) override {}

  std::optional<TaskCallOutcome>& outcome() { return outcome_; }

 private:
  std::optional<TaskCallOutcome> outcome_;
};

}  // namespace

asl::Result<TaskCallOutcome, TestStateFailure> CallWorld(const TestStateOptions& options,
                                                         const asl::State& state,
                                                         const asl::Json& parameters,
                                                         const TaskCaller& caller) {
  const asl::TaskResource& resource = *state.resource;
  EnvironmentOptions env_options;
  env_options.world = *options.world;
  env_options.seed = options.seed;
  env_options.start_time = options.now;
  env_options.region = options.region;
  env_options.account = options.account;
  auto env = Environment::Create(std::move(env_options));
  if (!env.ok()) {
    return asl::Fail(TestStateFailure{
        "ValidationException",
        fmt::format("The world cannot serve the Task state's Resource '{}': {}", resource.arn,
                    env.error())});
  }
  OutcomeReceiver receiver;
  TaskRequest request;
  request.resource = &resource;
  request.parameters = &parameters;
  request.state_name = caller.state_name;
  request.execution_arn = caller.execution_arn;
  request.execution_name = caller.execution_name;
  request.state_machine_arn = caller.state_machine_arn;
  request.lane = [] { return std::string(); };
  request.now = (*env)->now();
  TaskHandle handle(&receiver, 1);
  bool served = false;
  for (ServiceBackend* backend : (*env)->simulation().backends()) {
    if (backend->Invoke(request, handle)) {
      served = true;
      break;
    }
  }
  if (!served) {
    return asl::Fail(TestStateFailure{
        "ValidationException",
        fmt::format("The world has no simulated service for the Task state's Resource '{}'",
                    resource.arn)});
  }
  (*env)->RunUntilIdle();
  if (!receiver.outcome()) {
    return asl::Fail(TestStateFailure{
        "ValidationException",
        fmt::format("The simulated service for Resource '{}' did not answer", resource.arn)});
  }
  return std::move(*receiver.outcome());
}

}  // namespace sim
