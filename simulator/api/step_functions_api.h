#pragma once
// The Step Functions API over one long-lived simulation: what `sfnsim serve` answers. An action
// name ("StartExecution") and its JSON body go in, a status and a JSON body come out; the HTTP
// transport (server/) adds nothing but the protocol. Every action AWS's API reference lists for
// state machines, executions, histories, task tokens, tags and TestState is here, with AWS's
// error codes and messages (docs/serve.md lists them and what differs).
//
// Thread-safe: requests from many connections are serialised on one mutex (the simulation is
// single-threaded and deterministic); a StartSyncExecution that must wait for the outside world
// waits with the mutex released.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/api/api_clock.h"
#include "simulator/api/api_request.h"
#include "simulator/harness/environment.h"
#include "simulator/services/mock_config.h"

namespace sim::api {

class ServedHistory;

struct ApiOptions {
  // The simulated account: its world (an empty one when the server was given none), seed and
  // start time. Its start time is replaced by the wall clock's in the real and scaled modes.
  EnvironmentOptions environment;
  // --mock-config: StartExecution with "<stateMachineArn>#<TestCase>" runs that test case's
  // scripted responses (Step Functions Local's convention).
  std::shared_ptr<const MockConfig> mocks;
  ClockMode clock;
  // Ended executions kept for Describe/GetExecutionHistory/ListExecutions; the oldest ended
  // ones are forgotten beyond this (AWS keeps them 90 days).
  size_t retained_executions = 10'000;
};

struct ApiResponse {
  int status = 200;
  std::string body;
};

struct StateMachineRecord {
  std::string name;
  std::string arn;
  std::string type;  // STANDARD or EXPRESS
  std::string definition;
  std::string role_arn;
  std::shared_ptr<const asl::StateMachine> machine;
  SimTime creation_date;
  std::optional<SimTime> update_date;
  asl::Json logging_configuration;
  asl::Json tracing_configuration;
  std::string description;
  bool express() const { return type == "EXPRESS"; }
};

class StepFunctionsApi {
 public:
  static asl::Result<std::unique_ptr<StepFunctionsApi>, std::string> Create(ApiOptions options);
  ~StepFunctionsApi();

  // One request: `action` is the X-Amz-Target's part after "AWSStepFunctions.".
  ApiResponse Handle(std::string_view action, std::string_view body);

  // The real and scaled clocks: runs everything due by now on the wall clock, and says when
  // the next thing is due (nullopt: nothing scheduled). The server's clock thread calls these;
  // with the virtual clock they do nothing.
  std::optional<std::chrono::steady_clock::time_point> AdvanceToWallClock();
  // Wakes the clock thread when a request scheduled something earlier than it sleeps to.
  void SetWakeUp(std::function<void()> wake_up) { wake_up_ = std::move(wake_up); }

  // GET /health: the server's clock, and how many machines and executions it holds.
  asl::Json Health();
  bool virtual_clock() const { return options_.clock.is_virtual; }

 private:
  struct ExecutionRecord;
  using Action = asl::Json (StepFunctionsApi::*)(const ApiRequest&);

  explicit StepFunctionsApi(ApiOptions options);
  static const std::unordered_map<std::string_view, Action>& Actions();

  // Runs the simulation to where it must wait (the virtual clock), or to the wall clock's now.
  void Settle();
  void NoteEnded(Execution& execution);
  // Lets the environment free an ended execution; false while something it started runs.
  bool Forget(const std::string& arn);
  SimTime Now() const;

  // Lookups that answer AWS's errors.
  const std::shared_ptr<StateMachineRecord>& MachineByArn(const std::string& arn);
  ExecutionRecord& ExecutionByArn(const std::string& arn);
  asl::Json DescribeExecutionJson(const ExecutionRecord& record) const;
  asl::Json Started(const std::string& machine_arn, const std::string& name,
                    const std::string& input, std::string test_case, ExecutionRecord** out);

  // The actions (state_machine_actions.cc, execution_actions.cc, history_actions.cc,
  // task_token_actions.cc, tag_actions.cc, test_state_action.cc).
  asl::Json CreateStateMachine(const ApiRequest& request);
  asl::Json UpdateStateMachine(const ApiRequest& request);
  asl::Json DescribeStateMachine(const ApiRequest& request);
  asl::Json DeleteStateMachine(const ApiRequest& request);
  asl::Json ListStateMachines(const ApiRequest& request);
  asl::Json ValidateStateMachineDefinition(const ApiRequest& request);
  asl::Json StartExecution(const ApiRequest& request);
  asl::Json StartSyncExecution(const ApiRequest& request);
  asl::Json DescribeExecution(const ApiRequest& request);
  asl::Json DescribeStateMachineForExecution(const ApiRequest& request);
  asl::Json StopExecution(const ApiRequest& request);
  asl::Json ListExecutions(const ApiRequest& request);
  asl::Json GetExecutionHistory(const ApiRequest& request);
  asl::Json SendTaskSuccess(const ApiRequest& request);
  asl::Json SendTaskFailure(const ApiRequest& request);
  asl::Json SendTaskHeartbeat(const ApiRequest& request);
  asl::Json TagResource(const ApiRequest& request);
  asl::Json UntagResource(const ApiRequest& request);
  asl::Json ListTagsForResource(const ApiRequest& request);
  asl::Json TestState(const ApiRequest& request);

  ApiOptions options_;
  std::unique_ptr<Environment> env_;
  // The world as configured, for TestState's one-off runs (the environment owns the installed
  // one).
  std::optional<WorldConfig> world_config_;
  std::optional<WallClockMapping> wall_;
  std::function<void()> wake_up_;

  std::mutex mutex_;
  std::unique_lock<std::mutex>* lock_ = nullptr;  // the request's, while one runs
  std::condition_variable ended_;  // StartSyncExecution waits on it
  std::map<std::string, std::shared_ptr<StateMachineRecord>> machines_;  // by ARN
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> tags_;  // by ARN
  std::unordered_map<std::string, std::unique_ptr<ExecutionRecord>> executions_;  // by ARN
  // Per machine ARN: its executions by start sequence (ListExecutions: newest first).
  std::map<std::string, std::map<uint64_t, std::string>> by_machine_;
  std::deque<std::string> ended_order_;  // retention: the oldest ended first
  uint64_t next_sequence_ = 1;
};

}  // namespace sim::api
