#pragma once
// Execution: one run of a state machine, writing its history event for event as AWS does.
//
// The run is a tree of *lanes*: the top level is a lane, and so is each Parallel branch and each
// inline-Map worker. A lane runs states synchronously until it must wait for virtual time (a
// task, a Wait, a retry backoff, the engine's own latency: engine_latency.h); then a timer
// resumes it. Every history
// event takes its previousEventId from its lane's pointer, following the rules in
// docs/reference/aws-semantics.md §1.1.

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/base/error.h"
#include "asl/base/json.h"
#include "asl/model/state_machine.h"
#include "asl/runtime/data_flow.h"
#include "simulator/clock/event_queue.h"
#include "simulator/engine/engine_latency.h"
#include "simulator/engine/execution_spec.h"
#include "simulator/engine/observer.h"
#include "simulator/history/recorder.h"
#include "simulator/engine/service_backend.h"

namespace sim {

class Simulation;
struct MapBatching;
enum class S3Step : uint8_t;

class Execution final : public TimerTarget, public TaskReceiver {
 public:
  Execution(Simulation& simulation, uint64_t id, ExecutionSpec spec);
  ~Execution();

  // Writes ExecutionStarted and enters the first state. Called by Simulation.
  void Start();
  // StopExecution: ends the run ABORTED (error and cause optional, as the API takes them).
  void Stop(std::optional<std::string> error, std::optional<std::string> cause);

  uint64_t id() const { return id_; }
  const std::string& arn() const { return arn_; }
  const std::string& name() const { return spec_.name; }
  const std::string& state_machine_arn() const { return spec_.state_machine_arn; }
  const ExecutionSpec& spec() const { return spec_; }
  ExecutionStatus status() const { return status_; }
  bool ended() const { return status_ != ExecutionStatus::kRunning; }
  // The parsed input; null once a Distributed Map's child has ended (spec().input_text stays).
  const asl::Json& input() const { return input_; }
  const asl::Json& output() const { return output_; }  // SUCCEEDED only
  const asl::Error& error() const { return error_; }   // FAILED / TIMED_OUT / ABORTED
  bool has_error() const { return error_.has_name; }
  bool has_cause() const { return error_.has_cause; }
  SimTime start_time() const { return start_time_; }
  SimTime stop_time() const { return stop_time_; }
  const HistoryRecorder& history() const { return recorder_; }
  // Number of state transitions AWS bills: …StateEntered events plus retries.
  int64_t state_transitions() const { return transitions_; }

  // Called (once) when this execution ends.
  void Watch(std::function<void(Execution&)> watcher) { watchers_.push_back(std::move(watcher)); }

  // The executions this one started (states:startExecution, a Distributed Map's children), by
  // simulation id in start order; Simulation::StartExecution adds them.
  const std::vector<uint64_t>& children() const { return children_; }
  void AddChild(uint64_t id) { children_.push_back(id); }
  // Whether the run waits on a caller (timer_state.cc): on a task whose token no one has
  // answered yet, or on a child it waits for (.sync, a Distributed Map) that does.
  bool AwaitsCaller() const;

  // DescribeExecution's output shape.
  asl::Json Describe() const;
  // DescribeMapRun's output shape for each Distributed Map run this execution started, in
  // start order (a run still going reports RUNNING).
  // https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
  std::vector<asl::Json> DescribeMapRuns() const;

  // TimerTarget
  void OnTimer(uint32_t tag, uint64_t arg) override;
  TimerState Classify(const Timer& timer) const override;  // timer_state.cc
  // TaskReceiver
  void TaskStarted(uint64_t task, SimTime at, std::string worker_name) override;
  void TaskSubmitted(uint64_t task, SimTime at, asl::Json output) override;
  void TaskHeartbeat(uint64_t task, SimTime at) override;
  void TaskSucceeded(uint64_t task, SimTime at, asl::Json output) override;
  void TaskSucceededDeferred(uint64_t task, SimTime at, asl::Json core,
                             DeferredResult deferred) override;
  void TaskFailed(uint64_t task, SimTime at, asl::Error error) override;
  void TaskOnAbandon(uint64_t task, std::function<void()> cancel) override;

 private:
  struct Lane;
  struct Frame;
  struct Task;
  class LaneEnv;
  enum class Resume : uint8_t;

  // Lifecycle (execution.cc).
  bool Emit(Lane& lane, HistoryEventView& event, bool advancing = true);
  bool EmitAt(int64_t previous, HistoryEventView& event);
  void Finish(ExecutionStatus status, const asl::Json* output, const asl::Error* error);
  void ReleaseRunState();
  void EndByHistoryLimit();
  void RunLane(Lane& lane);
  void ResumeAfter(Lane& lane, Duration delay, Resume what);
  Lane& NewLane(const asl::StateMachine& machine, int frame, int64_t index, int64_t pointer);
  // The Context object ($$) for the lane's current state, rebuilt in place. With `lend_item`,
  // the Map item is swapped into $$.Map.Item.Value rather than copied (a row of a page is a
  // dozen JSON nodes, copied and freed once per item otherwise), and ReturnLentItem puts it back.
  const asl::Json* Context(Lane& lane, const std::string* task_token = nullptr,
                           const asl::Json* item_value = nullptr, int64_t item_index = 0,
                           bool lend_item = false);
  void ReturnLentItem();
  // Whether the frame's items may be lent to the Context object while its ItemSelector runs:
  // the selector cannot read where they lie (simulator/engine/parallel_map_states.cc).
  bool ItemsCanBeLent(const Frame& frame) const;

  // States (flow_states.cc, task_state.cc, parallel_state.cc, map_state.cc).
  void EnterState(Lane& lane);
  void RunPass(Lane& lane, const asl::State& state);
  void RunChoice(Lane& lane, const asl::State& state);
  void RunWait(Lane& lane, const asl::State& state);
  void FinishWait(Lane& lane);
  void RunSucceed(Lane& lane, const asl::State& state);
  void RunFail(Lane& lane, const asl::State& state);
  bool ResolveFailField(Lane& lane, const asl::State& state, const asl::StringOrPath& field,
                        const char* field_name, std::string& out, bool& present);
  void RunTask(Lane& lane, const asl::State& state);
  void DispatchTask(Lane& lane);
  // A request naming this execution, the state and (for replay) the lane's Map iterations.
  TaskRequest NewTaskRequest(Lane& lane, const asl::State& state,
                             const asl::TaskResource& resource, const asl::Json& parameters);
  // The Map iterations the lane runs in, outermost first: "Outer[2]/Inner[5]" ("" at the top).
  std::string MapIterationPath(const Lane& lane) const;
  void CompleteTask(Task& task, asl::Json result);
  // Whether `state` reads no more of a deferred result than `core` (DeferredResult).
  bool CoreResultSuffices(const asl::State& state, const asl::Json& core) const;
  // Forgets an in-flight task; when its backend has not reported its end, runs what the backend
  // asked to run if the task were given up (TaskOnAbandon).
  void DropTask(uint64_t task);
  void FailTask(Task& task, asl::Error error, EventType event);
  void RunParallel(Lane& lane, const asl::State& state);
  void StartParallelAttempt(Lane& lane);
  void RunMap(Lane& lane, const asl::State& state);
  void StartMapAttempt(Lane& lane);
  void StartMapItem(Frame& frame, Lane& worker, size_t item);
  bool ResolveMapItems(Lane& lane, const asl::State& state, const asl::Json*& items,
                       asl::Json& owned_items);
  // A Map setting given as a literal or as a path into the state's effective input (e.g.
  // MaxConcurrency / MaxConcurrencyPath): `fallback` when absent. Returns false after failing
  // the lane when the path finds nothing, a value that is not an integer or one outside
  // [min, max]. AWS reads MaxConcurrencyPath and the tolerated-failure paths after
  // MapStateStarted: callers resolve them after emitting it.
  bool ResolveMapSetting(Lane& lane, const asl::State& state, const asl::IntOrPath& setting,
                         const char* path_field, int64_t min, int64_t max, int64_t fallback,
                         int64_t& out);
  bool ResolveToleratedPercentage(Lane& lane, const asl::State& state, double& out);
  // What a *Path setting selects; false after failing the lane when it selects nothing.
  bool FindSettingPath(Lane& lane, const asl::State& state, const asl::JsonPath& path,
                       asl::SettingValue& out);
  // The effective input's selection by InputPath, kept in the lane while the state waits.
  // Returns false after raising the error.
  bool SelectEffectiveInput(Lane& lane, const asl::State& state);
  // Distributed Map (distributed_map.cc, distributed_map_s3.cc).
  bool ResolveBatching(Lane& lane, const asl::State& state, MapBatching& out);
  void RunDistributedMap(Lane& lane, const asl::State& state);
  void StartDistributedMapAttempt(Lane& lane, const asl::State& state);
  void StartChildExecutions(Frame& frame);
  enum class NextInput : uint8_t { kInput, kEnd, kFailed };
  NextInput NextChildInput(Frame& frame, asl::Json& input);
  NextInput PullReaderItem(Frame& frame, asl::Json& item);
  void OnMapChildEnded(Frame& frame, size_t index);
  // Ends the Map Run with MapRunFailed and hands `error` to the Map state's Retry/Catch.
  void FailMapRun(Frame& frame, asl::Error error);
  void FailMapRunLater(Frame& frame, asl::Error error);
  void FinishMapRun(Frame& frame);
  void CompleteMapRun(Frame& frame, asl::Json result);
  // The children in the order they started (null for one the simulation no longer has).
  std::vector<const Execution*> MapRunChildren(const Frame& frame) const;
  void StartReading(Frame& frame);
  void ReadNextDataFile(Frame& frame);
  void WriteResults(Frame& frame);
  void CallS3(Frame& frame, S3Step step, const asl::TaskResource& resource, asl::Json parameters);
  void OnS3Reply(Task& task, bool succeeded);
  void OnLaneSucceeded(Lane& lane, asl::Json output);
  void FinishFrame(Frame& frame);

  // Leaving a state (execution.cc / error_handling.cc).
  // ResultSelector -> ResultPath -> OutputPath -> …StateExited -> next, then runs the lane on.
  // `deferred`, when given, says `result` is a core (DeferredResult) that the ResultSelector
  // reads all it needs of; should the selector fail on it, it runs again on the whole result,
  // whose text the error quotes.
  void FinishWithResult(Lane& lane, const asl::State& state, asl::Json result,
                        const DeferredResult* deferred = nullptr);
  // `assigned`: what the state's (or catcher's) Assign set, an object, or null.
  // The exit waits out the engine's `state` latency first, when there is one (FinishExit).
  void ExitState(Lane& lane, const asl::State& state, asl::Json output, asl::StateId next,
                 asl::Json assigned = asl::Json());
  void EmitExit(Lane& lane, const asl::State& state, asl::Json output, asl::StateId next,
                asl::Json assigned);
  void FinishExit(Lane& lane);
  void Transition(Lane& lane, asl::Json output, asl::StateId next);
  // Enters lane.state after the engine latency `step` (a transition, or a branch's or an
  // iteration's start) and the account's state-transition quota.
  void EnterWhenAllowed(Lane& lane, const EngineRange& step);
  SimTime TransitionTime(const EngineRange& step);  // when the next state may be entered
  // An error raised while running `state`: States.Runtime gets AWS's "An error occurred while
  // executing the state …" prefix and fails the lane; other errors go to Retry/Catch.
  void RaiseStateError(Lane& lane, const asl::State& state, asl::Error error);
  bool EmitEvaluationFailed(Lane& lane, const asl::State& state, asl::Error& error);
  void HandleStateError(Lane& lane, const asl::State& state, asl::Error error);
  void ReportFailure(const asl::State& state, const asl::Error& error, FailureHandling handling,
                     int index, int64_t event_id);
  void FailLane(Lane& lane, asl::Error error);
  void ProcessFrameFailure(Frame& frame);
  void FailRuntime(Lane& lane, const asl::State& state, const std::string& message);
  void AbortLane(Lane& lane, int64_t reference);
  void AbortFrame(Frame& frame, int64_t reference, int exclude_lane);
  bool CheckPayloadSize(Lane& lane, const asl::State& state, const asl::Json& output);

  Simulation& sim_;
  uint64_t id_;
  ExecutionSpec spec_;
  std::string arn_;
  std::string role_arn_;
  HistoryRecorder recorder_;
  const EngineLatencyProfile& engine_;  // the simulation's, for this workflow type
  ExecutionStatus status_ = ExecutionStatus::kRunning;
  asl::Json input_;
  asl::Json output_;
  asl::Error error_;
  SimTime start_time_;
  SimTime stop_time_;
  int64_t transitions_ = 0;
  bool first_state_ = true;

  std::deque<Lane> lanes_;
  std::deque<Frame> frames_;
  std::unordered_map<uint64_t, Task> tasks_;
  uint64_t next_task_ = 1;
  uint64_t failed_task_ = 0;  // the task attempt whose failure is being handled
  std::unordered_map<std::string, int64_t> invocations_;  // per state name
  std::vector<std::function<void(Execution&)>> watchers_;
  std::vector<uint64_t> children_;
  asl::Json context_;          // the Context object, rebuilt in place when a path needs it
  asl::Json* lent_item_ = nullptr;  // the Map item now in context_'s Map.Item.Value, if lent
  SimTime context_entered_time_;  // the State.EnteredTime context_ holds
  asl::Json scratch_;
};

}  // namespace sim
