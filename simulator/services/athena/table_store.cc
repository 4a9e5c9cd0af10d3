#include "simulator/services/athena/table_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "simulator/services/athena/lower_case.h"

namespace sim::athena {

namespace {

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
  auto attached =
      db_->Execute(fmt::format("ATTACH DATABASE ':memory:' AS {0}; PRAGMA {0}.journal_mode=OFF; "
                               "PRAGMA {0}.synchronous=OFF;",
                               quoted));
  if (!attached.ok()) {
    return asl::Fail(
        fmt::format("cannot add database '{}': {}", lower, Describe(attached.error())));
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

asl::Status<std::string> TableStore::CheckNewTable(const TableInfo& info,
                                                   const std::vector<TableColumn>& columns) const {
  if (!HasDatabase(info.database)) {
    return asl::Fail(
        fmt::format("table {}.{}: unknown database '{}'", info.database, info.name, info.database));
  }
  if (!IsName(info.name)) {
    return asl::Fail(
        fmt::format("invalid table name '{}' (letters, digits and _ only)", info.name));
  }
  if (FindTable(info.database, info.name) != nullptr) {
    return asl::Fail(fmt::format("table {}.{} already exists", info.database, info.name));
  }
  if (columns.empty()) {
    return asl::Fail(fmt::format("table {}.{} has no columns", info.database, info.name));
  }
  return {};
}

asl::Status<std::string> TableStore::CreateVirtualTable(const std::string& database,
                                                        const std::string& name,
                                                        std::vector<TableColumn> columns,
                                                        int64_t rows, RowSource source) {
  TableInfo info;
  info.database = Lower(database);
  info.name = Lower(name);
  TRY_STATUS(CheckNewTable(info, columns));
  // Sample rows: the column bytes for the scan model, and an early check of the values.
  int64_t samples = rows <= 10000 ? rows : 1000;
  std::vector<std::string> values(columns.size());
  std::vector<bool> is_null(columns.size());
  std::vector<int64_t> sampled_bytes(columns.size(), 0);
  StoredValue stored;
  std::string error;
  for (int64_t s = 0; s < samples; ++s) {
    int64_t row = samples == rows ? s : s * (rows / samples);
    for (size_t i = 0; i < columns.size(); ++i) is_null[i] = false;
    source(row, values, is_null);
    for (size_t i = 0; i < columns.size(); ++i) {
      if (is_null[i]) continue;
      if (!ConvertValue(columns[i].type, values[i], &stored, &error)) {
        return asl::Fail(fmt::format("table {}.{} row {}: column '{}' ({}): {}", info.database,
                                     info.name, row, columns[i].name,
                                     TypeName(columns[i].type.kind), error));
      }
      sampled_bytes[i] += static_cast<int64_t>(values[i].size());
    }
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    columns[i].bytes =
        samples == 0
            ? 0
            : static_cast<int64_t>(static_cast<long double>(sampled_bytes[i]) * rows / samples);
  }
  auto spec = std::make_unique<GeneratedTableSpec>();
  for (const TableColumn& column : columns) spec->columns.emplace_back(column.name, column.type);
  spec->rows = rows;
  spec->generate = std::move(source);
  info.columns = std::move(columns);
  info.rows = rows;
  return CreateVirtual(std::move(info), std::move(spec));
}

asl::Status<std::string> TableStore::CreateVirtual(TableInfo info,
                                                   std::unique_ptr<GeneratedTableSpec> spec) {
  if (!module_registered_) {
    if (RegisterGeneratedTableModule(db_->handle(), &generated_) != SQLITE_OK) {
      return asl::Fail("cannot register the generated-table module");
    }
    module_registered_ = true;
  }
  std::string key = info.database + "." + info.name;
  generated_[key] = std::move(spec);
  std::string create =
      fmt::format("CREATE VIRTUAL TABLE {}.{} USING {}('{}')", QuoteIdentifier(info.database),
                  QuoteIdentifier(info.name), kGeneratedTableModule, key);
  if (auto created = db_->Execute(create); !created.ok()) {
    generated_.erase(key);
    return asl::Fail(fmt::format("cannot create table {}: {}", key, created.error().message));
  }
  tables_.emplace(key, std::move(info));
  views_valid_ = false;
  return {};
}

asl::Status<std::string> TableStore::AddGeneratedTable(
    const std::string& database, const std::string& name, std::vector<TableColumn> columns,
    int64_t rows, RowSource source, const std::function<std::string(int64_t)>& describe_row,
    const std::vector<std::string>& indexed_columns) {
  TableInfo info;
  info.database = Lower(database);
  info.name = Lower(name);
  TRY_STATUS(CheckNewTable(info, columns));
  std::vector<bool> indexed(columns.size(), false);
  std::optional<std::string> missing;  // the first indexed column the table lacks
  for (const std::string& wanted : indexed_columns) {
    std::string lower = Lower(wanted);
    auto it = std::find_if(columns.begin(), columns.end(),
                           [&](const TableColumn& c) { return c.name == lower; });
    if (it != columns.end()) {
      indexed[static_cast<size_t>(it - columns.begin())] = true;
    } else if (!missing) {
      missing = wanted;
    }
  }
  std::vector<ColumnOrder> order;
  for (size_t i = 0; i < columns.size(); ++i) order.emplace_back(indexed[i]);
  size_t width = columns.size();
  std::vector<std::string> values(width);
  std::vector<bool> is_null(width, false);
  StoredValue stored;
  std::string error;
  for (int64_t row = 0; row < rows; ++row) {
    for (size_t i = 0; i < width; ++i) is_null[i] = false;
    source(row, values, is_null);
    for (size_t i = 0; i < width; ++i) {
      if (is_null[i]) {
        order[i].AddNull();
        continue;
      }
      if (!ConvertValue(columns[i].type, values[i], &stored, &error)) {
        return asl::Fail(fmt::format("{}: column '{}' ({}): {}", describe_row(row),
                                     columns[i].name, TypeName(columns[i].type.kind), error));
      }
      columns[i].bytes += static_cast<int64_t>(values[i].size());
      switch (stored.storage) {
        case StoredValue::Storage::kInteger: order[i].AddInteger(stored.integer); break;
        case StoredValue::Storage::kReal: order[i].AddReal(); break;
        case StoredValue::Storage::kText: order[i].AddText(stored.text); break;
      }
    }
  }
  bool ordered = true;
  for (size_t i = 0; i < width; ++i) ordered = ordered && (!indexed[i] || order[i].has_keys());
  if (!ordered) {
    // A SQLite index would hand out rows in its own order (a query without ORDER BY would
    // show it), which a range of rows cannot reproduce: store the table instead.
    for (TableColumn& column : columns) column.bytes = 0;
    TRY_STATUS(LoadTable(database, name, std::move(columns), rows, source, describe_row));
    for (const std::string& column : indexed_columns) {
      TRY_STATUS(CreateIndex(database, name, column));
    }
    return {};
  }
  auto spec = std::make_unique<GeneratedTableSpec>();
  for (const TableColumn& column : columns) spec->columns.emplace_back(column.name, column.type);
  spec->rows = rows;
  spec->generate = std::move(source);
  spec->order = std::move(order);
  info.columns = std::move(columns);
  info.rows = rows;
  std::string qualified = info.database + "." + info.name;
  TRY_STATUS(CreateVirtual(std::move(info), std::move(spec)));
  if (missing) {
    return asl::Fail(fmt::format("table {} has no column '{}' to index", qualified, *missing));
  }
  return {};
}

asl::Status<std::string> TableStore::LoadTable(
    const std::string& database, const std::string& name, std::vector<TableColumn> columns,
    int64_t rows, const RowSource& source,
    const std::function<std::string(int64_t)>& describe_row) {
  TableInfo info;
  info.database = Lower(database);
  info.name = Lower(name);
  TRY_STATUS(CheckNewTable(info, columns));
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
  // Rows go in batches of kBatchRows per INSERT (fewer statement executions), the rest one
  // by one.
  constexpr int64_t kBatchRows = 32;
  std::string row_params = insert.substr(insert.find("VALUES ") + 7);
  std::string batch_insert = insert;
  for (int64_t r = 1; r < kBatchRows; ++r) batch_insert += ", " + row_params;
  auto prepared = db_->Prepare(insert);
  auto prepared_batch = db_->Prepare(batch_insert);
  if (!prepared.ok() || !prepared_batch.ok()) {
    drop_table();
    SqliteError failure = prepared.ok() ? prepared_batch.error() : prepared.error();
    return asl::Fail("cannot prepare the insert: " + Describe(failure));
  }
  SqliteStatement single = std::move(prepared).value();
  SqliteStatement batch = std::move(prepared_batch).value();
  size_t width = columns.size();
  // One buffer per row of a batch: text is bound without copying, so it must live until the
  // batch is stepped.
  std::vector<std::vector<std::string>> values(kBatchRows, std::vector<std::string>(width));
  std::vector<bool> is_null(width, false);
  StoredValue stored;
  std::string error;
  auto fail = [&](std::string message) -> asl::Status<std::string> {
    single = SqliteStatement();
    batch = SqliteStatement();
    transaction.Rollback();
    drop_table();
    return asl::Fail(std::move(message));
  };
  // Produces row `row` into values[slot] and binds it at parameter offset `base`.
  auto bind_row = [&](SqliteStatement& statement, int64_t row, size_t slot,
                      int base) -> std::optional<std::string> {
    std::vector<std::string>& row_values = values[slot];
    for (size_t i = 0; i < width; ++i) is_null[i] = false;
    source(row, row_values, is_null);
    for (size_t i = 0; i < width; ++i) {
      int index = base + static_cast<int>(i) + 1;
      if (is_null[i]) {
        statement.BindNull(index);
        continue;
      }
      if (!ConvertValue(columns[i].type, row_values[i], &stored, &error)) {
        return fmt::format("{}: column '{}' ({}): {}", describe_row(row), columns[i].name,
                           TypeName(columns[i].type.kind), error);
      }
      columns[i].bytes += static_cast<int64_t>(row_values[i].size());
      switch (stored.storage) {
        case StoredValue::Storage::kInteger: statement.BindInt64(index, stored.integer); break;
        case StoredValue::Storage::kReal: statement.BindDouble(index, stored.real); break;
        case StoredValue::Storage::kText:
          // Text in row_values stays until the step; `stored.owned` (a normalised date or
          // timestamp) is overwritten by the next conversion, so it is copied.
          if (stored.text.data() == row_values[i].data()) {
            statement.BindStaticText(index, stored.text);
          } else {
            statement.BindText(index, stored.text);
          }
          break;
      }
    }
    return std::nullopt;
  };
  int64_t row = 0;
  while (row < rows) {
    bool full = rows - row >= kBatchRows;
    SqliteStatement& statement = full ? batch : single;
    int64_t count = full ? kBatchRows : 1;
    for (int64_t r = 0; r < count; ++r) {
      if (auto bad = bind_row(statement, row + r, static_cast<size_t>(r),
                              static_cast<int>(static_cast<size_t>(r) * width))) {
        return fail(std::move(*bad));
      }
    }
    if (statement.Step() != SQLITE_DONE) {
      return fail(
          fmt::format("{}: cannot insert: {}", describe_row(row), db_->LastError().message));
    }
    statement.Reset();
    row += count;
  }
  single = SqliteStatement();
  batch = SqliteStatement();
  if (auto committed = transaction.Commit(); !committed.ok()) {
    return asl::Fail("cannot commit the load: " + Describe(committed.error()));
  }
  info.columns = std::move(columns);
  info.rows = rows;
  tables_.emplace(Key(info.database, info.name), std::move(info));
  views_valid_ = false;
  return {};
}

bool TableStore::IsCurrent(std::string_view database) const {
  return views_valid_ && Lower(database) == current_database_;
}

bool TableStore::IsShadowView(std::string_view view) const {
  return shadow_views_.find(Lower(view)) != shadow_views_.end();
}

asl::Status<std::string> TableStore::CreateIndex(const std::string& database,
                                                 const std::string& table,
                                                 const std::string& column) {
  const TableInfo* info = FindTable(database, table);
  if (info == nullptr) return asl::Fail(fmt::format("no table {}.{}", database, table));
  const TableColumn* c = info->FindColumn(column);
  if (c == nullptr) {
    return asl::Fail(
        fmt::format("table {}.{} has no column '{}' to index", info->database, info->name, column));
  }
  std::string sql =
      fmt::format("CREATE INDEX IF NOT EXISTS {}.{} ON {}({})", QuoteIdentifier(info->database),
                  QuoteIdentifier(info->name + "__" + c->name), QuoteIdentifier(info->name),
                  QuoteIdentifier(c->name));
  if (auto created = db_->Execute(sql); !created.ok()) {
    return asl::Fail(fmt::format("cannot index {}.{}({}): {}", info->database, info->name, c->name,
                                 created.error().message));
  }
  return {};
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
