#pragma once
// RAII over the SQLite C API. Used only inside simulator/services/athena/: the rest of the
// simulator never sees SQLite.
// https://www.sqlite.org/cintro.html

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/base/result.h"

namespace sim::athena {

// What SQLite said about a failed call.
struct SqliteError {
  int code = SQLITE_ERROR;
  std::string message;
  int offset = -1;  // byte offset in the SQL of the token at fault (sqlite3_error_offset), or -1
};

// A prepared statement; finalized on destruction. Move-only.
class SqliteStatement {
 public:
  SqliteStatement() = default;
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  sqlite3_stmt* get() const { return stmt_; }
  explicit operator bool() const { return stmt_ != nullptr; }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  void Reset() { sqlite3_reset(stmt_); }

  // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }
  void BindInt64(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void BindDouble(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
  void BindText(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  // Binds without copying: `value` must stay valid and unchanged until the statement is reset
  // or the parameter rebound.
  void BindStaticText(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }

  // Result columns are 0-based.
  int ColumnCount() const { return sqlite3_column_count(stmt_); }
  int ColumnType(int column) const { return sqlite3_column_type(stmt_, column); }
  int64_t ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }
  double ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string_view ColumnText(int column) const;
  std::string_view ColumnName(int column) const;
  // The declared type of the table column behind a result column; empty for an expression.
  std::string_view ColumnDeclType(int column) const;
  // The table column a result column comes from; empty for an expression.
  std::string_view ColumnOriginName(int column) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// One connection to an in-memory database; closed on destruction. Move-only.
class SqliteDatabase {
 public:
  // Opens a private in-memory database through the VFS `vfs_name` (nullptr: the default).
  static asl::Result<SqliteDatabase, SqliteError> OpenInMemory(const char* vfs_name = nullptr);

  SqliteDatabase() = default;
  ~SqliteDatabase();
  SqliteDatabase(SqliteDatabase&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  sqlite3* handle() const { return db_; }

  // Runs one or more statements that return no rows.
  asl::Status<SqliteError> Execute(const std::string& sql);
  // Prepares the first statement of `sql`; `tail` (if given) receives what follows it.
  asl::Result<SqliteStatement, SqliteError> Prepare(std::string_view sql,
                                                    std::string_view* tail = nullptr);
  // The connection's last error, with the offset of the token at fault when SQLite knows it.
  SqliteError LastError() const;

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// BEGIN on construction, ROLLBACK on destruction unless Commit() succeeded.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDatabase& db) : db_(db) {}
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  asl::Status<SqliteError> Begin();
  asl::Status<SqliteError> Commit();
  void Rollback();

 private:
  SqliteDatabase& db_;
  bool open_ = false;
};

// Quotes an identifier for SQL: "name" with inner quotes doubled.
std::string QuoteIdentifier(std::string_view name);

}  // namespace sim::athena
