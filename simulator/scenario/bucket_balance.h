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
  int64_t ideal_ms = 0;        // total bucket time / number of buckets (all run at once)
  double imbalance = 0;        // largest bucket duration / mean bucket duration
  std::string status;          // the starting execution's status
};

struct BalanceReport {
  BalanceRun written;                   // the scenario as written
  BalanceRun balanced;                  // buckets "<key> % N = k"
  std::vector<std::string> predicates;  // the balanced buckets' SQL predicates
  double saving = 0;                    // 1 - balanced makespan / written makespan
};

// The start input must hold the orchestrator's buckets as /buckets: [{id, predicate}, ...].
// `key` is the integer column the balanced predicates hash. Fails with a message naming what
// is missing.
asl::Result<BalanceReport, std::string> AnalyzeBalance(const Scenario& scenario,
                                                       const std::string& key,
                                                       const RunOptions& options);

// Per-bucket figures of a finished run.
BalanceRun SummarizeBuckets(const ScenarioReport& report);

}  // namespace sim
