#pragma once
// A simulated Amazon Athena: queries run as SQL on an embedded SQLite database loaded from
// fixture tables, with Athena's query lifecycle (QUEUED -> RUNNING -> SUCCEEDED/FAILED/CANCELLED)
// on the virtual clock, its result paging, its quotas and its statistics.
// https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
// https://docs.aws.amazon.com/athena/latest/APIReference/API_GetQueryResults.html
//
// This class is the service model only: the Step Functions integration (optimized and aws-sdk,
// .sync, error naming, SdkHttpMetadata) is layered on top of it elsewhere.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/aws_error.h"

namespace sim {

struct AthenaConfig {
  std::vector<std::string> databases = {"default"};   // known databases (catalog AwsDataCatalog)
  std::vector<std::string> workgroups = {"primary"};  // known workgroups
  // Active DML queries (queued + running) per account; the next StartQueryExecution gets
  // TooManyRequestsException. AWS's default depends on the region (e.g. 25 / 150).
  int64_t max_active_queries = 25;
  // Query duration model: fixed overhead plus time per row scanned (assumptions, documented).
  Duration queue_time{200};
  Duration base_run_time{1500};
  double micros_per_row_scanned = 2.0;
};

// A table the caller declares: from a CSV file (header row = column names), or generated.
struct AthenaTableSource {
  std::string database = "default";
  std::string name;
  std::string csv_path;                   // either a CSV file …
  std::vector<std::string> columns;       // … or columns (name TYPE) + a generator
  std::function<void(int64_t row, std::vector<std::string>& values)> generator;
  int64_t generated_rows = 0;
};

class AthenaModel {
 public:
  explicit AthenaModel(AthenaConfig config = {});
  ~AthenaModel();

  // Loads a table into the embedded database. Errors name the file/line or the column.
  asl::Result<void, std::string> AddTable(const AthenaTableSource& source);

  // The API, at virtual time `now`. Requests are the API's JSON request shapes; responses the
  // API's JSON response shapes (as the AWS SDK integration returns them).
  asl::Result<asl::Json, AwsError> StartQueryExecution(const asl::Json& request, SimTime now);
  asl::Result<asl::Json, AwsError> GetQueryExecution(const asl::Json& request, SimTime now);
  asl::Result<asl::Json, AwsError> GetQueryResults(const asl::Json& request, SimTime now);
  asl::Result<asl::Json, AwsError> StopQueryExecution(const asl::Json& request, SimTime now);

  // When the query reaches a final state (SUCCEEDED/FAILED/CANCELLED), for .sync; nullopt
  // for an unknown id.
  std::optional<SimTime> CompletionTime(const std::string& query_execution_id) const;
};

}  // namespace sim
