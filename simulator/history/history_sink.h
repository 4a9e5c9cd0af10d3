#pragma once
// Where an execution's history goes: only counted, kept in memory, or streamed to a file as
// it is written, so long runs need not hold their histories.

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
};

// Keeps nothing: the recorder's own counters are the history's only trace.
class CountingSink final : public HistorySink {
 public:
  void Append(const HistoryEventView&) override {}
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

// Writes {"events": [ … ]} to a file, one event per line, as events happen.
class StreamingSink final : public HistorySink {
 public:
  // Opens `path` for writing; ok() tells whether it worked.
  explicit StreamingSink(const std::string& path);
  ~StreamingSink() override;
  bool ok() const { return file_ != nullptr && !failed_; }
  void Append(const HistoryEventView& event) override;
  void Finish() override;
  // The errno of the first open or write that failed; 0 while ok().
  int error() const { return error_; }

 private:
  void NoteError();
  int error_ = 0;
  std::FILE* file_ = nullptr;
  std::string line_;  // reused: one allocation for the whole history
  bool first_ = true;
  bool finished_ = false;
  bool failed_ = false;
};

}  // namespace sim
