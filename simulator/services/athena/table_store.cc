#include "simulator/services/athena/table_store.h"

#include <fmt/format.h>

namespace sim::athena {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string Describe(const SqliteError& error) { return error.message; }

}  // namespace

const TableColumn* TableInfo::FindColumn(std::string_view column) const {
  std::string lower = Lower(column);
  for (const TableColumn& c : columns) {
    if (c.name == lower) return &c;
  }
  return nullptr;
}

std::string TableStore::Key(std::string_view database, std::string_view table) {
  return Lower(database) + "." + Lower(table);
}

asl::Status<std::string> TableStore::AddDatabase(const std::string& name) {
  std::string lower = Lower(name);
  if (!IsName(lower)) {
    return asl::Fail(fmt::format("invalid database name '{}' (letters, digits and _ only)", name));
  }
  if (lower == "main" || lower == "temp") {
    // NONSTANDARD: SQLite's own schema names.
    return asl::Fail(fmt::format("database name '{}' is reserved by the SQLite engine", name));
  }
  if (HasDatabase(lower)) return {};
  std::string quoted = QuoteIdentifier(lower);
  auto attached = db_->Execute(fmt::format(
      "ATTACH DATABASE ':memory:' AS {0}; PRAGMA {0}.journal_mode=OFF; "
      "PRAGMA {0}.synchronous=OFF;", quoted));
  if (!attached.ok()) {
    return asl::Fail(fmt::format("cannot add database '{}': {}", lower,
                                 Describe(attached.error())));
  }
  databases_.push_back(lower);
  return {};
}

bool TableStore::HasDatabase(std::string_view name) const {
  std::string lower = Lower(name);
  for (const std::string& d : databases_) {
    if (d == lower) return true;
  }
  return false;
}

const TableInfo* TableStore::FindTable(std::string_view database, std::string_view table) const {
  auto it = tables_.find(Key(database, table));
  return it == tables_.end() ? nullptr : &it->second;
}

asl::Status<std::string> TableStore::LoadTable(
    const std::string& database, const std::string& name, std::vector<TableColumn> columns,
    int64_t rows, const RowSource& source,
    const std::function<std::string(int64_t)>& describe_row) {
  TableInfo info;
  info.database = Lower(database);
  info.name = Lower(name);
  if (!HasDatabase(info.database)) {
    return asl::Fail(fmt::format("table {}.{}: unknown database '{}'", info.database, info.name,
                                 info.database));
  }
  if (!IsName(info.name)) {
    return asl::Fail(fmt::format("invalid table name '{}' (letters, digits and _ only)", name));
  }
  if (FindTable(info.database, info.name) != nullptr) {
    return asl::Fail(fmt::format("table {}.{} already exists", info.database, info.name));
  }
  if (columns.empty()) {
    return asl::Fail(fmt::format("table {}.{} has no columns", info.database, info.name));
  }
  std::string qualified = QuoteIdentifier(info.database) + "." + QuoteIdentifier(info.name);
  std::string create = "CREATE TABLE " + qualified + " (";
  std::string insert = "INSERT INTO " + qualified + " VALUES (";
  for (size_t i = 0; i < columns.size(); ++i) {
    create += (i > 0 ? ", " : "") + QuoteIdentifier(columns[i].name) + " " +
              SqliteDeclaration(columns[i].type);
    insert += i > 0 ? ", ?" : "?";
  }
  create += ")";
  insert += ")";
  if (auto created = db_->Execute(create); !created.ok()) {
    return asl::Fail(fmt::format("cannot create table {}.{}: {}", info.database, info.name,
                                 Describe(created.error())));
  }
  auto drop_table = [&] { (void)db_->Execute("DROP TABLE IF EXISTS " + qualified); };

  SqliteTransaction transaction(*db_);
  if (auto begun = transaction.Begin(); !begun.ok()) {
    drop_table();
    return asl::Fail("cannot start loading: " + Describe(begun.error()));
  }
  auto prepared = db_->Prepare(insert);
  if (!prepared.ok()) {
    drop_table();
    return asl::Fail("cannot prepare the insert: " + Describe(prepared.error()));
  }
  SqliteStatement statement = std::move(prepared).value();
  std::vector<std::string> values(columns.size());
  std::vector<bool> is_null(columns.size(), false);
  StoredValue stored;
  std::string error;
  for (int64_t row = 0; row < rows; ++row) {
    for (size_t i = 0; i < columns.size(); ++i) is_null[i] = false;
    source(row, values, is_null);
    for (size_t i = 0; i < columns.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      if (is_null[i]) {
        statement.BindNull(index);
        continue;
      }
      if (!ConvertValue(columns[i].type, values[i], &stored, &error)) {
        statement = SqliteStatement();
        transaction.Rollback();
        drop_table();
        return asl::Fail(fmt::format("{}: column '{}' ({}): {}", describe_row(row),
                                     columns[i].name, TypeName(columns[i].type.kind), error));
      }
      columns[i].bytes += static_cast<int64_t>(values[i].size());
      switch (stored.storage) {
        case StoredValue::Storage::kInteger: statement.BindInt64(index, stored.integer); break;
        case StoredValue::Storage::kReal: statement.BindDouble(index, stored.real); break;
        case StoredValue::Storage::kText: statement.BindText(index, stored.text); break;
      }
    }
    if (int rc = statement.Step(); rc != SQLITE_DONE) {
      SqliteError failure = db_->LastError();
      statement = SqliteStatement();
      transaction.Rollback();
      drop_table();
      return asl::Fail(fmt::format("{}: cannot insert: {}", describe_row(row), failure.message));
    }
    statement.Reset();
  }
  statement = SqliteStatement();
  if (auto committed = transaction.Commit(); !committed.ok()) {
    return asl::Fail("cannot commit the load: " + Describe(committed.error()));
  }
  info.columns = std::move(columns);
  info.rows = rows;
  tables_.emplace(Key(info.database, info.name), std::move(info));
  views_valid_ = false;
  return {};
}

bool TableStore::IsShadowView(std::string_view view) const {
  return shadow_views_.find(Lower(view)) != shadow_views_.end();
}

asl::Status<std::string> TableStore::UseDatabase(const std::string& database) {
  std::string lower = Lower(database);
  if (views_valid_ && lower == current_database_) return {};
  std::vector<std::string> views;
  {
    auto listed = db_->Prepare("SELECT name FROM temp.sqlite_master WHERE type = 'view'");
    if (!listed.ok()) return asl::Fail("cannot list views: " + Describe(listed.error()));
    SqliteStatement statement = std::move(listed).value();
    while (statement.Step() == SQLITE_ROW) views.emplace_back(statement.ColumnText(0));
  }
  std::string script;
  for (const std::string& view : views) script += "DROP VIEW temp." + QuoteIdentifier(view) + ";";
  // One view per table name: onto the context database's table, or a shadow onto another's.
  std::map<std::string, std::string> target;  // table name -> database the view reads
  for (const auto& [key, table] : tables_) {
    auto [it, inserted] = target.emplace(table.name, table.database);
    if (!inserted && table.database == lower) it->second = lower;
  }
  shadow_views_.clear();
  for (const auto& [name, db] : target) {
    if (db != lower) shadow_views_.insert(name);
    script += fmt::format("CREATE TEMP VIEW {} AS SELECT * FROM {}.{};", QuoteIdentifier(name),
                          QuoteIdentifier(db), QuoteIdentifier(name));
  }
  if (!script.empty()) {
    if (auto done = db_->Execute(script); !done.ok()) {
      return asl::Fail("cannot switch database: " + Describe(done.error()));
    }
  }
  current_database_ = lower;
  views_valid_ = true;
  return {};
}

}  // namespace sim::athena
