// The Athena model's building blocks: value printing as Athena prints, declared types,
// statement classification, the SQLite rewrite, positions and page tokens.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "simulator/services/athena/athena_types.h"
#include "simulator/services/athena/query_engine.h"
#include "simulator/services/athena/query_results.h"
#include "simulator/services/athena/sql_text.h"

namespace {

using namespace sim::athena;  // NOLINT: the unit under test

TEST(AthenaSqlTest, DoublesPrintAsJavaDoes) {
  EXPECT_EQ(FormatDouble(1.5), "1.5");
  EXPECT_EQ(FormatDouble(100), "100.0");
  EXPECT_EQ(FormatDouble(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatDouble(1e20), "1.0E20");
  EXPECT_EQ(FormatDouble(1e-7), "1.0E-7");
  EXPECT_EQ(FormatDouble(0.001), "0.001");
  EXPECT_EQ(FormatDouble(0.0001), "1.0E-4");
  EXPECT_EQ(FormatDouble(1e7), "1.0E7");
  EXPECT_EQ(FormatDouble(1234567), "1234567.0");
  EXPECT_EQ(FormatDouble(123456789), "1.23456789E8");
  EXPECT_EQ(FormatDouble(-2.5e-5), "-2.5E-5");
  EXPECT_EQ(FormatDouble(0.0), "0.0");
  EXPECT_EQ(FormatDouble(-0.0), "-0.0");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatDouble(HUGE_VAL), "Infinity");
  EXPECT_EQ(FormatDouble(-HUGE_VAL), "-Infinity");
  EXPECT_EQ(FormatFloat(0.1f), "0.1");
  EXPECT_EQ(FormatDecimal(12.5, 2), "12.50");
}

TEST(AthenaSqlTest, DeclaredTypes) {
  EXPECT_EQ(ParseDeclaredType("INTEGER"), (ColumnType{TypeKind::kInteger, 0, 0}));
  EXPECT_EQ(ParseDeclaredType(" int "), (ColumnType{TypeKind::kInteger, 0, 0}));
  EXPECT_EQ(ParseDeclaredType("TEXT"), (ColumnType{TypeKind::kVarchar, 0, 0}));
  EXPECT_EQ(ParseDeclaredType("string"), (ColumnType{TypeKind::kVarchar, 0, 0}));
  EXPECT_EQ(ParseDeclaredType("varchar(20)"), (ColumnType{TypeKind::kVarchar, 20, 0}));
  EXPECT_EQ(ParseDeclaredType("char(3)"), (ColumnType{TypeKind::kChar, 3, 0}));
  EXPECT_EQ(ParseDeclaredType("decimal"), (ColumnType{TypeKind::kDecimal, 10, 0}));
  EXPECT_EQ(ParseDeclaredType("real"), (ColumnType{TypeKind::kFloat, 0, 0}));
  EXPECT_EQ(ParseDeclaredType("double"), (ColumnType{TypeKind::kDouble, 0, 0}));
  EXPECT_FALSE(ParseDeclaredType("decimal(40,2)"));
  EXPECT_FALSE(ParseDeclaredType("int(3)"));
  EXPECT_FALSE(ParseDeclaredType("varchar(x)"));
  EXPECT_FALSE(ParseDeclaredType("blob"));
  // The SQLite declaration names the type and parses back to it.
  for (const char* declared : {"integer", "bigint", "double", "float", "boolean", "date",
                               "timestamp", "varchar", "varchar(7)", "char(2)", "decimal(9,3)",
                               "tinyint", "smallint"}) {
    ColumnType type = *ParseDeclaredType(declared);
    EXPECT_EQ(ParseDeclaredType(SqliteDeclaration(type)), type) << declared;
  }
  EXPECT_EQ(ColumnInfoPrecision({TypeKind::kVarchar, 0, 0}), 2147483647);
  EXPECT_EQ(ColumnInfoPrecision({TypeKind::kVarchar, 20, 0}), 20);
  EXPECT_EQ(ColumnInfoPrecision({TypeKind::kDecimal, 9, 3}), 9);
  EXPECT_EQ(ColumnInfoScale({TypeKind::kDecimal, 9, 3}), 3);
  EXPECT_EQ(ColumnInfoPrecision({TypeKind::kBoolean, 0, 0}), 0);
  EXPECT_TRUE(ColumnInfoCaseSensitive({TypeKind::kChar, 2, 0}));
  EXPECT_FALSE(ColumnInfoCaseSensitive({TypeKind::kDate, 0, 0}));
}

TEST(AthenaSqlTest, ValuesAreCheckedAndNormalised) {
  StoredValue value;
  std::string error;
  ASSERT_TRUE(ConvertValue({TypeKind::kTimestamp, 0, 0}, "2020-01-31 10:00:00.5", &value, &error));
  EXPECT_EQ(value.text, "2020-01-31 10:00:00.500");
  EXPECT_FALSE(ConvertValue({TypeKind::kDate, 0, 0}, "2021-02-29", &value, &error));
  EXPECT_EQ(error, "'2021-02-29' is not a date (YYYY-MM-DD)");
  ASSERT_TRUE(ConvertValue({TypeKind::kBoolean, 0, 0}, "TRUE", &value, &error));
  EXPECT_EQ(value.integer, 1);
  EXPECT_FALSE(ConvertValue({TypeKind::kBigint, 0, 0}, "1.5", &value, &error));
  EXPECT_EQ(error, "'1.5' is not a bigint");
  ASSERT_TRUE(ConvertValue({TypeKind::kDouble, 0, 0}, "-Infinity", &value, &error));
  EXPECT_EQ(value.real, -HUGE_VAL);
  EXPECT_FALSE(ConvertValue({TypeKind::kSmallint, 0, 0}, "40000", &value, &error));
  EXPECT_EQ(error, "'40000' is out of range for smallint");
}

TEST(AthenaSqlTest, StatementClassification) {
  auto kind = [](std::string_view sql) {
    StatementClass c = ClassifyStatement(sql);
    return c.statement_type + "/" + c.substatement_type + (c.is_select ? "/run" : "");
  };
  EXPECT_EQ(kind("SELECT 1"), "DML/SELECT/run");
  EXPECT_EQ(kind("  -- note\n /* block */ with t AS (SELECT 1) SELECT * FROM t"),
            "DML/SELECT/run");
  EXPECT_EQ(kind("((SELECT 1))"), "DML/SELECT/run");
  EXPECT_EQ(kind("VALUES 1, 2"), "DML/SELECT/run");
  EXPECT_EQ(kind("EXPLAIN SELECT 1"), "DML/EXPLAIN");
  EXPECT_EQ(kind("INSERT INTO t VALUES (1)"), "DML/INSERT");
  EXPECT_EQ(kind("CREATE EXTERNAL TABLE t (x int)"), "DDL/CREATE_TABLE");
  EXPECT_EQ(kind("CREATE TABLE t AS SELECT 1"), "DDL/CREATE_TABLE_AS_SELECT");
  EXPECT_EQ(kind("DROP SCHEMA s"), "DDL/DROP_DATABASE");
  EXPECT_EQ(kind("MSCK REPAIR TABLE t"), "DDL/MSCK_REPAIR_TABLE");
  EXPECT_EQ(kind("SHOW SCHEMAS"), "UTILITY/SHOW_DATABASES");
  EXPECT_EQ(kind("SHOW CREATE TABLE t"), "UTILITY/SHOW_CREATE_TABLE");
  EXPECT_EQ(kind("DESC t"), "UTILITY/DESCRIBE_TABLE");
  auto starts = [](const std::string& text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
  };
  EXPECT_TRUE(starts(ClassifyStatement("\n  FROB x").syntax_error,
                     "line 2:3: mismatched input 'FROB'. Expecting: 'ALTER', "));
  EXPECT_TRUE(starts(ClassifyStatement("  ").syntax_error, "line 1:3: mismatched input '<EOF>'."));
  EXPECT_TRUE(ClassifyStatement("SELECT 1").syntax_error.empty());
}

TEST(AthenaSqlTest, RewriteForSqliteKeepsOffsetsMappable) {
  RewrittenSql plain = RewriteForSqlite("SELECT 1 FROM t WHERE d = DATE '2020-01-01'");
  EXPECT_EQ(plain.text, "SELECT 1 FROM t WHERE d =      '2020-01-01'");
  RewrittenSql catalog = RewriteForSqlite("SELECT * FROM AwsDataCatalog.retail.t, x.y");
  EXPECT_EQ(catalog.text, "SELECT * FROM                retail.t, x.y");
  RewrittenSql keyword = RewriteForSqlite("SELECT x FROM default.t JOIN awsdatacatalog.default.u");
  EXPECT_EQ(keyword.text,
            "SELECT x FROM \"default\".t JOIN                \"default\".u");
  // Offsets after an inserted quote map back to the user's text.
  size_t t_in_rewritten = keyword.text.find(".t") + 1;
  EXPECT_EQ(keyword.OriginalOffset(t_in_rewritten), std::string("SELECT x FROM default.").size());
  EXPECT_EQ(keyword.OriginalOffset(14), 14u);  // the opening quote stands where `default` began
  // Strings and comments are left alone.
  RewrittenSql strings = RewriteForSqlite("SELECT 'DATE ''x''', \"default\" -- DATE 'y'");
  EXPECT_EQ(strings.text, "SELECT 'DATE ''x''', \"default\" -- DATE 'y'");
}

TEST(AthenaSqlTest, PositionsAndNames) {
  std::string_view sql = "SELECT a,\n  \"Bé\".\"Col\" FROM t";
  SqlPosition p = PositionOf(sql, sql.find("FROM"));
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.column, 14);  // characters, not bytes: é is two bytes
  EXPECT_EQ(FindName(sql, "bé.col"), sql.find("\"Bé\""));
  EXPECT_EQ(FindName(sql, "t"), sql.size() - 1);
  EXPECT_EQ(FindName(sql, "col"), sql.find("\"Col\""));
  EXPECT_EQ(FindName("SELECT 'a' FROM x", "a"), std::string_view::npos);
  EXPECT_EQ(TokenAt("SELECT  >= 1", 7), ">=");
  EXPECT_EQ(TokenAt("SELECT", 6), "<EOF>");
}

TEST(AthenaSqlTest, ResultColumnLabels) {
  EXPECT_EQ(ResultColumnLabel("Customer_ID", true, 0), "customer_id");
  EXPECT_EQ(ResultColumnLabel("count(*)", false, 2), "_col2");
  EXPECT_EQ(ResultColumnLabel("Total", false, 1), "total");
  EXPECT_EQ(ResultColumnLabel("NULL", false, 0), "_col0");
  EXPECT_EQ(ResultColumnLabel("1", false, 3), "_col3");
}

TEST(AthenaSqlTest, UserErrorTypes) {
  EXPECT_EQ(UserError("TABLE_NOT_FOUND: x").error_type, 1301);
  EXPECT_EQ(UserError("COLUMN_NOT_FOUND: x").error_type, 1006);
  EXPECT_EQ(UserError("NOT_SUPPORTED: x").error_type, 1200);
  EXPECT_EQ(UserError("GENERIC_USER_ERROR: x").error_type, 1000);
  EXPECT_EQ(UserError("TABLE_NOT_FOUNDX: x").error_type, 1000);
  EXPECT_EQ(UserError("x").error_category, 2);
  EXPECT_FALSE(UserError("x").retryable);
}

TEST(AthenaSqlTest, PageTokensRoundTripAndRejectForgeries) {
  std::string token = EncodePageToken(12345, 999);
  EXPECT_EQ(DecodePageToken(12345, token), 999u);
  EXPECT_EQ(token.size(), 24u);
  EXPECT_FALSE(DecodePageToken(12346, token));  // another query's key
  EXPECT_FALSE(DecodePageToken(12345, token.substr(1)));
  EXPECT_FALSE(DecodePageToken(12345, "not base64!"));
  EXPECT_FALSE(DecodePageToken(12345, ""));
  EXPECT_EQ(DecodePageToken(7, EncodePageToken(7, 0)), 0u);
}

TEST(AthenaSqlTest, ResultTableCells) {
  ResultTable table;
  table.AddColumn({"a", {TypeKind::kBigint, 0, 0}});
  table.AddColumn({"b", {TypeKind::kVarchar, 0, 0}});
  table.AppendCell("1");
  table.AppendNull();
  table.AppendCell("2");
  table.AppendCell("");
  ASSERT_EQ(table.row_count(), 2u);
  EXPECT_TRUE(table.IsNull(0, 1));
  EXPECT_FALSE(table.IsNull(1, 1));
  EXPECT_EQ(table.Cell(1, 1), "");
  table.TransformColumn(0, [](std::string_view text) { return std::string(text) + ".0"; });
  EXPECT_EQ(table.Cell(0, 0), "1.0");
  EXPECT_EQ(table.Cell(1, 0), "2.0");
  EXPECT_TRUE(table.IsNull(0, 1));
  EXPECT_EQ(asl::Dump(ResultPage(table, true, 1, 5, std::nullopt)["ResultSet"]["Rows"]),
            R"([{"Data":[{"VarCharValue":"1.0"},{}]},{"Data":[{"VarCharValue":"2.0"},)"
            R"({"VarCharValue":""}]}])");
}

}  // namespace
