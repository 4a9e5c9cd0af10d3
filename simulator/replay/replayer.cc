#include "simulator/replay/replayer.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

#include "simulator/engine/execution.h"
#include "simulator/engine/simulation.h"
#include "simulator/harness/environment.h"
#include "simulator/history/history_sink.h"

namespace sim {

namespace {

void CollectReplayStateNames(const asl::StateMachine& machine, std::vector<std::string>& out) {
  for (const asl::State& state : machine.states) {
    out.push_back(state.name);
    for (const auto& branch : state.branches) CollectReplayStateNames(*branch, out);
    if (state.processor) CollectReplayStateNames(*state.processor, out);
  }
}

// Lanes whose interleaving depends on timing: a Parallel with several branches, a Map that may
// run several iterations at once.
bool HasConcurrentLanes(const asl::StateMachine& machine) {
  for (const asl::State& state : machine.states) {
    if (state.type == asl::StateType::kParallel && state.branches.size() > 1) return true;
    if (state.type == asl::StateType::kMap &&
        (state.max_concurrency.path || state.max_concurrency.value.value_or(0) != 1)) {
      return true;
    }
    for (const auto& branch : state.branches) {
      if (HasConcurrentLanes(*branch)) return true;
    }
    if (state.processor && HasConcurrentLanes(*state.processor)) return true;
  }
  return false;
}

// The same events (types and details, ignoring ids, previousEventIds and timestamps) and the
// same final event.
bool SameEventsInAnotherOrder(const asl::Json& expected, const asl::Json& actual) {
  if (expected.size() != actual.size() || expected.empty()) return false;
  auto key = [](const asl::Json& e) {
    asl::Json copy = e;
    copy.erase("id");
    copy.erase("previousEventId");
    copy.erase("timestamp");
    return asl::Dump(copy);
  };
  std::multiset<std::string> a, b;
  for (const asl::Json& e : expected) a.insert(key(e));
  for (const asl::Json& e : actual) b.insert(key(e));
  return a == b && expected.back()["type"] == actual.back()["type"];
}

// The state an event belongs to: its own name, else the …StateEntered its previousEventIds
// lead back to.
std::string StateOfEvent(const asl::Json& events, size_t index) {
  std::unordered_map<int64_t, size_t> position;
  for (size_t i = 0; i < events.size(); ++i) position[events[i].value("id", int64_t{0})] = i;
  size_t at = index;
  for (int guard = 0; guard < 100000; ++guard) {
    const asl::Json& e = events[at];
    std::string type = e.value("type", "");
    if (type.ends_with("StateEntered") || type.ends_with("StateExited")) {
      for (auto it = e.begin(); it != e.end(); ++it) {
        if (it.key().ends_with("EventDetails") && it->contains("name")) {
          return (*it)["name"].get<std::string>();
        }
      }
    }
    auto prev = position.find(e.value("previousEventId", int64_t{0}));
    if (prev == position.end() || prev->second >= at) return "";
    at = prev->second;
  }
  return "";
}

}  // namespace

std::vector<std::string> AllStateNames(const asl::StateMachine& machine) {
  std::vector<std::string> names;
  CollectReplayStateNames(machine, names);
  return names;
}

asl::Status<std::string> CheckHistoryFitsDefinition(const asl::StateMachine& machine,
                                                    const RecordedExecution& recorded,
                                                    std::vector<std::string>& missing) {
  std::vector<std::string> names = AllStateNames(machine);
  std::set<std::string> known(names.begin(), names.end());
  std::set<std::string> seen;
  std::string first;
  for (const asl::Json& e : recorded.events) {
    if (!e.value("type", "").ends_with("StateEntered")) continue;
    const asl::Json& d = e.value("stateEnteredEventDetails", asl::Json::object());
    if (!d.contains("name") || !d["name"].is_string()) continue;
    std::string name = d["name"].get<std::string>();
    if (first.empty()) first = name;
    if (!known.count(name) && seen.insert(name).second) missing.push_back(name);
  }
  if (!first.empty() && !known.count(first)) {
    return asl::Fail(fmt::format(
        "the history is not of this definition: it starts in state \"{}\", which the definition "
        "does not have (StartAt \"{}\"; {} of the history's states are missing: {})",
        first, machine.start_at_name, missing.size(), fmt::join(missing, ", ")));
  }
  return {};
}

ReplayReport Replay(std::shared_ptr<const asl::StateMachine> machine,
                    const RecordedExecution& recorded, const RecordedOutcomes& outcomes,
                    const ReplayOptions& options) {
  ReplayReport report;
  report.recorded_status = recorded.status;

  EnvironmentOptions env_options;
  if (options.world) env_options.world = *options.world;
  if (!recorded.partition.empty()) env_options.partition = recorded.partition;
  if (!recorded.region.empty()) env_options.region = recorded.region;
  if (!recorded.account.empty()) env_options.account = recorded.account;
  if (recorded.start_ms) env_options.start_time = SimTime{*recorded.start_ms};
  // No engine latency: tasks end at their recorded offsets, and drawn engine steps would
  // interleave concurrent lanes in an order the recording does not have (docs/replay.md).
  env_options.engine_latency = EngineLatency::None();
  env_options.max_state_entries = options.max_state_entries;
  // The recorded outcomes come before the world's services.
  auto owned_backend = std::make_unique<RecordedBackend>(outcomes);
  owned_backend->set_fall_through(options.world != nullptr);
  const RecordedBackend& backend = *owned_backend;
  env_options.front_backends.push_back(std::move(owned_backend));
  auto created = Environment::Create(std::move(env_options));
  if (!created.ok()) {
    report.setup_error = created.error();
    return report;
  }
  Environment& env = **created;
  Simulation& simulation = env.simulation();
  const std::string machine_name =
      recorded.state_machine_name.empty() ? "StateMachine" : recorded.state_machine_name;
  // A name LocalStack's snapshots replaced by a placeholder ("<ArnPart_0idx>") is no name a
  // world could register: such a recording runs unregistered (nothing starts it by name).
  const bool placeholder = !machine_name.empty() && machine_name.front() == '<';
  if (options.world && !placeholder) {
    auto registered = env.RegisterStateMachine(machine_name, machine, options.express);
    if (!registered.ok()) {
      report.setup_error = registered.error();
      return report;
    }
  }

  StartOptions start;
  start.sink = std::make_unique<MemorySink>();
  const MemorySink& sink = static_cast<const MemorySink&>(*start.sink);
  ExecutionSpec spec;
  spec.machine = machine;
  spec.state_machine_name = machine_name;
  spec.name = recorded.execution_name;
  spec.input_text = recorded.input_text;
  spec.role_arn = recorded.role_arn;
  spec.express = options.express;
  Execution& execution = env.Start(std::move(spec), std::move(start));
  // StopExecution: the recording ends in ExecutionAborted; stop where it was stopped.
  const asl::Json& last = recorded.events.back();
  if (last["type"] == "ExecutionAborted") {
    int64_t before = last["id"].get<int64_t>() - 1;
    while (!execution.ended() && execution.history().count() < before && !simulation.idle()) {
      simulation.RunUntil(simulation.now());  // let everything due now happen
      if (execution.history().count() >= before) break;
      simulation.RunUntil(SimTime{simulation.now().ms + 1});
    }
    const asl::Json& details =
        last.value("executionAbortedEventDetails", asl::Json::object());
    std::optional<std::string> error, cause;
    if (details.contains("error")) error = details["error"].get<std::string>();
    if (details.contains("cause")) cause = details["cause"].get<std::string>();
    env.Stop(execution, error, cause);
  }
  env.RunUntilIdle();
  report.halted = !execution.ended() && simulation.halted();

  report.events = asl::Json(sink.events());
  report.description = execution.Describe();
  report.status = StatusName(execution.status());
  report.unrecorded = backend.unrecorded();

  asl::Json expected = NormalizeHistory(recorded.events);
  asl::Json actual = NormalizeHistory(report.events);
  if (!recorded.complete && actual.size() > expected.size()) {
    // Only the recorded part can be compared; the rest of the replayed run is not known.
    asl::Json prefix = asl::Json::array();
    for (size_t i = 0; i < expected.size(); ++i) prefix.push_back(actual[i]);
    actual = std::move(prefix);
    report.recorded_status = report.status;
  }
  HistoryMatcher matcher;
  report.divergence = matcher.Compare(expected, actual);
  if (report.divergence && options.allow_interleaving && HasConcurrentLanes(*machine) &&
      SameEventsInAnotherOrder(expected, actual)) {
    report.modulo_interleaving = true;
    report.divergence.reset();
  }
  if (report.divergence) {
    size_t i = report.divergence->index;
    const asl::Json& side = i < recorded.events.size() ? recorded.events : report.events;
    if (i < side.size()) {
      report.diverged_state = StateOfEvent(side, i);
      report.diverged_lane = EventLanes(side)[i];
    }
  }
  return report;
}

}  // namespace sim
