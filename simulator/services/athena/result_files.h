#pragma once
// The files Athena writes for a succeeded query: <OutputLocation>/<QueryExecutionId>.csv and
// <QueryExecutionId>.csv.metadata, into whatever stores them (the world's S3 when it has one).
// https://docs.aws.amazon.com/athena/latest/ug/querying.html ("Working with query results")

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "asl/base/result.h"
#include "simulator/clock/sim_time.h"
#include "simulator/services/athena/query_results.h"

namespace sim {

// Where Athena's result files go. Both functions set, or neither (nothing is written).
struct AthenaResultSink {
  // Whether the account can write to `bucket`; if not, StartQueryExecution is refused with
  // "Unable to verify/create output bucket <bucket>".
  std::function<bool(const std::string& bucket)> bucket_exists;
  std::function<void(const std::string& bucket, const std::string& key, std::string body,
                     SimTime at, std::string content_type)>
      write;
  explicit operator bool() const { return bucket_exists && write; }
};

namespace athena {

struct QueryExecution;

// "s3://bucket/key" as {bucket, key}; nullopt when it is not an S3 URL with a bucket.
std::optional<std::pair<std::string, std::string>> SplitS3Url(std::string_view url);

// Appends rows as Athena's CSV: every field double-quoted with embedded quotes doubled, a NULL
// as an empty unquoted field, "\n" after every row.
void AppendCsvRows(const ResultTable& rows, std::string& out);
// The header row: the column names, quoted.
void AppendCsvHeader(const std::vector<ResultColumn>& columns, std::string& out);

// Writes the query's result file and its metadata at its completion time. The query must have
// succeeded (a kept or a replayed result).
asl::Status<std::string> WriteResultFiles(QueryExecution& query, const AthenaResultSink& sink);

}  // namespace athena
}  // namespace sim
