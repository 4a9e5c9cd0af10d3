#pragma once
// Runs an Athena query on SQLite: prepares it in the query's database, records what it reads
// (for DataScannedInBytes), steps it to the end, and prints every value as Athena does. SQLite's
// errors become Athena's: a parse error is a MALFORMED_QUERY that StartQueryExecution rejects,
// an analysis or runtime error fails the query with Trino's error name and message
// ("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.retail.nope' does not exist") and the
// AthenaError category/type Athena gives it.
// https://docs.aws.amazon.com/athena/latest/ug/error-reference.html

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/services/athena/query_results.h"
#include "simulator/services/athena/sqlite_database.h"
#include "simulator/services/athena/table_store.h"

namespace sim::athena {

// Why a query FAILED: Status.StateChangeReason and Status.AthenaError.
struct QueryFailure {
  std::string message;     // "<TRINO_ERROR_NAME>: <message>"
  int error_category = 2;  // 1 system, 2 user, 3 other
  int error_type = 1000;   // Athena's error type reference
  bool retryable = false;
};

// What a query reads, as the scan model counts it.
struct ScanStats {
  int64_t rows_scanned = 0;   // rows of every table it reads, each table once
  int64_t bytes_scanned = 0;  // bytes of every table column it reads, each column once
};

struct PreparedQuery {
  SqliteStatement statement;
  ScanStats scan;
};

// The outcome of preparing: exactly one of the three is set.
struct PrepareOutcome {
  std::optional<PreparedQuery> prepared;
  std::optional<std::string> syntax_error;  // "line 1:1: mismatched input 'SELEC'" (rejected)
  std::optional<QueryFailure> failure;      // the query runs and FAILS with this
};

class QueryEngine {
 public:
  QueryEngine(SqliteDatabase* db, TableStore* store) : db_(db), store_(store) {}

  // `sql` as the user wrote it; `database` the QueryExecutionContext.Database in effect.
  PrepareOutcome Prepare(std::string_view sql, const std::string& database);
  // Steps the query to the end; the result, or why it failed while running.
  asl::Result<ResultTable, QueryFailure> Run(PreparedQuery& query);

 private:
  QueryFailure MapPrepareError(std::string_view sql, const std::string& database,
                               const SqliteError& error) const;

  SqliteDatabase* db_;
  TableStore* store_;
};

// The label Athena gives result column `index`: the column's name or alias (lower case), or
// _col<index> for an expression without an alias.
std::string ResultColumnLabel(std::string_view sqlite_name, bool is_table_column, int index);

// A QueryFailure from a Trino-style message "<ERROR_NAME>: <text>", with the category and
// type Athena reports for that error name (measured: TABLE_NOT_FOUND and SCHEMA_NOT_FOUND 1301,
// COLUMN_NOT_FOUND 1006, FUNCTION_NOT_FOUND 1303, DIVISION_BY_ZERO 1001,
// INVALID_CAST_ARGUMENT 1100, NOT_SUPPORTED 1200; other user errors 1000).
QueryFailure UserError(std::string message);

}  // namespace sim::athena
