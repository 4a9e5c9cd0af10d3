#include "simulator/services/athena/query_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "simulator/services/athena/lower_case.h"
#include "simulator/services/athena/sql_authorizer.h"
#include "simulator/services/athena/sql_text.h"

namespace sim::athena {

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool IsSimpleIdentifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string Position(std::string_view sql, size_t offset) {
  SqlPosition p = PositionOf(sql, offset);
  return fmt::format("line {}:{}", p.line, p.column);
}

// Lower-case hex bytes separated by spaces, as Trino prints varbinary.
std::string FormatBlob(const void* data, int size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (int i = 0; i < size; ++i) {
    if (i > 0) out += ' ';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

std::string ReformatAsDouble(std::string_view text) {
  return FormatDouble(std::strtod(std::string(text).c_str(), nullptr));
}

// The Trino error names Athena's measured ErrorType values are known for.
struct ErrorTypeOf {
  std::string_view name;
  int error_type;
};
constexpr ErrorTypeOf kErrorTypes[] = {
    {"TABLE_NOT_FOUND", 1301},       {"SCHEMA_NOT_FOUND", 1301},
    {"CATALOG_NOT_FOUND", 1301},     {"COLUMN_NOT_FOUND", 1006},
    {"SYNTAX_ERROR", 1006},          {"FUNCTION_NOT_FOUND", 1303},
    {"TYPE_MISMATCH", 1002},         {"DIVISION_BY_ZERO", 1001},
    {"INVALID_CAST_ARGUMENT", 1100}, {"INVALID_FUNCTION_ARGUMENT", 1106},
    {"NOT_SUPPORTED", 1200},
};

}  // namespace

QueryFailure UserError(std::string message) {
  QueryFailure failure;
  for (const ErrorTypeOf& known : kErrorTypes) {
    if (StartsWith(message, known.name) && message.size() > known.name.size() &&
        message[known.name.size()] == ':') {
      failure.error_type = known.error_type;
    }
  }
  failure.message = std::move(message);
  return failure;
}

std::string ResultColumnLabel(std::string_view sqlite_name, bool is_table_column, int index) {
  if (is_table_column) return Lower(sqlite_name);
  // An expression's SQLite name is its text unless it has an alias; an alias is an identifier.
  std::string upper = Lower(sqlite_name);
  static constexpr std::string_view kLiterals[] = {
      "null", "true", "false", "current_date", "current_time", "current_timestamp"};
  bool literal = false;
  for (std::string_view l : kLiterals) literal = literal || upper == l;
  if (IsSimpleIdentifier(sqlite_name) && !literal) return Lower(sqlite_name);
  return fmt::format("_col{}", index);
}

QueryFailure QueryEngine::MapPrepareError(std::string_view sql, const std::string& database,
                                          const SqliteError& error) const {
  std::string_view message = error.message;
  auto at = [&](std::string_view name) {
    size_t offset = error.offset >= 0 ? static_cast<size_t>(error.offset) : FindName(sql, name);
    return Position(sql, offset == std::string_view::npos ? 0 : offset);
  };
  if (StartsWith(message, "no such table: ")) {
    std::string name = Lower(message.substr(15));
    size_t dot = name.find('.');
    std::string schema = dot == std::string::npos ? Lower(database) : name.substr(0, dot);
    std::string table = dot == std::string::npos ? name : name.substr(dot + 1);
    if (!store_->HasDatabase(schema)) {
      return UserError(
          fmt::format("SCHEMA_NOT_FOUND: {}: Schema '{}' does not exist", at(name), schema));
    }
    return UserError(
        fmt::format("TABLE_NOT_FOUND: {}: Table 'awsdatacatalog.{}.{}' does not "
                    "exist",
                    at(name), schema, table));
  }
  if (StartsWith(message, "no such column: ")) {
    std::string name = Lower(message.substr(16));
    return UserError(
        fmt::format("COLUMN_NOT_FOUND: {}: Column '{}' cannot be resolved or "
                    "requester is not authorized to access requested resources",
                    at(name), name));
  }
  if (StartsWith(message, "no such function: ")) {
    std::string name = Lower(message.substr(18));
    return UserError(
        fmt::format("FUNCTION_NOT_FOUND: {}: Function '{}' not registered", at(name), name));
  }
  if (StartsWith(message, "wrong number of arguments to function ")) {
    std::string name(message.substr(38));
    if (size_t paren = name.find('('); paren != std::string::npos) name.resize(paren);
    name = Lower(name);
    // NONSTANDARD: Trino lists the argument types it got and the signatures it knows.
    return UserError(
        fmt::format("FUNCTION_NOT_FOUND: {}: Unexpected parameters for function "
                    "{}",
                    at(name), name));
  }
  if (StartsWith(message, "ambiguous column name: ")) {
    std::string name = Lower(message.substr(23));
    return UserError(fmt::format("AMBIGUOUS_NAME: {}: Column '{}' is ambiguous", at(name), name));
  }
  if (message == "not authorized") {
    return UserError("NOT_SUPPORTED: sfnsim's Athena model runs read-only queries");
  }
  // NONSTANDARD: an error SQLite reports that has no Trino counterpart here keeps SQLite's text.
  std::string where =
      error.offset >= 0 ? Position(sql, static_cast<size_t>(error.offset)) + ": " : std::string();
  return UserError(fmt::format("GENERIC_USER_ERROR: {}{} (SQLite)", where, message));
}

PrepareOutcome QueryEngine::Prepare(std::string_view sql, const std::string& database) {
  PrepareOutcome outcome;
  if (SkipBlanks(sql, 0) >= sql.size()) {
    outcome.syntax_error = Position(sql, sql.size()) + ": mismatched input '<EOF>'";
    return outcome;
  }
  if (auto used = store_->UseDatabase(database); !used.ok()) {
    QueryFailure failure;
    failure.message = "GENERIC_INTERNAL_ERROR: " + used.error();
    failure.error_category = 1;
    failure.error_type = 200;
    outcome.failure = std::move(failure);
    return outcome;
  }
  RewrittenSql rewritten = RewriteForSqlite(sql);
  ReadRecorder recorder;
  recorder.store = store_;
  std::string_view tail;
  auto prepared = PrepareReadOnly(*db_, rewritten.text, &recorder, &tail);

  if (!prepared.ok() || !recorder.missing.empty()) {
    if (!recorder.missing.empty()) {
      // A table only other databases have: missing in the context database.
      outcome.failure = MapPrepareError(
          sql, database, SqliteError{SQLITE_ERROR, "no such table: " + recorder.missing[0], -1});
      return outcome;
    }
    SqliteError error = prepared.error();
    if (error.offset >= 0) {
      error.offset = static_cast<int>(rewritten.OriginalOffset(static_cast<size_t>(error.offset)));
    }
    std::string_view message = error.message;
    size_t offset = error.offset >= 0 ? static_cast<size_t>(error.offset) : sql.size();
    if (message == "incomplete input") {
      outcome.syntax_error = Position(sql, sql.size()) + ": mismatched input '<EOF>'";
      return outcome;
    }
    if (StartsWith(message, "near \"") && message.find("syntax error") != std::string::npos) {
      // NONSTANDARD: Trino follows this with ". Expecting: <the tokens it would accept>",
      // which SQLite's parser does not tell.
      outcome.syntax_error =
          fmt::format("{}: mismatched input '{}'", Position(sql, offset), TokenAt(sql, offset));
      return outcome;
    }
    if (StartsWith(message, "unrecognized token: ")) {
      outcome.syntax_error = fmt::format("{}: token recognition error at: '{}'",
                                         Position(sql, offset), TokenAt(sql, offset));
      return outcome;
    }
    outcome.failure = MapPrepareError(sql, database, error);
    return outcome;
  }
  size_t tail_begin = rewritten.OriginalOffset(rewritten.text.size() - tail.size());
  if (FindSecondStatement(sql, tail_begin) != std::string_view::npos) {
    size_t semicolon = sql.rfind(';', tail_begin == 0 ? 0 : tail_begin - 1);
    size_t offset = semicolon == std::string_view::npos ? tail_begin : semicolon;
    outcome.syntax_error =
        fmt::format("{}: mismatched input '{}'", Position(sql, offset), TokenAt(sql, offset));
    return outcome;
  }

  PreparedQuery query;
  query.statement = std::move(prepared).value();
  query.replayable = !recorder.random && !recorder.reads_elsewhere;
  for (const auto& [db, table] : recorder.tables) {
    if (const TableInfo* info = store_->FindTable(db, table)) {
      query.scan.rows_scanned += info->rows;
    } else {
      query.replayable = false;  // e.g. sqlite_master, which changes as tables are added
    }
  }
  for (const auto& [db, table, column] : recorder.columns) {
    const TableInfo* info = store_->FindTable(db, table);
    const TableColumn* c = info != nullptr ? info->FindColumn(column) : nullptr;
    if (c != nullptr) query.scan.bytes_scanned += c->bytes;
  }
  outcome.prepared = std::move(query);
  return outcome;
}

void AppendRow(const SqliteStatement& statement, const std::vector<CellFormat>& formats,
               ResultTable* table) {
  std::string text;
  for (size_t c = 0; c < formats.size(); ++c) {
    int i = static_cast<int>(c);
    const std::optional<ColumnType>& type = formats[c].declared;
    switch (statement.ColumnType(i)) {
      case SQLITE_NULL: table->AppendNull(); continue;
      case SQLITE_INTEGER: {
        int64_t value = statement.ColumnInt64(i);
        TypeKind kind = type ? type->kind : TypeKind::kBigint;
        if (kind == TypeKind::kBoolean) {
          text = value != 0 ? "true" : "false";
        } else if (kind == TypeKind::kDecimal) {
          text = FormatDecimal(static_cast<double>(value), type->scale);
        } else if (kind == TypeKind::kDouble || kind == TypeKind::kFloat) {
          text = FormatDouble(static_cast<double>(value));
        } else {
          text = std::to_string(value);
        }
        break;
      }
      case SQLITE_FLOAT: {
        double value = statement.ColumnDouble(i);
        TypeKind kind = type ? type->kind : TypeKind::kDouble;
        if (kind == TypeKind::kFloat) {
          text = FormatFloat(static_cast<float>(value));
        } else if (kind == TypeKind::kDecimal) {
          text = FormatDecimal(value, type->scale);
        } else {
          text = FormatDouble(value);
        }
        break;
      }
      case SQLITE_BLOB:
        table->AppendCell(FormatBlob(sqlite3_column_blob(statement.get(), i),
                                     sqlite3_column_bytes(statement.get(), i)));
        continue;
      default: table->AppendCell(statement.ColumnText(i)); continue;
    }
    // What TransformColumn does to a kept result's column once its type is known.
    table->AppendCell(formats[c].reprint_as_double ? ReformatAsDouble(text) : text);
  }
}

asl::Result<RunOutput, QueryFailure> QueryEngine::Run(PreparedQuery& query, size_t kept_bytes) {
  SqliteStatement& statement = query.statement;
  RunOutput output;
  ResultTable& table = output.table;
  int count = statement.ColumnCount();
  size_t width = static_cast<size_t>(count);
  output.formats.resize(width);
  for (int i = 0; i < count; ++i) {
    std::string_view decl = statement.ColumnDeclType(i);
    bool is_table_column = !statement.ColumnOriginName(i).empty();
    std::optional<ColumnType>& declared = output.formats[static_cast<size_t>(i)].declared;
    if (!decl.empty()) declared = ParseDeclaredType(decl);
    table.AddColumn({ResultColumnLabel(statement.ColumnName(i), is_table_column, i),
                     declared.value_or(ColumnType{TypeKind::kUnknown})});
  }
  // For expression columns: which SQLite storage classes their values had.
  std::vector<bool> saw_integer(width), saw_real(width), saw_text(width);
  int rc;
  while ((rc = statement.Step()) == SQLITE_ROW) {
    ++output.rows;
    for (size_t c = 0; c < width; ++c) {
      switch (statement.ColumnType(static_cast<int>(c))) {
        case SQLITE_NULL: break;
        case SQLITE_INTEGER: saw_integer[c] = true; break;
        case SQLITE_FLOAT: saw_real[c] = true; break;
        default: saw_text[c] = true; break;
      }
    }
    if (!output.complete) continue;
    AppendRow(statement, output.formats, &table);
    if (query.replayable && table.text_bytes() > kept_bytes) {
      // Past the limit: the rows will be read again when paged; only count them now.
      output.complete = false;
      table.ClearRows();
    }
  }
  statement.Reset();
  if (rc != SQLITE_DONE) {
    SqliteError error = db_->LastError();
    std::string message = error.message;
    // Functions registered here report Trino's error name; anything else is SQLite's.
    if (message.find(": ") == std::string::npos || message.find(' ') < message.find(':')) {
      message = "GENERIC_USER_ERROR: " + message + " (SQLite)";
    }
    return asl::Fail(UserError(std::move(message)));
  }
  for (size_t c = 0; c < width; ++c) {
    if (output.formats[c].declared) continue;
    ColumnType& type = table.mutable_columns()[c].type;
    if (saw_text[c]) {
      type = {TypeKind::kVarchar, 0, 0};
    } else if (saw_real[c]) {
      type = {TypeKind::kDouble, 0, 0};
      if (saw_integer[c]) {
        output.formats[c].reprint_as_double = true;
        if (output.complete) table.TransformColumn(c, &ReformatAsDouble);
      }
    } else if (saw_integer[c]) {
      type = {TypeKind::kBigint, 0, 0};
    }
  }
  return output;
}

}  // namespace sim::athena
