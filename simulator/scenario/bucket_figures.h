#pragma once
// Per-bucket figures of a finished scenario run: how evenly the work spread over the report's
// groupings (ExecutionRecord::bucket). Read from the report alone, so both the expectations
// (max_bucket_imbalance) and balance (bucket_balance.h) use them without a cycle.

#include <cstdint>
#include <string>
#include <vector>

#include "simulator/quotas/quota_config.h"
#include "simulator/scenario/scenario_report.h"

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

// Per-bucket figures of a finished run (transition_floor_ms left 0).
BalanceRun SummarizeBuckets(const ScenarioReport& report);

// The shortest time in which `transitions` state transitions fit through `quota`.
int64_t TransitionFloorMs(int64_t transitions, const BucketQuota& quota);

}  // namespace sim
