// The Athena integration over the simulated Athena: startQueryExecution.sync, getQueryResults,
// optimized and AWS SDK outputs and errors, and Athena's API rate quotas.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "simulator/services/athena/athena_model.h"
#include "simulator/services/latency_model.h"
#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::FindEvent;
using sfnsim_test::Keys;
using sfnsim_test::Machine;
using sfnsim_test::Payload;
using sfnsim_test::WorldFromText;
using sfnsim_test::WorldRun;

std::string AthenaWorld(const std::string& extra = "") {
  return R"({"athena":{"databases":["retail"],
      "tables":[{"generator":"customers","database":"retail","rows":50,"seed":3}]})" + extra + "}";
}

std::string Query(const std::string& resource, const std::string& sql,
                  const std::string& next = R"("End":true)") {
  return fmt::format(R"J({{"Type":"Task","Resource":"{}","Parameters":{{"QueryString":"{}",
      "QueryExecutionContext":{{"Database":"retail"}},
      "ResultConfiguration":{{"OutputLocation":"s3://results/"}},"WorkGroup":"primary"}},
      "ResultPath":"$.query",{}}})J",
                     resource, sql, next);
}

TEST(AthenaIntegrationTest, SyncQueryThenResults) {
  WorldRun run(WorldFromText(AthenaWorld()));
  auto machine = Machine(asl::Json::parse(
      R"({"StartAt":"Run","States":{"Run":)" +
      Query("arn:aws:states:::athena:startQueryExecution.sync",
            "SELECT customer_id, email FROM customers ORDER BY customer_id LIMIT 3",
            R"("Next":"Page")") +
      R"(,"Page":{"Type":"Task","Resource":"arn:aws:states:::athena:getQueryResults",
          "Parameters":{"QueryExecutionId.$":"$.query.QueryExecution.QueryExecutionId","MaxResults":1000},
          "ResultPath":"$.page","End":true}}})"));
  run.Run(machine, "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded)
      << run.execution->error().name << " " << run.execution->error().cause;
  asl::Json events = run.Events();
  EXPECT_EQ(sfnsim_test::EventShape(events),
            "1/0 ExecutionStarted, 2/0 TaskStateEntered, 3/2 TaskScheduled, 4/3 TaskStarted, "
            "5/4 TaskSubmitted, 6/5 TaskSucceeded, 7/6 TaskStateExited, 8/7 TaskStateEntered, "
            "9/8 TaskScheduled, 10/9 TaskStarted, 11/10 TaskSucceeded, 12/11 TaskStateExited, "
            "13/12 ExecutionSucceeded");
  // TaskSubmitted: StartQueryExecution's response with the SDK metadata.
  asl::Json submitted = Payload(events[4]["taskSubmittedEventDetails"]["output"]);
  EXPECT_EQ(Keys(submitted), "QueryExecutionId,SdkHttpMetadata,SdkResponseMetadata");
  std::string id = submitted["QueryExecutionId"];
  const asl::Json& headers = submitted["SdkHttpMetadata"]["HttpHeaders"];
  EXPECT_EQ(headers["Content-Type"], "application/x-amz-json-1.1");
  EXPECT_EQ(headers["Content-Length"],
            std::to_string(std::string(R"({"QueryExecutionId":""})").size() + id.size()));
  // TaskSucceeded: the final GetQueryExecution document, without SDK metadata.
  asl::Json done = Payload(events[5]["taskSucceededEventDetails"]["output"]);
  EXPECT_EQ(Keys(done), "QueryExecution");
  EXPECT_EQ(done["QueryExecution"]["Status"]["State"], "SUCCEEDED");
  EXPECT_EQ(done["QueryExecution"]["QueryExecutionId"], id);
  // It arrives when the query completes plus one GetQueryExecution round trip.
  sim::SimTime completion = *run.world->athena()->CompletionTime(id);
  sim::LatencyRange poll = run.world->config().latency.Find("athena", "getQueryExecution");
  int64_t answered = run.execution->stop_time().ms;
  EXPECT_GE(answered, completion.ms + poll.min_ms);
  // The results page: header row first, then the rows.
  const asl::Json& page = run.execution->output()["page"];
  EXPECT_EQ(Keys(page), "ResultSet,SdkHttpMetadata,SdkResponseMetadata,UpdateCount");
  const asl::Json& rows = page["ResultSet"]["Rows"];
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(asl::Dump(rows[0]), R"({"Data":[{"VarCharValue":"customer_id"},{"VarCharValue":"email"}]})");
  EXPECT_EQ(rows[1]["Data"][0]["VarCharValue"], "1");
}

TEST(AthenaIntegrationTest, FailedQueryIsStatesTaskFailed) {
  WorldRun run(WorldFromText(AthenaWorld()));
  run.Run(Machine(asl::Json::parse(
              R"({"StartAt":"Run","States":{"Run":)" +
              Query("arn:aws:states:::athena:startQueryExecution.sync", "SELECT * FROM nope") +
              "}}")),
          "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "States.TaskFailed");
  asl::Json cause = asl::Json::parse(run.execution->error().cause);
  EXPECT_EQ(Keys(cause), "QueryExecution");
  EXPECT_EQ(cause["QueryExecution"]["Status"]["State"], "FAILED");
  EXPECT_THAT(cause["QueryExecution"]["Status"]["StateChangeReason"].get<std::string>(),
              testing::HasSubstr("nope"));
}

TEST(AthenaIntegrationTest, ErrorsAreNamedPerIntegration) {
  WorldRun run(WorldFromText(AthenaWorld()));
  auto machine = Machine(asl::Json::parse(R"({"StartAt":"A","States":{
      "A":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution",
           "Parameters":{"QueryExecutionContext":{"Database":"retail"}},
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.a","Next":"B"}],"Next":"B"},
      "B":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:athena:getQueryExecution",
           "Parameters":{"QueryExecutionId":"00000000-0000-0000-0000-000000000000"},
           "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.b","Next":"C"}],"Next":"C"},
      "C":{"Type":"Pass","End":true}}})"));
  run.Run(machine, "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  const asl::Json& out = run.execution->output();
  EXPECT_EQ(out["a"]["Error"], "Athena.InvalidRequestException");
  EXPECT_THAT(out["a"]["Cause"].get<std::string>(),
              testing::StartsWith("1 validation error detected: Value null at 'queryString' failed "
                                  "to satisfy constraint: Member must not be null (Service: "
                                  "AmazonAthena; Status Code: 400; Error Code: "
                                  "InvalidRequestException; Request ID: "));
  EXPECT_EQ(out["b"]["Error"], "Athena.InvalidRequestException");
  EXPECT_THAT(out["b"]["Cause"].get<std::string>(),
              testing::MatchesRegex(".* \\(Service: Athena, Status Code: 400, Request ID: [0-9a-f-]{36}\\)"));
}

TEST(AthenaIntegrationTest, SdkOutputsArePlain) {
  WorldRun run(WorldFromText(AthenaWorld()));
  auto machine = Machine(asl::Json::parse(
      R"({"StartAt":"Run","States":{"Run":)" +
      Query("arn:aws:states:::aws-sdk:athena:startQueryExecution", "SELECT 1", R"("Next":"Wait")") +
      R"(,"Wait":{"Type":"Wait","Seconds":10,"Next":"Get"},
          "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:athena:getQueryExecution",
                 "Parameters":{"QueryExecutionId.$":"$.query.QueryExecutionId"},
                 "ResultSelector":{"state.$":"$.QueryExecution.Status.State"},"End":true}}})"));
  run.Run(machine, "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kSucceeded);
  asl::Json started = Payload(FindEvent(run.Events(), "TaskSucceeded")["taskSucceededEventDetails"]["output"]);
  EXPECT_EQ(Keys(started), "QueryExecutionId");
  EXPECT_EQ(run.execution->output()["state"], "SUCCEEDED");
}

TEST(AthenaIntegrationTest, ApiRateQuota) {
  WorldRun run(WorldFromText(AthenaWorld(
      R"(,"quotas":{"athena_get_query":{"capacity":1,"refill_per_second":0.01}})")));
  auto machine = Machine(asl::Json::parse(
      R"({"StartAt":"Run","States":{"Run":)" +
      Query("arn:aws:states:::athena:startQueryExecution.sync", "SELECT 1", R"("Next":"P1")") +
      R"(,"P1":{"Type":"Task","Resource":"arn:aws:states:::athena:getQueryResults",
           "Parameters":{"QueryExecutionId.$":"$.query.QueryExecution.QueryExecutionId"},
           "ResultPath":null,"Next":"P2"},
         "P2":{"Type":"Task","Resource":"arn:aws:states:::athena:getQueryResults",
           "Parameters":{"QueryExecutionId.$":"$.query.QueryExecution.QueryExecutionId"},
           "End":true}}})"));
  run.Run(machine, "{}");
  ASSERT_EQ(run.execution->status(), sim::ExecutionStatus::kFailed);
  EXPECT_EQ(run.execution->error().name, "Athena.TooManyRequestsException");
  EXPECT_THAT(run.execution->error().cause,
              testing::StartsWith("Rate exceeded. (Service: AmazonAthena; Status Code: 400; Error "
                                  "Code: TooManyRequestsException; Request ID: "));
  EXPECT_EQ(run.world->Summary()["throttled"]["athena:getQueryResults"], 1);
}

}  // namespace
