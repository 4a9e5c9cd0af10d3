#pragma once
// Bucket balance: how evenly a scenario's orchestrator spreads the work over its buckets, and
// what a balanced split would save. Both the scenario as written and a balanced alternative
// (the same key hashed modulo the number of buckets) are simulated, so the predicted durations
// come from the same model as every other figure sfnsim reports.

#include <cstdint>
#include <string>
#include <vector>

#include "asl/base/result.h"
#include "simulator/scenario/bucket_figures.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/scenario_run.h"

namespace sim {

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
  // The two runs' whole reports (for `balance --report`; traced when RunOptions::trace).
  ScenarioReport written_report;
  ScenarioReport balanced_report;
};

// The start input must hold the orchestrator's buckets as /buckets: [{id, predicate}, ...].
// Fails with a message naming what is missing.
asl::Result<BalanceReport, std::string> AnalyzeBalance(const Scenario& scenario,
                                                       const BalanceOptions& balance,
                                                       const RunOptions& options);

}  // namespace sim
