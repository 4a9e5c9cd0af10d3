// Task states: dispatch to a service backend, the task's history events for each integration
// pattern, timeouts and heartbeats, and the result's way back through the data flow.
// https://states-language.net/spec.html#task-state
// History shapes: docs/reference/aws-semantics.md §4.

#include <fmt/format.h>

#include "simulator/engine/execution_internal.h"

namespace sim {

namespace {

bool NeedsToken(const asl::TaskResource& r) {
  return r.kind == asl::ResourceKind::kActivity ||
         r.pattern == asl::IntegrationPattern::kWaitForTaskToken;
}

}  // namespace

void Execution::RunTask(Lane& lane, const asl::State& state) {
  if (!SelectEffectiveInput(lane, state)) return;
  // TaskScheduled follows the entry after the engine's scheduling latency, if any.
  if (Duration schedule = sim_.DrawEngineLatency(engine_.task_schedule); schedule.ms > 0) {
    return ResumeAfter(lane, schedule, Resume::kTaskAttempt);
  }
  DispatchTask(lane);
}

void Execution::DispatchTask(Lane& lane) {
  const asl::State& state = lane.current();
  const asl::TaskResource& resource = *state.resource;
  const asl::Json& effective = lane.effective_input();

  std::string token;
  if (NeedsToken(resource)) token = fmt::format("{}-{}", spec_.name, sim_.NewUuid());

  // Parameters are evaluated for every attempt: $$.State.RetryCount changes between them.
  asl::Json parameters;
  if (asl::HasArguments(state)) {
    LaneEnv env(*this, lane, token.empty() ? nullptr : &token);
    auto evaluated = asl::Arguments(state, effective, env);
    if (!evaluated.ok()) return RaiseStateError(lane, state, std::move(evaluated.error()));
    parameters = std::move(evaluated.value());
  } else {
    parameters = effective;
  }

  // TimeoutSeconds / HeartbeatSeconds, literal or from the input.
  auto resolve_seconds = [&](const asl::IntOrPath& field, const char* name,
                             std::optional<int64_t>& out) -> bool {
    if (field.value) {
      out = field.value;
      return true;
    }
    if (!field.path && !field.expression) return true;
    LaneEnv env(*this, lane);
    asl::Json evaluated;
    auto setting = field.expression
                       ? asl::EvaluateSetting(*field.expression, effective, env, evaluated)
                       : asl::SelectSetting(*field.path, effective, env);
    if (!setting.ok()) {
      RaiseStateError(lane, state, std::move(setting.error()));
      return false;
    }
    const asl::Json* value = setting->value;
    if (!value->is_number_integer() || value->get<int64_t>() <= 0) {
      FailRuntime(lane, state,
                  fmt::format("The {}Path parameter does not reference a positive integer: {} == "
                              "{}", name, setting->text, asl::Dump(*value)));
      return false;
    }
    out = value->get<int64_t>();
    return true;
  };
  std::optional<int64_t> timeout, heartbeat;
  if (!resolve_seconds(state.timeout_seconds, "TimeoutSeconds", timeout)) return;
  if (!resolve_seconds(state.heartbeat_seconds, "HeartbeatSeconds", heartbeat)) return;

  std::string credentials_role;
  if (state.credentials) {
    LaneEnv env(*this, lane);
    auto role = asl::CredentialsRole(state, effective, env);
    if (!role.ok()) return RaiseStateError(lane, state, std::move(role.error()));
    credentials_role = std::move(*role);
  }

  HistoryEventView scheduled{asl::AttemptEvents(resource).scheduled};
  scheduled.payload.json = &parameters;
  scheduled.timeout_seconds = timeout;
  scheduled.task_credentials_role = credentials_role;
  if (resource.kind == asl::ResourceKind::kLambda) {
    scheduled.resource = resource.arn;
  } else if (resource.kind == asl::ResourceKind::kActivity) {
    scheduled.resource = resource.arn;
    scheduled.heartbeat_seconds = heartbeat;
  } else {
    scheduled.resource_type = resource.history_resource_type;
    scheduled.resource = resource.history_resource;
    scheduled.region = sim_.config().region;
    scheduled.heartbeat_seconds = heartbeat;
  }
  if (!Emit(lane, scheduled)) return;

  uint64_t task_id = next_task_++;
  Task& task = tasks_[task_id];
  task.id = task_id;
  task.lane = lane.id;
  task.generation = lane.generation;
  task.state = &state;
  task.token = std::move(token);
  task.scheduled = sim_.now();
  task.last_beat = sim_.now();
  task.timeout_seconds = timeout;
  task.heartbeat_seconds = heartbeat;
  task.parameters = std::move(parameters);
  lane.task = task_id;
  lane.status = Lane::Status::kBlocked;
  if (timeout) {
    sim_.Schedule(sim_.now() + Duration::Seconds(*timeout), this, kTimerTaskTimeout, task_id);
  }
  // Heartbeats exist only where a worker or a callback can send them.
  if (heartbeat && NeedsToken(resource)) {
    sim_.Schedule(sim_.now() + Duration::Seconds(*heartbeat), this, kTimerTaskHeartbeatCheck,
                  task_id);
  }

  TaskRequest request = NewTaskRequest(lane, state, resource, task.parameters);
  request.task_token = task.token;
  request.attempt = lane.retry_count;
  request.invocation = invocations_[state.name]++;
  TaskHandle handle(&sim_, id_, task_id);
  for (ServiceBackend* backend : sim_.backends()) {
    if (backend->Invoke(request, handle)) return;
  }
  // NONSTANDARD: AWS would call the real service; sfnsim has nothing to call.
  tasks_.erase(task_id);
  lane.task = 0;
  lane.status = Lane::Status::kReady;
  FailRuntime(lane, state,
              fmt::format("sfnsim has no mocked response and no simulated service for resource "
                          "'{}' (state '{}')", resource.arn, state.name));
}

TaskRequest Execution::NewTaskRequest(Lane& lane, const asl::State& state,
                                      const asl::TaskResource& resource,
                                      const asl::Json& parameters) {
  TaskRequest request;
  request.resource = &resource;
  request.parameters = &parameters;
  request.state_name = state.name;
  request.execution_arn = arn_;
  request.execution_name = spec_.name;
  request.state_machine_arn = spec_.state_machine_arn;
  request.lane = [this, &lane] { return lane.frame < 0 ? std::string() : MapIterationPath(lane); };
  request.now = sim_.now();
  request.execution_id = id_;
  return request;
}

std::string Execution::MapIterationPath(const Lane& lane) const {
  std::vector<const Lane*> chain;  // innermost first
  for (const Lane* l = &lane; l->frame >= 0; l = &lanes_[frames_[l->frame].owner]) {
    chain.push_back(l);
  }
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Frame& frame = frames_[(*it)->frame];
    if (!frame.is_map) continue;  // Parallel branches are told apart by their states' names
    if (!path.empty()) path += '/';
    path += fmt::format("{}[{}]", frame.state->name, (*it)->index);
  }
  return path;
}

bool Execution::CoreResultSuffices(const asl::State& state, const asl::Json& core) const {
  // A history that keeps payloads records the whole result; without a ResultSelector, the whole
  // result goes on through ResultPath.
  if (recorder_.reads_payloads() || !state.result_selector || !core.is_object()) return false;
  const auto& fields = state.result_selector->input_fields_read();
  if (!fields) return false;
  for (const std::string& field : *fields) {
    if (!core.contains(field)) return false;  // perhaps in the deferred part
  }
  return true;
}

void Execution::CompleteTask(Task& task, asl::Json result) {
  Lane& lane = lanes_[task.lane];
  const asl::State& state = *task.state;
  const asl::TaskResource& resource = *state.resource;
  // A deferred part is built only when something reads it; a core whose whole result is bound
  // to fit the payload quota need not be measured either.
  DeferredResult deferred = std::move(task.deferred);
  const bool fits = deferred.max_bytes >= 0 &&
                    deferred.max_bytes <= static_cast<int64_t>(asl::kMaxPayloadBytes);
  const bool core_only = deferred.complete && fits && CoreResultSuffices(state, result);
  if (deferred.complete && !core_only) result = deferred.complete(std::move(result));
  if (!fits && asl::SerializedSize(result) > asl::kMaxPayloadBytes) {
    // A result over the payload quota fails the task (catchable, as recorded on AWS).
    std::string what = resource.kind == asl::ResourceKind::kLambda ||
                               resource.kind == asl::ResourceKind::kActivity
                           ? resource.arn
                           : resource.history_resource_type;
    EventType type = asl::AttemptEvents(resource).failed;
    return FailTask(task, asl::Error(std::string(asl::errors::kDataLimitExceeded),
                                     fmt::format("The state/task '{}' returned a result with a "
                                                 "size exceeding the maximum number of bytes "
                                                 "service limit.", what)),
                    type);
  }
  // Lambda functions and activities write no resource fields in their attempt events.
  HistoryEventView succeeded{asl::AttemptEvents(resource).succeeded};
  if (resource.kind != asl::ResourceKind::kLambda &&
      resource.kind != asl::ResourceKind::kActivity) {
    succeeded.resource_type = resource.history_resource_type;
    succeeded.resource = resource.history_resource;
  }
  succeeded.payload.json = &result;
  tasks_.erase(task.id);  // `task` is gone from here on
  lane.task = 0;
  ++lane.generation;
  lane.status = Lane::Status::kReady;
  if (!Emit(lane, succeeded)) return;

  FinishWithResult(lane, state, std::move(result), core_only ? &deferred : nullptr);
}

void Execution::FailTask(Task& task, asl::Error error, EventType event) {
  Lane& lane = lanes_[task.lane];
  const asl::State& state = *task.state;
  const asl::TaskResource& resource = *state.resource;
  HistoryEventView failed{event};
  if (resource.kind != asl::ResourceKind::kLambda &&
      resource.kind != asl::ResourceKind::kActivity) {
    failed.resource_type = resource.history_resource_type;
    failed.resource = resource.history_resource;
  }
  failed.error = &error;
  uint64_t task_id = task.id;
  lane.task = 0;
  ++lane.generation;
  lane.status = Lane::Status::kReady;
  DropTask(task_id);  // `task` is gone from here on; a timed-out task's work is cancelled
  if (!Emit(lane, failed)) return;
  failed_task_ = task_id;
  HandleStateError(lane, state, std::move(error));
  RunLane(lane);
}

}  // namespace sim
