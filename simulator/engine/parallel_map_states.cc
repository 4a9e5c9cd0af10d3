// Parallel and inline Map states: child lanes, their results, and the parent's history events.
// https://states-language.net/spec.html#parallel-state
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// previousEventId rules: docs/reference/aws-semantics.md §1.1.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "simulator/engine/execution_internal.h"

namespace sim {

namespace {

// The scope of a Parallel branch or Map iteration: one of its own over the outer scope when
// its states assign variables, else the outer scope itself (nothing to keep apart, so nothing
// is allocated per item).
std::shared_ptr<asl::VariableScope> InnerScope(const asl::StateMachine& machine,
                                               const std::shared_ptr<asl::VariableScope>& outer) {
  if (!machine.assigns_variables) return outer;
  return std::make_shared<asl::VariableScope>(outer);
}

}  // namespace

void Execution::RunParallel(Lane& lane, const asl::State& state) {
  if (!SelectEffectiveInput(lane, state)) return;
  StartParallelAttempt(lane);
}

void Execution::StartParallelAttempt(Lane& lane) {
  const asl::State& state = lane.current();
  asl::Json branch_input;
  if (asl::HasArguments(state)) {
    LaneEnv env(*this, lane);
    auto evaluated = asl::Arguments(state, lane.effective_input(), env);
    if (!evaluated.ok()) return RaiseStateError(lane, state, std::move(evaluated.error()));
    branch_input = std::move(evaluated.value());
  } else {
    branch_input = lane.effective_input();
  }
  HistoryEventView started{EventType::kParallelStateStarted};
  if (!Emit(lane, started)) return;

  int frame_id = static_cast<int>(frames_.size());
  Frame& frame = frames_.emplace_back();
  frame.id = frame_id;
  frame.owner = lane.id;
  frame.state = &state;
  frame.results.resize(state.branches.size());
  frame.unfinished = state.branches.size();
  frame.max_pointer = lane.pointer;
  lane.child_frame = frame_id;
  lane.status = Lane::Status::kBlocked;
  ++lane.generation;
  for (size_t b = 0; b < state.branches.size(); ++b) {
    Lane& branch = NewLane(*state.branches[b], frame_id, static_cast<int64_t>(b), lane.pointer);
    frame.lanes.push_back(branch.id);
    branch.state = state.branches[b]->start_at;
    branch.input = branch_input;
    branch.scope = InnerScope(*state.branches[b], lane.scope);
    // Through a timer even when due now: branches start in order after the Parallel's events.
    ResumeAfter(branch, TransitionTime(engine_.iteration) - sim_.now(), Resume::kEnter);
  }
}

void Execution::RunMap(Lane& lane, const asl::State& state) {
  if (!SelectEffectiveInput(lane, state)) return;
  StartMapAttempt(lane);
}

// The items of a Map state (inline or distributed). Returns false after failing the lane.
bool Execution::ResolveMapItems(Lane& lane, const asl::State& state, const asl::Json*& items,
                                asl::Json& owned_items) {
  LaneEnv env(*this, lane);
  auto found = asl::SelectMapItems(state, lane.effective_input(), env, owned_items);
  if (!found.ok()) {
    RaiseStateError(lane, state, std::move(found.error()));
    return false;
  }
  const asl::Json* selected = *found;
  if (!selected->is_array()) {
    // NONSTANDARD: AWS's exact text for a non-array ItemsPath selection is not recorded.
    FailRuntime(lane, state,
                fmt::format("The Map state's items must be an array, got {}: {}",
                            asl::TypeName(*selected), asl::Dump(*selected)));
    return false;
  }
  items = selected;
  return true;
}

// What a Map setting's path selects in the effective input (or the Context object); false after
// failing the lane with AWS's "Invalid path" error when it selects nothing.
bool Execution::FindSettingPath(Lane& lane, const asl::State& state, const asl::JsonPath& path,
                                asl::SettingValue& out) {
  LaneEnv env(*this, lane);
  auto setting = asl::SelectSetting(path, lane.effective_input(), env);
  if (!setting.ok()) {
    RaiseStateError(lane, state, std::move(setting.error()));
    return false;
  }
  out = std::move(*setting);
  return true;
}

bool Execution::ResolveMapSetting(Lane& lane, const asl::State& state,
                                  const asl::IntOrPath& setting, const char* path_field,
                                  int64_t min, int64_t max, int64_t fallback, int64_t& out) {
  out = fallback;
  if (setting.value) out = *setting.value;
  if (!setting.path && !setting.expression) return true;
  asl::SettingValue selected;
  asl::Json evaluated;
  if (setting.expression) {
    // A JSONata state's expression; its value is checked as a *Path selection is.
    LaneEnv env(*this, lane);
    auto value = asl::EvaluateSetting(*setting.expression, lane.effective_input(), env, evaluated);
    if (!value.ok()) {
      RaiseStateError(lane, state, std::move(value.error()));
      return false;
    }
    selected = std::move(*value);
  } else if (!FindSettingPath(lane, state, *setting.path, selected)) {
    return false;
  }
  const asl::Json* value = selected.value;
  const std::string_view field(path_field);
  if (!value->is_number_integer()) {
    // AWS's text (issue 16, LocalStack's AWS-validated snapshots): a string is shown as it is,
    // any other value as compact JSON. Verified for MaxConcurrencyPath and
    // ToleratedFailureCountPath; assumed for the ItemBatcher paths (known-differences.md).
    std::string shown = value->is_string() ? value->get<std::string>() : asl::Dump(*value);
    FailLane(lane, asl::Error(std::string(asl::errors::kRuntime),
                              fmt::format("The {} field refers to value \"{}\" which is not a "
                                          "valid integer: {}",
                                          field, shown, selected.text)));
    return false;
  }
  const int64_t v = value->get<int64_t>();
  if (v < min && field == "MaxConcurrencyPath") {
    FailLane(lane, asl::Error(std::string(asl::errors::kRuntime),
                              fmt::format("Expected non-negative integer for MaxConcurrency, got "
                                          "'{}' instead.",
                                          v)));
    return false;
  }
  if (v < min && field == "ToleratedFailureCountPath") {
    FailLane(lane, asl::Error(std::string(asl::errors::kRuntime),
                              "ToleratedFailureCount cannot be negative."));
    return false;
  }
  if (v < min || v > max) {
    // NONSTANDARD: AWS's text for an ItemBatcher path value out of range is not recorded.
    std::string expected = min == 0 ? "a non-negative integer" : "a positive integer";
    if (max != INT64_MAX) expected = fmt::format("an integer from {} to {}", min, max);
    FailRuntime(lane, state,
                fmt::format("The {} parameter does not reference {}: {} == {}", field, expected,
                            selected.text, asl::Dump(*value)));
    return false;
  }
  out = v;
  return true;
}

void Execution::StartMapAttempt(Lane& lane) {
  const asl::State& state = lane.current();
  // A retried Distributed Map starts a new Map Run.
  if (state.map_mode == asl::MapMode::kDistributed) return StartDistributedMapAttempt(lane, state);
  const asl::Json* items = nullptr;
  asl::Json owned_items;
  if (!ResolveMapItems(lane, state, items, owned_items)) return;

  HistoryEventView started{EventType::kMapStateStarted};
  started.length = static_cast<int64_t>(items->size());
  if (!Emit(lane, started)) return;
  // After MapStateStarted, as AWS reads it (issue 16).
  int64_t max_concurrency = 0;
  if (!ResolveMapSetting(lane, state, state.max_concurrency, "MaxConcurrencyPath", 0, INT64_MAX,
                         0, max_concurrency)) {
    return;
  }

  int frame_id = static_cast<int>(frames_.size());
  Frame& frame = frames_.emplace_back();
  frame.id = frame_id;
  frame.owner = lane.id;
  frame.state = &state;
  frame.is_map = true;
  frame.owned_items = std::move(owned_items);
  frame.items = items == &owned_items ? &frame.owned_items : items;
  frame.effective = &lane.effective_input();
  frame.results.resize(frame.items->size());
  frame.unfinished = frame.items->size();
  frame.max_pointer = lane.pointer;
  lane.child_frame = frame_id;
  lane.status = Lane::Status::kBlocked;
  ++lane.generation;
  if (frame.items->empty()) return FinishFrame(frame);

  size_t workers = max_concurrency == 0
                       ? frame.items->size()
                       : std::min<size_t>(static_cast<size_t>(max_concurrency), frame.items->size());
  // Every worker's first MapIterationStarted comes first, then the workers run.
  for (size_t w = 0; w < workers; ++w) {
    Lane& worker = NewLane(*state.processor, frame_id, -1, lane.pointer);
    frames_[frame_id].lanes.push_back(worker.id);
    StartMapItem(frames_[frame_id], worker, frames_[frame_id].next_item++);
    if (ended() || frames_[frame_id].done) return;
  }
  // Workers the transition quota let in now start in order, through timers; the others already
  // wait for theirs.
  for (uint32_t id : frames_[frame_id].lanes) {
    Lane& worker = lanes_[id];
    if (worker.status == Lane::Status::kReady) ResumeAfter(worker, Duration{0}, Resume::kEnter);
  }
}

bool Execution::ItemsCanBeLent(const Frame& frame) const {
  const asl::State& state = *frame.state;
  if (state.query_language != asl::QueryLanguage::kJsonPath || !state.parameters) return false;
  // Items selected from the Context object are the frame's own: the selector's input lacks them.
  if (frame.items == &frame.owned_items) return true;
  // Items in a workflow variable: the selector may read the variable ("$name" reads no input).
  if (state.items_path && state.items_path->path().is_variable()) return false;
  const auto& fields = state.parameters->input_fields_read();
  if (!fields) return false;
  if (fields->empty()) return true;
  // Otherwise the items lie under the effective input's top-level field ItemsPath names first,
  // which the selector must not read.
  if (!state.items_path) return false;  // "$": the items are the selector's input
  const std::vector<asl::JsonPathStep>& steps = state.items_path->path().steps();
  if (steps.empty() || steps.front().kind != asl::JsonPathStepKind::kName) return false;
  return std::find(fields->begin(), fields->end(), steps.front().name) == fields->end();
}

void Execution::StartMapItem(Frame& frame, Lane& worker, size_t item) {
  const asl::State& state = *frame.state;
  worker.index = static_cast<int64_t>(item);
  worker.state = state.processor->start_at;
  // Every iteration starts with no variables of its own.
  worker.scope = InnerScope(*state.processor, lanes_[frame.owner].scope);
  const asl::Json& value = (*frame.items)[item];
  if (asl::HasArguments(state)) {
    Lane& owner = lanes_[frame.owner];
    std::optional<LaneEnv> env;
    if (ItemsCanBeLent(frame)) {
      env.emplace(*this, owner, const_cast<asl::Json*>(&value), static_cast<int64_t>(item));
    } else {
      env.emplace(*this, owner, nullptr, &value, static_cast<int64_t>(item));
    }
    auto evaluated = asl::Arguments(state, *frame.effective, *env);
    env.reset();  // a lent item is back among the items
    if (!evaluated.ok()) {
      // The item cannot be prepared: the Map state itself fails.
      AbortFrame(frame, owner.pointer, -1);
      owner.child_frame = -1;
      owner.status = Lane::Status::kReady;
      ++owner.generation;
      RaiseStateError(owner, state, std::move(evaluated.error()));
      return;
    }
    worker.input = std::move(evaluated.value());
  } else {
    worker.input = value;
  }
  HistoryEventView started{EventType::kMapIterationStarted};
  started.name = state.name;
  started.index = static_cast<int64_t>(item);
  if (!Emit(worker, started)) return;
  EnterWhenAllowed(worker, engine_.iteration);
}

void Execution::OnLaneSucceeded(Lane& lane, asl::Json output) {
  if (lane.frame < 0) {
    HistoryEventView succeeded{EventType::kExecutionSucceeded};
    succeeded.payload.json = &output;
    if (!Emit(lane, succeeded)) return;
    lane.status = Lane::Status::kDone;
    Finish(ExecutionStatus::kSucceeded, &output, nullptr);
    return;
  }
  Frame& frame = frames_[lane.frame];
  if (frame.done) return;
  frame.results[static_cast<size_t>(lane.index)] = std::move(output);
  --frame.unfinished;
  if (frame.is_map) {
    HistoryEventView succeeded{EventType::kMapIterationSucceeded};
    succeeded.name = frame.state->name;
    succeeded.index = lane.index;
    if (!Emit(lane, succeeded, /*advancing=*/false)) return;
    if (frame.next_item < frame.items->size()) {
      StartMapItem(frame, lane, frame.next_item++);
      return;  // the worker goes on with its next item
    }
    lane.pointer = succeeded.id;  // a worker's last item leaves it at its MapIterationSucceeded
  }
  lane.status = Lane::Status::kDone;
  lane.input = nullptr;
  frame.max_pointer = std::max(frame.max_pointer, lane.pointer);
  if (frame.unfinished == 0) FinishFrame(frame);
}

void Execution::FinishFrame(Frame& frame) {
  frame.done = true;
  Lane& owner = lanes_[frame.owner];
  const asl::State& state = *frame.state;
  owner.child_frame = -1;
  owner.pointer = frame.max_pointer;
  owner.status = Lane::Status::kReady;
  ++owner.generation;
  HistoryEventView succeeded{frame.is_map ? EventType::kMapStateSucceeded
                                          : EventType::kParallelStateSucceeded};
  if (!Emit(owner, succeeded, /*advancing=*/false)) return;
  asl::Json result = asl::Json::array();
  for (asl::Json& r : frame.results) result.push_back(std::move(r));
  frame.results.clear();
  frame.items = nullptr;
  frame.effective = nullptr;
  frame.owned_items = nullptr;
  FinishWithResult(owner, state, std::move(result));
}

}  // namespace sim
