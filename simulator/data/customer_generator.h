#pragma once
// The deterministic customer table of the reference pipeline (docs/pipeline.md):
//
//   customers(customer_id INTEGER, registration_date TEXT 'YYYY-MM-DD',
//             registration_year INTEGER, first_name TEXT, last_name TEXT, email TEXT,
//             country TEXT, tier TEXT)
//
// Customer ids are 1..N in registration order, so registration dates never decrease with the
// id. Registrations grow year on year: year y (first_year..last_year) gets a share of the rows
// proportional to growth^(y - first_year), allocated exactly by largest remainder, so the
// buckets are skewed: with the defaults (2004-2024, growth 1.2) 2004 holds 0.44% of the rows
// and 2024 17.0% (38x more). Within a year, registrations are spread evenly over its days.
// The dates depend only on the row count and the distribution; the seed drives the other
// columns. Row i is computed from (seed, i) alone in O(1), so rows can be produced in any
// order (by index) and the same seed always gives the same rows. No value is NULL.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "simulator/services/athena/athena_model.h"

namespace sim {

struct CustomerGeneratorConfig {
  uint64_t seed = 1;
  int64_t rows = 100000;
  int first_year = 2004;
  int last_year = 2024;
  double yearly_growth = 1.2;  // registrations in year y+1 / registrations in year y
};

class CustomerGenerator {
 public:
  static constexpr int64_t kMaxRows = 8000000;
  static constexpr int kColumnCount = 8;

  // Rows are clamped to [0, kMaxRows]; years to first_year <= last_year.
  explicit CustomerGenerator(CustomerGeneratorConfig config = {});

  int64_t rows() const { return config_.rows; }
  const CustomerGeneratorConfig& config() const { return config_; }

  // The row of 0-based `index` (customer_id index + 1), as text in column order, into
  // `values` (resized to kColumnCount; existing strings are reused).
  void Row(int64_t index, std::vector<std::string>& values) const;

  // Customers registered in `year` (0 outside the range), and the first customer_id of that
  // year (the ids of a year are contiguous).
  int64_t RowsInYear(int year) const;
  int64_t FirstIdOfYear(int year) const;

  // The columns as AthenaTableSource declares them ("customer_id INTEGER", …).
  static std::vector<std::string> Columns();

 private:
  CustomerGeneratorConfig config_;
  std::vector<int64_t> year_start_;  // first row index of each year; one extra entry = rows
};

// The customers table over a generator, in `database`.
AthenaTableSource CustomerTableSource(std::shared_ptr<const CustomerGenerator> generator,
                                      std::string database = "retail");

}  // namespace sim
