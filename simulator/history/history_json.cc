#include "simulator/history/history_json.h"

#include <array>

namespace sim {

namespace {

constexpr std::string_view kTypeNames[] = {
#define SFN_EVENT(name) #name,
#include "simulator/history/event_types.def"
#undef SFN_EVENT
};

std::string PayloadText(const Payload& payload) {
  if (payload.json) return asl::Dump(*payload.json);
  return std::string(payload.text);
}

void PutPayload(asl::Json& details, const char* key, const char* details_key,
                const Payload& payload) {
  details[key] = PayloadText(payload);
  details[details_key] = {{"truncated", false}};
}

void PutError(asl::Json& details, const asl::Error* error) {
  if (!error) return;
  if (error->has_name) details["error"] = error->name;
  if (error->has_cause) details["cause"] = error->cause;
}

void PutResource(asl::Json& details, const HistoryEventView& e) {
  details["resourceType"] = std::string(e.resource_type);
  details["resource"] = std::string(e.resource);
}

}  // namespace

std::string_view EventTypeName(EventType type) { return kTypeNames[static_cast<int>(type)]; }

std::optional<EventType> ParseEventType(std::string_view name) {
  for (size_t i = 0; i < std::size(kTypeNames); ++i) {
    if (kTypeNames[i] == name) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

std::string_view DetailsKey(EventType type) {
  switch (type) {
    case EventType::kTaskStateAborted:
    case EventType::kMapStateSucceeded:
    case EventType::kMapStateFailed:
    case EventType::kMapStateAborted:
    case EventType::kParallelStateStarted:
    case EventType::kParallelStateSucceeded:
    case EventType::kParallelStateFailed:
    case EventType::kParallelStateAborted:
    case EventType::kWaitStateAborted:
    case EventType::kMapRunSucceeded:
    case EventType::kMapRunAborted:
    case EventType::kLambdaFunctionStarted: return "";
    case EventType::kChoiceStateEntered:
    case EventType::kFailStateEntered:
    case EventType::kMapStateEntered:
    case EventType::kParallelStateEntered:
    case EventType::kPassStateEntered:
    case EventType::kSucceedStateEntered:
    case EventType::kTaskStateEntered:
    case EventType::kWaitStateEntered: return "stateEnteredEventDetails";
    case EventType::kChoiceStateExited:
    case EventType::kMapStateExited:
    case EventType::kParallelStateExited:
    case EventType::kPassStateExited:
    case EventType::kSucceedStateExited:
    case EventType::kTaskStateExited:
    case EventType::kWaitStateExited: return "stateExitedEventDetails";
#define SFN_DETAILS(name, key) \
  case EventType::k##name: return key;
      SFN_DETAILS(ActivityFailed, "activityFailedEventDetails")
      SFN_DETAILS(ActivityScheduled, "activityScheduledEventDetails")
      SFN_DETAILS(ActivityScheduleFailed, "activityScheduleFailedEventDetails")
      SFN_DETAILS(ActivityStarted, "activityStartedEventDetails")
      SFN_DETAILS(ActivitySucceeded, "activitySucceededEventDetails")
      SFN_DETAILS(ActivityTimedOut, "activityTimedOutEventDetails")
      SFN_DETAILS(ExecutionAborted, "executionAbortedEventDetails")
      SFN_DETAILS(ExecutionFailed, "executionFailedEventDetails")
      SFN_DETAILS(ExecutionStarted, "executionStartedEventDetails")
      SFN_DETAILS(ExecutionSucceeded, "executionSucceededEventDetails")
      SFN_DETAILS(ExecutionTimedOut, "executionTimedOutEventDetails")
      SFN_DETAILS(LambdaFunctionFailed, "lambdaFunctionFailedEventDetails")
      SFN_DETAILS(LambdaFunctionScheduled, "lambdaFunctionScheduledEventDetails")
      SFN_DETAILS(LambdaFunctionScheduleFailed, "lambdaFunctionScheduleFailedEventDetails")
      SFN_DETAILS(LambdaFunctionStartFailed, "lambdaFunctionStartFailedEventDetails")
      SFN_DETAILS(LambdaFunctionSucceeded, "lambdaFunctionSucceededEventDetails")
      SFN_DETAILS(LambdaFunctionTimedOut, "lambdaFunctionTimedOutEventDetails")
      SFN_DETAILS(MapIterationAborted, "mapIterationAbortedEventDetails")
      SFN_DETAILS(MapIterationFailed, "mapIterationFailedEventDetails")
      SFN_DETAILS(MapIterationStarted, "mapIterationStartedEventDetails")
      SFN_DETAILS(MapIterationSucceeded, "mapIterationSucceededEventDetails")
      SFN_DETAILS(MapStateStarted, "mapStateStartedEventDetails")
      SFN_DETAILS(TaskFailed, "taskFailedEventDetails")
      SFN_DETAILS(TaskScheduled, "taskScheduledEventDetails")
      SFN_DETAILS(TaskStarted, "taskStartedEventDetails")
      SFN_DETAILS(TaskStartFailed, "taskStartFailedEventDetails")
      SFN_DETAILS(TaskSubmitFailed, "taskSubmitFailedEventDetails")
      SFN_DETAILS(TaskSubmitted, "taskSubmittedEventDetails")
      SFN_DETAILS(TaskSucceeded, "taskSucceededEventDetails")
      SFN_DETAILS(TaskTimedOut, "taskTimedOutEventDetails")
      SFN_DETAILS(MapRunFailed, "mapRunFailedEventDetails")
      SFN_DETAILS(MapRunStarted, "mapRunStartedEventDetails")
      SFN_DETAILS(ExecutionRedriven, "executionRedrivenEventDetails")
      SFN_DETAILS(MapRunRedriven, "mapRunRedrivenEventDetails")
      SFN_DETAILS(EvaluationFailed, "evaluationFailedEventDetails")
#undef SFN_DETAILS
  }
  return "";
}

asl::Json EventToJson(const HistoryEventView& e) {
  asl::Json out = asl::Json::object();
  out["timestamp"] = FormatCliTimestamp(e.timestamp);
  out["type"] = std::string(EventTypeName(e.type));
  out["id"] = e.id;
  out["previousEventId"] = e.previous_event_id;
  std::string_view key = DetailsKey(e.type);
  if (key.empty()) return out;
  asl::Json d = asl::Json::object();
  switch (e.type) {
    case EventType::kExecutionStarted:
      PutPayload(d, "input", "inputDetails", e.payload);
      d["roleArn"] = std::string(e.role_arn);
      break;
    case EventType::kExecutionSucceeded:
    case EventType::kLambdaFunctionSucceeded:
    case EventType::kActivitySucceeded:
      PutPayload(d, "output", "outputDetails", e.payload);
      break;
    case EventType::kChoiceStateEntered:
    case EventType::kFailStateEntered:
    case EventType::kMapStateEntered:
    case EventType::kParallelStateEntered:
    case EventType::kPassStateEntered:
    case EventType::kSucceedStateEntered:
    case EventType::kTaskStateEntered:
    case EventType::kWaitStateEntered:
      d["name"] = std::string(e.name);
      PutPayload(d, "input", "inputDetails", e.payload);
      break;
    case EventType::kChoiceStateExited:
    case EventType::kMapStateExited:
    case EventType::kParallelStateExited:
    case EventType::kPassStateExited:
    case EventType::kSucceedStateExited:
    case EventType::kTaskStateExited:
    case EventType::kWaitStateExited:
      d["name"] = std::string(e.name);
      PutPayload(d, "output", "outputDetails", e.payload);
      break;
    case EventType::kTaskScheduled:
      PutResource(d, e);
      d["region"] = std::string(e.region);
      d["parameters"] = PayloadText(e.payload);
      if (e.timeout_seconds) d["timeoutInSeconds"] = *e.timeout_seconds;
      if (e.heartbeat_seconds) d["heartbeatInSeconds"] = *e.heartbeat_seconds;
      if (!e.task_credentials_role.empty()) {
        d["taskCredentials"] = {{"roleArn", std::string(e.task_credentials_role)}};
      }
      break;
    case EventType::kTaskStarted: PutResource(d, e); break;
    case EventType::kTaskSubmitted:
    case EventType::kTaskSucceeded:
      PutResource(d, e);
      PutPayload(d, "output", "outputDetails", e.payload);
      break;
    case EventType::kTaskFailed:
    case EventType::kTaskTimedOut:
    case EventType::kTaskStartFailed:
    case EventType::kTaskSubmitFailed:
      PutResource(d, e);
      PutError(d, e.error);
      break;
    case EventType::kLambdaFunctionScheduled:
      d["resource"] = std::string(e.resource);
      PutPayload(d, "input", "inputDetails", e.payload);
      if (e.timeout_seconds) d["timeoutInSeconds"] = *e.timeout_seconds;
      if (!e.task_credentials_role.empty()) {
        d["taskCredentials"] = {{"roleArn", std::string(e.task_credentials_role)}};
      }
      break;
    case EventType::kActivityScheduled:
      d["resource"] = std::string(e.resource);
      PutPayload(d, "input", "inputDetails", e.payload);
      if (e.timeout_seconds) d["timeoutInSeconds"] = *e.timeout_seconds;
      if (e.heartbeat_seconds) d["heartbeatInSeconds"] = *e.heartbeat_seconds;
      break;
    case EventType::kActivityStarted:
      if (!e.worker_name.empty()) d["workerName"] = std::string(e.worker_name);
      break;
    case EventType::kMapStateStarted: d["length"] = e.length; break;
    case EventType::kMapIterationStarted:
    case EventType::kMapIterationSucceeded:
    case EventType::kMapIterationFailed:
    case EventType::kMapIterationAborted:
      d["name"] = std::string(e.name);
      d["index"] = e.index;
      break;
    case EventType::kMapRunStarted: d["mapRunArn"] = std::string(e.map_run_arn); break;
    case EventType::kExecutionRedriven:
    case EventType::kMapRunRedriven: d["redriveCount"] = e.redrive_count; break;
    case EventType::kEvaluationFailed:
      PutError(d, e.error);
      d["state"] = std::string(e.name);
      break;
    default:  // failures and timeouts: error and cause
      PutError(d, e.error);
      break;
  }
  out[std::string(key)] = std::move(d);
  return out;
}

}  // namespace sim
