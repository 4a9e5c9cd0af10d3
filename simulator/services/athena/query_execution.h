#pragma once
// One query execution as the model keeps it: the request, the timeline on the virtual clock,
// the outcome, and the GetQueryExecution document it shows at any virtual time.
// https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecution.html

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/athena/query_cost.h"
#include "simulator/services/athena/query_engine.h"
#include "simulator/services/athena/query_results.h"
#include "simulator/services/athena/result_replay.h"
#include "simulator/services/athena/sql_text.h"

namespace sim::athena {

enum class QueryState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
const char* QueryStateName(QueryState state);

struct QueryExecution {
  std::string id;
  uint64_t page_token_key = 0;

  // The request, as sent (what idempotency compares).
  std::string query;
  std::optional<std::string> catalog;
  std::optional<std::string> database;
  std::optional<std::string> request_output_location;
  std::optional<std::string> client_request_token;
  std::optional<std::vector<std::string>> execution_parameters;
  std::string workgroup;
  std::string output_location;  // of the result file: <location>/<id>.csv
  StatementClass statement;

  // Timeline. A query holds an engine slot from `started` to FinalTime().
  SimTime submitted;
  SimTime started;
  SimTime completed;  // when it finishes unless cancelled
  std::optional<SimTime> cancelled_at;
  QueryDurations durations;
  bool failed_in_analysis = false;
  int64_t data_scanned_bytes = 0;  // when it completes

  // Outcome: a result (SUCCEEDED), kept or read again when paged, or a failure (FAILED).
  std::optional<ResultTable> result;
  std::optional<ReplayedResult> replayed;
  std::string context_database;  // where a replayed result's unqualified names resolve
  std::optional<QueryFailure> failure;

  size_t ResultRows() const {
    return result ? result->row_count() : (replayed ? replayed->row_count() : 0);
  }

  SimTime FinalTime() const { return cancelled_at ? *cancelled_at : completed; }
  bool IsFinal(SimTime now) const { return now >= FinalTime(); }
  // Whether it ever held an engine slot (a query cancelled while queued did not).
  bool HeldSlot() const { return !cancelled_at || *cancelled_at > started; }
  QueryState StateAt(SimTime now) const;
  // DataScannedInBytes at `now`: grows with engine time while RUNNING.
  int64_t DataScannedAt(SimTime now) const;

  // {"QueryExecution": {…}} as GetQueryExecution returns it at `now`.
  asl::Json ToJson(SimTime now) const;
};

}  // namespace sim::athena
