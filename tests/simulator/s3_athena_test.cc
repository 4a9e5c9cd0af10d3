// Athena writes a succeeded query's result files into the world's S3: the CSV as Athena writes
// it, its metadata, the output bucket check, the enforced workgroup location, and the cost of a
// 100,000-row result.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>

#include "simulator/services/athena/result_files.h"
#include "simulator/services/s3/s3_service.h"
#include "tests/simulator/world_test_util.h"

namespace {

using asl::Json;
using sfnsim_test::Machine;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

std::string World(const std::string& buckets, int64_t rows = 50, const std::string& extra = "") {
  return fmt::format(R"({{"athena":{{"databases":["retail"],
      "tables":[{{"generator":"customers","database":"retail","rows":{},"seed":3}}]{}}},
      "s3":{{"buckets":{}}}}})",
                     rows, extra, buckets);
}

std::shared_ptr<const asl::StateMachine> QueryMachine(const std::string& sql,
                                                      const std::string& location,
                                                      const std::string& workgroup = "primary") {
  return Machine(Json{
      {"StartAt", "Run"},
      {"States",
       {{"Run",
         {{"Type", "Task"},
          {"Resource", "arn:aws:states:::athena:startQueryExecution.sync"},
          {"Parameters",
           {{"QueryString", sql},
            {"QueryExecutionContext", {{"Database", "retail"}}},
            {"ResultConfiguration", {{"OutputLocation", location}}},
            {"WorkGroup", workgroup}}},
          {"End", true}}}}}});
}

std::string QueryId(WorldRun& run) {
  return run.execution->output()["QueryExecution"]["QueryExecutionId"].get<std::string>();
}

TEST(S3Athena, ASucceededQueryWritesItsCsvAndMetadata) {
  WorldRun run(WorldFromText(World(R"([{"name":"results"}])")));
  run.Run(QueryMachine("SELECT customer_id, email, NULL AS absent, 'say \"hi\"' AS quoted "
                       "FROM customers ORDER BY customer_id LIMIT 2",
                       "s3://results/athena/"),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded)
      << run.execution->error().cause;
  std::string id = QueryId(run);
  EXPECT_EQ(run.execution->output()["QueryExecution"]["ResultConfiguration"]["OutputLocation"],
            "s3://results/athena/" + id + ".csv");
  sim::s3::Store* store = run.world->s3_store();
  const sim::s3::Object* csv = store->Get("results", "athena/" + id + ".csv");
  ASSERT_NE(csv, nullptr);
  std::string text(csv->text());
  EXPECT_TRUE(text.starts_with("\"customer_id\",\"email\",\"absent\",\"quoted\"\n")) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
  EXPECT_NE(text.find(",,\"say \"\"hi\"\"\"\n"), std::string::npos) << text;  // NULL, quotes
  EXPECT_EQ(csv->content_type, "text/csv");
  const sim::s3::Object* metadata = store->Get("results", "athena/" + id + ".csv.metadata");
  ASSERT_NE(metadata, nullptr);
  Json facts = Json::parse(metadata->text());
  EXPECT_EQ(facts["Rows"], 2);
  EXPECT_EQ(facts["ColumnInfo"][1]["Name"], "email");
  // Written when the query completed, on the virtual clock.
  EXPECT_EQ(csv->last_modified.ms,
            run.execution->output()["QueryExecution"]["Status"]["CompletionDateTime"]);
}

TEST(S3Athena, AnUndeclaredOutputBucketIsRefused) {
  WorldRun run(WorldFromText(World(R"([{"name":"other"}])")));
  run.Run(QueryMachine("SELECT 1", "s3://results/"), "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "Athena.InvalidRequestException");
  EXPECT_TRUE(run.execution->error().cause.starts_with(
      "Unable to verify/create output bucket results (Service: AmazonAthena;"))
      << run.execution->error().cause;
}

TEST(S3Athena, AnEnforcedWorkgroupLocationWins) {
  WorldRun run(WorldFromText(World(
      R"([{"name":"team-results"}])", 50,
      R"(,"workgroups":[{"name":"team","output_location":"s3://team-results/q",
          "enforce_configuration":true}])")));
  run.Run(QueryMachine("SELECT 1 AS one", "s3://elsewhere/", "team"), "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded)
      << run.execution->error().cause;
  const sim::s3::Object* csv = run.world->s3_store()->Get("team-results", "q/" + QueryId(run) + ".csv");
  ASSERT_NE(csv, nullptr);
  EXPECT_EQ(csv->text(), "\"one\"\n\"1\"\n");
}

TEST(S3Athena, WithoutAnS3SectionNothingIsWrittenAndAnyBucketIsAccepted) {
  WorldRun run(WorldFromText(R"({"athena":{"databases":["retail"],
      "tables":[{"generator":"customers","database":"retail","rows":5,"seed":3}]}})"));
  run.Run(QueryMachine("SELECT 1", "s3://anything/"), "{}");
  EXPECT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  EXPECT_EQ(run.world->s3_store(), nullptr);
}

// 100,000 rows of the customers generator written as CSV: measured with and without S3 (the
// figure is in docs/world.md); the file must hold every row.
TEST(S3Athena, AHundredThousandRowResultIsCheap) {
  auto run_query = [](bool with_s3, std::string* csv_out) {
    std::string world =
        with_s3 ? World(R"([{"name":"results"}])", 100000)
                : R"({"athena":{"databases":["retail"],"tables":[{"generator":"customers",
                     "database":"retail","rows":100000,"seed":3}]}})";
    WorldRun run(WorldFromText(world));
    EXPECT_TRUE(run.Install());
    auto machine = QueryMachine("SELECT * FROM customers", "s3://results/");
    auto start = std::chrono::steady_clock::now();
    run.Start(machine, "{}");
    run.simulation->Run();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
    EXPECT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
    if (with_s3 && run.execution->status() == sim::ExecutionStatus::kSucceeded) {
      const sim::s3::Object* csv = run.world->s3_store()->Get("results", QueryId(run) + ".csv");
      if (csv) *csv_out = std::string(csv->text());
    }
    return ms;
  };
  std::string csv;
  double without = run_query(false, &csv);
  double with = run_query(true, &csv);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 100001);
  RecordProperty("query_ms_without_s3", fmt::format("{:.0f}", without));
  RecordProperty("query_ms_with_s3", fmt::format("{:.0f}", with));
  RecordProperty("csv_bytes", std::to_string(csv.size()));
  std::cout << fmt::format("[ MEASURED ] 100,000-row query: {:.0f} ms without S3, {:.0f} ms with "
                           "the CSV written ({} bytes)\n",
                           without, with, csv.size());
}

}  // namespace
