#pragma once
// A large query result that is not kept but read again from its statement when paged.
//
// A result is printed into memory while it runs (query_results.h); one whose printed values
// pass AthenaConfig::kept_result_bytes, of a query that gives the same rows when run again
// (PreparedQuery::replayable), keeps only its statement, its columns and its row count. Pages
// are then re-read: the statement stays where the last read stopped, so reading the pages in
// order steps through the result once; a read further back starts over (stepping past the
// rows before it). The last page read is kept, for a repeated request.
//
// The statement is reset (parked) whenever the schema may change under it (a table added, the
// unqualified names switched to another database), and after the last row was read. Running it
// again needs the virtual clock back at the submission time and unqualified names resolving in
// the query's database, which the model sets before each read.

#include <cstddef>
#include <string>
#include <vector>

#include "asl/base/result.h"
#include "simulator/services/athena/query_engine.h"
#include "simulator/services/athena/query_results.h"
#include "simulator/services/athena/sqlite_database.h"

namespace sim::athena {

class ReplayedResult {
 public:
  // `statement` reset and ready to run again; `columns` and `formats` as the first run found
  // them; `rows` the row count it gave.
  ReplayedResult(SqliteStatement statement, std::vector<ResultColumn> columns,
                 std::vector<CellFormat> formats, size_t rows);

  size_t row_count() const { return rows_; }
  const std::vector<ResultColumn>& columns() const { return columns_; }

  // Data rows [first, first + count) (clamped to the result) in a table of their own.
  // Fails only when the statement no longer runs as it did.
  asl::Result<const ResultTable*, std::string> Read(size_t first, size_t count);

  // Resets the statement; the next read starts over.
  void Park();
  // Whether the statement is in the middle of a run.
  bool active() const { return next_ > 0; }

 private:
  SqliteStatement statement_;
  std::vector<ResultColumn> columns_;
  std::vector<CellFormat> formats_;
  size_t rows_;
  size_t next_ = 0;  // the row the next step returns
  ResultTable last_;  // the last rows read: [last_first_, last_first_ + last_.row_count())
  size_t last_first_ = 0;
  bool has_last_ = false;
  ResultTable empty_;  // no rows
};

}  // namespace sim::athena
