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

namespace sim {

namespace {
// AWS's default for a Distributed Map's MaxConcurrency 0: up to 10,000 child executions.
constexpr int64_t kDistributedDefaultConcurrency = 10000;
// MaxInputBytesPerBatch: at most 256 KiB.
constexpr int64_t kMaxBatchBytes = 262144;
}  // namespace

void Execution::RunDistributedMap(Lane& lane, const asl::State& state) {
  if (!SelectEffectiveInput(lane, state)) return;
  if (state.item_reader || state.result_writer) {
    // NONSTANDARD: reading items from S3 / writing results to S3 needs an S3 model.
    return FailRuntime(lane, state,
                       "sfnsim does not support ItemReader or ResultWriter (S3) in a Distributed "
                       "Map yet");
  }
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
  if (!BatchItems(lane, state, inputs)) return;

  HistoryEventView started{EventType::kMapStateStarted};
  started.length = static_cast<int64_t>(items.size());
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
  frame.child_inputs = std::move(inputs);
  frame.results.resize(frame.child_inputs.size());
  frame.unfinished = frame.child_inputs.size();
  frame.max_concurrency = max_concurrency == 0 ? kDistributedDefaultConcurrency : max_concurrency;
  frame.tolerated_percentage = tolerated_percentage;
  frame.tolerated_count = tolerated_count;
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
  if (frame.child_inputs.empty()) return FinishMapRun(frame);
  StartChildExecutions(frame);
}

void Execution::StartChildExecutions(Frame& frame) {
  const asl::State& state = *frame.state;
  size_t frame_id = static_cast<size_t>(frame.id);
  while (!frame.done && frame.next_item < frame.child_inputs.size() &&
         static_cast<int64_t>(frame.running) < frame.max_concurrency) {
    size_t index = frame.next_item++;
    ExecutionSpec child;
    // The child runs the item processor: share ownership of the parent's compiled definition.
    child.machine = std::shared_ptr<const asl::StateMachine>(spec_.machine, state.processor.get());
    child.state_machine_name = fmt::format("{}/{}", spec_.state_machine_name,
                                           state.label.empty() ? state.name : state.label);
    child.state_machine_arn = frame.map_run_arn;
    child.name = sim_.NewUuid();
    child.input_text = asl::Dump(frame.child_inputs[index]);
    child.express = state.processor_execution_type == "EXPRESS";
    child.role_arn = spec_.role_arn;
    child.parent_execution = id_;
    child.map_run_arn = frame.map_run_arn;
    frame.child_inputs[index] = nullptr;
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
}

void Execution::OnMapChildEnded(Frame& frame, size_t index) {
  if (frame.done || ended()) return;
  --frame.running;
  --frame.unfinished;
  Execution* child = sim_.FindExecution(frame.children[index]);
  if (child && child->status() == ExecutionStatus::kSucceeded) {
    frame.results[index] = child->output();
  } else {
    ++frame.failures;
    frame.results[index] = child ? asl::ErrorOutput(child->error()) : asl::Json();
    double total = static_cast<double>(frame.results.size());
    bool over_count = static_cast<int64_t>(frame.failures) > frame.tolerated_count;
    bool over_percentage = 100.0 * static_cast<double>(frame.failures) / total >
                           frame.tolerated_percentage;
    if (over_count && over_percentage) {
      frame.done = true;
      for (uint64_t id : frame.children) {
        if (Execution* other = sim_.FindExecution(id); other && !other->ended()) {
          other->Stop(std::nullopt, std::nullopt);
        }
      }
      Lane& owner = lanes_[frame.owner];
      owner.child_frame = -1;
      owner.status = Lane::Status::kReady;
      ++owner.generation;
      asl::Error error(std::string(asl::errors::kExceedToleratedFailureThreshold),
                       "The specified tolerated failure threshold was exceeded");
      HistoryEventView run_failed{EventType::kMapRunFailed};
      run_failed.error = &error;
      if (!Emit(owner, run_failed)) return;
      HandleStateError(owner, *frame.state, std::move(error));
      RunLane(owner);
      return;
    }
  }
  if (frame.unfinished == 0) return FinishMapRun(frame);
  StartChildExecutions(frame);
}

void Execution::FinishMapRun(Frame& frame) {
  frame.done = true;
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
  asl::Json result = asl::Json::array();
  for (asl::Json& r : frame.results) result.push_back(std::move(r));
  frame.results.clear();
  FinishWithResult(owner, state, std::move(result));
}

// ItemBatcher: groups the item inputs into {"BatchInput": …, "Items": […]} batches, each within
// MaxItemsPerBatch items and MaxInputBytesPerBatch bytes of items (a single larger item still
// gets a batch of its own). The limits may come from the state input; BatchInput is a payload
// template evaluated once against the state's effective input. Returns false after failing the
// lane.
bool Execution::BatchItems(Lane& lane, const asl::State& state, std::vector<asl::Json>& inputs) {
  if (!state.item_batcher) return true;
  const asl::ItemBatcher& batcher = *state.item_batcher;
  int64_t per_batch = 0;
  int64_t max_bytes = 0;
  if (!ResolveMapSetting(lane, state, batcher.max_items, "MaxItemsPerBatchPath", 1, INT32_MAX,
                         INT64_MAX, per_batch) ||
      !ResolveMapSetting(lane, state, batcher.max_bytes, "MaxInputBytesPerBatchPath", 1,
                         kMaxBatchBytes, INT64_MAX, max_bytes)) {
    return false;
  }
  asl::Json batch_input;
  bool has_batch_input = batcher.batch_input || batcher.batch_input_jsonata;
  if (has_batch_input) {
    LaneEnv env(*this, lane);
    auto evaluated = asl::BatchInput(state, lane.effective_input(), env);
    if (!evaluated.ok()) {
      RaiseStateError(lane, state, std::move(evaluated.error()));
      return false;
    }
    batch_input = std::move(evaluated.value());
  }
  auto make_batch = [&](asl::Json items) {
    asl::Json batch = asl::Json::object();
    if (has_batch_input) batch["BatchInput"] = batch_input;
    batch["Items"] = std::move(items);
    return batch;
  };
  std::vector<asl::Json> batches;
  asl::Json current = asl::Json::array();
  int64_t bytes = 0;
  for (asl::Json& input : inputs) {
    int64_t size = static_cast<int64_t>(asl::SerializedSize(input));
    if (!current.empty() &&
        (static_cast<int64_t>(current.size()) >= per_batch || bytes + size > max_bytes)) {
      batches.push_back(make_batch(std::move(current)));
      current = asl::Json::array();
      bytes = 0;
    }
    bytes += size;
    current.push_back(std::move(input));
  }
  if (!current.empty()) batches.push_back(make_batch(std::move(current)));
  inputs = std::move(batches);
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
