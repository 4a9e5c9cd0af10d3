#pragma once
// A scenario: a world (services, data, state machines, faults, quotas), the execution that starts
// the run, and what must hold when it is over. One YAML or JSON file, documented in
// docs/scenarios.md:
//
//   auto scenario = sim::LoadScenario("scenarios/backfill.yaml");  // located diagnostics
//   sim::ScenarioReport report = sim::RunScenario(*scenario, {});
//   report.passed();
//
// Everything but `name`, `description`, `start`, `expect` and `report` is a world document
// (docs/world.md).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/diagnostic.h"
#include "asl/base/result.h"
#include "simulator/world/load_policy.h"
#include "simulator/world/world_config.h"

namespace sim {

// An inclusive range; both ends set to the same value for an exact count.
struct CountBound {
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  bool Holds(int64_t value) const {
    return (!min || value >= *min) && (!max || value <= *max);
  }
  std::string ToString() const;  // "100000", ">= 3", "between 1 and 5"
};

// The keys of a query over the fixture tables against a field of the messages published to a
// topic. `published_once:` asks that every key be published exactly once; `rows:` bounds each
// count instead (a run expected to lose rows says so with `lost: {min: 1}`).
struct RowsExpectation {
  std::string topic;  // name or ARN
  std::string key;    // a top-level field of the JSON message body, or a JSON pointer ("/a/b")
  std::string sql;    // one column: every key that must be published (SQLite over the tables)
  bool exactly_once = false;  // written as published_once: one expectation, no bounds below
  std::optional<CountBound> once, duplicated, lost, unexpected;
};

// Injected faults by how the engine handled them (FaultInjectingBackend::injected()).
inline constexpr const char* kFaultCounts[] = {"injected", "retried", "caught", "unhandled"};
inline constexpr const char* kExecutionStatuses[] = {"SUCCEEDED", "FAILED", "TIMED_OUT",
                                                     "ABORTED"};

struct Expectations {
  std::optional<std::string> status;  // of the starting execution: SUCCEEDED, FAILED, …
  std::optional<std::string> error;   // … its error name
  std::optional<std::string> cause;   // … and its cause, exactly
  std::optional<bool> all_succeeded;  // every execution of the run SUCCEEDED
  std::optional<CountBound> executions;             // executions started, the first included
  std::map<std::string, CountBound> executions_by_status;  // e.g. FAILED: {min: 1}
  std::map<std::string, CountBound> messages;       // per topic (name or ARN)
  std::optional<RowsExpectation> rows;              // published_once or rows
  std::optional<int64_t> max_history_events;        // in any one execution
  std::optional<int64_t> min_history_margin;        // 25,000 minus the largest history
  std::optional<CountBound> duration_ms;            // virtual: first start to last stop
  std::optional<int64_t> max_unhandled_faults;      // injected failures nothing handled
  std::map<std::string, CountBound> faults;         // by kFaultCounts name
  // Largest bucket duration / mean bucket duration (report.bucket attributes executions);
  // `sfnsim balance` shows the buckets and a balanced alternative.
  std::optional<double> max_bucket_imbalance;
  // Expectation name -> line in the file ("rows.lost", "messages.customer-backfill", …).
  std::map<std::string, int> lines;
};

struct ScenarioStart {
  std::string state_machine;  // a state machine of the world, by name
  std::string input_text = "{}";
  std::string execution_name;  // "" : drawn from the seed
  // A recorded history (get-execution-history output) whose task outcomes the starting execution
  // gets, per state and Map iteration; calls it does not have go to the world
  // (`sfnsim replay --save-test` writes such scenarios, docs/replay.md). "" : none.
  std::string replay_history;
};

struct ReportSettings {
  // Where an execution's bucket label is in the input of each execution the starting one
  // starts (a JSON pointer); "" : the execution's name. Executions they start inherit it.
  std::string bucket_pointer;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  WorldConfig world;
  ScenarioStart start;
  Expectations expect;
  ReportSettings report;
};

// `policy` says which files the scenario may read and whether it may run commands
// (load_policy.h; the command line confines both, docs/security.md).
asl::Result<Scenario, asl::DiagnosticList> LoadScenario(
    const std::string& path, const LoadPolicy& policy = LoadPolicy::Trusted());
// From a document already parsed; relative paths resolve against `base_directory`.
asl::Result<Scenario, asl::DiagnosticList> ParseScenario(
    const asl::Json& document, const asl::SourceMap& source, const std::string& base_directory,
    const LoadPolicy& policy = LoadPolicy::Trusted());

// "90s", "15m", "2h30m", "1d", "500ms" or a number of milliseconds; nullopt otherwise.
std::optional<int64_t> ParseDurationMillis(const asl::Json& value);
// 9h 12m 5.250s
std::string FormatDuration(int64_t ms);

}  // namespace sim
