#pragma once
// Serialising history events exactly as `aws stepfunctions get-execution-history` prints them:
// {"timestamp", "type", "id", "previousEventId", "<type>EventDetails": {…}}, payloads as JSON
// text, each with its {"truncated": false} sibling.

#include <string>

#include "asl/base/json.h"
#include "simulator/history/history_event.h"

namespace sim {

asl::Json EventToJson(const HistoryEventView& event);

// The details object's key for an event type ("taskScheduledEventDetails"); empty when AWS
// writes no details for that type.
std::string_view DetailsKey(EventType type);

}  // namespace sim
