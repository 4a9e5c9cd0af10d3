// The SQL a scenario file runs against the tables (published_once / rows, through
// AthenaModel::SelectColumn) is held to reading by Athena's own authorizer: it cannot create a
// file (ATTACH, VACUUM INTO), set a PRAGMA or change the tables, and a second statement is
// refused rather than ignored.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "simulator/services/athena/athena_model.h"

namespace {

namespace fs = std::filesystem;

TEST(SqlAuthorizerTest, ScenarioQueriesOnlyRead) {
  fs::path dir = fs::path(testing::TempDir()) / "sql_authorizer_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "t.csv") << "id\n1\n2\n";
  sim::AthenaConfig config;
  config.databases = {"default", "retail"};
  sim::AthenaModel model(config);
  sim::AthenaTableSource source;
  source.database = "retail";
  source.name = "t";
  source.csv_path = (dir / "t.csv").string();
  ASSERT_TRUE(model.AddTable(source).ok());
  auto read = model.SelectColumn("SELECT id FROM retail.t ORDER BY id");
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(read.value(), (std::vector<std::string>{"1", "2"}));

  const std::string attached = (dir / "attached.db").string();
  const std::string vacuumed = (dir / "vacuumed.db").string();
  for (const std::string& sql :
       {"ATTACH DATABASE '" + attached + "' AS x", "VACUUM INTO '" + vacuumed + "'",
        std::string("PRAGMA writable_schema = 1"), std::string("PRAGMA retail.table_info(t)"),
        std::string("INSERT INTO retail.t VALUES (3)"), std::string("DELETE FROM retail.t"),
        std::string("DROP TABLE retail.t"), std::string("CREATE TABLE retail.u (a INTEGER)"),
        std::string("DETACH DATABASE retail"), std::string("BEGIN")}) {
    auto refused = model.SelectColumn(sql);
    ASSERT_FALSE(refused.ok()) << sql;
    EXPECT_NE(refused.error().find("not authorized"), std::string::npos)
        << sql << ": " << refused.error();
  }
  EXPECT_FALSE(fs::exists(attached));
  EXPECT_FALSE(fs::exists(vacuumed));
  auto two = model.SelectColumn("SELECT id FROM retail.t; DROP TABLE retail.t");
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.error().find("expected one statement"), std::string::npos) << two.error();
  EXPECT_TRUE(model.SelectColumn("SELECT id FROM retail.t;  ").ok());
  // Nothing changed.
  read = model.SelectColumn("SELECT count(*) FROM retail.t");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read.value(), (std::vector<std::string>{"2"}));
  fs::remove_all(dir);
}

}  // namespace
