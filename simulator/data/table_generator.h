#pragma once
// Table generators, registered by name: what a world's Athena table `generator:` names
// (docs/world.md, "Generated tables"). Each turns the table's own members (rows, seed and its
// parameters) into a GeneratedTable whose row i is computed from (parameters, seed, i) alone,
// so rows come out in any order and the same seed always gives the same rows.
//
//   customers  the reference pipeline's customers (customer_generator.h)
//   sequence   one integer column: start, start + step, …
//   uniform    id, and an integer drawn uniformly from [min, max]
//   skewed     id, and an integer of 1..values drawn with Zipf's law (exponent s)
//   from_csv   a CSV file's records, repeated to `rows`
//
// The world loader calls FindTableGenerator(name) and the entry's Parse with the table's JSON
// object; World::Install calls Make with the seed in force (the command line's, if given).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "simulator/services/athena/athena_model.h"

namespace sim {

// Rows computed on demand: Row must give the same values for the same index every time.
class GeneratedTable {
 public:
  virtual ~GeneratedTable() = default;
  virtual std::vector<std::string> Columns() const = 0;  // "name TYPE", in row order
  virtual int64_t rows() const = 0;
  virtual void Row(int64_t index, std::vector<std::string>& values) const = 0;
};

// A problem with one member of the table's object: the member ("" : the object) and what was
// expected, for the loader to report at its JSON pointer.
struct GeneratorProblem {
  std::string member;
  std::string message;
};

// A generator's parameters as read from the world: checked once at load, made at Install.
struct GeneratorParams {
  asl::Json members = asl::Json::object();  // the generator's members as written
  std::string base_dir;                     // where relative file paths start (the world file's)
};

struct TableGeneratorEntry {
  std::string_view name;
  std::string_view default_table;  // the table's name when the world gives none
  // The members it reads, besides the table's own (database, name, generator, virtual,
  // indexed_columns, columns, seed).
  std::vector<std::string_view> members;
  // Checks the members; the problems found (none: Make will succeed but for file errors).
  std::function<std::vector<GeneratorProblem>(const GeneratorParams&)> check;
  // The table with `seed`. Fails with a message naming the file when a file cannot be read.
  std::function<asl::Result<std::shared_ptr<const GeneratedTable>, std::string>(
      const GeneratorParams&, uint64_t seed)>
      make;
};

// Null when no generator has that name.
const TableGeneratorEntry* FindTableGenerator(std::string_view name);
// Every registered name, in alphabetical order, comma-separated (for messages).
std::string TableGeneratorNames();

// The Athena table over a generated one.
AthenaTableSource GeneratedTableSource(std::shared_ptr<const GeneratedTable> table,
                                       std::string database, std::string name);

}  // namespace sim
