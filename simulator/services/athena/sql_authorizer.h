#pragma once
// The one way SQL a user wrote is prepared: Athena queries (QueryEngine) and the scenario
// checks that query the tables (`published_once`/`rows`, AthenaModel::SelectColumn). An
// authorizer lets a statement read and call functions and refuses everything else while SQLite
// prepares it — no writes, no ATTACH or DETACH (which would open or create a file), no PRAGMA,
// no transactions, no schema changes — and the prepared statement must be read-only, which
// catches what SQLite never asks an authorizer about (VACUUM, VACUUM INTO a file: SQLite 3.40).

#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "simulator/services/athena/sqlite_database.h"
#include "simulator/services/athena/table_store.h"

namespace sim::athena {

// What a statement reads, collected while SQLite prepares it. Unqualified names are temp views
// (see TableStore): a read of a view's column at top level is a read of the context database's
// table; reads inside a view (`view` set) are the view's own expansion and count once, as the
// table; a shadow view expanded is a missing table. Without a `store` nothing is collected:
// the statement is only held to reading.
struct ReadRecorder {
  const TableStore* store = nullptr;
  std::set<std::pair<std::string, std::string>> tables;                 // (database, table)
  std::set<std::tuple<std::string, std::string, std::string>> columns;  // (db, table, column)
  std::vector<std::string> missing;                                     // shadow views expanded
  bool reads_elsewhere = false;  // read something that is no table of the store
  bool random = false;           // calls a function whose value changes from call to call
};

// For sqlite3_set_authorizer, with a ReadRecorder as `data`: SQLITE_OK for reading (SELECT,
// READ, FUNCTION, RECURSIVE), SQLITE_DENY for any other action (SQLite then fails the prepare
// with "not authorized").
int AuthorizeRead(void* data, int action, const char* arg3, const char* arg4,
                  const char* database, const char* view);

// Prepares the first statement of `sql` under AuthorizeRead (with `recorder`) and refuses one
// that is not read-only, as SQLite refuses an unauthorized one: SqliteError "not authorized".
// `tail` (if given) receives what follows the statement.
asl::Result<SqliteStatement, SqliteError> PrepareReadOnly(SqliteDatabase& db, std::string_view sql,
                                                          ReadRecorder* recorder,
                                                          std::string_view* tail = nullptr);

}  // namespace sim::athena
