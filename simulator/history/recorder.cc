#include "simulator/history/recorder.h"

#include <fmt/format.h>

namespace sim {

bool HistoryRecorder::Append(HistoryEventView& event) {
  if (limit_ > 0 && next_id_ >= limit_ && !IsTerminal(event.type)) {
    limit_reached_ = true;
    limit_error_ = asl::Error(
        "States.Runtime",
        fmt::format("The execution reached the maximum number of history events ({}).", limit_));
    HistoryEventView failed(EventType::kExecutionFailed);
    failed.id = next_id_++;
    failed.previous_event_id = event.previous_event_id;
    failed.timestamp = event.timestamp;
    failed.error = &limit_error_;
    ++per_type_[static_cast<int>(failed.type)];
    if (sink_) sink_->Append(failed);
    return false;
  }
  event.id = next_id_++;
  ++per_type_[static_cast<int>(event.type)];
  if (sink_) sink_->Append(event);
  return true;
}

}  // namespace sim
