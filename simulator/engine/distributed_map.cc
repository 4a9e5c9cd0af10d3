// Distributed Map: a Map Run whose items are processed by child executions, each with its own
// history. The parent's history shows only the MapRun events.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
// History shape: docs/reference/aws-semantics.md §1.1, §3.1, §6.4 (MapStateExited points at
// MapRunStarted, as AWS records since 2024-11).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "simulator/engine/execution_internal.h"
#include "simulator/engine/map_run_results.h"

namespace sim {

namespace {
// AWS's default for a Distributed Map's MaxConcurrency 0: up to 10,000 child executions.
constexpr int64_t kDistributedDefaultConcurrency = 10000;
// MaxInputBytesPerBatch: at most 256 KiB.
constexpr int64_t kMaxBatchBytes = 262144;
}  // namespace

void Execution::RunDistributedMap(Lane& lane, const asl::State& state) {
  if (!SelectEffectiveInput(lane, state)) return;
  StartDistributedMapAttempt(lane, state);
}

// One attempt of the Map Run: the first, or one its Retry starts (the effective input kept).
void Execution::StartDistributedMapAttempt(Lane& lane, const asl::State& state) {
  const bool from_reader = state.reader.has_value();
  MapBatching batching;
  std::unique_ptr<ItemSource> source;
  int64_t length = 0;
  int64_t known_total = -1;
  int64_t max_items = 0;
  asl::Json reader_request;
  asl::Json writer_request;
  if (!from_reader) {
    const asl::Json* selected_items = nullptr;
    asl::Json owned_items;
    if (!ResolveMapItems(lane, state, selected_items, owned_items)) return;
    const asl::Json& items = *selected_items;
    // Item inputs: ItemSelector per item, then ItemBatcher.
    std::vector<asl::Json> inputs;
    inputs.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      if (asl::HasArguments(state)) {
        LaneEnv env(*this, lane, nullptr, &items[i], static_cast<int64_t>(i));
        auto evaluated = asl::Arguments(state, lane.effective_input(), env);
        if (!evaluated.ok()) return RaiseStateError(lane, state, std::move(evaluated.error()));
        inputs.push_back(std::move(evaluated.value()));
      } else {
        inputs.push_back(items[i]);
      }
    }
    if (!ResolveBatching(lane, state, batching)) return;
    if (batching.enabled) {
      std::vector<asl::Json> batches;
      asl::Json current = asl::Json::array();
      int64_t bytes = 0;
      auto make_batch = [&](asl::Json batch_items) {
        asl::Json batch = asl::Json::object();
        if (batching.has_batch_input) batch["BatchInput"] = batching.batch_input;
        batch["Items"] = std::move(batch_items);
        return batch;
      };
      for (asl::Json& input : inputs) {
        int64_t size = static_cast<int64_t>(asl::SerializedSize(input));
        if (!current.empty() && (static_cast<int64_t>(current.size()) >= batching.max_items ||
                                 bytes + size > batching.max_bytes)) {
          batches.push_back(make_batch(std::move(current)));
          current = asl::Json::array();
          bytes = 0;
        }
        bytes += size;
        current.push_back(std::move(input));
      }
      if (!current.empty()) batches.push_back(make_batch(std::move(current)));
      inputs = std::move(batches);
    }
    length = static_cast<int64_t>(items.size());
    known_total = static_cast<int64_t>(inputs.size());
    source = ItemsFromValues(std::move(inputs));
  } else {
    // The reader's request and settings are read before MapStateStarted (assumed, as the
    // ItemBatcher's paths), its items after MapRunStarted; MapStateStarted's length is 0.
    LaneEnv env(*this, lane);
    auto request = asl::ReaderRequest(state, lane.effective_input(), env);
    if (!request.ok()) return RaiseStateError(lane, state, std::move(request.error()));
    reader_request = std::move(*request);
    if (!ResolveMapSetting(lane, state, state.reader->max_items, "MaxItemsPath", 0, 100000000,
                           0, max_items) ||
        !ResolveBatching(lane, state, batching)) {
      return;
    }
  }
  if (state.writer && state.writer->resource) {
    LaneEnv env(*this, lane);
    auto request = asl::WriterRequest(state, lane.effective_input(), env);
    if (!request.ok()) return RaiseStateError(lane, state, std::move(request.error()));
    writer_request = std::move(*request);
  }

  HistoryEventView started{EventType::kMapStateStarted};
  started.length = length;
  if (!Emit(lane, started)) return;
  // MaxConcurrencyPath and the tolerated-failure paths are read after MapStateStarted, as AWS
  // does (issue 16; the ItemBatcher's paths before it, assumed).
  int64_t max_concurrency = 0;
  double tolerated_percentage = 0;
  int64_t tolerated_count = 0;
  if (!ResolveMapSetting(lane, state, state.max_concurrency, "MaxConcurrencyPath", 0, INT64_MAX,
                         0, max_concurrency) ||
      !ResolveToleratedPercentage(lane, state, tolerated_percentage) ||
      !ResolveMapSetting(lane, state, state.tolerated_failure_count, "ToleratedFailureCountPath",
                         0, INT64_MAX, 0, tolerated_count)) {
    return;
  }

  int frame_id = static_cast<int>(frames_.size());
  Frame& frame = frames_.emplace_back();
  frame.id = frame_id;
  frame.owner = lane.id;
  frame.state = &state;
  frame.is_map = true;
  frame.distributed = true;
  frame.source = std::move(source);
  frame.from_reader = from_reader;
  frame.known_total = known_total;
  frame.max_items = max_items;
  frame.batching = std::move(batching);
  frame.reader_request = std::move(reader_request);
  frame.writer_request = std::move(writer_request);
  frame.max_concurrency = max_concurrency == 0 ? kDistributedDefaultConcurrency : max_concurrency;
  frame.tolerated_percentage = tolerated_percentage;
  frame.tolerated_count = tolerated_count;
  frame.item_count = length;
  frame.run_start = sim_.now();
  std::string run_id = sim_.NewUuid();
  frame.map_run_arn = fmt::format("arn:{}:states:{}:{}:mapRun:{}/{}:{}", sim_.config().partition,
                                  sim_.config().region, sim_.config().account,
                                  spec_.state_machine_name,
                                  state.label.empty() ? state.name : state.label, run_id);
  lane.child_frame = frame_id;
  lane.status = Lane::Status::kBlocked;
  ++lane.generation;

  HistoryEventView run_started{EventType::kMapRunStarted};
  run_started.map_run_arn = frame.map_run_arn;
  if (!Emit(lane, run_started)) return;
  frame.map_run_event = run_started.id;
  if (from_reader) return StartReading(frame);
  StartChildExecutions(frame);
}

// Starts children while the concurrency allows and inputs remain; ends the Map Run when every
// input was processed.
void Execution::StartChildExecutions(Frame& frame) {
  const asl::State& state = *frame.state;
  size_t frame_id = static_cast<size_t>(frame.id);
  while (!frame.done && frame.s3_calls == 0 &&
         static_cast<int64_t>(frame.running) < frame.max_concurrency) {
    asl::Json input;
    NextInput next = NextChildInput(frame, input);
    if (next == NextInput::kFailed) return;
    if (next == NextInput::kEnd) break;
    size_t index = frame.children.size();
    frame.child_items.push_back(frame.batching.enabled && input.contains("Items")
                                    ? static_cast<uint32_t>(input["Items"].size())
                                    : 1u);
    ExecutionSpec child;
    // The child runs the item processor: share ownership of the parent's compiled definition.
    child.machine = std::shared_ptr<const asl::StateMachine>(spec_.machine, state.processor.get());
    child.state_machine_name = fmt::format("{}/{}", spec_.state_machine_name,
                                           state.label.empty() ? state.name : state.label);
    child.state_machine_arn = frame.map_run_arn;
    child.name = sim_.NewUuid();
    child.input_text = asl::Dump(input);
    child.express = state.processor_execution_type == "EXPRESS";
    child.role_arn = spec_.role_arn;
    child.parent_execution = id_;
    child.map_run_arn = frame.map_run_arn;
    ++frame.running;
    Execution& execution = sim_.StartExecution(std::move(child));
    frame.children.push_back(execution.id());
    uint64_t arg = (static_cast<uint64_t>(frame_id) << 32) | index;
    auto notify = [this, arg](Execution&) {
      sim_.Schedule(sim_.now(), this, kTimerMapChildEnded, arg);
    };
    if (execution.ended()) notify(execution);
    else execution.Watch(notify);
  }
  if (!frame.done && frame.s3_calls == 0 && frame.source_done && frame.running == 0) {
    FinishMapRun(frame);
  }
}

// The next child's input: prepared already (items from the state input), or read, selected and
// batched now (an ItemReader's items).
Execution::NextInput Execution::NextChildInput(Frame& frame, asl::Json& input) {
  if (frame.source_done) return NextInput::kEnd;
  if (!frame.from_reader) {
    std::string cause;
    if (frame.source->Next(input, cause)) return NextInput::kInput;
    frame.source_done = true;
    return NextInput::kEnd;
  }
  if (!frame.batching.enabled) {
    NextInput next = PullReaderItem(frame, input);
    if (next == NextInput::kEnd) {
      frame.source_done = true;
      frame.known_total = static_cast<int64_t>(frame.children.size());
    }
    return next;
  }
  asl::Json items = asl::Json::array();
  int64_t bytes = 0;
  while (true) {
    if (!frame.has_lookahead) {
      NextInput next = PullReaderItem(frame, frame.lookahead);
      if (next == NextInput::kFailed) return next;
      if (next == NextInput::kEnd) break;
      frame.has_lookahead = true;
    }
    int64_t size = static_cast<int64_t>(asl::SerializedSize(frame.lookahead));
    if (!items.empty() && (static_cast<int64_t>(items.size()) >= frame.batching.max_items ||
                           bytes + size > frame.batching.max_bytes)) {
      break;
    }
    bytes += size;
    items.push_back(std::move(frame.lookahead));
    frame.has_lookahead = false;
  }
  if (items.empty()) {
    frame.source_done = true;
    frame.known_total = static_cast<int64_t>(frame.children.size());
    return NextInput::kEnd;
  }
  input = asl::Json::object();
  if (frame.batching.has_batch_input) input["BatchInput"] = frame.batching.batch_input;
  input["Items"] = std::move(items);
  return NextInput::kInput;
}

// One item from the reader, given the ItemSelector ($$.Map.Item.Index counts the items read).
Execution::NextInput Execution::PullReaderItem(Frame& frame, asl::Json& item) {
  if (frame.max_items > 0 && frame.items_read >= frame.max_items) return NextInput::kEnd;
  asl::Json raw;
  std::string cause;
  if (!frame.source->Next(raw, cause)) {
    if (cause.empty()) return NextInput::kEnd;
    FailMapRun(frame, asl::Error(std::string(asl::errors::kItemReaderFailed), std::move(cause)));
    return NextInput::kFailed;
  }
  const asl::State& state = *frame.state;
  int64_t index = frame.items_read++;
  if (!asl::HasArguments(state)) {
    item = std::move(raw);
    return NextInput::kInput;
  }
  Lane& owner = lanes_[frame.owner];
  LaneEnv env(*this, owner, nullptr, &raw, index);
  auto evaluated = asl::Arguments(state, owner.effective_input(), env);
  if (!evaluated.ok()) {
    FailMapRun(frame, std::move(evaluated.error()));
    return NextInput::kFailed;
  }
  item = std::move(evaluated.value());
  return NextInput::kInput;
}

void Execution::OnMapChildEnded(Frame& frame, size_t index) {
  if (frame.done || ended()) return;
  --frame.running;
  Execution* child = sim_.FindExecution(frame.children[index]);
  if (!child || child->status() != ExecutionStatus::kSucceeded) {
    ++frame.failures;
    // Against every item once the reader is done; while it reads, against the children
    // started so far (assumed: AWS does not say how it counts before the end).
    double total = static_cast<double>(frame.known_total >= 0 ? frame.known_total
                                                               : static_cast<int64_t>(
                                                                     frame.children.size()));
    bool over_count = static_cast<int64_t>(frame.failures) > frame.tolerated_count;
    bool over_percentage = 100.0 * static_cast<double>(frame.failures) / total >
                           frame.tolerated_percentage;
    if (over_count && over_percentage) {
      return FailMapRun(frame,
                        asl::Error(std::string(asl::errors::kExceedToleratedFailureThreshold),
                                   "The specified tolerated failure threshold was exceeded"));
    }
  }
  StartChildExecutions(frame);
}

void Execution::FailMapRun(Frame& frame, asl::Error error) {
  frame.done = true;
  frame.run_failed = true;
  frame.run_stop = sim_.now();
  for (uint64_t id : frame.children) {
    if (Execution* other = sim_.FindExecution(id); other && !other->ended()) {
      other->Stop(std::nullopt, std::nullopt);
    }
  }
  Lane& owner = lanes_[frame.owner];
  owner.child_frame = -1;
  owner.status = Lane::Status::kReady;
  ++owner.generation;
  HistoryEventView run_failed{EventType::kMapRunFailed};
  run_failed.error = &error;
  if (!Emit(owner, run_failed)) return;
  HandleStateError(owner, *frame.state, std::move(error));
  RunLane(owner);
}

std::vector<asl::Json> Execution::DescribeMapRuns() const {
  // aborted, failed, pending, running, succeeded, timedOut: of children, and of their items.
  struct Counts {
    int64_t aborted = 0, failed = 0, pending = 0, running = 0, succeeded = 0, timed_out = 0;
    int64_t written = 0;
    asl::Json ToJson(int64_t total) const {
      asl::Json c = asl::ObjectWithCapacity(10);
      c["aborted"] = aborted;
      c["failed"] = failed;
      c["failuresNotRedrivable"] = 0;
      c["pending"] = pending;
      c["pendingRedrive"] = 0;
      c["resultsWritten"] = written;
      c["running"] = running;
      c["succeeded"] = succeeded;
      c["timedOut"] = timed_out;
      c["total"] = total;
      return c;
    }
  };
  std::vector<asl::Json> runs;
  for (const Frame& frame : frames_) {
    if (!frame.distributed || frame.map_run_arn.empty()) continue;
    Counts executions, items;
    std::vector<const Execution*> children = MapRunChildren(frame);
    for (size_t i = 0; i < children.size(); ++i) {
      const int64_t n = i < frame.child_items.size() ? frame.child_items[i] : 1;
      if (children[i] == nullptr) continue;
      int64_t Counts::*field = &Counts::running;
      switch (children[i]->status()) {
        case ExecutionStatus::kRunning: field = &Counts::running; break;
        case ExecutionStatus::kSucceeded: field = &Counts::succeeded; break;
        case ExecutionStatus::kFailed: field = &Counts::failed; break;
        case ExecutionStatus::kTimedOut: field = &Counts::timed_out; break;
        case ExecutionStatus::kAborted: field = &Counts::aborted; break;
      }
      executions.*field += 1;
      items.*field += n;
      if (frame.result_objects_written && field != &Counts::running) {
        executions.written += 1;
        items.written += n;
      }
    }
    const int64_t started = static_cast<int64_t>(children.size());
    // Pending: children never started because the run ended first (known when the inputs
    // were prepared up front; a reader's unread rows are not counted).
    if (frame.done && frame.known_total > started) {
      executions.pending = frame.known_total - started;
    }
    const int64_t item_total = frame.from_reader ? frame.items_read : frame.item_count;
    int64_t items_started = 0;
    for (uint32_t n : frame.child_items) items_started += n;
    if (frame.done && item_total > items_started) items.pending = item_total - items_started;
    asl::Json run = asl::ObjectWithCapacity(13);
    run["executionArn"] = arn_;
    run["executionCounts"] = executions.ToJson(started + executions.pending);
    run["itemCounts"] = items.ToJson(item_total);
    run["mapRunArn"] = frame.map_run_arn;
    run["maxConcurrency"] = frame.max_concurrency;
    run["redriveCount"] = 0;
    run["startDate"] = FormatIso8601Millis(frame.run_start);
    run["status"] = !frame.done ? "RUNNING" : frame.run_failed ? "FAILED" : "SUCCEEDED";
    if (frame.done) run["stopDate"] = FormatIso8601Millis(frame.run_stop);
    run["toleratedFailureCount"] = frame.tolerated_count;
    run["toleratedFailurePercentage"] = frame.tolerated_percentage;
    runs.push_back(std::move(run));
  }
  return runs;
}

std::vector<const Execution*> Execution::MapRunChildren(const Frame& frame) const {
  std::vector<const Execution*> children;
  children.reserve(frame.children.size());
  for (uint64_t id : frame.children) children.push_back(sim_.FindExecution(id));
  return children;
}

// Every child ended within the tolerated failures: the results are exported (ResultWriter with
// a Resource) or become the state's result.
void Execution::FinishMapRun(Frame& frame) {
  const asl::State& state = *frame.state;
  if (state.writer && state.writer->resource) return WriteResults(frame);
  asl::Json result;
  if (state.writer) {
    result = TransformedResults(&*state.writer, MapRunChildren(frame));
  } else {
    result = asl::Json::array();
    for (const Execution* child : MapRunChildren(frame)) {
      if (child == nullptr) continue;
      result.push_back(child->status() == ExecutionStatus::kSucceeded
                           ? child->output()
                           : asl::ErrorOutput(child->error()));
    }
  }
  CompleteMapRun(frame, std::move(result));
}

void Execution::CompleteMapRun(Frame& frame, asl::Json result) {
  frame.done = true;
  frame.run_stop = sim_.now();
  Lane& owner = lanes_[frame.owner];
  const asl::State& state = *frame.state;
  owner.child_frame = -1;
  owner.status = Lane::Status::kReady;
  ++owner.generation;
  HistoryEventView run_succeeded{EventType::kMapRunSucceeded};
  if (!Emit(owner, run_succeeded)) return;
  HistoryEventView succeeded{EventType::kMapStateSucceeded};
  if (!Emit(owner, succeeded, /*advancing=*/false)) return;
  owner.pointer = frame.map_run_event;  // MapStateExited points at MapRunStarted
  FinishWithResult(owner, state, std::move(result));
}

// ItemBatcher's limits (literal or from the input) and its BatchInput, evaluated once against
// the state's effective input. Returns false after failing the lane.
bool Execution::ResolveBatching(Lane& lane, const asl::State& state, MapBatching& out) {
  if (!state.item_batcher) return true;
  const asl::ItemBatcher& batcher = *state.item_batcher;
  out.enabled = true;
  if (!ResolveMapSetting(lane, state, batcher.max_items, "MaxItemsPerBatchPath", 1, INT32_MAX,
                         INT64_MAX, out.max_items) ||
      !ResolveMapSetting(lane, state, batcher.max_bytes, "MaxInputBytesPerBatchPath", 1,
                         kMaxBatchBytes, INT64_MAX, out.max_bytes)) {
    return false;
  }
  out.has_batch_input = batcher.batch_input || batcher.batch_input_jsonata;
  if (out.has_batch_input) {
    LaneEnv env(*this, lane);
    auto evaluated = asl::BatchInput(state, lane.effective_input(), env);
    if (!evaluated.ok()) {
      RaiseStateError(lane, state, std::move(evaluated.error()));
      return false;
    }
    out.batch_input = std::move(evaluated.value());
  }
  return true;
}

// ToleratedFailurePercentage or the number its path reads (0 to 100, fractions allowed).
bool Execution::ResolveToleratedPercentage(Lane& lane, const asl::State& state, double& out) {
  out = state.tolerated_failure_percentage.value_or(0.0);
  asl::SettingValue selected;
  asl::Json evaluated;
  if (state.tolerated_failure_percentage_expression) {
    // A JSONata state's expression; its value is checked as the path's selection is.
    LaneEnv env(*this, lane);
    auto value = asl::EvaluateSetting(*state.tolerated_failure_percentage_expression,
                                      lane.effective_input(), env, evaluated);
    if (!value.ok()) {
      RaiseStateError(lane, state, std::move(value.error()));
      return false;
    }
    selected = std::move(*value);
  } else if (!state.tolerated_failure_percentage_path) {
    return true;
  } else if (!FindSettingPath(lane, state, *state.tolerated_failure_percentage_path, selected)) {
    return false;
  }
  const asl::Json* value = selected.value;
  // AWS's texts as LocalStack's AWS-validated implementation has them (assumed: not recorded
  // here).
  if (!value->is_number()) {
    std::string shown = value->is_string() ? value->get<std::string>() : asl::Dump(*value);
    FailLane(lane, asl::Error(std::string(asl::errors::kRuntime),
                              fmt::format("The ToleratedFailurePercentagePath field refers to "
                                          "value \"{}\" which is not a valid float: {}",
                                          shown, selected.text)));
    return false;
  }
  if (value->get<double>() < 0 || value->get<double>() > 100) {
    FailLane(lane, asl::Error(std::string(asl::errors::kRuntime),
                              "ToleratedFailurePercentage must be between 0 and 100."));
    return false;
  }
  out = value->get<double>();
  return true;
}

}  // namespace sim
