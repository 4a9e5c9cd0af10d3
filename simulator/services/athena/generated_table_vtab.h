#pragma once
// A generated table as a SQLite virtual table: rows are produced by the generator during each
// scan instead of being stored. Loading is free and costs no memory, but every query that
// reads the table runs the generator over all of its rows.
// https://www.sqlite.org/vtab.html
//
// Measured (tests/bench/athena_bench.cc, Release, CPU time, 1,000,000 customers): loading the
// stored table takes ~0.8-1.2 s (~1.2M rows/s); a year-bucket query takes ~0.12-0.19 s on the
// stored table and ~0.28 s on the virtual one. Storing pays off from about 8 queries a table,
// and the reference scenario runs 21 (one per year), so stored tables are the default and this
// is opt-in (AthenaTableSource::virtual_table), e.g. for a table queried once or too big to
// hold (8,000,000 stored customers take ~700 MB).

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "simulator/services/athena/athena_types.h"

namespace sim::athena {

// What a virtual generated table needs; owned by whoever registered the module, and alive as
// long as the connection.
struct GeneratedTableSpec {
  std::vector<std::pair<std::string, ColumnType>> columns;
  int64_t rows = 0;
  // Fills the text values of row `row` (NULL where is_null[i] is set).
  std::function<void(int64_t row, std::vector<std::string>& values, std::vector<bool>& is_null)>
      generate;
};

// Specs by key; `CREATE VIRTUAL TABLE x USING sfnsim_generated(key)` finds its spec here.
using GeneratedTableRegistry = std::map<std::string, std::unique_ptr<GeneratedTableSpec>>;

constexpr const char* kGeneratedTableModule = "sfnsim_generated";

// Registers the module on `db`; `registry` must outlive the connection.
int RegisterGeneratedTableModule(sqlite3* db, GeneratedTableRegistry* registry);

}  // namespace sim::athena
