// What an execution's queued timers mean to whoever drives the clock (Simulation::
// RunUntilBlocked, NextEventTime): a stale one does nothing when it fires; a kAwaitsCaller one
// is a deadline that only an answer from outside (SendTaskSuccess, SendTaskFailure,
// SendTaskHeartbeat, StopExecution) can still keep from firing. Every test here mirrors one in
// OnTimer (execution.cc): a timer called stale there returns without doing anything.

#include "simulator/engine/execution_internal.h"

namespace sim {

namespace {

// A task that ends when a child execution does (states:startExecution.sync and .sync:2; other
// .sync services have no children and find none).
bool WaitsForChild(const asl::TaskResource& resource) {
  return resource.pattern == asl::IntegrationPattern::kSync ||
         resource.pattern == asl::IntegrationPattern::kSync2;
}

}  // namespace

bool Execution::AwaitsCaller() const {
  if (ended()) return false;
  bool waits_for_children = false;
  for (const auto& [id, task] : tasks_) {
    // A reported task ends at the time its backend gave, whatever a caller does.
    if (task.reported || task.s3_step != S3Step::kNone) continue;
    if (!task.token.empty()) return true;
    if (task.state != nullptr && task.state->resource && WaitsForChild(*task.state->resource)) {
      waits_for_children = true;
    }
  }
  for (const Frame& frame : frames_) {
    if (frame.distributed && !frame.done) waits_for_children = true;
  }
  if (!waits_for_children) return false;
  // Nesting is bounded (kMaxExecutionNesting running levels), and so is this recursion.
  // ASSUMED: a child started without .sync next to one the run waits for counts as waited for.
  for (uint64_t child_id : children_) {
    const Execution* child = sim_.FindExecution(child_id);
    if (child != nullptr && child->AwaitsCaller()) return true;
  }
  return false;
}

TimerState Execution::Classify(const Timer& timer) const {
  if (timer.tag == kTimerReleaseRunState) return TimerState::kLive;
  if (ended()) return TimerState::kStale;
  switch (timer.tag) {
    case kTimerExecutionTimeout:
      return AwaitsCaller() ? TimerState::kAwaitsCaller : TimerState::kLive;
    case kTimerLaneResume: {
      uint32_t lane_id = static_cast<uint32_t>(timer.arg & 0xFFFFFFFFu);
      uint32_t generation = static_cast<uint32_t>(timer.arg >> 32);
      if (lane_id >= lanes_.size()) return TimerState::kStale;
      const Lane& lane = lanes_[lane_id];
      return lane.generation == generation && lane.status == Lane::Status::kBlocked
                 ? TimerState::kLive
                 : TimerState::kStale;
    }
    case kTimerFrameFailure:
    case kTimerMapRunFailure:
    case kTimerMapChildEnded:
      return TimerState::kLive;
    default:
      break;
  }
  // Task stages: stale once the attempt is over (a retry is a new task id).
  auto it = tasks_.find(timer.arg);
  if (it == tasks_.end()) return TimerState::kStale;
  const Task& task = it->second;
  const bool open_token = !task.token.empty() && !task.reported && task.s3_step == S3Step::kNone;
  switch (timer.tag) {
    case kTimerTaskTimeout:
      return open_token ? TimerState::kAwaitsCaller : TimerState::kLive;
    case kTimerTaskHeartbeatCheck: {
      // A check before the deadline (a heartbeat came since it was set) only moves itself to
      // the new deadline.
      SimTime deadline = task.last_beat + Duration::Seconds(task.heartbeat_seconds.value_or(0));
      return open_token && timer.time >= deadline ? TimerState::kAwaitsCaller
                                                  : TimerState::kLive;
    }
    default:
      return TimerState::kLive;
  }
}

}  // namespace sim
