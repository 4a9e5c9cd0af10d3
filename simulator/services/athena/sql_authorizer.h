#pragma once
// The one SQLite authorizer for SQL a user wrote: Athena queries (QueryEngine) and the
// scenario checks that query the tables (`published_once`/`rows`, AthenaModel::SelectColumn).
// It lets a statement read and call functions and refuses everything else while SQLite
// prepares it: no writes, no ATTACH or DETACH (which would open or create a file), no
// VACUUM INTO, no PRAGMA, no transactions, no schema changes.

#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

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

}  // namespace sim::athena
