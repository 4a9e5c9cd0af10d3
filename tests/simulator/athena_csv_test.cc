// CSV tables for the Athena model: parsing, type inference, declared types, and errors that
// name the file and line.

#include <gtest/gtest.h>

#include <fstream>

#include "simulator/services/athena/athena_model.h"
#include "simulator/services/athena/csv_loader.h"

namespace {

using sim::athena::ColumnType;
using sim::athena::CsvFile;
using sim::athena::InferColumnType;
using sim::athena::ParseCsv;
using sim::athena::TypeKind;

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string ParseError(const std::string& text) {
  auto parsed = ParseCsv(text, "t.csv");
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.error();
}

TEST(AthenaCsvTest, ParsesQuotesNullsAndLineEnds) {
  auto parsed = ParseCsv(
      "\xEF\xBB\xBFId,Name,Note\r\n"
      "1,\"Smith, Ann\",\"said \"\"hi\"\"\"\r\n"
      "2,,\"\"\n"
      "3,\"two\nlines\",x\n"
      "\n"
      "4,last,\n",
      "t.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  const CsvFile& file = parsed.value();
  EXPECT_EQ(file.header, (std::vector<std::string>{"id", "name", "note"}));
  ASSERT_EQ(file.records.size(), 4u);
  EXPECT_EQ(file.records[0].fields[1].text, "Smith, Ann");
  EXPECT_EQ(file.records[0].fields[2].text, "said \"hi\"");
  EXPECT_TRUE(file.records[1].fields[1].is_null);   // empty unquoted: NULL
  EXPECT_FALSE(file.records[1].fields[2].is_null);  // "": the empty string
  EXPECT_EQ(file.records[2].fields[1].text, "two\nlines");
  EXPECT_EQ(file.records[2].line, 4);
  EXPECT_EQ(file.records[3].line, 7);  // after the quoted newline and the blank line
  EXPECT_TRUE(file.records[3].fields[2].is_null);
}

TEST(AthenaCsvTest, ErrorsNameTheFileAndLine) {
  EXPECT_EQ(ParseError(""), "t.csv: empty file: no header row");
  EXPECT_EQ(ParseError("a,b\n1,2\n3\n"), "t.csv:3: expected 2 fields, found 1");
  EXPECT_EQ(ParseError("a,b\n1,2\n3,\"open\n\n"), "t.csv:3: unterminated quoted field");
  EXPECT_EQ(ParseError("a,b\n1,\"x\"y\n"), "t.csv:2: unexpected character after a closing quote");
  EXPECT_EQ(ParseError("a,b\n1,x\"y\n"), "t.csv:2: quote inside an unquoted field");
  EXPECT_EQ(ParseError("a,A\n"), "t.csv:1: duplicate column 'a'");
  EXPECT_EQ(ParseError("a,b c\n"),
            "t.csv:1: column 2 has an invalid name 'b c' (letters, digits and _ only)");
  auto missing = sim::athena::ReadCsvFile("/nonexistent/dir/t.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(), "/nonexistent/dir/t.csv: cannot read: No such file or directory");
}

TEST(AthenaCsvTest, InfersTheNarrowestType) {
  auto parsed = ParseCsv(
      "i,b,d,flag,day,ts,s,nothing\n"
      "1,1,1.5,true,2020-01-31,2020-01-31 10:00:00,x,\n"
      "-2,3000000000,2,FALSE,2020-02-29,2020-01-31 10:00:00.5,7,\n"
      ",,1e3,,,,,\n",
      "t.csv");
  ASSERT_TRUE(parsed.ok());
  auto type = [&](size_t column) { return InferColumnType(parsed.value(), column).kind; };
  EXPECT_EQ(type(0), TypeKind::kInteger);
  EXPECT_EQ(type(1), TypeKind::kBigint);
  EXPECT_EQ(type(2), TypeKind::kDouble);
  EXPECT_EQ(type(3), TypeKind::kBoolean);
  EXPECT_EQ(type(4), TypeKind::kDate);
  EXPECT_EQ(type(5), TypeKind::kTimestamp);
  EXPECT_EQ(type(6), TypeKind::kVarchar);
  EXPECT_EQ(type(7), TypeKind::kVarchar);  // only NULLs
}

TEST(AthenaCsvTest, ColumnDeclarations) {
  auto declared = sim::athena::ParseColumnDeclaration("Amount decimal(10, 2)");
  ASSERT_TRUE(declared.ok());
  EXPECT_EQ(declared->name, "amount");
  EXPECT_EQ(declared->type, (ColumnType{TypeKind::kDecimal, 10, 2}));
  EXPECT_EQ(sim::athena::ParseColumnDeclaration("amount").error(),
            "column 'amount' has no type (expected \"name TYPE\")");
  EXPECT_EQ(sim::athena::ParseColumnDeclaration("amount money").error(),
            "column 'amount' has an unknown type 'money'");
  EXPECT_EQ(sim::athena::ParseColumnDeclaration("a-b int").error(),
            "column 'a-b' has an invalid name (letters, digits and _ only)");
}

class AthenaCsvTableTest : public ::testing::Test {
 protected:
  AthenaCsvTableTest() : model_(Config()) {}
  static sim::AthenaConfig Config() {
    sim::AthenaConfig config;
    config.databases = {"retail"};
    return config;
  }
  sim::AthenaTableSource Csv(const std::string& name, const std::string& text,
                             std::vector<std::string> columns = {}) {
    sim::AthenaTableSource source;
    source.database = "retail";
    source.name = name;
    source.csv_path = WriteFile(name + ".csv", text);
    source.columns = std::move(columns);
    return source;
  }
  sim::AthenaModel model_;
};

TEST_F(AthenaCsvTableTest, LoadsAndQueriesACsvTable) {
  ASSERT_TRUE(model_
                  .AddTable(Csv("orders",
                                "id,amount,placed,note\n1,9.5,2020-01-31,\n"
                                "2,10,2020-02-01,\"rush, fragile\"\n"))
                  .ok());
  asl::Json request = {{"QueryString", "SELECT * FROM orders ORDER BY id"},
                       {"QueryExecutionContext", {{"Database", "retail"}}},
                       {"ResultConfiguration", {{"OutputLocation", "s3://b/"}}}};
  std::string id = model_.StartQueryExecution(request, sim::SimTime{0}).value()["QueryExecutionId"];
  auto page = model_.GetQueryResults({{"QueryExecutionId", id}}, *model_.CompletionTime(id));
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(asl::Dump(page.value()["ResultSet"]["Rows"]),
            R"([{"Data":[{"VarCharValue":"id"},{"VarCharValue":"amount"},)"
            R"({"VarCharValue":"placed"},{"VarCharValue":"note"}]},)"
            R"({"Data":[{"VarCharValue":"1"},{"VarCharValue":"9.5"},)"
            R"({"VarCharValue":"2020-01-31"},{}]},)"
            R"({"Data":[{"VarCharValue":"2"},{"VarCharValue":"10.0"},)"
            R"({"VarCharValue":"2020-02-01"},{"VarCharValue":"rush, fragile"}]}])");
  const asl::Json& info = page.value()["ResultSet"]["ResultSetMetadata"]["ColumnInfo"];
  EXPECT_EQ(info[0]["Type"], "integer");
  EXPECT_EQ(info[1]["Type"], "double");
  EXPECT_EQ(info[2]["Type"], "date");
  EXPECT_EQ(info[3]["Type"], "varchar");
}

TEST_F(AthenaCsvTableTest, DeclaredTypesAreChecked) {
  auto loaded = model_.AddTable(
      Csv("bad", "id,amount\n1,2.5\nx,3\n", {"id INTEGER", "amount DECIMAL(10,2)"}));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error(), ::testing::TempDir() +
                                "/bad.csv:3: column 'id' (integer): 'x' is "
                                "not an integer");
  auto mismatch = model_.AddTable(Csv("names", "id,amount\n1,2\n", {"id INTEGER", "total INT"}));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error(), ::testing::TempDir() +
                                  "/names.csv:1: header column 2 is 'amount', "
                                  "declared 'total'");
  auto count = model_.AddTable(Csv("count", "id,amount\n1,2\n", {"id INTEGER"}));
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.error(), ::testing::TempDir() +
                               "/count.csv:1: the header has 2 columns, 1 are "
                               "declared");
  auto range = model_.AddTable(Csv("range", "small\n1\n300\n", {"small TINYINT"}));
  ASSERT_FALSE(range.ok());
  EXPECT_EQ(range.error(), ::testing::TempDir() +
                               "/range.csv:3: column 'small' (tinyint): "
                               "'300' is out of range for tinyint");
  // A failed load leaves no table behind: the name can be loaded again.
  ASSERT_TRUE(
      model_.AddTable(Csv("bad", "id,amount\n1,2.5\n", {"id INTEGER", "amount DECIMAL(10,2)"}))
          .ok());
  EXPECT_EQ(model_.AddTable(Csv("bad", "id\n1\n")).error(), "table retail.bad already exists");
}

TEST_F(AthenaCsvTableTest, TableSourceErrors) {
  sim::AthenaTableSource source = Csv("x", "a\n1\n");
  source.database = "nowhere";
  EXPECT_EQ(model_.AddTable(source).error(),
            "table nowhere.x: unknown database 'nowhere' (not in AthenaConfig::databases)");
  source.database = "retail";
  source.generator = [](int64_t, std::vector<std::string>&) {};
  EXPECT_EQ(model_.AddTable(source).error(),
            "table retail.x: give either a CSV file or a generator");
  sim::AthenaTableSource generated;
  generated.database = "retail";
  generated.name = "g";
  generated.columns = {"n INTEGER"};
  generated.generated_rows = 5;
  generated.generator = [](int64_t row, std::vector<std::string>& values) {
    values = {row == 3 ? "three" : std::to_string(row)};
  };
  EXPECT_EQ(model_.AddTable(generated).error(),
            "table retail.g row 3: column 'n' (integer): 'three' is not an integer");
  generated.columns = {};
  EXPECT_EQ(model_.AddTable(generated).error(), "table retail.g: no columns declared");
  generated.columns = {"n NUMBER"};
  EXPECT_EQ(model_.AddTable(generated).error(),
            "table retail.g: column 'n' has an unknown type 'NUMBER'");
}

}  // namespace
