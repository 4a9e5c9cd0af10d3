#pragma once
// Bucket balance: how evenly a scenario's orchestrator spreads the work over its buckets, and
// what a balanced split would save. Both the scenario as written and a balanced alternative
// (the same key hashed modulo the number of buckets) are simulated, so the predicted durations
// come from the same model as every other figure sfnsim reports.

#include <cstdint>
#include <string>
#include <vector>

#include "asl/base/result.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"

namespace sim {

struct BucketFigures {
  std::string bucket;
  int64_t rows = 0;            // SNS messages its executions published
  int64_t executions = 0;      // the bucket's executor chain
  int64_t duration_ms = 0;     // first start to last stop of its executions
  int64_t max_history = 0;     // largest history among them
};

struct BalanceRun {
  std::vector<BucketFigures> buckets;  // in order of first appearance
  int64_t makespan_ms = 0;     // the whole run, first start to last stop
  int64_t concurrency = 1;     // most buckets running at one time
  int64_t ideal_ms = 0;        // total bucket time / concurrency
  double imbalance = 0;        // largest bucket duration / mean bucket duration
  std::string status;          // the starting execution's status
  int64_t transitions = 0;     // Standard state transitions of the run (the billed ones)
  // No bucketing finishes sooner: the transitions beyond the quota's burst at its refill rate
  // (0 when the quota is disabled). A makespan near it is quota-bound, not bucket-bound.
  int64_t transition_floor_ms = 0;
};

struct BalanceOptions {
  std::string key = "customer_id";  // the integer column the balanced predicates hash
  // > 0: both runs with the state-transition quota's refill rate (and burst) set to this, to
  // see what a quota increase would change.
  double transitions_per_second = 0;
};

struct BalanceReport {
  BalanceRun written;                   // the scenario as written
  BalanceRun balanced;                  // buckets "<key> % N = k"
  std::vector<std::string> predicates;  // the balanced buckets' SQL predicates
  double saving = 0;                    // 1 - balanced makespan / written makespan
  double transitions_per_second = 0;    // the quota both runs had (0: disabled)
};

// The start input must hold the orchestrator's buckets as /buckets: [{id, predicate}, ...].
// Fails with a message naming what is missing.
asl::Result<BalanceReport, std::string> AnalyzeBalance(const Scenario& scenario,
                                                       const BalanceOptions& balance,
                                                       const RunOptions& options);

// Per-bucket figures of a finished run (transition_floor_ms left 0).
BalanceRun SummarizeBuckets(const ScenarioReport& report);

// The shortest time in which `transitions` state transitions fit through `quota`.
int64_t TransitionFloorMs(int64_t transitions, const BucketQuota& quota);

}  // namespace sim
