#pragma once
// What a scenario run records beyond its summary when a report will draw it (`sfnsim run
// --report`): per execution, how often each state was entered and how many history events each
// state wrote (the heat map); the failures the engine handled, with their time (the Gantt's
// marks); state entries per second of virtual time (the transition quota's load); and the
// histories of a few executions worth reading (the starting one, failed ones, the largest).
//
// Memory stays bounded for runs of any size: every execution's history is kept only while it
// runs, and only the chosen ones are kept after; per-state tallies are kept for the first
// kMaxTalliedExecutions executions and summed per state machine for all.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simulator/engine/observer.h"
#include "simulator/history/history_event.h"
#include "simulator/history/history_sink.h"

namespace sim {

struct ExecutionSpec;
class Simulation;

struct StateTally {
  int64_t entered = 0;  // ...StateEntered events
  int64_t events = 0;   // history events written while in it (or naming it)
};

// One history event, compactly (24 bytes: every running execution's history is held until it
// ends; no payloads, `--history-dir` writes those).
struct TracedEvent {
  int64_t time_ms = 0;   // since the run's start
  uint32_t id = 0;
  int32_t error = -1;    // index into ExecutionTrace::errors (-1: none)
  uint16_t state = 0;    // index into ExecutionTrace::states (0: none)
  EventType type{};
};

struct ExecutionTrace {
  std::string state_machine;
  std::string name;
  // Index 0 is "" (events outside any state: ExecutionStarted, ...).
  std::vector<std::string> state_names{""};
  std::vector<StateTally> states{StateTally{}};
  std::vector<TracedEvent> events;  // the history, while running or when kept
  std::vector<std::string> errors;  // failed / timed-out events: "Error: cause" (cut short)
  bool history_kept = false;        // `events` is the whole history, kept for the report
  bool tallied = true;              // false beyond kMaxTalliedExecutions (states left empty)
  bool failed = false;
  int64_t event_count = 0;
};

// A failure the engine handled (Retry, Catch or nothing): a fault injected or a service's error.
struct FailureMark {
  int64_t time_ms = 0;
  std::string execution;  // state machine + "/" + execution name (ExecutionTrace's key)
  std::string state;
  std::string error;
  FailureHandling handling = FailureHandling::kUnhandled;
};

struct RunTrace {
  static constexpr size_t kMaxTalliedExecutions = 2'000;
  static constexpr size_t kMaxKeptHistories = 6;  // starting + failed + largest, at most
  static constexpr int64_t kMaxKeptEvents = 60'000;  // all kept histories together

  // By key (state machine + "/" + name); `order` lists the keys in start order.
  std::unordered_map<std::string, std::unique_ptr<ExecutionTrace>> executions;
  std::vector<std::string> order;
  // State tallies summed over every execution of a state machine.
  std::map<std::string, std::map<std::string, StateTally>> per_machine;
  std::vector<FailureMark> failures;
  std::map<int64_t, int64_t> entries_per_second;  // STANDARD state entries, by second
  double transition_quota_per_second = 0;  // the state-transition quota's refill (0: disabled)
  int64_t transition_quota_burst = 0;
  int64_t history_margin = -1;  // the scenario's expect.min_history_margin (-1: none chosen)
  // Per state machine: its state graph as the report draws it ({"nodes": [...], "edges": [...]}).
  std::map<std::string, std::string> graphs_json;

  static std::string Key(std::string_view state_machine, std::string_view name);
};

// Fills a RunTrace while a run happens: wraps each execution's history sink and observes the
// failures the engine handles. Lives as long as the run's environment.
class TraceRecorder final : public ExecutionObserver {
 public:
  // `start_ms`: the run's start (virtual epoch milliseconds); `root`: the starting execution's
  // key, whose history is always kept.
  TraceRecorder(RunTrace* trace, const Simulation& simulation, int64_t start_ms,
                std::string root);
  ~TraceRecorder() override;

  // A sink for this execution that records into the trace and forwards to `inner` (may be null).
  HistorySink* SinkFor(const ExecutionSpec& spec, HistorySink* inner);

  void OnFailureHandled(const FailureReport& report) override;

  // Decides which histories stay (called once, after the run).
  void Finish();

 private:
  class Sink;
  void Ended(ExecutionTrace& trace);

  RunTrace* trace_;
  const Simulation& simulation_;
  int64_t start_ms_;
  std::string root_;
  std::vector<std::unique_ptr<Sink>> sinks_;
  int64_t kept_events_ = 0;
  size_t kept_ = 0;
  ExecutionTrace* largest_ = nullptr;  // the largest history not kept for another reason
};

}  // namespace sim
