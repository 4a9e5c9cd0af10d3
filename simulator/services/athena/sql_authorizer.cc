#include "simulator/services/athena/sql_authorizer.h"

#include <sqlite3.h>

#include <algorithm>

#include "simulator/services/athena/lower_case.h"

namespace sim::athena {

int AuthorizeRead(void* data, int action, const char* arg3, const char* arg4,
                  const char* database, const char* view) {
  auto* recorder = static_cast<ReadRecorder*>(data);
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE: return SQLITE_OK;
    case SQLITE_FUNCTION: {
      std::string name = arg4 != nullptr ? Lower(arg4) : "";
      if (name == "random" || name == "randomblob") recorder->random = true;
      return SQLITE_OK;
    }
    case SQLITE_READ: {
      if (arg3 == nullptr || recorder->store == nullptr) return SQLITE_OK;
      const std::string& context = recorder->store->current_database();
      std::string table = Lower(arg3);
      std::string column = arg4 != nullptr ? Lower(arg4) : "";
      std::string db = database != nullptr ? Lower(database) : "";
      if (view != nullptr) {
        std::string name = Lower(view);
        if (recorder->store->IsShadowView(name)) {
          if (std::find(recorder->missing.begin(), recorder->missing.end(), name) ==
              recorder->missing.end()) {
            recorder->missing.push_back(name);
          }
        } else {
          recorder->tables.emplace(context, name);
        }
        return SQLITE_OK;
      }
      if (db == "temp") {
        if (recorder->store->IsShadowView(table)) return SQLITE_OK;
        db = context;
      }
      if (db == "main") {
        recorder->reads_elsewhere = true;
        return SQLITE_OK;
      }
      recorder->tables.emplace(db, table);
      if (!column.empty()) recorder->columns.emplace(db, table, column);
      return SQLITE_OK;
    }
    default: return SQLITE_DENY;
  }
}

asl::Result<SqliteStatement, SqliteError> PrepareReadOnly(SqliteDatabase& db, std::string_view sql,
                                                          ReadRecorder* recorder,
                                                          std::string_view* tail) {
  sqlite3_set_authorizer(db.handle(), &AuthorizeRead, recorder);
  auto prepared = db.Prepare(sql, tail);
  sqlite3_set_authorizer(db.handle(), nullptr, nullptr);
  if (prepared.ok() && prepared->get() != nullptr && sqlite3_stmt_readonly(prepared->get()) == 0) {
    return asl::Fail(SqliteError{SQLITE_AUTH, "not authorized", -1});
  }
  return prepared;
}

}  // namespace sim::athena
