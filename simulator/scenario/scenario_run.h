#pragma once
// Running a scenario: build the world, start the execution, run the virtual clock to the end,
// and gather what the summary, the expectations and the log need.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/scenario/row_check.h"
#include "simulator/scenario/scenario.h"

namespace sim {

struct RunOptions {
  std::optional<uint64_t> seed;  // overrides the scenario's
  std::string history_dir;       // "" : histories are only counted
  std::string log_path;          // "" : no JSON-lines log
  // Guard against loops that never advance virtual time (SimulationConfig::max_state_entries).
  uint64_t max_state_entries = 1'000'000'000;
  // Called every `progress_every_ms` of virtual time (and once at the end).
  std::function<void(const struct RunProgress&)> progress;
  int64_t progress_every_ms = 60'000;
};

struct RunProgress {
  int64_t virtual_ms = 0;  // since the start
  int64_t published = 0;   // SNS messages
  int64_t running = 0;     // executions not ended
  int64_t started = 0;
};

struct ExecutionRecord {
  std::string state_machine;
  std::string name;
  std::string arn;
  std::string status;
  std::string error;
  std::string cause;
  std::string bucket;
  int64_t history_events = 0;
  int64_t state_transitions = 0;
  int64_t start_ms = 0;  // since the run's start
  int64_t stop_ms = -1;  // -1 : still running
  int64_t published = 0;
  std::string parent_arn;
};

// One accepted SNS message, compactly: when, and for which bucket.
struct PublishTime {
  int64_t time_ms = 0;  // since the run's start
  uint32_t bucket = 0;  // index in ScenarioReport::buckets
};

struct ExpectationResult {
  std::string name;      // "status", "messages.customer-backfill", …
  bool passed = false;
  std::string expected;
  std::string actual;
  int line = 0;          // in the scenario file
};

struct CostEstimate {
  int64_t standard_transitions = 0;
  int64_t express_requests = 0;
  int64_t sns_requests = 0;
  int64_t athena_billed_bytes = 0;
  double step_functions_usd = 0;
  double sns_usd = 0;
  double athena_usd = 0;
  double total_usd() const { return step_functions_usd + sns_usd + athena_usd; }
};

struct ScenarioReport {
  std::string scenario;
  std::string file;
  uint64_t seed = 0;
  std::string start_time;     // ISO-8601
  std::string setup_error;    // the world could not be installed (the run did not happen)
  bool halted = false;        // stopped by the max_state_entries guard or another bound
  std::string halt_reason;    // why, when it was another bound ("" for max_state_entries)
  std::vector<ExecutionRecord> executions;  // in start order; [0] is the starting one
  std::vector<std::string> buckets;         // labels, in order of first appearance
  std::vector<PublishTime> published;       // in publishing order, duplicates excluded
  std::map<std::string, int64_t> messages_per_topic;  // by topic ARN, duplicates excluded
  std::optional<RowCheck> rows;
  asl::Json world_summary;    // World::Summary(): throttles, faults with their handling
  int64_t faults_injected = 0, faults_retried = 0, faults_caught = 0, faults_unhandled = 0;
  int64_t duration_ms = 0;    // first start to last stop
  CostEstimate cost;
  std::vector<ExpectationResult> expectations;
  // An output of the run could not be written ("cannot write PATH (--log): REASON"); the run
  // itself happened and its expectations were evaluated.
  std::string output_error;

  bool passed() const;
  const ExecutionRecord* largest_history() const;
};

ScenarioReport RunScenario(const Scenario& scenario, const RunOptions& options);

// Expectations against a finished run (RunScenario calls it).
std::vector<ExpectationResult> EvaluateExpectations(const Scenario& scenario,
                                                    const ScenarioReport& report);

}  // namespace sim
