#include "simulator/services/athena/sqlite_database.h"

namespace sim::athena {

namespace {
std::string_view View(const unsigned char* text, int bytes) {
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(bytes)};
}
std::string_view View(const char* text) { return text == nullptr ? std::string_view() : text; }
}  // namespace

SqliteStatement::~SqliteStatement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    other.stmt_ = nullptr;
  }
  return *this;
}

std::string_view SqliteStatement::ColumnText(int column) const {
  // sqlite3_column_text before sqlite3_column_bytes, as the documentation requires.
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  return View(text, sqlite3_column_bytes(stmt_, column));
}

std::string_view SqliteStatement::ColumnName(int column) const {
  return View(sqlite3_column_name(stmt_, column));
}

std::string_view SqliteStatement::ColumnDeclType(int column) const {
  return View(sqlite3_column_decltype(stmt_, column));
}

std::string_view SqliteStatement::ColumnOriginName(int column) const {
  return View(sqlite3_column_origin_name(stmt_, column));
}

asl::Result<SqliteDatabase, SqliteError> SqliteDatabase::OpenInMemory(const char* vfs_name) {
  sqlite3* db = nullptr;
  // NOMUTEX: the model uses its connection from one thread at a time; no per-call locking.
  int rc = sqlite3_open_v2(":memory:", &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           vfs_name);
  if (rc != SQLITE_OK) {
    SqliteError error{rc, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc), -1};
    sqlite3_close(db);
    return asl::Fail(std::move(error));
  }
  sqlite3_extended_result_codes(db, 1);
  return SqliteDatabase(db);
}

SqliteDatabase::~SqliteDatabase() {
  if (db_ != nullptr) sqlite3_close(db_);
}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = other.db_;
    other.db_ = nullptr;
  }
  return *this;
}

asl::Status<SqliteError> SqliteDatabase::Execute(const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  SqliteError error{rc, message != nullptr ? message : sqlite3_errstr(rc),
                    sqlite3_error_offset(db_)};
  sqlite3_free(message);
  return asl::Fail(std::move(error));
}

asl::Result<SqliteStatement, SqliteError> SqliteDatabase::Prepare(std::string_view sql,
                                                                  std::string_view* tail) {
  sqlite3_stmt* stmt = nullptr;
  const char* end = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &end);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return asl::Fail(LastError());
  }
  if (tail != nullptr) {
    size_t used = end != nullptr ? static_cast<size_t>(end - sql.data()) : sql.size();
    *tail = sql.substr(used);
  }
  return SqliteStatement(stmt);
}

SqliteError SqliteDatabase::LastError() const {
  return {sqlite3_extended_errcode(db_), sqlite3_errmsg(db_), sqlite3_error_offset(db_)};
}

SqliteTransaction::~SqliteTransaction() { Rollback(); }

void SqliteTransaction::Rollback() {
  if (open_) (void)db_.Execute("ROLLBACK");
  open_ = false;
}

asl::Status<SqliteError> SqliteTransaction::Begin() {
  TRY_STATUS(db_.Execute("BEGIN"));
  open_ = true;
  return {};
}

asl::Status<SqliteError> SqliteTransaction::Commit() {
  TRY_STATUS(db_.Execute("COMMIT"));
  open_ = false;
  return {};
}

std::string QuoteIdentifier(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace sim::athena
