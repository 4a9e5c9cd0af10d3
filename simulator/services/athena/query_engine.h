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
#include <vector>

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
  // Whether running the statement again gives the same rows: it reads only tables of the
  // store (which never change) and calls no random function. `current_date` comes from the
  // virtual clock, which a re-run sets back to the submission time.
  bool replayable = false;
};

// How the values of one result column are printed.
struct CellFormat {
  std::optional<ColumnType> declared;  // the table column's type; none for an expression
  // An expression column that had both integer and real values is a double column: its
  // numbers are printed again through a double (known only once every row was read).
  bool reprint_as_double = false;
};

// Appends the statement's current row to `table`, every value printed as Athena prints it.
void AppendRow(const SqliteStatement& statement, const std::vector<CellFormat>& formats,
               ResultTable* table);

// What a run produced: every row, or (past the byte limit, for a replayable query) only the
// columns and the row count, the rows to be read again from the statement (result_replay.h).
struct RunOutput {
  ResultTable table;
  size_t rows = 0;
  bool complete = true;  // `table` holds every row
  std::vector<CellFormat> formats;
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
  // Steps the query to the end; the result, or why it failed while running. A replayable
  // query whose printed values pass `kept_bytes` keeps counting rows without printing them.
  // The statement is reset afterwards.
  asl::Result<RunOutput, QueryFailure> Run(PreparedQuery& query, size_t kept_bytes);

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
