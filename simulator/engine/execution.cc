// Execution lifecycle: start, history emission, lanes and timers, the Context object, leaving
// a state, and the end of the run.

#include "simulator/engine/execution.h"

#include <fmt/format.h>

#include <algorithm>

#include "asl/base/json_limits.h"
#include "simulator/engine/execution_internal.h"

namespace sim {

namespace {

// The maximum duration of an EXPRESS execution (5 minutes); STANDARD runs are capped at a year.
constexpr int64_t kExpressMaxMillis = 5 * 60 * 1000;
constexpr int64_t kStandardMaxMillis = 365LL * 24 * 3600 * 1000;

}  // namespace

// The …StateEntered / …StateExited / …StateAborted events come from the table of the events
// each element writes (asl/model/history_elements.def), which the history budget counts by.
EventType EnteredEvent(asl::StateType type) {
  return asl::ElementEvents(asl::OpeningElement(type)).front();
}

EventType ExitedEvent(asl::StateType type) {
  return asl::ElementEvents(asl::ClosingElement(type)).back();
}

std::optional<EventType> AbortedEvent(asl::StateType type) {
  if (!asl::HasAbortedElement(type)) return std::nullopt;
  return asl::ElementEvents(asl::AbortedElement(type)).front();
}

Execution::Execution(Simulation& simulation, uint64_t id, ExecutionSpec spec)
    : sim_(simulation),
      id_(id),
      spec_(std::move(spec)),
      // A distributed map's child keeps the map run's naming (unverified for EXPRESS children:
      // docs/known-differences.md).
      arn_(spec_.express && spec_.map_run_arn.empty()
               ? simulation.ExecutionArn(spec_.state_machine_name, spec_.name, true, id)
               : simulation.ExecutionArn(spec_.state_machine_name, spec_.name, false, id,
                                         spec_.express ? "express" : "execution")),
      recorder_(spec_.sink, spec_.express ? 0 : kHistoryEventLimit),
      engine_(simulation.config().engine_latency.For(spec_.express)) {
  // Every place that starts an execution has refused an input that is not JSON or nests too
  // deep (CheckStartExecution); this is only a guard for code that did not.
  input_ = asl::ParseJsonWithinLimits(spec_.input_text).value_or(asl::Json::object());
}

Execution::~Execution() = default;

void Execution::Start() {
  start_time_ = sim_.now();
  HistoryEventView started{EventType::kExecutionStarted};
  started.payload.text = spec_.input_text;
  started.role_arn = spec_.role_arn;
  if (!EmitAt(0, started)) return;

  int64_t max_millis = spec_.express ? kExpressMaxMillis : kStandardMaxMillis;
  if (spec_.machine->timeout_seconds) {
    max_millis = std::min(max_millis, *spec_.machine->timeout_seconds * 1000);
  }
  sim_.Schedule(start_time_ + Duration{max_millis}, this, kTimerExecutionTimeout, 0);

  Lane& root = NewLane(*spec_.machine, -1, -1, 0);
  root.state = spec_.machine->start_at;
  root.input = input_;
  root.scope = std::make_shared<asl::VariableScope>();
  // The first state is entered after a transition's latency, not through the state-transition
  // quota: StartExecution's own quota admitted the run (simulator/quotas).
  if (Duration first = sim_.DrawEngineLatency(engine_.transition); first.ms > 0) {
    ResumeAfter(root, first, Resume::kEnter);
    return;
  }
  RunLane(root);
}

void Execution::Stop(std::optional<std::string> error, std::optional<std::string> cause) {
  if (ended()) return;
  asl::Error e;
  e.has_name = error.has_value();
  e.has_cause = cause.has_value();
  if (error) e.name = *error;
  if (cause) e.cause = *cause;
  HistoryEventView aborted{EventType::kExecutionAborted};
  aborted.error = &e;
  if (!EmitAt(0, aborted)) return;
  error_ = e;
  Finish(ExecutionStatus::kAborted, nullptr, nullptr);
}

bool Execution::EmitAt(int64_t previous, HistoryEventView& event) {
  event.previous_event_id = previous;
  event.timestamp = sim_.now();
  if (!recorder_.Append(event)) {
    EndByHistoryLimit();
    return false;
  }
  return true;
}

bool Execution::Emit(Lane& lane, HistoryEventView& event, bool advancing) {
  if (ended()) return false;
  if (!EmitAt(lane.pointer, event)) return false;
  if (advancing) lane.pointer = event.id;
  return true;
}

void Execution::EndByHistoryLimit() {
  error_ = recorder_.limit_error();
  Finish(ExecutionStatus::kFailed, nullptr, nullptr);
}

void Execution::Finish(ExecutionStatus status, const asl::Json* output, const asl::Error* error) {
  if (ended()) return;
  status_ = status;
  stop_time_ = sim_.now();
  if (output) output_ = *output;
  if (error) error_ = *error;
  for (Lane& lane : lanes_) {
    ++lane.generation;  // every pending timer of the run becomes stale
    if (lane.status != Lane::Status::kDone) lane.status = Lane::Status::kAborted;
  }
  // Tasks in flight are given up with the run (their backends' cancellations run after the
  // terminal event is recorded).
  std::vector<std::function<void()>> cancellations;
  for (auto& [id, task] : tasks_) {
    if (!task.reported && task.on_abandon) cancellations.push_back(std::move(task.on_abandon));
  }
  tasks_.clear();
  recorder_.Finish();
  // What only the run needed (lanes' inputs, Map results, a reader's items) is freed a moment
  // later, when no caller on the stack holds a lane: a Distributed Map's thousands of ended
  // children would otherwise keep every page they worked on.
  sim_.Schedule(sim_.now(), this, kTimerReleaseRunState, 0);
  auto watchers = std::move(watchers_);
  for (auto& watcher : watchers) watcher(*this);
  sim_.NotifyEnded(*this);
  for (auto& cancel : cancellations) cancel();
}

void Execution::ReleaseRunState() {
  for (Lane& lane : lanes_) {
    lane.input = asl::Json();
    lane.effective = asl::Json();
    lane.scope.reset();
  }
  for (Frame& frame : frames_) {
    frame.results.clear();
    frame.results.shrink_to_fit();
    frame.owned_items = asl::Json();
    frame.source.reset();
    frame.listed.clear();
    frame.file_sources.clear();
    frame.lookahead = asl::Json();
  }
  context_ = asl::Json();
  scratch_ = asl::Json();
  // A Distributed Map child's input lives on as text (its result entry, DescribeExecution).
  if (!spec_.map_run_arn.empty()) input_ = asl::Json();
}

Execution::Lane& Execution::NewLane(const asl::StateMachine& machine, int frame, int64_t index,
                                    int64_t pointer) {
  Lane& lane = lanes_.emplace_back();
  lane.id = static_cast<uint32_t>(lanes_.size() - 1);
  lane.machine = &machine;
  lane.frame = frame;
  lane.index = index;
  lane.pointer = pointer;
  return lane;
}

void Execution::RunLane(Lane& lane) {
  while (!ended() && lane.status == Lane::Status::kReady) {
    if (!sim_.CountStateEntry()) return;
    EnterState(lane);
  }
}

void Execution::ResumeAfter(Lane& lane, Duration delay, Resume what) {
  lane.status = Lane::Status::kBlocked;
  lane.resume = what;
  ++lane.generation;
  sim_.Schedule(sim_.now() + delay, this, kTimerLaneResume, LaneArg(lane.id, lane.generation));
}

void Execution::OnTimer(uint32_t tag, uint64_t arg) {
  if (tag == kTimerReleaseRunState) return ReleaseRunState();
  if (ended()) return;
  switch (tag) {
    case kTimerExecutionTimeout: {
      HistoryEventView timed_out{EventType::kExecutionTimedOut};
      asl::Error e = asl::Error::NameOnly(std::string(asl::errors::kTimeout));
      timed_out.error = &e;
      if (!EmitAt(0, timed_out)) return;
      Finish(ExecutionStatus::kTimedOut, nullptr, &e);
      return;
    }
    case kTimerLaneResume: {
      uint32_t lane_id = static_cast<uint32_t>(arg & 0xFFFFFFFFu);
      uint32_t generation = static_cast<uint32_t>(arg >> 32);
      if (lane_id >= lanes_.size()) return;
      Lane& lane = lanes_[lane_id];
      if (lane.generation != generation || lane.status != Lane::Status::kBlocked) return;
      lane.status = Lane::Status::kReady;
      switch (lane.resume) {
        case Resume::kEnter: break;
        case Resume::kTaskAttempt: DispatchTask(lane); break;
        case Resume::kWaitDone: FinishWait(lane); break;
        case Resume::kParallelAttempt: StartParallelAttempt(lane); break;
        case Resume::kMapAttempt: StartMapAttempt(lane); break;
        case Resume::kExit: FinishExit(lane); break;
        case Resume::kFail: FailLane(lane, std::move(lane.exit_error)); break;
      }
      RunLane(lane);
      return;
    }
    case kTimerFrameFailure:
      if (arg < frames_.size()) ProcessFrameFailure(frames_[arg]);
      return;
    case kTimerMapRunFailure:
      if (arg < frames_.size() && !frames_[arg].done) {
        FailMapRun(frames_[arg], std::move(frames_[arg].failure));
      }
      return;
    case kTimerMapChildEnded: {
      size_t frame_id = static_cast<size_t>(arg >> 32);
      if (frame_id < frames_.size()) OnMapChildEnded(frames_[frame_id], arg & 0xFFFFFFFFu);
      return;
    }
    default: break;
  }
  // Task stages.
  auto it = tasks_.find(arg);
  if (it == tasks_.end()) return;
  Task& task = it->second;
  if (task.s3_step != S3Step::kNone) {
    // A Distributed Map's own S3 call: only its end matters.
    if (tag == kTimerTaskSucceeded || tag == kTimerTaskFailed) {
      OnS3Reply(task, tag == kTimerTaskSucceeded);
    }
    return;
  }
  Lane& lane = lanes_[task.lane];
  const asl::TaskResource& resource = *task.state->resource;
  auto start_if_needed = [&]() -> bool {
    if (task.started) return true;
    task.started = true;
    task.last_beat = sim_.now();
    HistoryEventView e{asl::AttemptEvents(resource).started};
    if (resource.kind == asl::ResourceKind::kActivity) {
      e.worker_name = task.worker;
    } else if (resource.kind != asl::ResourceKind::kLambda) {
      e.resource_type = resource.history_resource_type;
      e.resource = resource.history_resource;
    }
    return Emit(lane, e);
  };
  // An attempt's events, from the table of the events each element writes.
  const asl::AttemptEventTypes attempt_events = asl::AttemptEvents(resource);
  EventType failed_type = attempt_events.failed;
  EventType timed_out_type = attempt_events.timed_out;
  switch (tag) {
    case kTimerTaskStarted:
      start_if_needed();
      return;
    case kTimerTaskSubmitted: {
      if (!start_if_needed()) return;
      task.submitted = true;
      HistoryEventView e{EventType::kTaskSubmitted};
      e.resource_type = resource.history_resource_type;
      e.resource = resource.history_resource;
      e.payload.json = &task.submitted_output;
      Emit(lane, e);
      return;
    }
    case kTimerTaskSucceeded:
      if (resource.kind != asl::ResourceKind::kActivity || !task.worker.empty()) {
        if (!start_if_needed()) return;
      }
      CompleteTask(task, std::move(task.result));
      return;
    case kTimerTaskFailed:
      if (resource.kind != asl::ResourceKind::kActivity || !task.worker.empty()) {
        if (!start_if_needed()) return;
      }
      FailTask(task, std::move(task.error), failed_type);
      return;
    case kTimerTaskTimeout:
      FailTask(task, asl::Error::NameOnly(std::string(asl::errors::kTimeout)), timed_out_type);
      return;
    case kTimerTaskHeartbeatCheck: {
      SimTime deadline = task.last_beat + Duration::Seconds(*task.heartbeat_seconds);
      if (sim_.now() < deadline) {
        sim_.Schedule(deadline, this, kTimerTaskHeartbeatCheck, task.id);
        return;
      }
      FailTask(task, asl::Error::NameOnly(std::string(asl::errors::kTimeout)), timed_out_type);
      return;
    }
    default: return;
  }
}

// Reports from backends: keep the payload, fire at the reported time.
void Execution::TaskStarted(uint64_t task, SimTime at, std::string worker_name) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) return;
  it->second.worker = std::move(worker_name);
  sim_.Schedule(at, this, kTimerTaskStarted, task);
}

void Execution::TaskSubmitted(uint64_t task, SimTime at, asl::Json output) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) return;
  it->second.submitted_output = std::move(output);
  sim_.Schedule(at, this, kTimerTaskSubmitted, task);
}

void Execution::TaskHeartbeat(uint64_t task, SimTime at) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) return;
  if (at > it->second.last_beat) it->second.last_beat = at;
}

void Execution::TaskSucceeded(uint64_t task, SimTime at, asl::Json output) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) return;
  it->second.reported = true;
  it->second.result = std::move(output);
  sim_.Schedule(at, this, kTimerTaskSucceeded, task);
}

void Execution::TaskSucceededDeferred(uint64_t task, SimTime at, asl::Json core,
                                      DeferredResult deferred) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) return;
  it->second.reported = true;
  it->second.result = std::move(core);
  it->second.deferred = std::move(deferred);
  sim_.Schedule(at, this, kTimerTaskSucceeded, task);
}

void Execution::TaskFailed(uint64_t task, SimTime at, asl::Error error) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) return;
  it->second.reported = true;
  it->second.error = std::move(error);
  sim_.Schedule(at, this, kTimerTaskFailed, task);
}

void Execution::TaskOnAbandon(uint64_t task, std::function<void()> cancel) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) {
    cancel();  // already given up
    return;
  }
  it->second.on_abandon = std::move(cancel);
}

void Execution::DropTask(uint64_t task) {
  auto it = tasks_.find(task);
  if (it == tasks_.end()) return;
  std::function<void()> cancel;
  if (!it->second.reported) cancel = std::move(it->second.on_abandon);
  tasks_.erase(it);
  if (cancel) cancel();
}

const asl::Json* Execution::Context(Lane& lane, const std::string* task_token,
                                    const asl::Json* item_value, int64_t item_index,
                                    bool lend_item) {
  if (lent_item_ != nullptr && lent_item_ != item_value) ReturnLentItem();
  if (context_.is_null()) {
    // Key order as AWS serialises the Context object.
    context_ = asl::Json::object();
    asl::Json execution = asl::Json::object();
    execution["Id"] = arn_;
    execution["Input"] = input_;
    execution["StartTime"] = FormatIso8601Millis(start_time_);
    execution["Name"] = spec_.name;
    execution["RoleArn"] = spec_.role_arn;
    execution["RedriveCount"] = 0;
    context_["Execution"] = std::move(execution);
    context_["StateMachine"] = {{"Id", spec_.state_machine_arn},
                                {"Name", spec_.state_machine_name}};
    context_["State"] = asl::Json::object();
  }
  // Members are updated where they stand, not rebuilt: a Map asks for the Context object once
  // per item. Assigning to existing members keeps their order (Name, EnteredTime, RetryCount);
  // Task and Map are never wanted together, so whichever is present is last.
  const asl::State& state = lane.current();
  asl::Json& s = context_["State"];
  s["Name"] = state.name;
  if (lane.entered_time != context_entered_time_ || !s.contains("EnteredTime")) {
    context_entered_time_ = lane.entered_time;
    s["EnteredTime"] = FormatIso8601Millis(lane.entered_time);
  }
  if (state.type == asl::StateType::kTask || state.type == asl::StateType::kParallel ||
      state.type == asl::StateType::kMap) {
    s["RetryCount"] = lane.retry_count;
  } else {
    s.erase("RetryCount");
  }
  if (task_token) {
    context_["Task"]["Token"] = *task_token;
  } else {
    context_.erase("Task");
  }
  if (item_value) {
    asl::Json& item = context_["Map"]["Item"];
    item["Index"] = item_index;
    if (!lend_item) {
      item["Value"] = *item_value;
    } else if (lent_item_ == nullptr) {
      // The items live in a lane's input or the frame, neither of them const.
      lent_item_ = const_cast<asl::Json*>(item_value);
      std::swap(item["Value"], *lent_item_);
    }
  } else {
    context_.erase("Map");
  }
  return &context_;
}

void Execution::ReturnLentItem() {
  if (lent_item_ == nullptr) return;
  std::swap(context_["Map"]["Item"]["Value"], *lent_item_);
  lent_item_ = nullptr;
}

void Execution::Transition(Lane& lane, asl::Json output, asl::StateId next) {
  if (next == asl::kNoState) {
    OnLaneSucceeded(lane, std::move(output));
    return;
  }
  lane.state = next;
  lane.input = std::move(output);
  EnterWhenAllowed(lane, engine_.transition);
}

SimTime Execution::TransitionTime(const EngineRange& step) {
  SimTime at = sim_.now() + sim_.DrawEngineLatency(step);
  if (TransitionGate* gate = sim_.transition_gate()) at = gate->Acquire(*this, at);
  return at;
}

// Every state entered is a state transition, including the first state of a Parallel branch
// or a Map iteration: each takes the engine's latency and waits for the account's
// state-transition quota.
void Execution::EnterWhenAllowed(Lane& lane, const EngineRange& step) {
  SimTime at = TransitionTime(step);
  if (at > sim_.now()) {
    ResumeAfter(lane, at - sim_.now(), Resume::kEnter);
  } else {
    lane.status = Lane::Status::kReady;
  }
}

void Execution::ExitState(Lane& lane, const asl::State& state, asl::Json output,
                          asl::StateId next, asl::Json assigned) {
  if (!CheckPayloadSize(lane, state, output)) return;
  bool assigns = assigned.is_object();
  // NONSTANDARD: AWS's error for an execution over 10 MiB of variables is not recorded; sfnsim
  // reports the payload quota's error (docs/known-differences.md).
  if (assigns && lane.scope->TotalBytesAfter(assigned) > asl::kMaxTotalVariableBytes) {
    FailLane(lane, asl::Error(std::string(asl::errors::kDataLimitExceeded),
                              fmt::format("The state '{}' would raise the workflow variables "
                                          "the execution holds above {} bytes",
                                          state.name, asl::kMaxTotalVariableBytes)));
    return;
  }
  // The state's work is done: its exit waits for the engine's state latency, if any. Limits
  // were checked above, so that a failure is written when the state's work fails.
  if (Duration work = sim_.DrawEngineLatency(engine_.state); work.ms > 0) {
    lane.input = std::move(output);
    lane.exit_next = next;
    lane.exit_assigned = std::move(assigned);
    ResumeAfter(lane, work, Resume::kExit);
    return;
  }
  EmitExit(lane, state, std::move(output), next, std::move(assigned));
}

void Execution::FinishExit(Lane& lane) {
  EmitExit(lane, lane.current(), std::move(lane.input), lane.exit_next,
           std::move(lane.exit_assigned));
  lane.exit_assigned = asl::Json();
}

void Execution::EmitExit(Lane& lane, const asl::State& state, asl::Json output,
                         asl::StateId next, asl::Json assigned) {
  bool assigns = assigned.is_object();
  HistoryEventView e{ExitedEvent(state.type)};
  e.name = state.name;
  e.payload.json = &output;
  if (assigns) e.assigned_variables = &assigned;
  if (!Emit(lane, e)) return;
  // The new values count from the next state on: the state's own expressions saw the old ones.
  if (assigns) lane.scope->Assign(std::move(assigned));
  Transition(lane, std::move(output), next);
}

void Execution::FinishWithResult(Lane& lane, const asl::State& state, asl::Json result,
                                 const DeferredResult* deferred) {
  LaneEnv env(*this, lane);
  // 1. ResultSelector.
  asl::Json core_kept;
  if (deferred != nullptr) core_kept = result;  // a core is small (DeferredResult)
  auto selected = asl::SelectResult(state, std::move(result), env);
  if (!selected.ok() && deferred != nullptr) {
    selected = asl::SelectResult(state, deferred->complete(std::move(core_kept)), env);
  }
  if (!selected.ok()) {
    RaiseStateError(lane, state, std::move(selected.error()));
    return RunLane(lane);
  }
  // 2. Assign, over the result and the variables from before the state.
  auto assigned = asl::EvaluateAssign(state, state.assign,
                                      {&*selected, &lane.input, &*selected, nullptr}, env);
  if (!assigned.ok()) {
    RaiseStateError(lane, state, std::move(assigned.error()));
    return RunLane(lane);
  }
  // 3. ResultPath, 4. OutputPath. A Catch needs the raw input as it was when either fails.
  auto output = asl::StateOutput(state, lane.input, std::move(*selected), asl::RawInput::kKeep,
                                 env, scratch_);
  if (!output.ok()) {
    RaiseStateError(lane, state, std::move(output.error()));
    return RunLane(lane);
  }
  lane.effective = nullptr;
  ExitState(lane, state, std::move(*output), state.next, std::move(*assigned));
  RunLane(lane);
}

bool Execution::CheckPayloadSize(Lane& lane, const asl::State& state, const asl::Json& output) {
  if (asl::SerializedSize(output) <= asl::kMaxPayloadBytes) return true;
  FailLane(lane, asl::Error(std::string(asl::errors::kDataLimitExceeded),
                            fmt::format("The state/task '{}' returned a result with a size "
                                        "exceeding the maximum number of bytes service limit.",
                                        state.name)));
  return false;
}

asl::Json Execution::Describe() const {
  asl::Json d = asl::Json::object();
  d["executionArn"] = arn_;
  d["stateMachineArn"] = spec_.state_machine_arn;
  d["name"] = spec_.name;
  d["status"] = StatusName(status_);
  d["startDate"] = FormatCliTimestamp(start_time_);
  if (ended()) d["stopDate"] = FormatCliTimestamp(stop_time_);
  d["input"] = spec_.input_text;
  d["inputDetails"] = {{"included", true}};
  if (status_ == ExecutionStatus::kSucceeded) {
    d["output"] = asl::Dump(output_);
    d["outputDetails"] = {{"included", true}};
  }
  // A TIMED_OUT execution reports no error or cause (recorded on AWS).
  if (status_ == ExecutionStatus::kFailed || status_ == ExecutionStatus::kAborted) {
    if (error_.has_name) d["error"] = error_.name;
    if (error_.has_cause) d["cause"] = error_.cause;
  }
  d["redriveCount"] = 0;
  return d;
}

}  // namespace sim
