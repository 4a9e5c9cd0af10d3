// StartExecution, StartSyncExecution, DescribeExecution, DescribeStateMachineForExecution,
// StopExecution, ListExecutions.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html

#include <fmt/format.h>

#include <chrono>

#include "simulator/api/api_internal.h"
#include "simulator/api/served_history.h"
#include "simulator/engine/execution.h"
#include "simulator/services/states/sfn_service.h"

namespace sim::api {

namespace {

// "<stateMachineArn>#<TestCase>": Step Functions Local's way of choosing a mock test case.
std::pair<std::string, std::string> SplitTestCase(const std::string& arn) {
  size_t hash = arn.find('#');
  if (hash == std::string::npos) return {arn, ""};
  return {arn.substr(0, hash), arn.substr(hash + 1)};
}

}  // namespace

asl::Json StepFunctionsApi::Started(const std::string& machine_arn, const std::string& name_in,
                                    const std::string& input, std::string test_case,
                                    ExecutionRecord** out) {
  std::shared_ptr<StateMachineRecord> machine = MachineByArn(machine_arn);
  std::string name = name_in;
  if (name.empty()) name = env_->simulation().NewUuid();
  if (std::optional<AwsError> refused = CheckStartExecution(name, input)) {
    Fail(refused->code, refused->message);
  }
  if (!machine->express()) {
    const std::string arn = env_->simulation().ExecutionArn(machine->name, name, false);
    if (auto it = executions_.find(arn); it != executions_.end()) {
      // The same name and input as a running execution: the same answer (API reference).
      const Execution& running = *it->second->execution;
      if (!running.ended() && running.spec().input_text == input) {
        *out = it->second.get();
        return {{"executionArn", arn}, {"startDate", WireTimestamp(running.start_time())}};
      }
      Fail("ExecutionAlreadyExists", fmt::format("Execution Already Exists: '{}'", arn));
    }
  }
  StartOptions start;
  if (!test_case.empty()) {
    if (!options_.mocks) {
      Fail("InvalidArn",
           fmt::format("Invalid Arn: '{}#{}': a test case needs the server to be started with "
                       "--mock-config",
                       machine_arn, test_case));
    }
    auto states = options_.mocks->TestCase(machine->name, test_case);
    if (!states.ok()) Fail("InvalidArn", fmt::format("Invalid Arn: '{}'", states.error()));
    start.scripted = std::make_unique<ScriptedBackend>(std::move(states.value()));
  }
  auto history = std::make_unique<ServedHistory>();
  ServedHistory* history_ptr = history.get();
  start.sink = std::move(history);
  ExecutionSpec spec;
  spec.machine = machine->machine;
  spec.state_machine_name = machine->name;
  spec.state_machine_arn = machine->arn;
  spec.name = name;
  spec.input_text = input;
  spec.express = machine->express();
  spec.role_arn = machine->role_arn;
  Execution& execution = env_->Start(std::move(spec), std::move(start));
  auto record = std::make_unique<ExecutionRecord>();
  record->arn = execution.arn();
  record->execution = &execution;
  record->history = history_ptr;
  record->machine = machine;
  record->sequence = next_sequence_++;
  by_machine_[machine->arn][record->sequence] = record->arn;
  *out = record.get();
  executions_[record->arn] = std::move(record);
  if (execution.ended()) NoteEnded(execution);  // ended inside Start (a failing first state)
  Settle();
  if (wake_up_) wake_up_();
  return {{"executionArn", execution.arn()}, {"startDate", WireTimestamp(execution.start_time())}};
}

asl::Json StepFunctionsApi::StartExecution(const ApiRequest& request) {
  auto [machine_arn, test_case] = SplitTestCase(request.RequiredString("stateMachineArn"));
  const std::string name = request.OptionalString("name").value_or("");
  if (request.Member("name") != nullptr) CheckName(name);
  const std::string input = request.OptionalString("input").value_or("{}");
  ExecutionRecord* record = nullptr;
  return Started(machine_arn, name, input, std::move(test_case), &record);
}

asl::Json StepFunctionsApi::StartSyncExecution(const ApiRequest& request) {
  auto [machine_arn, test_case] = SplitTestCase(request.RequiredString("stateMachineArn"));
  if (!MachineByArn(machine_arn)->express()) {
    Fail("StateMachineTypeNotSupported",
         "This operation is not supported by this type of state machine");
  }
  const std::string name = request.OptionalString("name").value_or("");
  if (request.Member("name") != nullptr) CheckName(name);
  const std::string input = request.OptionalString("input").value_or("{}");
  ExecutionRecord* record = nullptr;
  Started(machine_arn, name, input, std::move(test_case), &record);
  Execution& execution = *record->execution;
  // Waiting on a task token (or, on the real clock, on time): wait with the lock released so
  // other requests can answer it; an EXPRESS execution ends within five minutes of the
  // simulation's time, which the clock thread drives in the real and scaled modes.
  const std::string arn = record->arn;
  while (!execution.ended()) {
    ended_.wait_for(*lock_, std::chrono::milliseconds(200));
    if (executions_.count(arn) == 0) Fail("ExecutionDoesNotExist", "the execution was forgotten");
  }
  asl::Json out = DescribeExecutionJson(*record);
  out.erase("redriveCount");
  out["billingDetails"] = {
      {"billedMemoryUsedInMB", 64},
      {"billedDurationInMilliseconds",
       std::max<int64_t>(100, ((execution.stop_time() - execution.start_time()).ms + 99) / 100 *
                                  100)}};
  return out;
}

asl::Json StepFunctionsApi::DescribeExecutionJson(const ExecutionRecord& record) const {
  const Execution& execution = *record.execution;
  asl::Json out = execution.Describe();
  out["startDate"] = WireTimestamp(execution.start_time());
  if (execution.ended()) out["stopDate"] = WireTimestamp(execution.stop_time());
  return out;
}

asl::Json StepFunctionsApi::DescribeExecution(const ApiRequest& request) {
  return DescribeExecutionJson(ExecutionByArn(request.RequiredString("executionArn")));
}

asl::Json StepFunctionsApi::DescribeStateMachineForExecution(const ApiRequest& request) {
  const ExecutionRecord& record = ExecutionByArn(request.RequiredString("executionArn"));
  const StateMachineRecord& m = *record.machine;
  asl::Json out = asl::Json::object();
  out["stateMachineArn"] = m.arn;
  out["name"] = m.name;
  out["definition"] = m.definition;
  out["roleArn"] = m.role_arn;
  out["updateDate"] = WireTimestamp(m.update_date.value_or(m.creation_date));
  out["loggingConfiguration"] = m.logging_configuration;
  out["tracingConfiguration"] = m.tracing_configuration;
  return out;
}

asl::Json StepFunctionsApi::StopExecution(const ApiRequest& request) {
  ExecutionRecord& record = ExecutionByArn(request.RequiredString("executionArn"));
  std::optional<std::string> error = request.OptionalString("error");
  std::optional<std::string> cause = request.OptionalString("cause");
  if (error) request.CheckLength("error", *error, 0, 256);
  if (cause) request.CheckLength("cause", *cause, 0, 32768);
  Execution& execution = *record.execution;
  if (!execution.ended()) {
    env_->Stop(execution, std::move(error), std::move(cause));
    Settle();
  }
  return {{"stopDate", WireTimestamp(execution.stop_time())}};
}

asl::Json StepFunctionsApi::ListExecutions(const ApiRequest& request) {
  std::optional<std::string> machine_arn = request.OptionalString("stateMachineArn");
  if (request.Member("mapRunArn") != nullptr) {
    Fail("ValidationException",
         "sfnsim serve does not list a Map Run's executions yet (docs/serve.md)");
  }
  if (!machine_arn) Fail(MissingMember("stateMachineArn"));
  const StateMachineRecord& machine = *MachineByArn(*machine_arn);
  std::optional<std::string> status = request.OptionalString("statusFilter");
  if (status && *status != "RUNNING" && *status != "SUCCEEDED" && *status != "FAILED" &&
      *status != "TIMED_OUT" && *status != "ABORTED" && *status != "PENDING_REDRIVE") {
    Fail(InvalidMember("statusFilter", *status,
                       "Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, "
                       "TIMED_OUT, ABORTED, PENDING_REDRIVE]"));
  }
  const int64_t page = request.PageSize(100);
  // Positions are start sequence numbers: a page token stays right while executions start.
  uint64_t below = UINT64_MAX;
  if (auto token = request.OptionalString("nextToken")) below = PagePosition(*token);
  asl::Json list = asl::Json::array();
  asl::Json response = asl::Json::object();
  const auto& started = by_machine_[machine.arn];
  for (auto it = started.lower_bound(below == UINT64_MAX ? below : below + 1);
       it != started.begin();) {
    --it;
    const ExecutionRecord& record = *executions_.at(it->second);
    const Execution& execution = *record.execution;
    if (status && *status != StatusName(execution.status())) continue;
    if (static_cast<int64_t>(list.size()) == page) {
      response["nextToken"] = PageToken(it->first);
      break;
    }
    asl::Json item = asl::Json::object();
    item["executionArn"] = record.arn;
    item["stateMachineArn"] = machine.arn;
    item["name"] = execution.name();
    item["status"] = StatusName(execution.status());
    item["startDate"] = WireTimestamp(execution.start_time());
    if (execution.ended()) item["stopDate"] = WireTimestamp(execution.stop_time());
    list.push_back(std::move(item));
  }
  response["executions"] = std::move(list);
  return response;
}

}  // namespace sim::api
