#include "simulator/replay/recorded_outcomes.h"

#include <fmt/format.h>

#include <unordered_map>

#include "simulator/replay/python_style_json.h"

namespace sim {

asl::Json PayloadValue(const asl::Json& recorded) {
  if (!recorded.is_string()) return recorded;
  asl::Json parsed = asl::Json::parse(recorded.get<std::string>(), nullptr, false);
  return parsed.is_discarded() ? recorded : parsed;
}

namespace {

std::string TypeOf(const asl::Json& e) { return e.value("type", std::string()); }

const asl::Json* Details(const asl::Json& e) {
  for (auto it = e.begin(); it != e.end(); ++it) {
    if (it.key().size() > 12 && it.key().ends_with("EventDetails")) return &*it;
  }
  return nullptr;
}

bool IsScheduled(const std::string& t) {
  return t == "TaskScheduled" || t == "LambdaFunctionScheduled" || t == "ActivityScheduled";
}

asl::Error ErrorOf(const asl::Json* d, const std::string& event_type) {
  asl::Error e;
  e.has_name = d && d->contains("error");
  e.has_cause = d && d->contains("cause");
  if (e.has_name) e.name = (*d)["error"].get<std::string>();
  if (e.has_cause) {
    const asl::Json& cause = (*d)["cause"];
    // A corpus that parsed the cause kept only the value. A bare Lambda ARN's cause is the
    // function's error text as the (Python) runtime wrote it, json.dumps() style; integrations
    // such as lambda:invoke re-serialise it compactly (both recorded).
    if (cause.is_string()) e.cause = cause.get<std::string>();
    else if (event_type == "LambdaFunctionFailed") e.cause = PythonDumps(cause);
    else e.cause = asl::Dump(cause);
  }
  return e;
}

}  // namespace

asl::Result<RecordedOutcomes, std::string> RecordedOutcomes::FromEvents(const asl::Json& events) {
  if (!events.is_array()) return asl::Fail(std::string("the history's events are not an array"));
  std::unordered_map<int64_t, const asl::Json*> by_id;
  std::unordered_map<int64_t, std::vector<const asl::Json*>> children;
  for (const asl::Json& e : events) {
    if (!e.is_object() || !e.contains("id") || !e["id"].is_number_integer()) {
      return asl::Fail(fmt::format("an event has no integer id: {}", asl::Dump(e).substr(0, 120)));
    }
    int64_t id = e["id"].get<int64_t>();
    by_id[id] = &e;
    if (e.contains("previousEventId")) children[e["previousEventId"].get<int64_t>()].push_back(&e);
  }
  RecordedOutcomes out;
  for (const asl::Json& e : events) {
    std::string type = TypeOf(e);
    if (!IsScheduled(type)) continue;
    RecordedOutcome outcome;
    outcome.scheduled_event = e["id"].get<int64_t>();
    // The state: walk previousEventId back to the …StateEntered of this lane.
    const asl::Json* cur = &e;
    int guard = 0;
    while (cur && !TypeOf(*cur).ends_with("StateEntered") && ++guard < 100000) {
      int64_t prev = (*cur).value("previousEventId", int64_t{0});
      auto it = by_id.find(prev);
      cur = it == by_id.end() ? nullptr : it->second;
    }
    if (!cur) {
      return asl::Fail(fmt::format("event {} ({}) does not lead back to a state's Entered event",
                                   outcome.scheduled_event, type));
    }
    outcome.state_name = (*Details(*cur))["name"].get<std::string>();
    // The outcome: follow the task's own events forward.
    int64_t at = outcome.scheduled_event;
    bool done = false;
    while (!done) {
      const asl::Json* next = nullptr;
      for (const asl::Json* child : children[at]) {
        std::string t = TypeOf(*child);
        if (t == "TaskStarted" || t == "LambdaFunctionStarted" || t == "ActivityStarted" ||
            t == "TaskSubmitted" || t.ends_with("Succeeded") || t.ends_with("Failed") ||
            t.ends_with("TimedOut")) {
          if (t.starts_with("Execution") || t.starts_with("Map") || t.starts_with("Parallel")) {
            continue;
          }
          next = child;
          break;
        }
      }
      if (!next) break;
      std::string t = TypeOf(*next);
      const asl::Json* d = Details(*next);
      if (t.ends_with("Started")) {
        outcome.started = true;
        if (d && d->contains("workerName")) outcome.worker_name = (*d)["workerName"];
      } else if (t == "TaskSubmitted") {
        outcome.submitted_output = d && d->contains("output") ? PayloadValue((*d)["output"])
                                                              : asl::Json::object();
      } else if (t.ends_with("Succeeded")) {
        outcome.kind = RecordedOutcome::Kind::kSucceeded;
        outcome.output = d && d->contains("output") ? PayloadValue((*d)["output"]) : asl::Json();
        done = true;
      } else if (t.ends_with("TimedOut")) {
        outcome.kind = RecordedOutcome::Kind::kTimedOut;
        done = true;
      } else {
        outcome.kind = RecordedOutcome::Kind::kFailed;
        outcome.error = ErrorOf(d, t);
        done = true;
      }
      at = (*next)["id"].get<int64_t>();
    }
    out.by_state_[outcome.state_name].push_back(std::move(outcome));
  }
  return out;
}

const std::vector<RecordedOutcome>* RecordedOutcomes::ForState(const std::string& state) const {
  auto it = by_state_.find(state);
  return it == by_state_.end() ? nullptr : &it->second;
}

bool RecordedBackend::Invoke(const TaskRequest& request, const TaskHandle& handle) {
  const std::vector<RecordedOutcome>* list = outcomes_.ForState(std::string(request.state_name));
  if (!list) return false;
  if (request.invocation >= static_cast<int64_t>(list->size())) {
    handle.Fail(request.now,
                asl::Error("States.Runtime",
                           fmt::format("sfnsim replay: the recorded history has no invocation {} "
                                       "of state \"{}\" (it has {})", request.invocation,
                                       request.state_name, list->size())));
    return true;
  }
  const RecordedOutcome& o = (*list)[static_cast<size_t>(request.invocation)];
  if (o.started) handle.Start(request.now, o.worker_name);
  if (o.submitted_output) handle.Submit(request.now, *o.submitted_output);
  switch (o.kind) {
    case RecordedOutcome::Kind::kSucceeded: handle.Succeed(request.now, o.output); break;
    case RecordedOutcome::Kind::kFailed: handle.Fail(request.now, o.error); break;
    case RecordedOutcome::Kind::kTimedOut:
    case RecordedOutcome::Kind::kUnfinished: break;  // never completes
  }
  return true;
}

}  // namespace sim
