#pragma once
// A simulated Amazon Athena: queries run as SQL on an embedded SQLite database loaded from
// fixture tables, with Athena's query lifecycle (QUEUED -> RUNNING -> SUCCEEDED/FAILED/CANCELLED)
// on the virtual clock, its result paging, its quotas and its statistics.
// https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
// https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryExecution.html
// https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html
// https://docs.aws.amazon.com/athena/latest/APIReference/API_StopQueryExecution.html
//
// This class is the service model only: the Step Functions integration (optimized and aws-sdk,
// .sync, error naming, SdkHttpMetadata) is layered on top of it elsewhere.
//
// Responses are the API's JSON shapes with their fields in the API reference's (alphabetical)
// order, which is also the order Step Functions writes an SDK response object in. Timestamps
// (SubmissionDateTime, CompletionDateTime) are epoch milliseconds as JSON integers, as Step
// Functions serialises the SDK's Date fields (e.g. "CompletionDateTime": 1674054596798 in a
// startQueryExecution.sync output); Athena's own wire format is epoch seconds with a fraction.
//
// A query is run on SQLite when it is submitted (deterministic); its result is kept and its
// state at any virtual time follows from the duration model below. Everything is deterministic
// for a given config (seed) and call sequence.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/athena/result_files.h"
#include "simulator/services/integration/aws_error.h"

namespace sim {

// https://docs.aws.amazon.com/athena/latest/APIReference/API_WorkGroupConfiguration.html
struct AthenaWorkGroup {
  AthenaWorkGroup(const char* workgroup_name) : name(workgroup_name) {}  // NOLINT: implicit
  AthenaWorkGroup(std::string workgroup_name) : name(std::move(workgroup_name)) {}  // NOLINT
  std::string name;
  std::string output_location;         // ResultConfiguration.OutputLocation; "" = none
  bool enforce_configuration = false;  // EnforceWorkGroupConfiguration
};

struct AthenaConfig {
  std::vector<std::string> databases = {"default"};  // known databases (catalog AwsDataCatalog)
  std::vector<AthenaWorkGroup> workgroups = {"primary"};
  // Active DML queries (queued + running) per account; the next StartQueryExecution gets
  // TooManyRequestsException. AWS's default depends on the region (e.g. 25 / 150).
  // https://docs.aws.amazon.com/athena/latest/ug/service-limits.html
  int64_t max_active_queries = 25;
  // When set, a query over the quota is accepted and stays QUEUED until one finishes, instead
  // of being rejected (what a capacity reservation does, not the on-demand default).
  bool queue_when_busy = false;

  // Duration model (assumptions, not AWS figures). A DML query is QUEUED for queue_time (plus
  // any wait for a slot in queue mode), then RUNNING for
  //   engine = planning_time + base_run_time + micros_per_row_scanned x rows of the tables it
  //            reads + micros_per_result_row x result rows
  // plus service_processing_time (result write-out), then SUCCEEDED. A query that fails
  // analysis (missing table, column, function) runs planning_time only. Statistics follow:
  // QueryQueueTimeInMillis, QueryPlanningTimeInMillis, EngineExecutionTimeInMillis (planning
  // included), ServiceProcessingTimeInMillis, TotalExecutionTimeInMillis = their sum.
  Duration queue_time{200};
  Duration planning_time{100};
  Duration base_run_time{1500};
  double micros_per_row_scanned = 2.0;
  double micros_per_result_row = 1.0;
  Duration service_processing_time{30};

  // https://aws.amazon.com/athena/pricing/: $5 per TB scanned, rounded up to the MB, 10 MB
  // minimum per query; failed queries are free.
  double usd_per_tb_scanned = 5.0;

  // A result whose printed values pass this many bytes is not kept: its pages are read again
  // from the query when requested (the same rows, as tables never change), unless the query
  // calls random() or reads SQLite's own tables. Memory, not behaviour: pages are identical.
  size_t kept_result_bytes = size_t{1} << 20;

  uint64_t seed = 0;  // QueryExecutionIds and NextTokens derive from it
};

// A table the caller declares: from a CSV file (header row = column names), or generated.
struct AthenaTableSource {
  std::string database = "default";
  std::string name;
  std::string csv_path;              // either a CSV file …
  std::vector<std::string> columns;  // … or columns (name TYPE) + a generator
  // Must give the same row for the same index every time: a generated table is not stored
  // but generated again during each scan (after one pass over every row when it is added, which
  // checks the values and counts their bytes).
  std::function<void(int64_t row, std::vector<std::string>& values)> generator;
  int64_t generated_rows = 0;
  // For a generated table: skip the pass when it is added (free to add, but DataScannedInBytes
  // is estimated from a sample of rows, and every query generates every row).
  bool virtual_table = false;
  // A simulation speed-up for queries that filter on these columns; results and statistics
  // are unchanged (Athena has no indexes, the duration and scan models ignore these). On a
  // generated column whose values never decrease along the rows, a comparison with a constant
  // generates only the rows in range; any other indexed column (and a CSV table's) makes the
  // table stored in SQLite, with an index. Not with virtual_table.
  std::vector<std::string> indexed_columns;
  // For a CSV file, `columns` may declare the types of the header's columns (same names, same
  // order); without it every column's type is inferred from its values.
};

// What a query costs under Athena's pricing.
struct AthenaBilling {
  int64_t data_scanned_bytes = 0;
  int64_t billed_bytes = 0;  // rounded up to the MB, 10 MB minimum; 0 for a free query
  double cost_usd = 0;
};

class AthenaModel {
 public:
  explicit AthenaModel(AthenaConfig config = {});
  ~AthenaModel();
  AthenaModel(const AthenaModel&) = delete;
  AthenaModel& operator=(const AthenaModel&) = delete;

  // Loads a table into the embedded database. Errors name the file/line or the column. The
  // table's database must be in config.databases.
  asl::Result<void, std::string> AddTable(const AthenaTableSource& source);

  // The API, at virtual time `now`. Requests are the API's JSON request shapes; responses the
  // API's JSON response shapes (as the AWS SDK integration returns them). Calls must come with
  // non-decreasing `now`.
  asl::Result<asl::Json, AwsError> StartQueryExecution(const asl::Json& request, SimTime now);
  asl::Result<asl::Json, AwsError> GetQueryExecution(const asl::Json& request, SimTime now);
  asl::Result<asl::Json, AwsError> GetQueryResults(const asl::Json& request, SimTime now);
  asl::Result<asl::Json, AwsError> StopQueryExecution(const asl::Json& request, SimTime now);

  // When the query reaches a final state (SUCCEEDED/FAILED/CANCELLED), for .sync; nullopt
  // for an unknown id. Later calls (StopQueryExecution) can make it earlier.
  std::optional<SimTime> CompletionTime(const std::string& query_execution_id) const;
  // Status.State at `now` ("QUEUED", "RUNNING", …); nullopt for an unknown id.
  std::optional<std::string> State(const std::string& query_execution_id, SimTime now) const;

  // DML queries QUEUED or RUNNING at `now` (what the quota counts).
  int64_t ActiveQueries(SimTime now) const;

  // Billing of one query as of `now` (nullopt for an unknown id), and of every query.
  std::optional<AthenaBilling> Billing(const std::string& query_execution_id, SimTime now) const;
  AthenaBilling TotalBilling(SimTime now) const;
  // Athena's billing rule: bytes rounded up to the MB (2^20 bytes) with a 10 MB minimum.
  static int64_t BilledBytes(int64_t data_scanned_bytes);

  const AthenaConfig& config() const { return config_; }
  // Where a succeeded query's result files go (the world's S3; result_files.h). Without one
  // nothing is written and any output bucket is accepted.
  void SetResultSink(AthenaResultSink sink) { result_sink_ = std::move(sink); }

  // For checks outside the simulated API (scenario expectations): runs `sql` (SQLite's dialect,
  // tables as database.table) on the fixture data and returns the first column of every row as
  // text (NULL as ""). Takes no virtual time and is not billed.
  asl::Result<std::vector<std::string>, std::string> SelectColumn(const std::string& sql) const;

 private:
  struct Impl;
  asl::Result<void, std::string> IndexColumns(const AthenaTableSource& source);

  AthenaConfig config_;
  AthenaResultSink result_sink_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sim
