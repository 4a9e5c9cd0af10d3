#pragma once
// Hooks the world around the engine uses to see and shape a run: quotas that delay state
// transitions, and observers that learn how each task failure was handled (for fault reports).

#include <cstdint>
#include <string_view>

#include "asl/base/error.h"
#include "simulator/clock/sim_time.h"

namespace sim {

class Execution;

// Throttles state transitions (AWS delays transitions over the quota; it does not fail them).
class TransitionGate {
 public:
  virtual ~TransitionGate() = default;
  // A transition wants to happen at `now`; returns when it may (>= now).
  virtual SimTime Acquire(const Execution& execution, SimTime now) = 0;
};

// How the engine handled a failed task attempt (or a failed Parallel/Map state).
enum class FailureHandling : uint8_t { kRetried, kCaught, kUnhandled };

struct FailureReport {
  const Execution* execution = nullptr;
  std::string_view state_name;
  uint64_t task_id = 0;  // the TaskHandle id of the failed attempt (0: not a task attempt)
  const asl::Error* error = nullptr;
  FailureHandling handling = FailureHandling::kUnhandled;
  int index = -1;        // the retrier or catcher that handled it
  int64_t event_id = 0;  // the failure's history event
};

class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;
  virtual void OnFailureHandled(const FailureReport& report) = 0;
  virtual void OnExecutionEnded(const Execution&) {}
};

}  // namespace sim
