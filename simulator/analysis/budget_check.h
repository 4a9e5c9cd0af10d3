#pragma once
// sfnsim budget --check: runs a definition in the simulator with scripted task results and
// compares each recorded history, event type by event type, with the budget's prediction for
// the states the run visited (asl::PredictRun).
//
// The scripted results: athena:getQueryResults serves pages of MaxResults rows (the first page
// of a query starts with the header row), with a NextToken on all but the run's last page (or
// on every page: "unlimited"); the other integrations answer with the shape their callers read
// (QueryExecution.QueryExecutionId, MessageId, ExecutionArn, a Lambda Payload) or {}. With
// every retry, each Task attempt fails until every retrier of the state is used to its
// MaxAttempts (asl::EveryRetryPlan), and .sync / .waitForTaskToken attempts fail after their job
// was submitted, so each retried attempt writes its most events.
//
// A third case, top-level retries, fails only the Tasks of the top-level lane: a loop whose
// every retry does not fit one iteration (a Map over 1,000 records, each retried 8 times)
// still completes iterations there, with its own calls retried.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/analysis/history_budget.h"
#include "asl/model/state_machine.h"

namespace sim {

struct BudgetCheckInput {
  std::string label;  // the file it came from ("{}" when none)
  std::string text;
};

struct BudgetCheckRun {
  std::string input;          // BudgetCheckInput::label
  int64_t pages = 0;          // query result pages served (0: unlimited)
  asl::BudgetCase retries = asl::BudgetCase::kNominal;
  std::string status;         // SUCCEEDED, FAILED, RUNNING …
  std::string error;          // the execution's error and cause when it failed
  asl::StatePath trace;       // the top-level states visited (of the machine that ran)
  int64_t loop_visits = 0;    // the most visits of one top-level state (the iterations)
  asl::EventTally recorded;
  asl::RunPrediction predicted;
  std::string problem;        // why the run could not be compared ("" when it could)
  // Whether the Maps ran one item at a time (the sequential variant of the definition).
  bool sequential = false;
  // False when concurrent Map iterations were in flight at the limit: which items had
  // written how many events then is timing, so only the total and the limit event compare.
  bool by_type = true;
  // Set when Map items or branches had several paths: the recorded total must lie between the
  // cheapest and the costliest prediction (which path each item took is data).
  std::optional<asl::EventTally> costliest;
  bool match = false;
};

// Runs every input × pages × case (every retry only when some Task has a Retry; top-level
// retries only when both top-level and nested Tasks have one; the pages only when a Task reads
// query results) and compares each. A run that reaches the limit
// with concurrent Map iterations in flight is compared by its total, and run again with
// `sequential` (the same definition with every Map at MaxConcurrency 1; null: none) to compare
// it event type by event type. The runs point into both machines: keep them alive.
std::vector<BudgetCheckRun> RunBudgetChecks(std::shared_ptr<const asl::StateMachine> machine,
                                            std::shared_ptr<const asl::StateMachine> sequential,
                                            const std::string& machine_name, bool express,
                                            const std::vector<BudgetCheckInput>& inputs,
                                            const std::vector<int64_t>& pages);

// The limit the engine enforces (kHistoryEventLimit).
int64_t EngineHistoryLimit();

}  // namespace sim
