#include "simulator/data/table_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>

#include "asl/base/random.h"
#include "simulator/data/customer_generator.h"
#include "simulator/services/athena/athena_types.h"
#include "simulator/services/athena/csv_loader.h"

namespace sim {

namespace {

// The most rows a generated table may declare (as for the customers table).
constexpr int64_t kMaxGeneratedRows = CustomerGenerator::kMaxRows;
// The most distinct values of a skewed column (its cumulative weights are kept in memory).
constexpr int64_t kMaxSkewedValues = 10'000'000;

// Reads an integer member into `out` when present; a problem when it is not an integer in
// [lo, hi].
void ReadInteger(const asl::Json& members, std::string_view key, int64_t lo, int64_t hi,
                 int64_t& out, std::vector<GeneratorProblem>& problems) {
  auto it = members.find(key);
  if (it == members.end()) return;
  if (!it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(hi)) ||
      it->get<int64_t>() < lo || it->get<int64_t>() > hi) {
    problems.push_back({std::string(key), fmt::format("expected an integer from {} to {}", lo, hi)});
    return;
  }
  out = it->get<int64_t>();
}

void ReadNumber(const asl::Json& members, std::string_view key, double lo, double hi,
                double& out, std::vector<GeneratorProblem>& problems) {
  auto it = members.find(key);
  if (it == members.end()) return;
  if (!it->is_number() || it->get<double>() < lo || it->get<double>() > hi) {
    problems.push_back({std::string(key), fmt::format("expected a number from {} to {}", lo, hi)});
    return;
  }
  out = it->get<double>();
}

void ReadName(const asl::Json& members, std::string_view key, std::string& out,
              std::vector<GeneratorProblem>& problems) {
  auto it = members.find(key);
  if (it == members.end()) return;
  bool ok = it->is_string() && !it->get<std::string>().empty();
  if (ok) {
    for (char c : it->get<std::string>()) {
      ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    }
  }
  if (!ok) {
    problems.push_back({std::string(key), "expected a column name (letters, digits and _)"});
    return;
  }
  out = it->get<std::string>();
}

// A value drawn for row `index` of a table seeded with `seed`: independent of every other row.
asl::Random RowRandom(uint64_t seed, int64_t index) {
  return asl::Random(seed ^ (static_cast<uint64_t>(index) * 0xD1B54A32D192ED03ull));
}

// sequence: one integer column, start + index * step.
struct SequenceParams {
  int64_t rows = 0;
  int64_t start = 1;
  int64_t step = 1;
  std::string column = "id";
};

SequenceParams ReadSequence(const asl::Json& m, std::vector<GeneratorProblem>& problems) {
  SequenceParams p;
  ReadInteger(m, "rows", 0, kMaxGeneratedRows, p.rows, problems);
  ReadInteger(m, "start", -(int64_t{1} << 52), int64_t{1} << 52, p.start, problems);
  ReadInteger(m, "step", -(int64_t{1} << 20), int64_t{1} << 20, p.step, problems);
  ReadName(m, "column", p.column, problems);
  return p;
}

class SequenceTable final : public GeneratedTable {
 public:
  explicit SequenceTable(SequenceParams p) : p_(std::move(p)) {}
  std::vector<std::string> Columns() const override { return {p_.column + " BIGINT"}; }
  int64_t rows() const override { return p_.rows; }
  void Row(int64_t index, std::vector<std::string>& values) const override {
    values.resize(1);
    values[0] = std::to_string(p_.start + index * p_.step);
  }

 private:
  SequenceParams p_;
};

// uniform: id 1..rows, and an integer of [min, max], each value equally likely.
struct UniformParams {
  int64_t rows = 0;
  int64_t min = 1;
  int64_t max = 100;
  std::string column = "value";
};

UniformParams ReadUniform(const asl::Json& m, std::vector<GeneratorProblem>& problems) {
  UniformParams p;
  constexpr int64_t kBound = int64_t{1} << 52;
  ReadInteger(m, "rows", 0, kMaxGeneratedRows, p.rows, problems);
  ReadInteger(m, "min", -kBound, kBound, p.min, problems);
  ReadInteger(m, "max", -kBound, kBound, p.max, problems);
  ReadName(m, "column", p.column, problems);
  if (p.min > p.max) problems.push_back({"max", fmt::format("expected at least min ({})", p.min)});
  return p;
}

class UniformTable final : public GeneratedTable {
 public:
  UniformTable(UniformParams p, uint64_t seed) : p_(std::move(p)), seed_(seed) {}
  std::vector<std::string> Columns() const override {
    return {"id BIGINT", p_.column + " BIGINT"};
  }
  int64_t rows() const override { return p_.rows; }
  void Row(int64_t index, std::vector<std::string>& values) const override {
    values.resize(2);
    values[0] = std::to_string(index + 1);
    values[1] = std::to_string(RowRandom(seed_, index).NextInRange(p_.min, p_.max));
  }

 private:
  UniformParams p_;
  uint64_t seed_;
};

// skewed: id 1..rows, and k of 1..values with probability proportional to 1 / k^s (Zipf's law):
// value 1 is the most frequent; s = 0 is uniform.
struct SkewedParams {
  int64_t rows = 0;
  int64_t values = 100;
  double s = 1.0;
  std::string column = "value";
};

SkewedParams ReadSkewed(const asl::Json& m, std::vector<GeneratorProblem>& problems) {
  SkewedParams p;
  ReadInteger(m, "rows", 0, kMaxGeneratedRows, p.rows, problems);
  ReadInteger(m, "values", 1, kMaxSkewedValues, p.values, problems);
  ReadNumber(m, "s", 0, 10, p.s, problems);
  ReadName(m, "column", p.column, problems);
  return p;
}

class SkewedTable final : public GeneratedTable {
 public:
  SkewedTable(SkewedParams p, uint64_t seed) : p_(std::move(p)), seed_(seed) {
    cumulative_.reserve(static_cast<size_t>(p_.values));
    double total = 0;
    for (int64_t k = 1; k <= p_.values; ++k) {
      total += 1.0 / std::pow(static_cast<double>(k), p_.s);
      cumulative_.push_back(total);
    }
  }
  std::vector<std::string> Columns() const override {
    return {"id BIGINT", p_.column + " BIGINT"};
  }
  int64_t rows() const override { return p_.rows; }
  void Row(int64_t index, std::vector<std::string>& values) const override {
    values.resize(2);
    values[0] = std::to_string(index + 1);
    double u = RowRandom(seed_, index).NextDouble() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    int64_t k = std::min<int64_t>(it - cumulative_.begin(), p_.values - 1) + 1;
    values[1] = std::to_string(k);
  }

 private:
  SkewedParams p_;
  uint64_t seed_;
  std::vector<double> cumulative_;  // weights of 1..k, summed
};

// from_csv: a CSV file's records (header row = column names, types inferred as for a CSV
// table), record index % records for row index, so a small sample stands for a large table.
struct CsvParams {
  std::string file;
  int64_t rows = -1;  // -1: the file's records, once
};

CsvParams ReadCsv(const asl::Json& m, std::vector<GeneratorProblem>& problems) {
  CsvParams p;
  auto it = m.find("file");
  if (it == m.end() || !it->is_string() || it->get<std::string>().empty()) {
    problems.push_back({it == m.end() ? "" : "file",
                        it == m.end() ? "from_csv needs \"file\", the CSV file to read"
                                      : "expected the path of a CSV file"});
  } else {
    p.file = it->get<std::string>();
  }
  ReadInteger(m, "rows", 0, kMaxGeneratedRows, p.rows, problems);
  return p;
}

class CsvTable final : public GeneratedTable {
 public:
  CsvTable(athena::CsvFile file, int64_t rows) : file_(std::move(file)), rows_(rows) {
    for (size_t c = 0; c < file_.header.size(); ++c) {
      columns_.push_back(fmt::format("{} {}", file_.header[c],
                                     athena::TypeName(athena::InferColumnType(file_, c).kind)));
    }
  }
  std::vector<std::string> Columns() const override { return columns_; }
  int64_t rows() const override { return rows_; }
  void Row(int64_t index, std::vector<std::string>& values) const override {
    const athena::CsvRecord& record =
        file_.records[static_cast<size_t>(index) % file_.records.size()];
    values.resize(file_.header.size());
    for (size_t c = 0; c < values.size(); ++c) {
      values[c] = c < record.fields.size() ? record.fields[c].text : std::string();
    }
  }

 private:
  athena::CsvFile file_;
  int64_t rows_;
  std::vector<std::string> columns_;
};

// customers: the reference pipeline's table, through the registry.
class CustomerTable final : public GeneratedTable {
 public:
  explicit CustomerTable(CustomerGeneratorConfig config) : generator_(config) {}
  std::vector<std::string> Columns() const override { return CustomerGenerator::Columns(); }
  int64_t rows() const override { return generator_.rows(); }
  void Row(int64_t index, std::vector<std::string>& values) const override {
    generator_.Row(index, values);
  }

 private:
  CustomerGenerator generator_;
};

CustomerGeneratorConfig ReadCustomers(const asl::Json& m,
                                      std::vector<GeneratorProblem>& problems) {
  CustomerGeneratorConfig c;
  int64_t first = c.first_year, last = c.last_year;
  ReadInteger(m, "rows", 0, CustomerGenerator::kMaxRows, c.rows, problems);
  ReadInteger(m, "first_year", 1900, 2100, first, problems);
  ReadInteger(m, "last_year", 1900, 2100, last, problems);
  ReadNumber(m, "yearly_growth", 0.01, 100, c.yearly_growth, problems);
  c.first_year = static_cast<int>(first);
  c.last_year = static_cast<int>(last);
  return c;
}

template <typename Read>
std::function<std::vector<GeneratorProblem>(const GeneratorParams&)> Check(Read read) {
  return [read](const GeneratorParams& params) {
    std::vector<GeneratorProblem> problems;
    read(params.members, problems);
    return problems;
  };
}

using MakeResult = asl::Result<std::shared_ptr<const GeneratedTable>, std::string>;

const std::vector<TableGeneratorEntry>& Registry() {
  static const std::vector<TableGeneratorEntry> entries = [] {
    std::vector<TableGeneratorEntry> e;
    e.push_back({"customers", "customers", {"rows", "first_year", "last_year", "yearly_growth"},
                 Check(ReadCustomers),
                 [](const GeneratorParams& p, uint64_t seed) -> MakeResult {
                   std::vector<GeneratorProblem> ignored;
                   CustomerGeneratorConfig c = ReadCustomers(p.members, ignored);
                   c.seed = seed;
                   return std::shared_ptr<const GeneratedTable>(
                       std::make_shared<CustomerTable>(c));
                 }});
    e.push_back({"from_csv", "", {"file", "rows"}, Check(ReadCsv),
                 [](const GeneratorParams& p, uint64_t) -> MakeResult {
                   std::vector<GeneratorProblem> ignored;
                   CsvParams c = ReadCsv(p.members, ignored);
                   std::filesystem::path path(c.file);
                   if (path.is_relative() && !p.base_dir.empty()) path = p.base_dir / path;
                   auto file = athena::ReadCsvFile(path.string());
                   if (!file.ok()) return asl::Fail(file.error());
                   if (file->records.empty() && c.rows != 0) {
                     return asl::Fail(fmt::format("{}: from_csv needs at least one record",
                                                  path.string()));
                   }
                   int64_t rows = c.rows < 0 ? static_cast<int64_t>(file->records.size()) : c.rows;
                   return std::shared_ptr<const GeneratedTable>(
                       std::make_shared<CsvTable>(std::move(file.value()), rows));
                 }});
    e.push_back({"sequence", "", {"rows", "start", "step", "column"},
                 Check(ReadSequence),
                 [](const GeneratorParams& p, uint64_t) -> MakeResult {
                   std::vector<GeneratorProblem> ignored;
                   return std::shared_ptr<const GeneratedTable>(
                       std::make_shared<SequenceTable>(ReadSequence(p.members, ignored)));
                 }});
    e.push_back({"skewed", "", {"rows", "values", "s", "column"}, Check(ReadSkewed),
                 [](const GeneratorParams& p, uint64_t seed) -> MakeResult {
                   std::vector<GeneratorProblem> ignored;
                   return std::shared_ptr<const GeneratedTable>(
                       std::make_shared<SkewedTable>(ReadSkewed(p.members, ignored), seed));
                 }});
    e.push_back({"uniform", "", {"rows", "min", "max", "column"},
                 Check(ReadUniform),
                 [](const GeneratorParams& p, uint64_t seed) -> MakeResult {
                   std::vector<GeneratorProblem> ignored;
                   return std::shared_ptr<const GeneratedTable>(
                       std::make_shared<UniformTable>(ReadUniform(p.members, ignored), seed));
                 }});
    return e;
  }();
  return entries;
}

}  // namespace

const TableGeneratorEntry* FindTableGenerator(std::string_view name) {
  for (const TableGeneratorEntry& entry : Registry()) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::string TableGeneratorNames() {
  std::string out;
  for (const TableGeneratorEntry& entry : Registry()) {
    if (!out.empty()) out += ", ";
    out += entry.name;
  }
  return out;
}

AthenaTableSource GeneratedTableSource(std::shared_ptr<const GeneratedTable> table,
                                       std::string database, std::string name) {
  AthenaTableSource source;
  source.database = std::move(database);
  source.name = std::move(name);
  source.columns = table->Columns();
  source.generated_rows = table->rows();
  source.generator = [table](int64_t row, std::vector<std::string>& values) {
    table->Row(row, values);
  };
  return source;
}

}  // namespace sim
