#pragma once
// The Athena model's catalog on SQLite: each Athena database (a Glue database, Trino's schema)
// is an attached in-memory SQLite database of the same name, each table a SQLite table. It
// loads tables in bulk and keeps, per table, the row count and the bytes of each column (the
// input of the DataScannedInBytes model).
//
// Unqualified table names resolve in the query's QueryExecutionContext.Database: UseDatabase()
// creates a TEMP view for every table name (SQLite searches temp first): onto the context
// database's table of that name, or, for a name only other databases have, a "shadow" view
// onto one of those, which the query engine reports as a missing table when a query expands
// it (without the shadows, SQLite would fall through to any attached database).
//
// NONSTANDARD: SQLite attaches at most 10 databases (SQLITE_MAX_ATTACHED), so the model knows
// at most 10 Athena databases.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "asl/base/result.h"
#include "simulator/services/athena/athena_types.h"
#include "simulator/services/athena/generated_table_vtab.h"
#include "simulator/services/athena/sqlite_database.h"

namespace sim::athena {

struct TableColumn {
  std::string name;  // lower case
  ColumnType type;
  int64_t bytes = 0;  // the column's values as text, summed: what a scan of it reads
};

struct TableInfo {
  std::string database;  // lower case
  std::string name;      // lower case
  std::vector<TableColumn> columns;
  int64_t rows = 0;

  const TableColumn* FindColumn(std::string_view column) const;  // case-insensitive
};

// Produces the text values of one row (NULL where `is_null[i]` is set) into reused buffers.
using RowSource =
    std::function<void(int64_t row, std::vector<std::string>& values, std::vector<bool>& is_null)>;

class TableStore {
 public:
  explicit TableStore(SqliteDatabase* db) : db_(db) {}

  asl::Status<std::string> AddDatabase(const std::string& name);
  bool HasDatabase(std::string_view name) const;

  // Creates the table and loads `rows` rows from `source` in one transaction with a prepared
  // INSERT. `describe_row(row)` names a row in errors ("file.csv:12", "row 41").
  asl::Status<std::string> LoadTable(const std::string& database, const std::string& name,
                                     std::vector<TableColumn> columns, int64_t rows,
                                     const RowSource& source,
                                     const std::function<std::string(int64_t)>& describe_row);

  // Adds a generated table: one pass over its rows checks them (errors as LoadTable's), counts
  // the exact column bytes and learns the columns' order. When every column of
  // `indexed_columns` turns out non-decreasing along the rows, the table becomes a regenerated
  // virtual table (generated_table_vtab.h: nothing stored, comparisons on those columns read
  // only the rows in range); otherwise it is loaded (LoadTable) and given SQLite indexes, so
  // that every query sees its rows in the same order either way. `source` must produce the
  // same row for the same index every time it is called, for as long as the store lives.
  asl::Status<std::string> AddGeneratedTable(
      const std::string& database, const std::string& name, std::vector<TableColumn> columns,
      int64_t rows, RowSource source, const std::function<std::string(int64_t)>& describe_row,
      const std::vector<std::string>& indexed_columns);

  // Creates a virtual table whose rows `source` produces during every scan (nothing is
  // stored). The column bytes are estimated from a sample of rows (all of them up to 10,000,
  // else 1,000 evenly spaced, scaled), which also checks the values' types up front.
  asl::Status<std::string> CreateVirtualTable(const std::string& database, const std::string& name,
                                              std::vector<TableColumn> columns, int64_t rows,
                                              RowSource source);

  // Adds a SQLite index on one column of a stored table.
  asl::Status<std::string> CreateIndex(const std::string& database, const std::string& table,
                                       const std::string& column);

  const TableInfo* FindTable(std::string_view database, std::string_view table) const;

  // Makes unqualified names resolve in `database` (no-op when it already is the current one).
  // An unknown database leaves no unqualified name resolvable.
  asl::Status<std::string> UseDatabase(const std::string& database);
  const std::string& current_database() const { return current_database_; }
  // Whether UseDatabase(database) would leave the schema as it is.
  bool IsCurrent(std::string_view database) const;
  // Whether `view` (a temp view name) stands for a table the current database lacks.
  bool IsShadowView(std::string_view view) const;

 private:
  static std::string Key(std::string_view database, std::string_view table);

  // Registers `spec` and creates its virtual table; `info` carries the columns and bytes.
  asl::Status<std::string> CreateVirtual(TableInfo info, std::unique_ptr<GeneratedTableSpec> spec);
  asl::Status<std::string> CheckNewTable(const TableInfo& info,
                                         const std::vector<TableColumn>& columns) const;

  SqliteDatabase* db_;
  GeneratedTableRegistry generated_;
  bool module_registered_ = false;
  std::vector<std::string> databases_;
  std::map<std::string, TableInfo> tables_;  // key "database.table"
  std::string current_database_;
  std::set<std::string, std::less<>> shadow_views_;
  bool views_valid_ = false;
};

}  // namespace sim::athena
