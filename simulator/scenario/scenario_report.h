#pragma once
// What a scenario run reports: its executions (with the report grouping each works for), the
// records delivered through the delivery observer, the row check, faults, cost and the
// expectations' results. Produced by RunScenario (scenario_run.h), read by the expectations,
// the bucket figures, balance and the report formats, none of which needs to run anything.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/scenario/row_check.h"

namespace sim {

struct RunTrace;  // run_trace.h: what a report draws beyond the summary

struct ExecutionRecord {
  std::string state_machine;
  std::string name;
  std::string arn;
  std::string status;
  std::string error;
  std::string cause;
  // The report grouping it works for: the value at the scenario's `report.bucket` pointer in
  // the input of the starting execution's child it descends from (that child's name without
  // a pointer); "" for the starting execution.
  std::string bucket;
  int64_t history_events = 0;
  bool express = false;  // an EXPRESS execution: no history kept, so no 25,000-event limit
  int64_t state_transitions = 0;
  int64_t start_ms = 0;  // since the run's start
  int64_t stop_ms = -1;  // -1 : still running
  int64_t published = 0;  // records services accepted from it (the DeliveryObserver)
  std::string parent_arn;
};

// One delivered record (an SNS message today), compactly: when, and for which bucket.
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
  double express_gb_seconds = 0;  // billed duration × 64 MB, each run rounded up to 100 ms
  int64_t sns_requests = 0;
  int64_t athena_billed_bytes = 0;
  double step_functions_usd = 0;
  double sns_usd = 0;
  double athena_usd = 0;
  bool has_s3 = false;  // the world has an s3 section
  int64_t s3_requests = 0;  // billed requests (PUT/COPY/POST/LIST and GET/HEAD)
  double s3_usd = 0;        // requests and storage (docs/world.md, "S3")
  double total_usd() const { return step_functions_usd + sns_usd + athena_usd + s3_usd; }
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
  std::vector<asl::Json> map_runs;  // every Distributed Map run, DescribeMapRun's shape
  CostEstimate cost;
  std::vector<ExpectationResult> expectations;
  // An output of the run could not be written ("cannot write PATH (--log): REASON"); the run
  // itself happened and its expectations were evaluated.
  std::string output_error;
  // Recorded when RunOptions::trace asked for it (`--report`); null otherwise.
  std::shared_ptr<const RunTrace> trace;

  bool passed() const;
  // The STANDARD execution with the most history events (EXPRESS ones keep no history).
  const ExecutionRecord* largest_history() const;
};

}  // namespace sim
