#pragma once
// HistoryRecorder: numbers events, enforces the execution-history limit, counts events per type
// and hands them to a sink.
//
// The limit, as AWS enforces it on STANDARD executions: the 25,000th event is the failure
// itself, {"error":"States.Runtime","cause":"The execution reached the maximum number of
// history events (25000)."}, so a workflow writes at most 24,999 events of its own. A terminal
// event that lands exactly on the limit is recorded as is (AWS is silent; documented in
// docs/known-differences.md).

#include <array>
#include <cstdint>

#include "asl/base/error.h"
#include "asl/model/history_events.h"
#include "simulator/history/history_event.h"
#include "simulator/history/history_sink.h"

namespace sim {

// The one limit constant is asl::kHistoryLimit (the history budget predicts against it too);
// this name is kept for the harness code that reads it.
inline constexpr int64_t kHistoryEventLimit = asl::kHistoryLimit;

class HistoryRecorder {
 public:
  // `limit` 0 means no limit (EXPRESS).
  HistoryRecorder(HistorySink* sink, int64_t limit) : sink_(sink), limit_(limit) {}

  // Assigns the next id to `event` and records it. Returns false when the limit was hit
  // instead: the limit's ExecutionFailed was recorded (pointing where `event` would have) and the
  // execution must stop.
  [[nodiscard]] bool Append(HistoryEventView& event);

  int64_t count() const { return next_id_ - 1; }
  int64_t count(EventType type) const { return per_type_[static_cast<int>(type)]; }
  bool limit_reached() const { return limit_reached_; }
  const asl::Error& limit_error() const { return limit_error_; }
  int64_t limit() const { return limit_; }
  bool reads_payloads() const { return sink_ != nullptr && sink_->ReadsPayloads(); }
  void Finish() {
    if (sink_) sink_->Finish();
  }

 private:
  HistorySink* sink_;
  int64_t limit_;
  int64_t next_id_ = 1;
  bool limit_reached_ = false;
  asl::Error limit_error_;
  std::array<int64_t, 64> per_type_{};
};

}  // namespace sim
