#pragma once
// Task outcomes read back from a recorded execution history: for every state and Map iteration
// ("lane"), what each of its task invocations did (started by which worker, submitted what, then
// succeeded with an output, failed with an error, timed out, or never finished) and when, relative
// to its scheduled event. Replaying them through RecordedBackend re-runs a definition against what
// the services really did — the conformance suite and `sfnsim replay` both use it.
//
// Lanes are Map iterations, outermost first: "Outer[2]/Inner[5]", "" at the top level (the same
// text as TaskRequest::lane). Parallel branches need no lane: their states have their own names.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/engine/service_backend.h"

namespace sim {

struct RecordedOutcome {
  enum class Kind { kSucceeded, kFailed, kTimedOut, kUnfinished };
  std::string state_name;
  std::string lane;
  int64_t scheduled_event = 0;   // id of the TaskScheduled / LambdaFunctionScheduled / …
  int64_t end_event = 0;         // id of the event that ended it (0: unfinished)
  std::string resource;          // "sns:publish", "lambda:invoke", a Lambda or activity ARN
  bool started = false;
  std::string worker_name;       // ActivityStarted's workerName
  std::optional<asl::Json> submitted_output;
  Kind kind = Kind::kUnfinished;
  // Unfinished although the execution ended: aborted when a sibling failed or the execution
  // stopped. The service's answer was never recorded.
  bool interrupted = false;
  asl::Json output;
  asl::Error error;
  // Milliseconds after the scheduled event (from the recorded timestamps; 0 when the history has
  // none): when it started, was submitted, and ended.
  int64_t started_after_ms = 0;
  int64_t submitted_after_ms = 0;
  int64_t ended_after_ms = 0;
};

// Event timestamps in milliseconds since the epoch, by event id; empty when the history's
// timestamps are not real times (the conformance corpus writes "timestamp").
using EventTimes = std::map<int64_t, int64_t>;
EventTimes ReadEventTimes(const asl::Json& events);

// The Map iteration each event belongs to (see the header comment), by position in `events`.
// Events must be in ascending id order.
std::vector<std::string> EventLanes(const asl::Json& events);

class RecordedOutcomes {
 public:
  // `events`: a history in the AWS CLI shape (payloads as JSON text), or as the conformance
  // corpus stores it (payloads parsed where they were objects), in ascending id order. Errors
  // name the event.
  static asl::Result<RecordedOutcomes, std::string> FromEvents(const asl::Json& events);

  // Every invocation of the state, in the order they were scheduled.
  const std::vector<RecordedOutcome>* ForState(const std::string& state) const;
  // The invocations of the state in one lane (retries and loop visits), in order.
  const std::vector<const RecordedOutcome*>* ForLane(const std::string& state,
                                                     const std::string& lane) const;
  const std::map<std::string, std::vector<RecordedOutcome>>& all() const { return by_state_; }

  // Changes one recorded outcome (tests and "what if" replays); false when there is no
  // invocation scheduled at that event id.
  bool Modify(int64_t scheduled_event, const std::function<void(RecordedOutcome&)>& change);

 private:
  void Index();
  std::map<std::string, std::vector<RecordedOutcome>> by_state_;
  std::map<std::pair<std::string, std::string>, std::vector<const RecordedOutcome*>> by_lane_;
};

// A task the recording has no outcome for (a changed definition makes new calls).
struct UnrecordedCall {
  std::string state_name;
  std::string lane;
  int64_t visit = 0;   // zero-based: the how-many-th invocation of the state in that lane
  bool served = false; // by a later backend (a world's services); false: failed States.Runtime
  SimTime at;
};

// Serves the k-th invocation of state S in lane L with the k-th recorded outcome of (S, L), at
// the recorded offsets. A timed-out or unfinished outcome never completes, so the definition's
// own timeout (or the end of the run) decides, as it did when the history was recorded. Serves
// only the first execution that calls it (the replayed one: executions it starts get no
// recorded outcomes).
class RecordedBackend final : public ServiceBackend {
 public:
  explicit RecordedBackend(const RecordedOutcomes& outcomes) : outcomes_(outcomes) {}
  // true: invocations the recording lacks, and interrupted ones (their answer was never
  // recorded), fall through to the next backend (a world's services); false: the former fail
  // with States.Runtime saying what is missing, the latter never answer.
  void set_fall_through(bool on) { fall_through_ = on; }
  bool Invoke(const TaskRequest& request, const TaskHandle& handle) override;
  const std::vector<UnrecordedCall>& unrecorded() const { return unrecorded_; }

 private:
  const RecordedOutcomes& outcomes_;
  bool fall_through_ = false;
  uint64_t execution_id_ = 0;  // the replayed execution, once it called
  std::map<std::pair<std::string, std::string>, int64_t> visits_;
  std::vector<UnrecordedCall> unrecorded_;
};

// A recorded payload as a value: objects are kept, strings hold JSON text and are parsed.
asl::Json PayloadValue(const asl::Json& recorded);

}  // namespace sim
