#include "simulator/services/athena/generated_table_vtab.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

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
  int64_t end = 0;         // one past the last row of the scan
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

bool ToComparison(unsigned char op, Comparison* out) {
  switch (op) {
    case SQLITE_INDEX_CONSTRAINT_EQ: *out = Comparison::kEq; return true;
    case SQLITE_INDEX_CONSTRAINT_GT: *out = Comparison::kGt; return true;
    case SQLITE_INDEX_CONSTRAINT_LE: *out = Comparison::kLe; return true;
    case SQLITE_INDEX_CONSTRAINT_LT: *out = Comparison::kLt; return true;
    case SQLITE_INDEX_CONSTRAINT_GE: *out = Comparison::kGe; return true;
    default: return false;
  }
}

// The plan handed from BestIndex to Filter in idxStr: "<column> <comparison>;" per argument.
int BestIndex(sqlite3_vtab* vtab, sqlite3_index_info* info) {
  const GeneratedTableSpec* spec = reinterpret_cast<Table*>(vtab)->spec;
  double rows = static_cast<double>(spec->rows);
  double estimated = rows;
  std::string plan;
  int arguments = 0;
  for (int i = 0; i < info->nConstraint && !spec->order.empty(); ++i) {
    const auto& constraint = info->aConstraint[i];
    Comparison op;
    if (!constraint.usable || constraint.iColumn < 0 || !ToComparison(constraint.op, &op)) {
      continue;
    }
    const ColumnOrder& order = spec->order[static_cast<size_t>(constraint.iColumn)];
    if (!order.has_keys()) continue;
    if (order.is_text()) {
      // The ranges follow BINARY order; another collation compares differently.
      const char* collation = sqlite3_vtab_collation(info, i);
      if (collation != nullptr && sqlite3_stricmp(collation, "BINARY") != 0) continue;
    }
    info->aConstraintUsage[i].argvIndex = ++arguments;
    // SQLite still checks every row: a constant of another type (a text '2004' against an
    // integer column, with SQLite's affinity rules) makes Filter scan everything instead.
    info->aConstraintUsage[i].omit = 0;
    plan += fmt::format("{} {};", constraint.iColumn, static_cast<int>(op));
    double narrowed = op == Comparison::kEq
                          ? rows / static_cast<double>(std::max<size_t>(order.distinct_values(), 1))
                          : rows / 2;
    estimated = std::min(estimated, narrowed);
  }
  if (arguments > 0) {
    info->idxStr = sqlite3_mprintf("%s", plan.c_str());
    info->needToFreeIdxStr = 1;
  }
  // Rows come in row order, so an ascending ORDER BY on the rowid or on a strictly increasing
  // column is already satisfied (later terms never decide between two rows).
  if (info->nOrderBy > 0 && !info->aOrderBy[0].desc) {
    int column = info->aOrderBy[0].iColumn;
    if (column < 0 ||
        (!spec->order.empty() && spec->order[static_cast<size_t>(column)].strictly_increasing())) {
      info->orderByConsumed = 1;
    }
  }
  info->estimatedCost = estimated;
  info->estimatedRows = static_cast<sqlite3_int64>(estimated);
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

int Filter(sqlite3_vtab_cursor* base, int, const char* plan, int argc, sqlite3_value** argv) {
  auto* cursor = reinterpret_cast<Cursor*>(base);
  const GeneratedTableSpec* spec = cursor->spec;
  RowRange range{0, spec->rows};
  std::string_view rest = plan != nullptr ? plan : "";
  for (int i = 0; i < argc && !rest.empty(); ++i) {
    int column = 0, op = 0;
    size_t end = rest.find(';');
    if (std::sscanf(std::string(rest.substr(0, end)).c_str(), "%d %d", &column, &op) != 2) break;
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const ColumnOrder& order = spec->order[static_cast<size_t>(column)];
    auto comparison = static_cast<Comparison>(op);
    int type = sqlite3_value_type(argv[i]);
    if (order.is_integer() && type == SQLITE_INTEGER) {
      range = range.Intersect(order.Range(comparison, sqlite3_value_int64(argv[i]), spec->rows));
    } else if (order.is_text() && type == SQLITE_TEXT) {
      std::string_view text(reinterpret_cast<const char*>(sqlite3_value_text(argv[i])),
                            static_cast<size_t>(sqlite3_value_bytes(argv[i])));
      range = range.Intersect(order.Range(comparison, text, spec->rows));
    }
  }
  cursor->row = range.begin;
  cursor->end = std::max(range.begin, range.end);
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
  return cursor->row >= cursor->end ? 1 : 0;
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
