// Table generators registered by name (simulator/data/table_generator.h) and the world's Athena
// tables that name them.

#include "simulator/data/table_generator.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "simulator/data/customer_generator.h"
#include "simulator/harness/environment.h"
#include "simulator/services/athena/athena_model.h"
#include "tests/simulator/world_test_util.h"

namespace {

std::shared_ptr<const sim::GeneratedTable> Make(const std::string& name, const std::string& json,
                                                uint64_t seed = 1) {
  const sim::TableGeneratorEntry* entry = sim::FindTableGenerator(name);
  EXPECT_NE(entry, nullptr) << name;
  if (entry == nullptr) return nullptr;
  sim::GeneratorParams params;
  params.members = asl::Json::parse(json);
  EXPECT_TRUE(entry->check(params).empty()) << json;
  auto made = entry->make(params, seed);
  EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error());
  return made.ok() ? made.value() : nullptr;
}

std::vector<std::string> Column(const sim::GeneratedTable& table, size_t column) {
  std::vector<std::string> out, row;
  for (int64_t i = 0; i < table.rows(); ++i) {
    table.Row(i, row);
    out.push_back(row[column]);
  }
  return out;
}

std::vector<sim::GeneratorProblem> Problems(const std::string& name, const std::string& json) {
  sim::GeneratorParams params;
  params.members = asl::Json::parse(json);
  return sim::FindTableGenerator(name)->check(params);
}

TEST(TableGeneratorTest, RegisteredByName) {
  EXPECT_EQ(sim::TableGeneratorNames(), "customers, from_csv, sequence, skewed, uniform");
  EXPECT_EQ(sim::FindTableGenerator("zipf"), nullptr);
}

TEST(TableGeneratorTest, Sequence) {
  auto table = Make("sequence", R"({"rows": 4, "start": 10, "step": 3, "column": "n"})");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->Columns(), std::vector<std::string>{"n BIGINT"});
  EXPECT_EQ(Column(*table, 0), (std::vector<std::string>{"10", "13", "16", "19"}));
  // Defaults: id from 1 by 1.
  EXPECT_EQ(Column(*Make("sequence", R"({"rows": 3})"), 0),
            (std::vector<std::string>{"1", "2", "3"}));
}

TEST(TableGeneratorTest, UniformIsSeededAndInRange) {
  const std::string params = R"({"rows": 6000, "min": 1, "max": 6})";
  auto a = Make("uniform", params, 42);
  auto b = Make("uniform", params, 42);
  auto other = Make("uniform", params, 43);
  ASSERT_TRUE(a && b && other);
  EXPECT_EQ(a->Columns(), (std::vector<std::string>{"id BIGINT", "value BIGINT"}));
  std::vector<std::string> values = Column(*a, 1);
  EXPECT_EQ(values, Column(*b, 1));
  EXPECT_NE(values, Column(*other, 1));
  EXPECT_EQ(Column(*a, 0).back(), "6000");
  std::map<std::string, int> counts;
  for (const std::string& v : values) ++counts[v];
  ASSERT_EQ(counts.size(), 6u);  // every face, nothing else
  for (const auto& [face, n] : counts) {
    EXPECT_GE(std::stoi(face), 1);
    EXPECT_LE(std::stoi(face), 6);
    EXPECT_NEAR(n, 1000, 150) << face;
  }
}

TEST(TableGeneratorTest, SkewedFollowsZipfsLaw) {
  auto table = Make("skewed", R"({"rows": 20000, "values": 10, "s": 1})", 7);
  ASSERT_TRUE(table);
  std::map<int, int> counts;
  for (const std::string& v : Column(*table, 1)) ++counts[std::stoi(v)];
  // P(k) = (1/k) / H_10, H_10 = 2.929: 1 about 34 %, 2 about 17 %, 10 about 3.4 %.
  EXPECT_NEAR(counts[1] / 20000.0, 0.3414, 0.02);
  EXPECT_NEAR(counts[2] / 20000.0, 0.1707, 0.02);
  EXPECT_NEAR(counts[10] / 20000.0, 0.0341, 0.01);
  EXPECT_EQ(counts.begin()->first, 1);
  EXPECT_EQ(counts.rbegin()->first, 10);
  // s = 0: every value equally likely.
  std::map<int, int> flat;
  for (const std::string& v : Column(*Make("skewed", R"({"rows": 10000, "values": 4, "s": 0})"),
                                     1)) {
    ++flat[std::stoi(v)];
  }
  for (const auto& [value, n] : flat) EXPECT_NEAR(n, 2500, 250) << value;
}

TEST(TableGeneratorTest, FromCsvRepeatsTheFilesRecords) {
  std::filesystem::path file = std::filesystem::temp_directory_path() / "sfnsim_from_csv.csv";
  {
    std::ofstream out(file);
    out << "sku,price\nA-1,10\nB-2,25\n";
  }
  auto table = Make("from_csv", R"({"file": ")" + file.string() + R"(", "rows": 5})");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->Columns(), (std::vector<std::string>{"sku varchar", "price integer"}));
  EXPECT_EQ(Column(*table, 0), (std::vector<std::string>{"A-1", "B-2", "A-1", "B-2", "A-1"}));
  // Without rows: the file's records, once.
  EXPECT_EQ(Make("from_csv", R"({"file": ")" + file.string() + R"("})")->rows(), 2);
  std::filesystem::remove(file);
  sim::GeneratorParams missing;
  missing.members = {{"file", file.string()}};
  auto made = sim::FindTableGenerator("from_csv")->make(missing, 1);
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.error().find(file.string()), std::string::npos) << made.error();
}

TEST(TableGeneratorTest, CustomersIsOneOfThem) {
  auto table = Make("customers", R"({"rows": 50, "first_year": 2020, "last_year": 2021})", 9);
  ASSERT_TRUE(table);
  sim::CustomerGenerator direct({.seed = 9, .rows = 50, .first_year = 2020, .last_year = 2021});
  EXPECT_EQ(table->Columns(), sim::CustomerGenerator::Columns());
  std::vector<std::string> a, b;
  for (int64_t i = 0; i < 50; ++i) {
    table->Row(i, a);
    direct.Row(i, b);
    EXPECT_EQ(a, b) << i;
  }
}

TEST(TableGeneratorTest, ProblemsNameTheMemberAndWhatWasExpected) {
  auto p = Problems("sequence", R"({"rows": -1, "column": "no spaces"})");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].member, "rows");
  EXPECT_EQ(p[0].message, "expected an integer from 0 to 8000000");
  EXPECT_EQ(p[1].member, "column");
  EXPECT_EQ(p[1].message, "expected a column name (letters, digits and _)");
  p = Problems("uniform", R"({"min": 5, "max": 4})");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].member, "max");
  EXPECT_EQ(p[0].message, "expected at least min (5)");
  p = Problems("skewed", R"({"s": "high"})");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].message, "expected a number from 0 to 10");
  p = Problems("from_csv", "{}");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].member, "");
  EXPECT_EQ(p[0].message, "from_csv needs \"file\", the CSV file to read");
}

// The world's tables name generators; the command line's seed reseeds them.
TEST(TableGeneratorTest, WorldTablesNameGenerators) {
  const std::string world = R"({"athena": {"databases": ["d"], "tables": [
      {"database": "d", "name": "dice", "generator": "uniform", "rows": 20, "min": 1, "max": 6,
       "seed": 3}]}})";
  auto column = [&](std::optional<uint64_t> seed) {
    sim::EnvironmentOptions options;
    options.world = sfnsim_test::WorldFromText(world);
    options.seed = seed;
    auto env = sim::Environment::Create(std::move(options));
    if (!env.ok()) {
      ADD_FAILURE() << env.error();
      return std::vector<std::string>{};
    }
    auto values = (*env)->world()->athena()->SelectColumn("SELECT value FROM d.dice ORDER BY id");
    EXPECT_TRUE(values.ok()) << (values.ok() ? "" : values.error());
    return values.ok() ? values.value() : std::vector<std::string>{};
  };
  std::vector<std::string> own = column(std::nullopt);
  ASSERT_EQ(own.size(), 20u);
  EXPECT_EQ(column(std::nullopt), own);
  EXPECT_NE(column(99), own);
  EXPECT_EQ(column(3), own);  // the file's seed, given on the command line
}

TEST(TableGeneratorTest, TheWorldNamesUnknownGeneratorsAndBadMembers) {
  auto parsed = asl::ParseText(R"({"athena": {"tables": [
      {"name": "t", "generator": "zipf", "rows": 5},
      {"name": "u", "generator": "uniform", "rows": 5, "min": 9, "max": 1}]}})",
                               asl::TextSyntax::kJson);
  ASSERT_TRUE(parsed.ok());
  asl::SourceMap source;
  source.file = "world.json";
  source.lines = parsed->lines;
  auto config = sim::ParseWorld(parsed->value, source, "");
  ASSERT_FALSE(config.ok());
  std::vector<std::string> messages;
  for (const asl::Diagnostic& d : config.error().items()) {
    messages.push_back(d.pointer + ": " + d.message);
  }
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "/athena/tables/0/generator: \"zipf\" is not a table generator "
                          "(customers, from_csv, sequence, skewed, uniform)",
                          "/athena/tables/1/max: expected at least min (9)"}));
}

}  // namespace
