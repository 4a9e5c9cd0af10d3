#include "simulator/services/athena/generated_table_vtab.h"

#include <fmt/format.h>

#include "simulator/services/athena/sqlite_database.h"

namespace sim::athena {

namespace {

struct Table {
  sqlite3_vtab base{};  // must come first: SQLite hands out a pointer to it
  const GeneratedTableSpec* spec = nullptr;
};

struct Cursor {
  sqlite3_vtab_cursor base{};  // must come first
  const GeneratedTableSpec* spec = nullptr;
  int64_t row = 0;
  bool generated = false;  // whether `values` hold row `row`
  std::vector<std::string> values;
  std::vector<bool> is_null;
  StoredValue stored;
  std::string error;
};

std::string Unquote(const char* arg) {
  std::string text = arg;
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

int Connect(sqlite3* db, void* client, int argc, const char* const* argv, sqlite3_vtab** out,
            char** error) {
  auto* registry = static_cast<GeneratedTableRegistry*>(client);
  if (argc < 4) {
    *error = sqlite3_mprintf("%s needs the key of a generated table", kGeneratedTableModule);
    return SQLITE_ERROR;
  }
  auto it = registry->find(Unquote(argv[3]));
  if (it == registry->end()) {
    *error = sqlite3_mprintf("no generated table %s", argv[3]);
    return SQLITE_ERROR;
  }
  const GeneratedTableSpec* spec = it->second.get();
  std::string schema = "CREATE TABLE x(";
  for (size_t i = 0; i < spec->columns.size(); ++i) {
    schema += (i > 0 ? ", " : "") + QuoteIdentifier(spec->columns[i].first) + " " +
              SqliteDeclaration(spec->columns[i].second);
  }
  schema += ")";
  int rc = sqlite3_declare_vtab(db, schema.c_str());
  if (rc != SQLITE_OK) return rc;
  auto* table = new Table;
  table->spec = spec;
  *out = &table->base;
  return SQLITE_OK;
}

int Disconnect(sqlite3_vtab* vtab) {
  delete reinterpret_cast<Table*>(vtab);
  return SQLITE_OK;
}

int BestIndex(sqlite3_vtab* vtab, sqlite3_index_info* info) {
  // A full scan in rowid order: the generator has no index.
  const GeneratedTableSpec* spec = reinterpret_cast<Table*>(vtab)->spec;
  info->estimatedCost = static_cast<double>(spec->rows);
  info->estimatedRows = spec->rows;
  return SQLITE_OK;
}

int Open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) {
  auto* cursor = new Cursor;
  cursor->spec = reinterpret_cast<Table*>(vtab)->spec;
  cursor->values.resize(cursor->spec->columns.size());
  cursor->is_null.resize(cursor->spec->columns.size());
  *out = &cursor->base;
  return SQLITE_OK;
}

int Close(sqlite3_vtab_cursor* base) {
  delete reinterpret_cast<Cursor*>(base);
  return SQLITE_OK;
}

int Filter(sqlite3_vtab_cursor* base, int, const char*, int, sqlite3_value**) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  cursor->row = 0;
  cursor->generated = false;
  return SQLITE_OK;
}

int Next(sqlite3_vtab_cursor* base) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  ++cursor->row;
  cursor->generated = false;
  return SQLITE_OK;
}

int Eof(sqlite3_vtab_cursor* base) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  return cursor->row >= cursor->spec->rows ? 1 : 0;
}

int Column(sqlite3_vtab_cursor* base, sqlite3_context* context, int column) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  if (!cursor->generated) {
    for (size_t i = 0; i < cursor->is_null.size(); ++i) cursor->is_null[i] = false;
    cursor->spec->generate(cursor->row, cursor->values, cursor->is_null);
    cursor->generated = true;
  }
  size_t c = static_cast<size_t>(column);
  if (cursor->is_null[c]) {
    sqlite3_result_null(context);
    return SQLITE_OK;
  }
  const auto& [name, type] = cursor->spec->columns[c];
  if (!ConvertValue(type, cursor->values[c], &cursor->stored, &cursor->error)) {
    std::string message = fmt::format("row {}: column '{}' ({}): {}", cursor->row, name,
                                      TypeName(type.kind), cursor->error);
    sqlite3_result_error(context, message.c_str(), -1);
    return SQLITE_OK;
  }
  switch (cursor->stored.storage) {
    case StoredValue::Storage::kInteger:
      sqlite3_result_int64(context, cursor->stored.integer);
      break;
    case StoredValue::Storage::kReal: sqlite3_result_double(context, cursor->stored.real); break;
    case StoredValue::Storage::kText:
      sqlite3_result_text(context, cursor->stored.text.data(),
                          static_cast<int>(cursor->stored.text.size()), SQLITE_TRANSIENT);
      break;
  }
  return SQLITE_OK;
}

int Rowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
  *rowid = reinterpret_cast<Cursor*>(base)->row + 1;
  return SQLITE_OK;
}

sqlite3_module MakeModule() {
  sqlite3_module module{};
  module.iVersion = 1;
  module.xCreate = &Connect;
  module.xConnect = &Connect;
  module.xBestIndex = &BestIndex;
  module.xDisconnect = &Disconnect;
  module.xDestroy = &Disconnect;
  module.xOpen = &Open;
  module.xClose = &Close;
  module.xFilter = &Filter;
  module.xNext = &Next;
  module.xEof = &Eof;
  module.xColumn = &Column;
  module.xRowid = &Rowid;
  return module;
}

const sqlite3_module kModule = MakeModule();

}  // namespace

int RegisterGeneratedTableModule(sqlite3* db, GeneratedTableRegistry* registry) {
  return sqlite3_create_module_v2(db, kGeneratedTableModule, &kModule, registry, nullptr);
}

}  // namespace sim::athena
