#include "simulator/history/history_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

#include "asl/base/utf8.h"

namespace sim {

namespace {

constexpr std::string_view kTypeNames[] = {
#define SFN_EVENT(name) #name,
#include "simulator/history/event_types.def"
#undef SFN_EVENT
};

// Writes one event as compact JSON text, byte for byte what asl::Dump(...) of the equivalent
// ordered_json writes, without building the document: streaming a history is then about as
// cheap as counting it.
class EventWriter {
 public:
  explicit EventWriter(std::string& out) : out_(out) {}

  void Key(std::string_view key) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += key;  // keys are ASCII literals
    out_ += "\":";
  }
  void Open() {
    out_ += '{';
    first_ = true;
  }
  void Close() {
    out_ += '}';
    first_ = false;
  }
  void Int(std::string_view key, int64_t value) {
    Key(key);
    fmt::format_to(std::back_inserter(out_), "{}", value);
  }
  void String(std::string_view key, std::string_view value) {
    Key(key);
    Quoted(value);
  }
  // A payload is JSON text inside a JSON string, with its {"truncated": false} sibling.
  void Payload(std::string_view key, std::string_view details_key, const sim::Payload& payload) {
    PayloadString(key, payload);
    Key(details_key);
    out_ += "{\"truncated\":false}";
  }
  void PayloadString(std::string_view key, const sim::Payload& payload) {
    if (payload.json) {
      text_ = asl::Dump(*payload.json);
      String(key, text_);
    } else {
      String(key, payload.text);
    }
  }
  void Error(const asl::Error* error) {
    if (!error) return;
    if (error->has_name) String("error", error->name);
    if (error->has_cause) String("cause", error->cause);
  }
  // {name: JSON text of the value} in name order, as AWS lists them (recorded), then its
  // {"truncated": false} sibling.
  void AssignedVariables(const asl::Json& assigned) {
    std::vector<std::pair<std::string_view, const asl::Json*>> sorted;
    for (const auto& [name, value] : assigned.items()) sorted.emplace_back(name, &value);
    std::sort(sorted.begin(), sorted.end());
    Key("assignedVariables");
    Open();
    for (const auto& [name, value] : sorted) {
      std::string text = asl::Dump(*value);
      String(name, text);
    }
    Close();
    Key("assignedVariablesDetails");
    out_ += "{\"truncated\":false}";
  }
  void Resource(const HistoryEventView& e) {
    String("resourceType", e.resource_type);
    String("resource", e.resource);
  }

 private:
  // nlohmann's escaping with ensure_ascii off: quote, backslash and control characters only.
  // Invalid UTF-8 goes through nlohmann itself, which replaces it with U+FFFD.
  void Quoted(std::string_view value) {
    if (!asl::IsValidUtf8(value)) {
      out_ += asl::Dump(asl::Json(std::string(value)));
      return;
    }
    out_ += '"';
    size_t run = 0;  // start of the pending unescaped run
    for (size_t i = 0; i < value.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(value[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(value.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: fmt::format_to(std::back_inserter(out_), "\\u{:04x}", c); break;
      }
    }
    out_.append(value.data() + run, value.size() - run);
    out_ += '"';
  }

  std::string& out_;
  std::string text_;
  bool first_ = true;
};

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

void AppendEventJson(const HistoryEventView& e, std::string& out) {
  EventWriter w(out);
  w.Open();
  w.String("timestamp", FormatCliTimestamp(e.timestamp));
  w.String("type", EventTypeName(e.type));
  w.Int("id", e.id);
  w.Int("previousEventId", e.previous_event_id);
  std::string_view key = DetailsKey(e.type);
  if (key.empty()) {
    w.Close();
    return;
  }
  w.Key(key);
  w.Open();
  switch (e.type) {
    case EventType::kExecutionStarted:
      w.Payload("input", "inputDetails", e.payload);
      w.String("roleArn", e.role_arn);
      break;
    case EventType::kExecutionSucceeded:
    case EventType::kLambdaFunctionSucceeded:
    case EventType::kActivitySucceeded:
      w.Payload("output", "outputDetails", e.payload);
      break;
    case EventType::kChoiceStateEntered:
    case EventType::kFailStateEntered:
    case EventType::kMapStateEntered:
    case EventType::kParallelStateEntered:
    case EventType::kPassStateEntered:
    case EventType::kSucceedStateEntered:
    case EventType::kTaskStateEntered:
    case EventType::kWaitStateEntered:
      w.String("name", e.name);
      w.Payload("input", "inputDetails", e.payload);
      break;
    case EventType::kChoiceStateExited:
    case EventType::kMapStateExited:
    case EventType::kParallelStateExited:
    case EventType::kPassStateExited:
    case EventType::kSucceedStateExited:
    case EventType::kTaskStateExited:
    case EventType::kWaitStateExited:
      w.String("name", e.name);
      w.Payload("output", "outputDetails", e.payload);
      if (e.assigned_variables != nullptr) w.AssignedVariables(*e.assigned_variables);
      break;
    case EventType::kTaskScheduled:
      w.Resource(e);
      w.String("region", e.region);
      w.PayloadString("parameters", e.payload);
      if (e.timeout_seconds) w.Int("timeoutInSeconds", *e.timeout_seconds);
      if (e.heartbeat_seconds) w.Int("heartbeatInSeconds", *e.heartbeat_seconds);
      if (!e.task_credentials_role.empty()) {
        w.Key("taskCredentials");
        w.Open();
        w.String("roleArn", e.task_credentials_role);
        w.Close();
      }
      break;
    case EventType::kTaskStarted: w.Resource(e); break;
    case EventType::kTaskSubmitted:
    case EventType::kTaskSucceeded:
      w.Resource(e);
      w.Payload("output", "outputDetails", e.payload);
      break;
    case EventType::kTaskFailed:
    case EventType::kTaskTimedOut:
    case EventType::kTaskStartFailed:
    case EventType::kTaskSubmitFailed:
      w.Resource(e);
      w.Error(e.error);
      break;
    case EventType::kLambdaFunctionScheduled:
      w.String("resource", e.resource);
      w.Payload("input", "inputDetails", e.payload);
      if (e.timeout_seconds) w.Int("timeoutInSeconds", *e.timeout_seconds);
      if (!e.task_credentials_role.empty()) {
        w.Key("taskCredentials");
        w.Open();
        w.String("roleArn", e.task_credentials_role);
        w.Close();
      }
      break;
    case EventType::kActivityScheduled:
      w.String("resource", e.resource);
      w.Payload("input", "inputDetails", e.payload);
      if (e.timeout_seconds) w.Int("timeoutInSeconds", *e.timeout_seconds);
      if (e.heartbeat_seconds) w.Int("heartbeatInSeconds", *e.heartbeat_seconds);
      break;
    case EventType::kActivityStarted:
      if (!e.worker_name.empty()) w.String("workerName", e.worker_name);
      break;
    case EventType::kMapStateStarted: w.Int("length", e.length); break;
    case EventType::kMapIterationStarted:
    case EventType::kMapIterationSucceeded:
    case EventType::kMapIterationFailed:
    case EventType::kMapIterationAborted:
      w.String("name", e.name);
      w.Int("index", e.index);
      break;
    case EventType::kMapRunStarted: w.String("mapRunArn", e.map_run_arn); break;
    case EventType::kExecutionRedriven:
    case EventType::kMapRunRedriven: w.Int("redriveCount", e.redrive_count); break;
    case EventType::kEvaluationFailed:
      w.Error(e.error);
      if (!e.location.empty()) w.String("location", e.location);
      w.String("state", e.name);
      break;
    default:  // failures and timeouts: error and cause
      w.Error(e.error);
      break;
  }
  w.Close();
  w.Close();
}

std::string EventJsonText(const HistoryEventView& e) {
  std::string out;
  AppendEventJson(e, out);
  return out;
}

asl::Json EventToJson(const HistoryEventView& e) { return asl::Json::parse(EventJsonText(e)); }

}  // namespace sim
