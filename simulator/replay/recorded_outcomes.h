#pragma once
// Task outcomes read back from a recorded execution history: for every state, what each of its
// task invocations did (started by which worker, submitted what, then succeeded with an output,
// failed with an error, timed out, or never finished). Replaying them through RecordedBackend
// re-runs a definition against what the services really did — the conformance suite and
// `sfnsim replay` both use it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/services/service_backend.h"

namespace sim {

struct RecordedOutcome {
  enum class Kind { kSucceeded, kFailed, kTimedOut, kUnfinished };
  std::string state_name;
  int64_t scheduled_event = 0;   // id of the TaskScheduled / LambdaFunctionScheduled / …
  bool started = false;
  std::string worker_name;       // ActivityStarted's workerName
  std::optional<asl::Json> submitted_output;
  Kind kind = Kind::kUnfinished;
  asl::Json output;
  asl::Error error;
};

class RecordedOutcomes {
 public:
  // `events`: a history in the AWS CLI shape (payloads as JSON text), or as the conformance
  // corpus stores it (payloads parsed where they were objects). Errors name the event.
  static asl::Result<RecordedOutcomes, std::string> FromEvents(const asl::Json& events);

  const std::vector<RecordedOutcome>* ForState(const std::string& state) const;
  const std::map<std::string, std::vector<RecordedOutcome>>& all() const { return by_state_; }

 private:
  std::map<std::string, std::vector<RecordedOutcome>> by_state_;
};

// Serves invocation k of state S with the k-th recorded outcome of S. A timed-out or
// unfinished outcome never completes, so the definition's own timeout (or the end of the run)
// decides, as it did when the history was recorded.
class RecordedBackend final : public ServiceBackend {
 public:
  explicit RecordedBackend(const RecordedOutcomes& outcomes) : outcomes_(outcomes) {}
  bool Invoke(const TaskRequest& request, const TaskHandle& handle) override;

 private:
  const RecordedOutcomes& outcomes_;
};

// A recorded payload as a value: objects are kept, strings hold JSON text and are parsed.
asl::Json PayloadValue(const asl::Json& recorded);

}  // namespace sim
