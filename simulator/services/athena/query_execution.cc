#include "simulator/services/athena/query_execution.h"

#include <algorithm>

#include "simulator/services/athena/lower_case.h"

namespace sim::athena {

const char* QueryStateName(QueryState state) {
  switch (state) {
    case QueryState::kQueued: return "QUEUED";
    case QueryState::kRunning: return "RUNNING";
    case QueryState::kSucceeded: return "SUCCEEDED";
    case QueryState::kFailed: return "FAILED";
    case QueryState::kCancelled: return "CANCELLED";
  }
  return "FAILED";
}

QueryState QueryExecution::StateAt(SimTime now) const {
  if (cancelled_at && now >= *cancelled_at) return QueryState::kCancelled;
  if (now >= completed) return failure ? QueryState::kFailed : QueryState::kSucceeded;
  if (now >= started) return QueryState::kRunning;
  return QueryState::kQueued;
}

int64_t QueryExecution::DataScannedAt(SimTime now) const {
  SimTime t = std::min(now, FinalTime());
  if (t >= completed) return data_scanned_bytes;
  if (t <= started || durations.engine_ms <= 0) return 0;
  int64_t elapsed = std::min((t - started).ms, durations.engine_ms);
  // Proportional to engine time, in 128-bit-safe order for tables of any size.
  return static_cast<int64_t>(static_cast<long double>(data_scanned_bytes) * elapsed /
                              durations.engine_ms);
}

asl::Json QueryExecution::ToJson(SimTime now) const {
  QueryState state = StateAt(now);
  bool final = state == QueryState::kSucceeded || state == QueryState::kFailed ||
               state == QueryState::kCancelled;
  SimTime t = std::min(now, FinalTime());

  asl::Json engine_version = asl::Json::object();
  engine_version["EffectiveEngineVersion"] = "Athena engine version 3";
  engine_version["SelectedEngineVersion"] = "AUTO";

  // As sent, except that the catalog comes back in lower case (measured by athena-local).
  asl::Json context = asl::Json::object();
  if (catalog) context["Catalog"] = Lower(*catalog);
  if (database) context["Database"] = *database;

  asl::Json result_configuration = asl::Json::object();
  result_configuration["OutputLocation"] = output_location;

  asl::Json reuse_by_age = asl::Json::object();
  reuse_by_age["Enabled"] = false;
  asl::Json reuse = asl::Json::object();
  reuse["ResultReuseByAgeConfiguration"] = std::move(reuse_by_age);

  // Statistics at `now`: phases elapsed so far.
  int64_t queue_ms = (std::min(t, started) - submitted).ms;
  int64_t running_ms = t > started ? (t - started).ms : 0;
  int64_t engine_ms = std::min(running_ms, durations.engine_ms);
  int64_t service_ms = std::max<int64_t>(0, running_ms - durations.engine_ms);
  asl::Json reuse_information = asl::Json::object();
  reuse_information["ReusedPreviousResult"] = false;
  asl::Json statistics = asl::Json::object();
  statistics["DataScannedInBytes"] = DataScannedAt(now);
  statistics["EngineExecutionTimeInMillis"] = engine_ms;
  if (running_ms >= durations.planning_ms) {
    statistics["QueryPlanningTimeInMillis"] = durations.planning_ms;
  }
  statistics["QueryQueueTimeInMillis"] = queue_ms;
  statistics["ResultReuseInformation"] = std::move(reuse_information);
  if (final) statistics["ServiceProcessingTimeInMillis"] = service_ms;
  statistics["TotalExecutionTimeInMillis"] = (t - submitted).ms;

  asl::Json status = asl::Json::object();
  if (state == QueryState::kFailed) {
    asl::Json error = asl::Json::object();
    error["ErrorCategory"] = failure->error_category;
    error["ErrorMessage"] = failure->message;
    error["ErrorType"] = failure->error_type;
    error["Retryable"] = failure->retryable;
    status["AthenaError"] = std::move(error);
  }
  if (final) status["CompletionDateTime"] = FinalTime().ms;
  status["State"] = QueryStateName(state);
  if (state == QueryState::kFailed) status["StateChangeReason"] = failure->message;
  if (state == QueryState::kCancelled) status["StateChangeReason"] = "Query cancelled by user";
  status["SubmissionDateTime"] = submitted.ms;

  asl::Json execution = asl::Json::object();
  execution["EngineVersion"] = std::move(engine_version);
  if (execution_parameters) execution["ExecutionParameters"] = *execution_parameters;
  execution["Query"] = query;
  execution["QueryExecutionContext"] = std::move(context);
  execution["QueryExecutionId"] = id;
  execution["ResultConfiguration"] = std::move(result_configuration);
  execution["ResultReuseConfiguration"] = std::move(reuse);
  execution["StatementType"] = statement.statement_type;
  execution["Statistics"] = std::move(statistics);
  execution["Status"] = std::move(status);
  if (!statement.substatement_type.empty()) {
    execution["SubstatementType"] = statement.substatement_type;
  }
  execution["WorkGroup"] = workgroup;
  asl::Json out = asl::Json::object();
  out["QueryExecution"] = std::move(execution);
  return out;
}

}  // namespace sim::athena
