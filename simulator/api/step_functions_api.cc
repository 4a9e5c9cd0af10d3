#include "simulator/api/step_functions_api.h"

#include <fmt/format.h>

#include <exception>
#include <utility>

#include "simulator/api/api_internal.h"
#include "simulator/api/served_history.h"
#include "simulator/clock/sim_time.h"
#include "simulator/engine/execution.h"
#include "simulator/services/states/sfn_service.h"

namespace sim::api {

asl::Result<std::unique_ptr<StepFunctionsApi>, std::string> StepFunctionsApi::Create(
    ApiOptions options) {
  std::unique_ptr<StepFunctionsApi> api(new StepFunctionsApi(std::move(options)));
  EnvironmentOptions& environment = api->options_.environment;
  // Machines created through the API are registered with the world so that nested
  // states:startExecution tasks find them: the server always has one, empty when none is given.
  if (!environment.world) environment.world.emplace();
  api->world_config_ = *environment.world;
  if (!api->options_.clock.is_virtual) environment.start_time = SystemNow();
  auto created = Environment::Create(std::move(environment));
  if (!created.ok()) return asl::Fail(std::move(created.error()));
  api->env_ = std::move(created.value());
  if (!api->options_.clock.is_virtual) {
    api->wall_.emplace(api->options_.clock, api->env_->now());
  }
  api->env_->simulation().OnExecutionEnded(
      [raw = api.get()](Execution& execution) { raw->NoteEnded(execution); });
  return api;
}

StepFunctionsApi::StepFunctionsApi(ApiOptions options) : options_(std::move(options)) {}
StepFunctionsApi::~StepFunctionsApi() = default;

const std::unordered_map<std::string_view, StepFunctionsApi::Action>&
StepFunctionsApi::Actions() {
  static const std::unordered_map<std::string_view, Action> actions = {
      {"CreateStateMachine", &StepFunctionsApi::CreateStateMachine},
      {"UpdateStateMachine", &StepFunctionsApi::UpdateStateMachine},
      {"DescribeStateMachine", &StepFunctionsApi::DescribeStateMachine},
      {"DeleteStateMachine", &StepFunctionsApi::DeleteStateMachine},
      {"ListStateMachines", &StepFunctionsApi::ListStateMachines},
      {"ValidateStateMachineDefinition", &StepFunctionsApi::ValidateStateMachineDefinition},
      {"StartExecution", &StepFunctionsApi::StartExecution},
      {"StartSyncExecution", &StepFunctionsApi::StartSyncExecution},
      {"DescribeExecution", &StepFunctionsApi::DescribeExecution},
      {"DescribeStateMachineForExecution", &StepFunctionsApi::DescribeStateMachineForExecution},
      {"StopExecution", &StepFunctionsApi::StopExecution},
      {"ListExecutions", &StepFunctionsApi::ListExecutions},
      {"GetExecutionHistory", &StepFunctionsApi::GetExecutionHistory},
      {"SendTaskSuccess", &StepFunctionsApi::SendTaskSuccess},
      {"SendTaskFailure", &StepFunctionsApi::SendTaskFailure},
      {"SendTaskHeartbeat", &StepFunctionsApi::SendTaskHeartbeat},
      {"TagResource", &StepFunctionsApi::TagResource},
      {"UntagResource", &StepFunctionsApi::UntagResource},
      {"ListTagsForResource", &StepFunctionsApi::ListTagsForResource},
      {"TestState", &StepFunctionsApi::TestState},
  };
  return actions;
}

ApiResponse StepFunctionsApi::Handle(std::string_view action, std::string_view body) {
  auto it = Actions().find(action);
  if (it == Actions().end()) {
    return {400, ErrorBody({"UnknownOperationException",
                            fmt::format("Step Functions has no action \"{}\" (sfnsim serves "
                                        "the actions docs/serve.md lists)",
                                        action)})};
  }
  try {
    ApiRequest request = ApiRequest::Parse(body);
    std::unique_lock lock(mutex_);
    lock_ = &lock;
    struct Release {
      std::unique_lock<std::mutex>** lock;
      ~Release() { *lock = nullptr; }
    } release{&lock_};
    if (!options_.clock.is_virtual) Settle();  // catch up with the wall clock first
    asl::Json response = (this->*(it->second))(request);
    return {200, asl::Dump(response)};
  } catch (const ApiFailure& failure) {
    return {failure.error.http_status, ErrorBody(failure.error)};
  } catch (const asl::Json::exception& e) {
    // A value the JSON library refuses (a string that is not UTF-8 in an echoed member).
    return {400, ErrorBody(SerializationError(e.what()))};
  } catch (const std::bad_alloc&) {
    return {500, ErrorBody({"InternalFailure", "The server ran out of memory", 500})};
  }
}

void StepFunctionsApi::Settle() {
  if (options_.clock.is_virtual) {
    env_->RunUntilBlocked();
  } else {
    env_->RunUntil(std::max(wall_->Now(), env_->now()));
  }
  while (ended_order_.size() > options_.retained_executions) {
    std::string oldest = std::move(ended_order_.front());
    ended_order_.pop_front();
    if (!Forget(oldest)) {
      // Something it started still runs (a nested execution): try again later.
      ended_order_.push_back(std::move(oldest));
      break;
    }
  }
}

void StepFunctionsApi::NoteEnded(Execution& execution) {
  if (executions_.count(execution.arn()) == 0) return;  // a nested or Map child execution
  ended_order_.push_back(execution.arn());
  ended_.notify_all();
}

bool StepFunctionsApi::Forget(const std::string& arn) {
  auto it = executions_.find(arn);
  if (it == executions_.end()) return true;
  ExecutionRecord& record = *it->second;
  if (!env_->Forget(*record.execution)) return false;  // record.execution is gone from here
  if (auto machine = by_machine_.find(record.machine->arn);
      machine != by_machine_.end()) {
    machine->second.erase(record.sequence);
  }
  executions_.erase(it);
  return true;
}

SimTime StepFunctionsApi::Now() const { return env_->now(); }

std::optional<std::chrono::steady_clock::time_point> StepFunctionsApi::AdvanceToWallClock() {
  if (options_.clock.is_virtual) return std::nullopt;
  std::lock_guard lock(mutex_);
  Settle();
  std::optional<SimTime> next = env_->NextEventTime();
  if (!next) return std::nullopt;
  return wall_->WallTimeOf(*next);
}

asl::Json StepFunctionsApi::Health() {
  std::lock_guard lock(mutex_);
  // Every held execution that ended is in ended_order_ once (NoteEnded), until Forget.
  const size_t running = executions_.size() - ended_order_.size();
  asl::Json health = asl::Json::object();
  health["status"] = "ok";
  health["clock"] = options_.clock.is_virtual
                        ? std::string("virtual")
                        : (options_.clock.scale == 1.0
                               ? std::string("real")
                               : fmt::format("scale={}", options_.clock.scale));
  health["now"] = FormatIso8601Millis(Now());
  health["stateMachines"] = machines_.size();
  health["executions"] = executions_.size();
  health["running"] = running;
  return health;
}

const std::shared_ptr<StateMachineRecord>& StepFunctionsApi::MachineByArn(const std::string& arn) {
  CheckArn(arn);
  auto it = machines_.find(arn);
  if (it == machines_.end()) {
    Fail("StateMachineDoesNotExist", fmt::format("State Machine Does Not Exist: '{}'", arn));
  }
  return it->second;
}

StepFunctionsApi::ExecutionRecord& StepFunctionsApi::ExecutionByArn(const std::string& arn) {
  CheckArn(arn);
  auto it = executions_.find(arn);
  if (it == executions_.end()) {
    Fail("ExecutionDoesNotExist", fmt::format("Execution Does Not Exist: '{}'", arn));
  }
  return *it->second;
}

void CheckArn(const std::string& arn) {
  if (!arn.starts_with("arn:")) {
    Fail("InvalidArn", fmt::format("Invalid Arn: 'Invalid ARN prefix: {}'", arn));
  }
}

void CheckName(const std::string& name) {
  if (name.empty() || !ValidExecutionName(name)) {
    Fail("InvalidName", fmt::format("Invalid Name: '{}'", name));
  }
}

std::string PageToken(uint64_t position) { return fmt::format("sfnsim-{}", position); }

uint64_t PagePosition(const std::string& token) {
  uint64_t position = 0;
  if (!token.starts_with("sfnsim-") || token.size() == 7 || token.size() > 27) {
    Fail("InvalidToken", fmt::format("Invalid Token: '{}'", token));
  }
  for (char c : token.substr(7)) {
    if (c < '0' || c > '9') Fail("InvalidToken", fmt::format("Invalid Token: '{}'", token));
    position = position * 10 + static_cast<uint64_t>(c - '0');
  }
  return position;
}

}  // namespace sim::api
