#pragma once
// A history event as the engine emits it. The struct is a *view*: names and payloads point into
// the engine's live data and are valid only during HistorySink::Append, so a sink that only
// counts pays nothing for them, and one that keeps or streams serialises them right away.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html

#include <cstdint>
#include <optional>
#include <string_view>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/model/history_events.h"
#include "simulator/clock/sim_time.h"

namespace sim {

// The event types of asl/model/history_events.h, where the table of the events each element
// writes lives: the engine emits by that table.
using EventType = asl::HistoryEventType;

// "TaskStateEntered", … exactly as the API names the type.
std::string_view EventTypeName(EventType type);
// Parses an API type name; nullopt when unknown.
std::optional<EventType> ParseEventType(std::string_view name);

// The JSON text of a payload: either the raw text (the execution input is echoed verbatim) or
// a value that is serialised compactly when needed.
struct Payload {
  const asl::Json* json = nullptr;
  std::string_view text;  // used when json is null
  bool present() const { return json != nullptr || !text.empty(); }
};

struct HistoryEventView {
  explicit HistoryEventView(EventType event_type) : type(event_type) {}

  EventType type;
  int64_t id = 0;
  int64_t previous_event_id = 0;
  SimTime timestamp;

  std::string_view name;           // state name, or the Map state's name for iteration events
  Payload payload;                 // input / output / parameters, depending on the type
  std::string_view resource_type;  // task events
  std::string_view resource;       // task events; function ARN for Lambda; activity ARN
  std::string_view region;         // TaskScheduled
  const asl::Error* error = nullptr;  // failed/timed-out/aborted events
  int64_t index = -1;              // Map iteration events
  int64_t length = -1;             // MapStateStarted
  std::optional<int64_t> timeout_seconds;    // TaskScheduled, LambdaFunctionScheduled, …
  std::optional<int64_t> heartbeat_seconds;  // TaskScheduled, ActivityScheduled
  std::string_view role_arn;       // ExecutionStarted
  std::string_view map_run_arn;    // MapRunStarted
  std::string_view worker_name;    // ActivityStarted (empty: {})
  std::string_view task_credentials_role;  // TaskScheduled taskCredentials.roleArn
  int64_t redrive_count = -1;      // ExecutionRedriven
  std::string_view location;       // EvaluationFailed: the field of the failing expression
  const asl::Json* assigned_variables = nullptr;  // …StateExited: what Assign set ({name: value})
};

// True for the events that end an execution.
inline bool IsTerminal(EventType type) {
  return type == EventType::kExecutionSucceeded || type == EventType::kExecutionFailed ||
         type == EventType::kExecutionAborted || type == EventType::kExecutionTimedOut;
}

}  // namespace sim
