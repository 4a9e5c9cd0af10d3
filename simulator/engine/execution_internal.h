#pragma once
// Execution's private parts, shared by the files that implement it (one per group of states).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/error_names.h"
#include "asl/runtime/data_flow.h"
#include "asl/runtime/io_pipeline.h"
#include "asl/runtime/variable_scope.h"
#include "simulator/engine/execution.h"
#include "simulator/engine/item_source.h"
#include "simulator/engine/simulation.h"

namespace sim {

using asl::TakeSelected;

// What a lane does when its resume timer fires.
enum class Execution::Resume : uint8_t {
  kEnter,            // enter lane.state with lane.input
  kTaskAttempt,      // (re)dispatch the task of lane.state
  kWaitDone,         // a Wait state's delay is over
  kParallelAttempt,  // (re)start a Parallel state's branches
  kMapAttempt,       // (re)start a Map state's items
  kExit,             // the engine's state latency is over: write …StateExited (FinishExit)
  kFail,             // the same for a Fail state: fail the lane with lane.exit_error
};

// A Distributed Map's own S3 calls.
enum class S3Step : uint8_t {
  kNone,        // an ordinary task
  kReadObject,  // ItemReader s3:getObject
  kListPage,    // ItemReader s3:listObjectsV2, one page
  kReadDataFile,  // ItemReader s3:getObject of a file a manifest or listing names
  kWriteResult, // ResultWriter s3:putObject, one result file or the manifest
};

// ItemBatcher's limits and BatchInput, resolved when the Map starts.
struct MapBatching {
  bool enabled = false;
  int64_t max_items = INT64_MAX;  // MaxItemsPerBatch
  int64_t max_bytes = INT64_MAX;  // MaxInputBytesPerBatch
  bool has_batch_input = false;
  asl::Json batch_input;
};

struct Execution::Lane {
  // kFailed: the lane failed and waits for its Parallel/Map run to process the failure.
  enum class Status : uint8_t { kReady, kBlocked, kDone, kFailed, kAborted };

  uint32_t id = 0;
  uint32_t generation = 0;  // bumped whenever the lane stops waiting; stale timers are ignored
  const asl::StateMachine* machine = nullptr;
  asl::StateId state = asl::kNoState;
  Status status = Status::kReady;
  Resume resume = Resume::kEnter;
  int64_t pointer = 0;        // previousEventId for this lane's next event
  int64_t entered_event = 0;  // id of the current state's …StateEntered
  int64_t entered_previous = 0;  // and that event's previousEventId (EvaluationFailed's)
  SimTime entered_time;
  asl::Json input;      // the current state's raw input; its output while kExit is due
  asl::Json effective;  // its effective input, kept while the state waits
  std::vector<int64_t> retry_counts;  // per retrier, for this visit of the state
  int64_t retry_count = 0;            // retries so far in this visit ($$.State.RetryCount)
  int frame = -1;       // the Parallel/Map run this lane belongs to (-1: the top level)
  int64_t index = -1;   // branch index, or the Map item being processed
  int child_frame = -1; // the run of the Parallel/Map state this lane is in
  uint64_t task = 0;    // the in-flight task, if any
  int64_t wait_millis = 0;
  // What the state's exit will write once the engine's state latency is over (Resume::kExit:
  // the output is kept in `input`, which the exit replaces anyway; Resume::kFail: the error).
  asl::StateId exit_next = asl::kNoState;
  asl::Json exit_assigned;
  asl::Error exit_error;
  // The workflow variables the lane reads and assigns: the execution's scope at the top level,
  // a scope of its own in a Parallel branch or Map iteration (asl/runtime/variable_scope.h).
  std::shared_ptr<asl::VariableScope> scope;

  const asl::State& current() const { return machine->states[state]; }
  // The current state's effective input: without an InputPath it is the raw input, and no copy
  // is kept in `effective` (a page of query results would be copied for nothing).
  const asl::Json& effective_input() const {
    return asl::EffectiveInputIsRaw(current()) ? input : effective;
  }
  // Keeps the effective input the data flow selected while the state waits (a task, a Map or
  // Parallel run): nothing without an InputPath, else the selection, moved out of `storage`.
  void KeepEffectiveInput(const asl::Json* selected, asl::Json& storage) {
    effective = asl::EffectiveInputIsRaw(current()) ? asl::Json()
                                                     : TakeSelected(selected, input, storage);
  }
};

// The data flow's view of one step of a lane (asl/runtime/data_flow.h): the Context object is
// built only when an expression reads it, for the lane's current state and, when given, the
// task token or the Map item being prepared.
class Execution::LaneEnv final : public asl::FlowEnv {
 public:
  LaneEnv(Execution& execution, Lane& lane, const std::string* task_token = nullptr,
          const asl::Json* item_value = nullptr, int64_t item_index = 0)
      : asl::FlowEnv(&execution.sim_.random(), lane.scope.get()),
        execution_(execution),
        lane_(lane),
        task_token_(task_token),
        item_value_(item_value),
        item_index_(item_index) {}
  // A Map item lent to the Context object ($$.Map.Item.Value) instead of copied into it: it
  // leaves its place among the items while this environment lives (see Execution::Context).
  LaneEnv(Execution& execution, Lane& lane, asl::Json* lent_item, int64_t item_index)
      : LaneEnv(execution, lane, nullptr, lent_item, item_index) {
    lend_item_ = true;
  }
  ~LaneEnv() override {
    if (lend_item_) execution_.ReturnLentItem();
  }
  LaneEnv(const LaneEnv&) = delete;
  LaneEnv& operator=(const LaneEnv&) = delete;
  const asl::Json* ContextObject() override {
    return execution_.Context(lane_, task_token_, item_value_, item_index_, lend_item_);
  }
  int64_t NowMillis() override { return execution_.sim_.now().ms; }

 private:
  Execution& execution_;
  Lane& lane_;
  const std::string* task_token_;
  const asl::Json* item_value_;
  int64_t item_index_;
  bool lend_item_ = false;
};

struct Execution::Frame {
  int id = -1;         // index in Execution::frames_ (timer arguments name frames by it)
  uint32_t owner = 0;  // the lane in the Parallel or Map state
  const asl::State* state = nullptr;
  bool is_map = false;
  std::vector<asl::Json> results;
  std::vector<uint32_t> lanes;  // branch lanes, or worker lanes
  size_t unfinished = 0;        // branches or items not yet succeeded
  // Map: the items and the state's effective input (ItemSelector's "$"). Both point into the
  // owner lane's input, which stays put while the lane waits in the Map state (a page of rows
  // is not copied); `owned_items` holds items selected from the Context object.
  const asl::Json* items = nullptr;
  const asl::Json* effective = nullptr;
  asl::Json owned_items;
  size_t next_item = 0;
  int64_t max_pointer = 0;      // largest final pointer among finished lanes
  bool done = false;
  // A failed lane's failure is processed a moment later (a timer at the same instant), so
  // sibling events due at that instant are recorded first, as AWS records them.
  bool failure_pending = false;
  uint32_t failed_lane = 0;
  int64_t failure_reference = 0;
  asl::Error failure;
  // Distributed Map: one child execution per item (or batch), its inputs drawn from `source`
  // as children start: the inputs already built (items from the state input), or the items an
  // ItemReader read, given ItemSelector and batched here (distributed_map.cc).
  bool distributed = false;
  std::string map_run_arn;
  int64_t map_run_event = 0;    // id of MapRunStarted
  std::unique_ptr<ItemSource> source;
  bool from_reader = false;     // `source` yields raw items (ItemSelector, batching to apply)
  bool source_done = false;
  int64_t known_total = -1;     // items (or batches) in all, once known
  int64_t max_items = 0;        // ReaderConfig MaxItems (0: no limit)
  int64_t items_read = 0;
  MapBatching batching;
  asl::Json lookahead;          // an item read but not yet in a batch
  bool has_lookahead = false;
  // ItemReader / ResultWriter calls in flight (S3 through the backends); a listing's pages.
  int s3_calls = 0;
  std::vector<asl::Json> listed;
  std::vector<DataFile> data_files;  // what a manifest or a LOAD_AND_FLATTEN listing names
  size_t next_data_file = 0;
  FileFormat file_reader;            // how each of them is read
  std::vector<std::unique_ptr<ItemSource>> file_sources;
  std::string reader_location;  // "s3://bucket/key" or "s3://bucket/prefix" for causes
  asl::Json reader_request;
  asl::Json writer_request;
  std::vector<uint64_t> children;  // simulation ids of started children
  std::vector<uint32_t> child_items;  // the items each child was given (a batch's count)
  // DescribeMapRun's figures.
  int64_t item_count = 0;       // items of the input array (no reader)
  SimTime run_start;
  SimTime run_stop;
  bool run_failed = false;
  bool result_objects_written = false;
  size_t running = 0;
  size_t failures = 0;
  int64_t max_concurrency = 0;
  double tolerated_percentage = 0;
  int64_t tolerated_count = 0;
};

struct Execution::Task {
  uint64_t id = 0;
  uint32_t lane = 0;
  uint32_t generation = 0;
  const asl::State* state = nullptr;
  asl::Json parameters;
  std::string token;
  SimTime scheduled;
  std::optional<int64_t> timeout_seconds;
  std::optional<int64_t> heartbeat_seconds;
  SimTime last_beat;
  bool started = false;
  bool submitted = false;
  std::string worker;
  asl::Json submitted_output;
  asl::Json result;
  DeferredResult deferred;  // result is only the core while this is set
  asl::Error error;
  // A Distributed Map's own S3 call (ItemReader, ResultWriter): no Task events, the reply goes
  // to the frame (distributed_map_s3.cc).
  S3Step s3_step = S3Step::kNone;
  int frame = -1;
  bool reported = false;             // the backend reported the end (TaskSucceeded/TaskFailed)
  std::function<void()> on_abandon;  // TaskOnAbandon
};

// Timer tags.
enum TimerTag : uint32_t {
  kTimerLaneResume = 1,
  kTimerTaskStarted,
  kTimerTaskSubmitted,
  kTimerTaskSucceeded,
  kTimerTaskFailed,
  kTimerTaskTimeout,
  kTimerTaskHeartbeatCheck,
  kTimerExecutionTimeout,
  kTimerMapChildEnded,
  kTimerReleaseRunState,
  kTimerMapRunFailure,  // arg: frame; fails the Map Run with frame.failure  // arg: frame << 32 | child index
  kTimerFrameFailure,   // arg: frame
};

inline uint64_t LaneArg(uint32_t lane, uint32_t generation) {
  return (static_cast<uint64_t>(generation) << 32) | lane;
}

// Event types per state type.
EventType EnteredEvent(asl::StateType type);
EventType ExitedEvent(asl::StateType type);
// The <Type>StateAborted event for a state a lane is waiting in, or nullopt.
std::optional<EventType> AbortedEvent(asl::StateType type);

}  // namespace sim
