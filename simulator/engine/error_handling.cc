// Errors: Retry, Catch, failing a lane and aborting its siblings.
// https://states-language.net/spec.html#errors
// History shapes: docs/reference/aws-semantics.md §5 and §6.

#include <fmt/format.h>

#include <algorithm>

#include "asl/runtime/retry_delay.h"
#include "simulator/engine/execution_internal.h"

namespace sim {

void Execution::FailRuntime(Lane& lane, const asl::State& state, const std::string& message) {
  FailLane(lane, asl::Error(std::string(asl::errors::kRuntime),
                            fmt::format("An error occurred while executing the state '{}' "
                                        "(entered at the event id #{}). {}",
                                        state.name, lane.entered_event, message)));
}

void Execution::RaiseStateError(Lane& lane, const asl::State& state, asl::Error error) {
  if (error.name == asl::errors::kRuntime) return FailRuntime(lane, state, error.cause);
  if (error.name == asl::errors::kQueryEvaluationError) {
    if (!EmitEvaluationFailed(lane, state, error)) return;
  }
  HandleStateError(lane, state, std::move(error));
}

// A JSONata expression failed: the cause gets the state prefix and the EvaluationFailed event
// is written before the state's failure is handled (Retry and Catch see
// States.QueryEvaluationError). docs/reference/aws-semantics.md §1.1 and §3.3: the event takes
// the previousEventId of the state's Entered event when nothing was written since (Output,
// Arguments, Items), else it follows the lane's last event.
bool Execution::EmitEvaluationFailed(Lane& lane, const asl::State& state, asl::Error& error) {
  error.cause = fmt::format("An error occurred while executing the state '{}' (entered at the "
                            "event id #{}). {}",
                            state.name, lane.entered_event, error.cause);
  if (ended()) return false;
  HistoryEventView failed{EventType::kEvaluationFailed};
  failed.name = state.name;
  failed.error = &error;
  failed.location = error.location;
  // The Wait state's expressions are the exception AWS records: they follow the Entered event.
  bool skips_entered = lane.pointer == lane.entered_event && state.type != asl::StateType::kWait;
  if (!EmitAt(skips_entered ? lane.entered_previous : lane.pointer, failed)) return false;
  lane.pointer = failed.id;
  return true;
}

void Execution::ReportFailure(const asl::State& state, const asl::Error& error,
                              FailureHandling handling, int index, int64_t event_id) {
  if (sim_.observers().empty()) return;
  FailureReport report;
  report.execution = this;
  report.state_name = state.name;
  report.task_id = failed_task_;
  report.error = &error;
  report.handling = handling;
  report.index = index;
  report.event_id = event_id;
  for (ExecutionObserver* observer : sim_.observers()) observer->OnFailureHandled(report);
}

void Execution::HandleStateError(Lane& lane, const asl::State& state, asl::Error error) {
  if (ended()) return;
  bool runtime = error.name == asl::errors::kRuntime;
  int64_t failure_event = lane.pointer;
  // Retry: the first retrier whose ErrorEquals matches is the only one consulted.
  if (!runtime) {
    for (size_t i = 0; i < state.retriers.size(); ++i) {
      const asl::Retrier& retrier = state.retriers[i];
      if (!asl::ErrorMatches(retrier.error_equals, error)) continue;
      if (lane.retry_counts[i] < retrier.max_attempts) {
        ++lane.retry_counts[i];
        ++lane.retry_count;
        ++transitions_;  // AWS bills each retry as a state transition
        int64_t delay = asl::RetryDelayMillis(retrier, lane.retry_counts[i], sim_.random());
        // A retried task is scheduled again after the backoff: the engine's scheduling latency
        // is added to it (drawn from its own stream, so the jitter above is what it was).
        if (state.type == asl::StateType::kTask) {
          delay += sim_.DrawEngineLatency(engine_.task_schedule).ms;
        }
        Resume what = state.type == asl::StateType::kParallel ? Resume::kParallelAttempt
                      : state.type == asl::StateType::kMap    ? Resume::kMapAttempt
                                                              : Resume::kTaskAttempt;
        ReportFailure(state, error, FailureHandling::kRetried, static_cast<int>(i),
                      failure_event);
        failed_task_ = 0;
        ResumeAfter(lane, Duration{delay}, what);
        return;
      }
      break;
    }
  }
  if (state.type == asl::StateType::kParallel || state.type == asl::StateType::kMap) {
    HistoryEventView failed{state.type == asl::StateType::kMap ? EventType::kMapStateFailed
                                                                : EventType::kParallelStateFailed};
    if (!Emit(lane, failed)) return;
  }
  // Catch: the first matching catcher; its ResultPath places the error output in the raw input.
  if (!runtime) {
    for (size_t i = 0; i < state.catchers.size(); ++i) {
      const asl::Catcher& catcher = state.catchers[i];
      if (!asl::ErrorMatches(catcher.error_equals, error)) continue;
      ReportFailure(state, error, FailureHandling::kCaught, static_cast<int>(i), failure_event);
      failed_task_ = 0;
      LaneEnv env(*this, lane);
      // The catcher's Assign reads the error output ("$", $states.errorOutput) and the
      // variables from before the state; its Output then sees the same variables.
      asl::Json error_output = asl::ErrorOutput(error);
      auto assigned = asl::EvaluateAssign(
          state, catcher.assign, {&error_output, &lane.input, nullptr, &error_output}, env);
      auto output = assigned.ok() ? asl::CatchOutput(state, catcher, lane.input, error, env)
                                  : asl::Result<asl::Json>(asl::Fail(std::move(assigned.error())));
      if (!output.ok()) {
        asl::Error failure = std::move(output.error());
        if (failure.name == asl::errors::kRuntime) return FailRuntime(lane, state, failure.cause);
        if (failure.name != asl::errors::kQueryEvaluationError) {
          return FailLane(lane, std::move(failure));
        }
        // A failing catcher Output or Assign is not caught again.
        if (!EmitEvaluationFailed(lane, state, failure)) return;
        return FailLane(lane, std::move(failure));
      }
      lane.status = Lane::Status::kReady;
      ExitState(lane, state, std::move(*output), catcher.next, std::move(*assigned));
      return;
    }
  }
  ReportFailure(state, error, FailureHandling::kUnhandled, -1, failure_event);
  failed_task_ = 0;
  FailLane(lane, std::move(error));
}

void Execution::FailLane(Lane& lane, asl::Error error) {
  if (ended()) return;
  if (lane.frame < 0) {
    HistoryEventView failed{EventType::kExecutionFailed};
    failed.error = &error;
    if (!Emit(lane, failed)) return;
    Finish(ExecutionStatus::kFailed, nullptr, &error);
    return;
  }
  Frame& frame = frames_[lane.frame];
  if (frame.done) return;
  lane.status = Lane::Status::kFailed;
  ++lane.generation;
  if (lane.task) {
    uint64_t task = lane.task;
    lane.task = 0;
    DropTask(task);
  }
  if (frame.failure_pending) return;  // the first failure decides; this lane will be aborted
  frame.failure_pending = true;
  frame.failed_lane = lane.id;
  frame.failure_reference = lane.pointer;  // the event that failed the lane
  frame.failure = std::move(error);
  sim_.Schedule(sim_.now(), this, kTimerFrameFailure, static_cast<uint64_t>(frame.id));
}

void Execution::ProcessFrameFailure(Frame& frame) {
  if (frame.done || ended()) return;
  Lane& lane = lanes_[frame.failed_lane];
  int64_t reference = frame.failure_reference;
  if (frame.is_map) {
    HistoryEventView failed{EventType::kMapIterationFailed};
    failed.name = frame.state->name;
    failed.index = lane.index;
    if (!EmitAt(reference, failed)) return;
  }
  if (lane.state != asl::kNoState && lane.current().type == asl::StateType::kTask) {
    HistoryEventView aborted{EventType::kTaskStateAborted};
    if (!EmitAt(reference, aborted)) return;
  }
  lane.status = Lane::Status::kDone;
  AbortFrame(frame, reference, static_cast<int>(lane.id));
  if (ended()) return;
  frame.done = true;
  Lane& owner = lanes_[frame.owner];
  owner.child_frame = -1;
  owner.pointer = reference;
  owner.status = Lane::Status::kReady;
  ++owner.generation;
  HandleStateError(owner, *frame.state, std::move(frame.failure));
  RunLane(owner);
}

void Execution::AbortFrame(Frame& frame, int64_t reference, int exclude_lane) {
  frame.done = true;
  for (uint32_t id : frame.lanes) {
    if (static_cast<int>(id) == exclude_lane) continue;
    Lane& other = lanes_[id];
    if (other.status == Lane::Status::kDone || other.status == Lane::Status::kAborted) continue;
    AbortLane(other, reference);
    if (ended()) return;
  }
}

void Execution::AbortLane(Lane& lane, int64_t reference) {
  const Frame& frame = frames_[lane.frame];
  lane.status = Lane::Status::kAborted;
  ++lane.generation;
  if (lane.task) {
    uint64_t task = lane.task;
    lane.task = 0;
    DropTask(task);
  }
  if (frame.is_map) {
    HistoryEventView aborted{EventType::kMapIterationAborted};
    aborted.name = frame.state->name;
    aborted.index = lane.index;
    if (!EmitAt(reference, aborted)) return;
  }
  if (lane.state == asl::kNoState) return;
  const asl::State& state = lane.current();
  if (lane.child_frame >= 0) {
    AbortFrame(frames_[lane.child_frame], reference, -1);
    lane.child_frame = -1;
    if (ended()) return;
  }
  if (std::optional<EventType> type = AbortedEvent(state.type)) {
    HistoryEventView aborted{*type};
    EmitAt(reference, aborted);
  }
}

}  // namespace sim
