#pragma once
// Where an execution's history goes: only counted, kept in memory, or streamed to a file as
// it is written, so long runs need not hold their histories.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/history/history_event.h"

namespace sim {

class HistorySink {
 public:
  virtual ~HistorySink() = default;
  // `event` and what it points to are valid only during the call.
  virtual void Append(const HistoryEventView& event) = 0;
  // Called once when the execution has ended.
  virtual void Finish() {}
  // Whether Append reads the events' payloads (inputs, outputs, parameters). When it does not,
  // the engine may record a task's result without the parts nothing else reads
  // (DeferredResult, simulator/engine/service_backend.h).
  virtual bool ReadsPayloads() const { return true; }
};

// Keeps nothing: the recorder's own counters are the history's only trace.
class CountingSink final : public HistorySink {
 public:
  void Append(const HistoryEventView&) override {}
  bool ReadsPayloads() const override { return false; }
};

// Keeps every event in the AWS CLI shape.
class MemorySink final : public HistorySink {
 public:
  void Append(const HistoryEventView& event) override;
  const std::vector<asl::Json>& events() const { return events_; }
  // {"events": [...]} as `aws stepfunctions get-execution-history` prints it.
  asl::Json ToJson() const;

 private:
  std::vector<asl::Json> events_;
};

// The most bytes one history file is given (256 MiB). A STANDARD history stops at 25,000
// events; an EXPRESS execution has no such limit (AWS keeps no history for it, only CloudWatch
// logs), so a runaway EXPRESS loop with --history would otherwise fill the disk (4 GB in 20 s)
// before --max-steps stops it.
inline constexpr uint64_t kMaxHistoryFileBytes = uint64_t{256} << 20;

// Writes {"events": [ … ]} to a file, one event per line, as events happen. At `max_bytes` it
// stops writing events (the file stays one valid document with the events before) and reports
// the truncation: ok() is false and problem() says why.
class StreamingSink final : public HistorySink {
 public:
  // Opens `path` for writing; ok() tells whether it worked.
  explicit StreamingSink(const std::string& path, uint64_t max_bytes = kMaxHistoryFileBytes);
  ~StreamingSink() override;
  bool ok() const { return file_ != nullptr && !failed_ && !truncated_; }
  bool truncated() const { return truncated_; }
  // "" while ok(); else what went wrong, naming the file.
  std::string problem() const;
  void Append(const HistoryEventView& event) override;
  void Finish() override;
  // The errno of the first open or write that failed; 0 while ok().
  int error() const { return error_; }

 private:
  std::string path_;
  void NoteError();
  int error_ = 0;
  std::FILE* file_ = nullptr;
  std::string line_;  // reused: one allocation for the whole history
  uint64_t max_bytes_;
  uint64_t written_ = 0;
  int64_t events_written_ = 0;
  int64_t events_dropped_ = 0;
  bool first_ = true;
  bool finished_ = false;
  bool failed_ = false;
  bool truncated_ = false;
};

}  // namespace sim
