#include "simulator/replay/recorded_outcomes.h"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <unordered_map>

#include "asl/base/json_limits.h"
#include "asl/base/timestamp.h"
#include "simulator/replay/python_style_json.h"
#include "simulator/replay/recorded_execution.h"

namespace sim {

asl::Json PayloadValue(const asl::Json& recorded) {
  if (!recorded.is_string()) return recorded;
  // Histories are checked for over-deep payloads when read (recorded_execution.cc).
  return asl::ParseJsonWithinLimits(recorded.get_ref<const std::string&>()).value_or(recorded);
}

namespace {

std::string RecordedEventType(const asl::Json& e) { return e.value("type", std::string()); }

const asl::Json* RecordedDetails(const asl::Json& e) {
  for (auto it = e.begin(); it != e.end(); ++it) {
    if (it.key().size() > 12 && it.key().ends_with("EventDetails")) return &*it;
  }
  return nullptr;
}

bool IsScheduledEventType(const std::string& t) {
  return t == "TaskScheduled" || t == "LambdaFunctionScheduled" || t == "ActivityScheduled";
}

asl::Error RecordedErrorOf(const asl::Json* d, const std::string& event_type) {
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

// One Map iteration of a lane path: "Name[3]".
struct LaneStep {
  std::string map;
  int64_t index = 0;
};

std::string JoinLaneSteps(const std::vector<LaneStep>& steps) {
  std::string out;
  for (const LaneStep& s : steps) {
    if (!out.empty()) out += '/';
    out += fmt::format("{}[{}]", s.map, s.index);
  }
  return out;
}

// The steps before the last one that names `map` (the lane that runs the Map state).
std::vector<LaneStep> LaneOutsideMap(const std::vector<LaneStep>& lane, const std::string& map) {
  for (size_t k = lane.size(); k-- > 0;) {
    if (lane[k].map == map) return std::vector<LaneStep>(lane.begin(), lane.begin() + k);
  }
  return lane;
}

}  // namespace

EventTimes ReadEventTimes(const asl::Json& events) {
  EventTimes times;
  if (!events.is_array()) return times;
  for (const asl::Json& e : events) {
    if (!e.is_object() || !e.contains("id") || !e["id"].is_number_integer()) return {};
    const asl::Json* t = e.contains("timestamp") ? &e["timestamp"] : nullptr;
    int64_t ms = 0;
    if (t && t->is_string()) {
      auto instant = asl::ParseRfc3339(t->get<std::string>());
      if (!instant) return {};
      ms = instant->UnixMillis();
    } else if (t && t->is_number()) {
      // The AWS CLI v1 (and --cli-timestamp-format none) prints epoch seconds.
      ms = static_cast<int64_t>(std::llround(t->get<double>() * 1000.0));
    } else {
      return {};
    }
    times[e["id"].get<int64_t>()] = ms;
  }
  return times;
}

std::vector<std::string> EventLanes(const asl::Json& events) {
  // Each event belongs to the lane of its previousEventId, except the events that open or close
  // a Map iteration (they name it) and the events that close a Map state (the lane that ran it).
  std::vector<std::string> lanes;
  std::unordered_map<int64_t, std::vector<LaneStep>> lane_of;  // by event id
  std::unordered_map<int64_t, const asl::Json*> event_of;
  std::map<std::string, std::multiset<std::string>> open_maps;  // lane -> Map states entered
  for (const asl::Json& e : events) {
    int64_t id = e.value("id", int64_t{0});
    int64_t prev_id = e.value("previousEventId", int64_t{0});
    auto prev_it = lane_of.find(prev_id);
    std::vector<LaneStep> prev_lane =
        prev_it == lane_of.end() ? std::vector<LaneStep>() : prev_it->second;
    const asl::Json* prev_event = event_of.count(prev_id) ? event_of[prev_id] : nullptr;
    std::string type = RecordedEventType(e);
    const asl::Json* d = RecordedDetails(e);
    std::vector<LaneStep> lane = prev_lane;
    if (type.starts_with("MapIteration") && d && d->contains("name") && d->contains("index")) {
      std::string map = (*d)["name"].get<std::string>();
      lane = LaneOutsideMap(prev_lane, map);
      lane.push_back({map, (*d)["index"].get<int64_t>()});
    } else if (type == "MapStateSucceeded" || type == "MapStateFailed" ||
               type == "MapStateAborted" || type == "MapStateExited") {
      std::string exited = type == "MapStateExited" && d ? d->value("name", std::string()) : "";
      const asl::Json* pd = prev_event ? RecordedDetails(*prev_event) : nullptr;
      std::string prev_type = prev_event ? RecordedEventType(*prev_event) : "";
      if (prev_type.starts_with("MapIteration") && pd && pd->contains("name")) {
        lane = LaneOutsideMap(prev_lane, (*pd)["name"].get<std::string>());
      } else if (prev_type == "MapStateStarted" || prev_type.starts_with("MapRun") ||
                 (type == "MapStateExited" && prev_type.starts_with("MapState"))) {
        lane = prev_lane;  // the previous event is the Map state's own
      } else {
        // The previous event is inside an iteration (the one that failed): the innermost lane
        // around it that has this Map state open.
        for (size_t k = 1; k <= prev_lane.size(); ++k) {
          const std::string& map = prev_lane[prev_lane.size() - k].map;
          std::vector<LaneStep> outside(prev_lane.begin(), prev_lane.end() - k);
          if (open_maps[JoinLaneSteps(outside)].count(map) && (exited.empty() || exited == map)) {
            lane = std::move(outside);
            break;
          }
        }
      }
    }
    std::string lane_text = JoinLaneSteps(lane);
    if (type == "MapStateEntered" && d && d->contains("name")) {
      open_maps[lane_text].insert((*d)["name"].get<std::string>());
    } else if (type == "MapStateExited" && d && d->contains("name")) {
      auto& open = open_maps[lane_text];
      auto it = open.find((*d)["name"].get<std::string>());
      if (it != open.end()) open.erase(it);
    }
    lanes.push_back(lane_text);
    lane_of[id] = std::move(lane);
    event_of[id] = &e;
  }
  return lanes;
}

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
    if (e.contains("previousEventId") && e["previousEventId"].is_number_integer()) {
      children[e["previousEventId"].get<int64_t>()].push_back(&e);
    }
  }
  const EventTimes times = ReadEventTimes(events);
  auto offset = [&](int64_t from, int64_t to) -> int64_t {
    auto a = times.find(from), b = times.find(to);
    return a == times.end() || b == times.end() ? 0 : std::max<int64_t>(0, b->second - a->second);
  };
  const std::vector<std::string> lanes = EventLanes(events);
  RecordedOutcomes out;
  size_t position = 0;
  for (const asl::Json& e : events) {
    const std::string& lane = lanes[position++];
    std::string type = RecordedEventType(e);
    if (!IsScheduledEventType(type)) continue;
    RecordedOutcome outcome;
    outcome.scheduled_event = e["id"].get<int64_t>();
    outcome.lane = lane;
    if (const asl::Json* d = RecordedDetails(e)) {
      if (d->contains("resourceType") && d->contains("resource")) {
        outcome.resource = fmt::format("{}:{}", (*d)["resourceType"].get<std::string>(),
                                       (*d)["resource"].get<std::string>());
      } else if (d->contains("resource")) {
        outcome.resource = (*d)["resource"].get<std::string>();
      }
    }
    // The state: walk previousEventId back to the …StateEntered of this lane.
    const asl::Json* cur = &e;
    int guard = 0;
    while (cur && !RecordedEventType(*cur).ends_with("StateEntered") && ++guard < 100000) {
      int64_t prev = (*cur).value("previousEventId", int64_t{0});
      auto it = by_id.find(prev);
      cur = it == by_id.end() ? nullptr : it->second;
    }
    const asl::Json* entered = cur ? RecordedDetails(*cur) : nullptr;
    if (!entered || !entered->contains("name") || !(*entered)["name"].is_string()) {
      return asl::Fail(fmt::format("event {} ({}) does not lead back to a state's Entered event",
                                   outcome.scheduled_event, type));
    }
    outcome.state_name = (*entered)["name"].get<std::string>();
    // The outcome: follow the task's own events forward.
    int64_t at = outcome.scheduled_event;
    bool done = false;
    while (!done) {
      const asl::Json* next = nullptr;
      for (const asl::Json* child : children[at]) {
        std::string t = RecordedEventType(*child);
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
      std::string t = RecordedEventType(*next);
      const asl::Json* d = RecordedDetails(*next);
      int64_t next_id = (*next)["id"].get<int64_t>();
      int64_t after = offset(outcome.scheduled_event, next_id);
      if (t.ends_with("Started")) {
        outcome.started = true;
        outcome.started_after_ms = after;
        if (d && d->contains("workerName")) outcome.worker_name = (*d)["workerName"];
      } else if (t == "TaskSubmitted") {
        outcome.submitted_after_ms = after;
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
        outcome.error = RecordedErrorOf(d, t);
        done = true;
      }
      if (done) {
        outcome.end_event = next_id;
        outcome.ended_after_ms = after;
      }
      at = next_id;
    }
    out.by_state_[outcome.state_name].push_back(std::move(outcome));
  }
  const std::string last_type = events.empty() ? "" : RecordedEventType(events.back());
  if (!StatusOfEndEvent(last_type).empty()) {
    for (auto& [state, list] : out.by_state_) {
      for (RecordedOutcome& o : list) o.interrupted = o.kind == RecordedOutcome::Kind::kUnfinished;
    }
  }
  out.Index();
  return out;
}

void RecordedOutcomes::Index() {
  by_lane_.clear();
  std::vector<const RecordedOutcome*> ordered;
  for (const auto& [state, list] : by_state_) {
    for (const RecordedOutcome& o : list) ordered.push_back(&o);
  }
  std::sort(ordered.begin(), ordered.end(), [](const RecordedOutcome* a, const RecordedOutcome* b) {
    return a->scheduled_event < b->scheduled_event;
  });
  for (const RecordedOutcome* o : ordered) by_lane_[{o->state_name, o->lane}].push_back(o);
}

const std::vector<RecordedOutcome>* RecordedOutcomes::ForState(const std::string& state) const {
  auto it = by_state_.find(state);
  return it == by_state_.end() ? nullptr : &it->second;
}

const std::vector<const RecordedOutcome*>* RecordedOutcomes::ForLane(
    const std::string& state, const std::string& lane) const {
  auto it = by_lane_.find({state, lane});
  return it == by_lane_.end() ? nullptr : &it->second;
}

bool RecordedOutcomes::Modify(int64_t scheduled_event,
                              const std::function<void(RecordedOutcome&)>& change) {
  for (auto& [state, list] : by_state_) {
    for (RecordedOutcome& o : list) {
      if (o.scheduled_event != scheduled_event) continue;
      change(o);
      Index();
      return true;
    }
  }
  return false;
}

bool RecordedBackend::Invoke(const TaskRequest& request, const TaskHandle& handle) {
  if (execution_id_ == 0) execution_id_ = request.execution_id;
  if (request.execution_id != execution_id_) return false;
  std::pair<std::string, std::string> key{std::string(request.state_name),
                                          request.lane ? request.lane() : std::string()};
  int64_t visit = visits_[key]++;
  const std::vector<const RecordedOutcome*>* list = outcomes_.ForLane(key.first, key.second);
  int64_t recorded = list ? static_cast<int64_t>(list->size()) : 0;
  if (visit >= recorded) {
    unrecorded_.push_back({key.first, key.second, visit, fall_through_, request.now});
    if (fall_through_) return false;
    std::string where = key.second.empty() ? "" : fmt::format(" in Map iteration {}", key.second);
    handle.Fail(request.now,
                asl::Error("States.Runtime",
                           fmt::format("sfnsim replay: the recorded history has no invocation {} "
                                       "of state \"{}\"{} (it has {}), and no world serves new "
                                       "calls", visit + 1, key.first, where, recorded)));
    return true;
  }
  const RecordedOutcome& o = *(*list)[static_cast<size_t>(visit)];
  if (o.interrupted && fall_through_) {
    unrecorded_.push_back({key.first, key.second, visit, true, request.now});
    return false;
  }
  if (o.started) handle.Start(request.now + Duration::Milliseconds(o.started_after_ms), o.worker_name);
  if (o.submitted_output) {
    handle.Submit(request.now + Duration::Milliseconds(o.submitted_after_ms), *o.submitted_output);
  }
  SimTime end = request.now + Duration::Milliseconds(o.ended_after_ms);
  switch (o.kind) {
    case RecordedOutcome::Kind::kSucceeded: handle.Succeed(end, o.output); break;
    case RecordedOutcome::Kind::kFailed: handle.Fail(end, o.error); break;
    case RecordedOutcome::Kind::kTimedOut:
    case RecordedOutcome::Kind::kUnfinished: break;  // never completes
  }
  return true;
}

}  // namespace sim
