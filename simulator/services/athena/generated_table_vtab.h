#pragma once
// A generated table as a SQLite virtual table: rows are produced by the generator during each
// scan instead of being stored, which costs no memory (8,000,000 customers stored in SQLite
// took ~700 MB).
// https://www.sqlite.org/vtab.html
//
// Two uses:
//  * regenerated (the default for generated tables, TableStore::AddGeneratedTable): one pass
//    over every row when the table is added checks the values, counts the exact column bytes
//    and learns the columns' order (column_order.h). A comparison of an indexed,
//    non-decreasing column with a constant then reads only the rows in range, and an ORDER BY
//    on a strictly increasing column needs no sort. A year-bucket query on 1,000,000 customers
//    generates only that year's rows.
//  * sampled (opt-in, AthenaTableSource::virtual_table): nothing is read up front; the bytes
//    are estimated from a sample and every query generates every row.

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "simulator/services/athena/athena_types.h"
#include "simulator/services/athena/column_order.h"

namespace sim::athena {

// What a virtual generated table needs; owned by whoever registered the module, and alive as
// long as the connection.
struct GeneratedTableSpec {
  std::vector<std::pair<std::string, ColumnType>> columns;
  int64_t rows = 0;
  // Fills the text values of row `row` (NULL where is_null[i] is set).
  std::function<void(int64_t row, std::vector<std::string>& values, std::vector<bool>& is_null)>
      generate;
  // Per column, for a regenerated table (empty for a sampled one): what the load pass learnt
  // about its order. Constraints on columns with keys narrow the scan.
  std::vector<ColumnOrder> order;
};

// Specs by key; `CREATE VIRTUAL TABLE x USING sfnsim_generated(key)` finds its spec here.
using GeneratedTableRegistry = std::map<std::string, std::unique_ptr<GeneratedTableSpec>>;

constexpr const char* kGeneratedTableModule = "sfnsim_generated";

// Registers the module on `db`; `registry` must outlive the connection.
int RegisterGeneratedTableModule(sqlite3* db, GeneratedTableRegistry* registry);

}  // namespace sim::athena
