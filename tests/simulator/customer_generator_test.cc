// The deterministic customer generator: same seed, same rows; ids in registration order;
// skewed year buckets; rows by index; the table through the Athena model.

#include "simulator/data/customer_generator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

namespace {

using sim::CustomerGenerator;
using sim::CustomerGeneratorConfig;

std::vector<std::string> RowOf(const CustomerGenerator& generator, int64_t index) {
  std::vector<std::string> values;
  generator.Row(index, values);
  return values;
}

TEST(CustomerGeneratorTest, TheSameSeedGivesTheSameRows) {
  CustomerGenerator a({.seed = 42, .rows = 2000});
  CustomerGenerator b({.seed = 42, .rows = 2000});
  CustomerGenerator other({.seed = 43, .rows = 2000});
  int differing_names = 0;
  for (int64_t i = 0; i < 2000; ++i) {
    std::vector<std::string> row = RowOf(a, i);
    EXPECT_EQ(row, RowOf(b, i));
    std::vector<std::string> row_other = RowOf(other, i);
    // Ids and dates depend on the row count only; the seed drives the rest.
    EXPECT_EQ(row[0], row_other[0]);
    EXPECT_EQ(row[1], row_other[1]);
    if (row[3] != row_other[3] || row[4] != row_other[4]) ++differing_names;
  }
  EXPECT_GT(differing_names, 1900);
}

TEST(CustomerGeneratorTest, RowsAreComputedByIndexInAnyOrder) {
  CustomerGenerator generator({.seed = 7, .rows = 100000});
  std::vector<std::string> forward = RowOf(generator, 54321);
  for (int64_t i = 99999; i >= 0; i -= 997) RowOf(generator, i);  // any order, any reuse
  std::vector<std::string> reused = {"stale", "values", "from", "before"};
  generator.Row(54321, reused);
  EXPECT_EQ(reused, forward);
  EXPECT_EQ(reused.size(), 8u);
}

TEST(CustomerGeneratorTest, IdsFollowRegistrationOrderAndValuesAreWellFormed) {
  CustomerGenerator generator;  // the defaults: seed 1, 100,000 rows, 2004..2024
  ASSERT_EQ(generator.rows(), 100000);
  std::string previous_date;
  std::set<std::string> emails;
  std::set<std::string> tiers, countries;
  std::vector<std::string> row;
  int64_t bad_ids = 0, bad_years = 0, decreasing = 0, bad_dates = 0, empty_names = 0,
          bad_emails = 0, duplicate_emails = 0;
  for (int64_t i = 0; i < generator.rows(); ++i) {
    generator.Row(i, row);
    bad_ids += row[0] != std::to_string(i + 1);
    const std::string& date = row[1];
    bad_years += date.substr(0, 4) != row[2];  // registration_year is the date's year
    decreasing += date < previous_date;        // dates never decrease with the id
    previous_date = date;
    int month = std::stoi(date.substr(5, 2)), day = std::stoi(date.substr(8, 2));
    bad_dates += date.size() != 10 || month < 1 || month > 12 || day < 1 || day > 31;
    empty_names += row[3].empty() || row[4].empty();
    bad_emails += row[5].find('@') == std::string::npos;
    duplicate_emails += !emails.insert(row[5]).second;
    countries.insert(row[6]);
    tiers.insert(row[7]);
  }
  EXPECT_EQ(bad_ids, 0);
  EXPECT_EQ(bad_years, 0);
  EXPECT_EQ(decreasing, 0);
  EXPECT_EQ(bad_dates, 0);
  EXPECT_EQ(empty_names, 0);
  EXPECT_EQ(bad_emails, 0);
  EXPECT_EQ(duplicate_emails, 0);
  EXPECT_EQ(RowOf(generator, 0)[1], "2004-01-01");
  EXPECT_EQ(previous_date.substr(0, 4), "2024");
  EXPECT_EQ(tiers, (std::set<std::string>{"bronze", "gold", "platinum", "silver"}));
  EXPECT_EQ(countries.size(), 13u);
}

// Year shares follow growth^(year - 2004), allocated exactly: the documented distribution.
TEST(CustomerGeneratorTest, YearBucketsAreSkewedByGrowth) {
  for (int64_t rows : {int64_t{100000}, CustomerGenerator::kMaxRows}) {
    CustomerGenerator generator({.seed = 1, .rows = rows});
    double total_weight = 0;
    for (int k = 0; k <= 20; ++k) total_weight += std::pow(1.2, k);
    int64_t sum = 0;
    for (int year = 2004; year <= 2024; ++year) {
      double expected = static_cast<double>(rows) * std::pow(1.2, year - 2004) / total_weight;
      EXPECT_LE(std::fabs(static_cast<double>(generator.RowsInYear(year)) - expected), 1.0)
          << year;
      if (year > 2004) {
        EXPECT_GT(generator.RowsInYear(year), generator.RowsInYear(year - 1));
      }
      sum += generator.RowsInYear(year);
    }
    EXPECT_EQ(sum, rows);
    // The last bucket is 1.2^20 = 38 times the first.
    double ratio = static_cast<double>(generator.RowsInYear(2024)) /
                   static_cast<double>(generator.RowsInYear(2004));
    EXPECT_NEAR(ratio, std::pow(1.2, 20), 0.01 * std::pow(1.2, 20));
    EXPECT_EQ(generator.RowsInYear(2003), 0);
    EXPECT_EQ(generator.RowsInYear(2025), 0);
  }
}

TEST(CustomerGeneratorTest, YearCountsMatchTheRows) {
  CustomerGenerator generator({.seed = 3, .rows = 50000});
  std::map<int, int64_t> counted;
  std::map<int, int64_t> first_id;
  for (int64_t i = 0; i < generator.rows(); ++i) {
    int year = std::stoi(RowOf(generator, i)[2]);
    if (counted[year]++ == 0) first_id[year] = i + 1;
  }
  for (int year = 2004; year <= 2024; ++year) {
    EXPECT_EQ(counted[year], generator.RowsInYear(year)) << year;
    EXPECT_EQ(first_id[year], generator.FirstIdOfYear(year)) << year;
  }
}

TEST(CustomerGeneratorTest, RowCountIsClampedAndSmallTablesWork) {
  EXPECT_EQ(CustomerGenerator({.rows = 9000000}).rows(), CustomerGenerator::kMaxRows);
  EXPECT_EQ(CustomerGenerator({.rows = -5}).rows(), 0);
  CustomerGenerator tiny({.seed = 1, .rows = 3});
  int64_t sum = 0;
  for (int year = 2004; year <= 2024; ++year) sum += tiny.RowsInYear(year);
  EXPECT_EQ(sum, 3);
  // Years without rows are skipped: ids 1..3 land in the three largest buckets.
  EXPECT_EQ(RowOf(tiny, 0)[2], "2022");
  EXPECT_EQ(RowOf(tiny, 2)[2], "2024");
}

TEST(CustomerGeneratorTest, TheCustomersTableAnswersTheBucketQuery) {
  auto generator = std::make_shared<const CustomerGenerator>(
      CustomerGeneratorConfig{.seed = 5, .rows = 20000});
  sim::AthenaConfig config;
  config.databases = {"retail"};
  sim::AthenaModel model(config);
  ASSERT_TRUE(model.AddTable(sim::CustomerTableSource(generator)).ok());
  asl::Json request = {
      {"QueryString", "SELECT customer_id, registration_date, email, country, tier FROM "
                      "customers WHERE registration_year = 2007 ORDER BY customer_id"},
      {"QueryExecutionContext", {{"Database", "retail"}}},
      {"ResultConfiguration", {{"OutputLocation", "s3://bucket/"}}}};
  std::string id = model.StartQueryExecution(request, sim::SimTime{0}).value()["QueryExecutionId"];
  auto page = model.GetQueryResults({{"QueryExecutionId", id}}, *model.CompletionTime(id));
  ASSERT_TRUE(page.ok()) << page.error().message;
  const asl::Json& rows = page.value()["ResultSet"]["Rows"];
  ASSERT_EQ(static_cast<int64_t>(rows.size()), generator->RowsInYear(2007) + 1);
  std::vector<std::string> expected = RowOf(*generator, generator->FirstIdOfYear(2007) - 1);
  EXPECT_EQ(asl::Dump(rows[1]),
            asl::Dump(asl::Json{{"Data",
                                 {{{"VarCharValue", expected[0]}},
                                  {{"VarCharValue", expected[1]}},
                                  {{"VarCharValue", expected[5]}},
                                  {{"VarCharValue", expected[6]}},
                                  {{"VarCharValue", expected[7]}}}}}));
  const asl::Json& info = page.value()["ResultSet"]["ResultSetMetadata"]["ColumnInfo"];
  EXPECT_EQ(info[0]["Type"], "integer");
  EXPECT_EQ(info[1]["Type"], "varchar");
}

}  // namespace
