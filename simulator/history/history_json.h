#pragma once
// Serialising history events exactly as `aws stepfunctions get-execution-history` prints them:
// {"timestamp", "type", "id", "previousEventId", "<type>EventDetails": {…}}, payloads as JSON
// text, each with its {"truncated": false} sibling.

#include <string>

#include "asl/base/json.h"
#include "simulator/history/history_event.h"

namespace sim {

// Appends the event's compact JSON text to `out` (what streaming sinks write).
void AppendEventJson(const HistoryEventView& event, std::string& out);
std::string EventJsonText(const HistoryEventView& event);
// The same event as a JSON value (parsed from that text, so both always agree).
asl::Json EventToJson(const HistoryEventView& event);

// The details object's key for an event type ("taskScheduledEventDetails"); empty when AWS
// writes no details for that type.
std::string_view DetailsKey(EventType type);

}  // namespace sim
