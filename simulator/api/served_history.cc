#include "simulator/api/served_history.h"

#include "simulator/history/history_json.h"

namespace sim::api {

void ServedHistory::Append(const HistoryEventView& event) {
  Event kept{event.timestamp, {}};
  AppendEventJson(event, kept.text);
  events_.push_back(std::move(kept));
}

asl::Json WireTimestamp(SimTime t) {
  // Whole seconds as an integer, else seconds with the milliseconds (1704067200.123): both
  // forms are what the SDKs' JSON timestamp parsers take.
  if (t.ms % 1000 == 0) return t.ms / 1000;
  return static_cast<double>(t.ms) / 1000.0;
}

asl::Json ServedHistory::WireEvent(size_t i, bool include_execution_data) const {
  const Event& kept = events_.at(i);
  asl::Json event = asl::Json::parse(kept.text);
  event["timestamp"] = WireTimestamp(kept.time);
  if (include_execution_data) return event;
  for (auto& [key, details] : event.items()) {
    if (!details.is_object() || !key.ends_with("EventDetails")) continue;
    // The payloads go; their *Details ({"truncated": false}) stay, the only member AWS's
    // HistoryEventExecutionDataDetails has.
    for (const char* payload : {"input", "output", "parameters"}) details.erase(payload);
  }
  return event;
}

}  // namespace sim::api
