// The Athena service model: the query lifecycle on the virtual clock, result paging, quotas,
// failures, StopQueryExecution, statistics and billing.

#include <gtest/gtest.h>

#include <set>

#include "tests/simulator/athena_test_fixture.h"

namespace athena_test {
namespace {

class AthenaModelTest : public AthenaFixture {};

// --- The reference pipeline's paging ----------------------------------------------------------

TEST_F(AthenaModelTest, PagesA25000RowResultInPagesOf1000WithTheHeaderOnlyOnTheFirst) {
  ASSERT_TRUE(model_->AddTable(NumbersTable("big", 25000)).ok());
  std::string id = Start("SELECT id, label FROM big ORDER BY id", At(0));
  SimTime done = Done(id);
  std::set<int64_t> seen;
  int pages = 0;
  std::optional<std::string> token;
  do {
    asl::Json request = {{"QueryExecutionId", id}, {"MaxResults", 1000}};
    if (token) request["NextToken"] = *token;
    auto page = model_->GetQueryResults(request, done);
    ASSERT_TRUE(page.ok()) << page.error().message;
    const asl::Json& rows = page.value()["ResultSet"]["Rows"];
    ++pages;
    size_t first_data = 0;
    if (pages == 1) {
      ASSERT_EQ(rows.size(), 1000u);  // header + 999 records
      EXPECT_EQ(asl::Dump(rows[0]), R"({"Data":[{"VarCharValue":"id"},{"VarCharValue":"label"}]})");
      first_data = 1;
    } else if (pages <= 25) {
      ASSERT_EQ(rows.size(), 1000u) << "page " << pages;
    } else {
      ASSERT_EQ(rows.size(), 1u);  // 25,000 records + 1 header = 25 full pages + 1 row
    }
    for (size_t i = first_data; i < rows.size(); ++i) {
      int64_t value = std::stoll(rows[i]["Data"][0]["VarCharValue"].get<std::string>());
      EXPECT_TRUE(seen.insert(value).second) << "row " << value << " returned twice";
      EXPECT_EQ(rows[i]["Data"][1]["VarCharValue"], "row-" + std::to_string(value));
    }
    EXPECT_EQ(page.value()["UpdateCount"], 0);
    token.reset();
    if (page.value().contains("NextToken")) token = page.value()["NextToken"].get<std::string>();
  } while (token);
  EXPECT_EQ(pages, 26);
  EXPECT_EQ(seen.size(), 25000u);
  EXPECT_EQ(*seen.begin(), 1);
  EXPECT_EQ(*seen.rbegin(), 25000);
}

TEST_F(AthenaModelTest, AFullLastPageStillCarriesATokenAndTheNextPageIsEmpty) {
  // 9 records + the header = 10 rows: MaxResults 5 gives two full pages, then an empty one.
  ASSERT_TRUE(model_->AddTable(NumbersTable("nine", 9)).ok());
  std::string id = Start("SELECT id FROM nine ORDER BY id", At(0));
  auto first = model_->GetQueryResults({{"QueryExecutionId", id}, {"MaxResults", 5}}, Done(id));
  ASSERT_TRUE(first.ok());
  auto second = model_->GetQueryResults(
      {{"QueryExecutionId", id}, {"MaxResults", 5}, {"NextToken", first.value()["NextToken"]}},
      Done(id));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value()["ResultSet"]["Rows"].size(), 5u);
  ASSERT_TRUE(second.value().contains("NextToken"));
  auto third = model_->GetQueryResults(
      {{"QueryExecutionId", id}, {"MaxResults", 5}, {"NextToken", second.value()["NextToken"]}},
      Done(id));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third.value()["ResultSet"]["Rows"].size(), 0u);
  EXPECT_FALSE(third.value().contains("NextToken"));
}

TEST_F(AthenaModelTest, ResultPageShapeTypesAndNulls) {
  std::string id = Start(
      "SELECT id, label, half, even, NULL AS missing, count(*) OVER () AS n, 1.0E20 * id, "
      "registration FROM numbers CROSS JOIN (SELECT DATE '2007-03-01' AS registration) "
      "WHERE id = 2",
      At(0));
  auto page = model_->GetQueryResults(IdRequest(id), Done(id));
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(asl::Dump(page.value()["ResultSet"]["Rows"]),
            R"([{"Data":[{"VarCharValue":"id"},{"VarCharValue":"label"},{"VarCharValue":"half"},)"
            R"({"VarCharValue":"even"},{"VarCharValue":"missing"},{"VarCharValue":"n"},)"
            R"({"VarCharValue":"_col6"},{"VarCharValue":"registration"}]},)"
            R"({"Data":[{"VarCharValue":"2"},{"VarCharValue":"row-2"},{"VarCharValue":"1.0"},)"
            R"({"VarCharValue":"true"},{},{"VarCharValue":"1"},{"VarCharValue":"2.0E20"},)"
            R"({"VarCharValue":"2007-03-01"}]}])");
  const asl::Json& info = page.value()["ResultSet"]["ResultSetMetadata"]["ColumnInfo"];
  EXPECT_EQ(asl::Dump(info[0]),
            R"({"CaseSensitive":false,"CatalogName":"hive","Label":"id","Name":"id",)"
            R"("Nullable":"UNKNOWN","Precision":10,"Scale":0,"SchemaName":"","TableName":"",)"
            R"("Type":"integer"})");
  EXPECT_EQ(asl::Dump(info[1]),
            R"({"CaseSensitive":true,"CatalogName":"hive","Label":"label","Name":"label",)"
            R"("Nullable":"UNKNOWN","Precision":2147483647,"Scale":0,"SchemaName":"",)"
            R"("TableName":"","Type":"varchar"})");
  EXPECT_EQ(info[2]["Type"], "double");
  EXPECT_EQ(info[2]["Precision"], 17);
  EXPECT_EQ(info[3]["Type"], "boolean");
  EXPECT_EQ(info[4]["Type"], "unknown");
  EXPECT_EQ(info[5]["Type"], "bigint");
  EXPECT_EQ(info[5]["Precision"], 19);
  EXPECT_EQ(info[6]["Type"], "double");
  EXPECT_EQ(info[7]["Type"], "varchar");
  // Field order as the API reference (and Step Functions) show it; no NextToken on a last page.
  std::vector<std::string> keys;
  for (const auto& [key, value] : page.value().items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"ResultSet", "UpdateCount"}));
}

// --- MaxResults and NextToken --------------------------------------------------------------------

TEST_F(AthenaModelTest, MaxResultsBounds) {
  std::string id = Start("SELECT id FROM numbers ORDER BY id", At(0));
  SimTime done = Done(id);
  EXPECT_EQ(ErrorOf(model_->GetQueryResults({{"QueryExecutionId", id}, {"MaxResults", 0}}, done)),
            "InvalidRequestException: 1 validation error detected: Value at 'maxResults' failed "
            "to satisfy constraint: Member must have value greater than or equal to 1");
  EXPECT_EQ(
      ErrorOf(model_->GetQueryResults({{"QueryExecutionId", id}, {"MaxResults", 1001}}, done)),
      "InvalidRequestException: MaxResults is more than maximum allowed length 1000");
  EXPECT_EQ(
      ErrorOf(model_->GetQueryResults({{"QueryExecutionId", id}, {"MaxResults", "1"}}, done)),
      "SerializationException: STRING_VALUE can not be converted to an Integer");
  auto one = model_->GetQueryResults({{"QueryExecutionId", id}, {"MaxResults", 1}}, done);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one.value()["ResultSet"]["Rows"].size(), 1u);  // just the header
  EXPECT_TRUE(one.value().contains("NextToken"));
  auto all = model_->GetQueryResults({{"QueryExecutionId", id}, {"MaxResults", 1000}}, done);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value()["ResultSet"]["Rows"].size(), 11u);
  EXPECT_FALSE(all.value().contains("NextToken"));
  auto by_default = model_->GetQueryResults(IdRequest(id), done);
  ASSERT_TRUE(by_default.ok());
  EXPECT_EQ(by_default.value(), all.value());
}

TEST_F(AthenaModelTest, InvalidNextTokens) {
  std::string id = Start("SELECT id FROM numbers ORDER BY id", At(0));
  std::string other = Start("SELECT id FROM numbers ORDER BY id DESC", At(0));
  SimTime done = std::max(Done(id), Done(other));
  EXPECT_EQ(ErrorOf(model_->GetQueryResults({{"QueryExecutionId", id}, {"NextToken", "abc"}},
                                            done)),
            "InvalidRequestException: Malformed nextPageToken abc");
  auto page = model_->GetQueryResults({{"QueryExecutionId", other}, {"MaxResults", 2}}, done);
  ASSERT_TRUE(page.ok());
  std::string foreign = page.value()["NextToken"];
  EXPECT_EQ(ErrorOf(model_->GetQueryResults({{"QueryExecutionId", id}, {"NextToken", foreign}},
                                            done)),
            "InvalidRequestException: Malformed nextPageToken " + foreign);
  std::string altered = foreign;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(ErrorOf(model_->GetQueryResults({{"QueryExecutionId", other}, {"NextToken", altered}},
                                            done)),
            "InvalidRequestException: Malformed nextPageToken " + altered);
  EXPECT_EQ(ErrorOf(model_->GetQueryResults(
                {{"QueryExecutionId", id}, {"NextToken", ""}, {"MaxResults", 0}}, done)),
            "InvalidRequestException: 2 validation errors detected: Value at 'nextToken' failed "
            "to satisfy constraint: Member must have length greater than or equal to 1; Value at "
            "'maxResults' failed to satisfy constraint: Member must have value greater than or "
            "equal to 1");
  // The token of the right query resumes where the page ended.
  auto next = model_->GetQueryResults(
      {{"QueryExecutionId", other}, {"MaxResults", 2}, {"NextToken", foreign}}, done);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next.value()["ResultSet"]["Rows"][0]["Data"][0]["VarCharValue"], "9");
}

// --- Lifecycle on the virtual clock ------------------------------------------------------------

TEST_F(AthenaModelTest, LifecycleTimesFollowTheDurationModel) {
  std::string id = Start("SELECT id, label FROM numbers WHERE id <= 3 ORDER BY id", At(0));
  // queue 200 ms; engine = planning 100 + base 1500 + 2 us x 10 rows scanned + 1 us x 3 result
  // rows (rounds to 0 ms) = 1600 ms; service 30 ms.
  EXPECT_EQ(Done(id), At(200 + 1600 + 30));
  EXPECT_EQ(*model_->State(id, At(0)), "QUEUED");
  EXPECT_EQ(*model_->State(id, At(199)), "QUEUED");
  EXPECT_EQ(*model_->State(id, At(200)), "RUNNING");
  EXPECT_EQ(*model_->State(id, At(1829)), "RUNNING");
  EXPECT_EQ(*model_->State(id, At(1830)), "SUCCEEDED");

  asl::Json running = model_->GetQueryExecution(IdRequest(id), At(1000)).value();
  EXPECT_EQ(asl::Dump(running["QueryExecution"]["Status"]),
            R"({"State":"RUNNING","SubmissionDateTime":1700000000000})");
  EXPECT_EQ(asl::Dump(running["QueryExecution"]["Statistics"]),
            R"({"DataScannedInBytes":31,"EngineExecutionTimeInMillis":800,)"
            R"("QueryPlanningTimeInMillis":100,"QueryQueueTimeInMillis":200,)"
            R"("ResultReuseInformation":{"ReusedPreviousResult":false},)"
            R"("TotalExecutionTimeInMillis":1000})");

  asl::Json done = model_->GetQueryExecution(IdRequest(id), At(5000)).value();
  // id: 11 bytes of text over 10 rows ("1".."10"), label: 51 ("row-1".."row-10").
  EXPECT_EQ(asl::Dump(done), std::string(R"({"QueryExecution":{)") +
            R"("EngineVersion":{"EffectiveEngineVersion":"Athena engine version 3",)"
            R"("SelectedEngineVersion":"AUTO"},)"
            R"("Query":"SELECT id, label FROM numbers WHERE id <= 3 ORDER BY id",)"
            R"("QueryExecutionContext":{"Database":"retail"},)"
            R"("QueryExecutionId":")" + id + R"(",)"
            R"("ResultConfiguration":{"OutputLocation":"s3://results/athena/)" + id + R"(.csv"},)"
            R"("ResultReuseConfiguration":{"ResultReuseByAgeConfiguration":{"Enabled":false}},)"
            R"("StatementType":"DML",)"
            R"("Statistics":{"DataScannedInBytes":62,"EngineExecutionTimeInMillis":1600,)"
            R"("QueryPlanningTimeInMillis":100,"QueryQueueTimeInMillis":200,)"
            R"("ResultReuseInformation":{"ReusedPreviousResult":false},)"
            R"("ServiceProcessingTimeInMillis":30,"TotalExecutionTimeInMillis":1830},)"
            R"("Status":{"CompletionDateTime":1700000001830,"State":"SUCCEEDED",)"
            R"("SubmissionDateTime":1700000000000},)"
            R"("SubstatementType":"SELECT","WorkGroup":"primary"}})");
}

TEST_F(AthenaModelTest, QueryExecutionIdsAreDeterministicUuids) {
  std::string first = Start("SELECT 1", At(0));
  EXPECT_EQ(first.size(), 36u);
  EXPECT_EQ(first[14], '4');  // version 4
  AthenaModel again(Config());
  auto started = again.StartQueryExecution(StartRequest("SELECT 1"), At(0));
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started.value()["QueryExecutionId"], first);
  AthenaConfig seeded = Config();
  seeded.seed = 7;
  AthenaModel other(seeded);
  EXPECT_NE(other.StartQueryExecution(StartRequest("SELECT 1"), At(0)).value()["QueryExecutionId"],
            first);
}

// --- Failures ------------------------------------------------------------------------------------

TEST_F(AthenaModelTest, MissingTableFailsWithAthenasReason) {
  std::string id = Start("SELECT * FROM nope", At(0));
  // A query that fails analysis runs planning time only.
  EXPECT_EQ(Done(id), At(200 + 100 + 30));
  asl::Json status = Status(id, Done(id));
  EXPECT_EQ(asl::Dump(status),
            R"({"AthenaError":{"ErrorCategory":2,"ErrorMessage":"TABLE_NOT_FOUND: line 1:15: )"
            R"(Table 'awsdatacatalog.retail.nope' does not exist","ErrorType":1301,)"
            R"("Retryable":false},"CompletionDateTime":1700000000330,"State":"FAILED",)"
            R"("StateChangeReason":"TABLE_NOT_FOUND: line 1:15: Table )"
            R"('awsdatacatalog.retail.nope' does not exist","SubmissionDateTime":1700000000000})");
  EXPECT_EQ(model_->Billing(id, Done(id))->billed_bytes, 0);  // failed queries are free
}

TEST_F(AthenaModelTest, AnalysisFailuresNameTrinoErrors) {
  auto reason = [&](const std::string& sql, const std::string& database = "retail") {
    auto started = model_->StartQueryExecution(StartRequest(sql, database), At(0));
    EXPECT_TRUE(started.ok()) << sql;
    std::string id = started.value()["QueryExecutionId"];
    asl::Json status = Status(id, Done(id));
    EXPECT_EQ(status["State"], "FAILED") << sql;
    return status["StateChangeReason"].get<std::string>() + " [" +
           std::to_string(status["AthenaError"]["ErrorType"].get<int>()) + "]";
  };
  EXPECT_EQ(reason("SELECT id,\n  bogus FROM numbers"),
            "COLUMN_NOT_FOUND: line 2:3: Column 'bogus' cannot be resolved or requester is not "
            "authorized to access requested resources [1006]");
  EXPECT_EQ(reason("SELECT numbers.Bogus FROM numbers"),
            "COLUMN_NOT_FOUND: line 1:8: Column 'numbers.bogus' cannot be resolved or requester "
            "is not authorized to access requested resources [1006]");
  EXPECT_EQ(reason("SELECT * FROM elsewhere.numbers"),
            "SCHEMA_NOT_FOUND: line 1:15: Schema 'elsewhere' does not exist [1301]");
  EXPECT_EQ(reason("SELECT * FROM numbers", "nodb"),
            "SCHEMA_NOT_FOUND: line 1:15: Schema 'nodb' does not exist [1301]");
  EXPECT_EQ(reason("SELECT * FROM default.numbers"),
            "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.numbers' does not exist "
            "[1301]");
  EXPECT_EQ(reason("SELECT frobnicate(id) FROM numbers"),
            "FUNCTION_NOT_FOUND: line 1:8: Function 'frobnicate' not registered [1303]");
  EXPECT_EQ(reason("SELECT mod(id, 0) FROM numbers"),
            "DIVISION_BY_ZERO: Division by zero [1001]");
  EXPECT_EQ(reason("CREATE TABLE t (x int)"),
            "NOT_SUPPORTED: sfnsim's Athena model runs SELECT queries only, not CREATE_TABLE "
            "[1200]");
}

TEST_F(AthenaModelTest, SyntaxErrorsAreRejectedAtSubmission) {
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(StartRequest("SELEC 1"), At(0))),
            "InvalidRequestException: line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER', "
            "'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', "
            "'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', "
            "'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', "
            "'TRUNCATE', 'UNLOAD', 'UPDATE', 'USE', <query>");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(StartRequest("SELECT id FORM numbers"), At(0))),
            "InvalidRequestException: line 1:16: mismatched input 'numbers'");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(StartRequest("SELECT id FROM"), At(0))),
            "InvalidRequestException: line 1:15: mismatched input '<EOF>'");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(StartRequest("SELECT 1; SELECT 2"), At(0))),
            "InvalidRequestException: line 1:9: mismatched input ';'");
  // A trailing semicolon is fine; no query was created by the rejected calls.
  Start("SELECT 1;", At(0));
  EXPECT_EQ(model_->ActiveQueries(At(0)), 1);
}

TEST_F(AthenaModelTest, GetQueryResultsBeforeSuccess) {
  std::string id = Start("SELECT id FROM numbers", At(0));
  EXPECT_EQ(ErrorOf(model_->GetQueryResults(IdRequest(id), At(100))),
            "InvalidRequestException: Query has not yet finished. Current state: QUEUED");
  EXPECT_EQ(ErrorOf(model_->GetQueryResults(IdRequest(id), At(300))),
            "InvalidRequestException: Query has not yet finished. Current state: RUNNING");
  std::string failed = Start("SELECT * FROM nope", At(0));
  EXPECT_EQ(ErrorOf(model_->GetQueryResults(IdRequest(failed), Done(failed))),
            "InvalidRequestException: Query did not finish successfully. Final query state: "
            "FAILED");
  // MaxResults' upper bound is checked before the state, the token after it.
  EXPECT_EQ(ErrorOf(model_->GetQueryResults({{"QueryExecutionId", failed}, {"MaxResults", 5000}},
                                            Done(failed))),
            "InvalidRequestException: MaxResults is more than maximum allowed length 1000");
  EXPECT_EQ(ErrorOf(model_->GetQueryResults({{"QueryExecutionId", failed}, {"NextToken", "x"}},
                                            Done(failed))),
            "InvalidRequestException: Query did not finish successfully. Final query state: "
            "FAILED");
  EXPECT_EQ(ErrorOf(model_->GetQueryResults(IdRequest("no-such-id"), At(0))),
            "InvalidRequestException: QueryExecution no-such-id was not found");
  EXPECT_EQ(ErrorOf(model_->GetQueryResults(asl::Json::object(), At(0))),
            "InvalidRequestException: 1 validation error detected: Value null at "
            "'queryExecutionId' failed to satisfy constraint: Member must not be null");
}

// --- Quota ---------------------------------------------------------------------------------------

TEST_F(AthenaModelTest, The26thConcurrentQueryIsRejected) {
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i) ids.push_back(Start("SELECT id FROM numbers", At(i)));
  EXPECT_EQ(model_->ActiveQueries(At(25)), 25);
  auto rejected = model_->StartQueryExecution(StartRequest("SELECT id FROM numbers"), At(25));
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().code, "TooManyRequestsException");
  EXPECT_EQ(rejected.error().http_status, 400);
  EXPECT_EQ(rejected.error().message,
            "You have exceeded the limit for the number of queries you can run concurrently. "
            "Please reduce the number of concurrent queries submitted by this account. Contact "
            "customer support to request a concurrent query limit increase.");
  // Once the first one finishes there is room again.
  SimTime first_done = Done(ids[0]);
  EXPECT_EQ(model_->ActiveQueries(first_done), 24);
  Start("SELECT id FROM numbers", first_done);
}

TEST_F(AthenaModelTest, QueueModeHoldsThe26thQueryUntilASlotFrees) {
  AthenaConfig config = Config();
  config.queue_when_busy = true;
  model_ = std::make_unique<AthenaModel>(config);
  ASSERT_TRUE(model_->AddTable(NumbersTable("numbers", 10)).ok());
  std::vector<std::string> ids;
  for (int i = 0; i < 26; ++i) ids.push_back(Start("SELECT id FROM numbers", At(i)));
  EXPECT_EQ(model_->ActiveQueries(At(25)), 26);
  SimTime first_done = Done(ids[0]);  // 0 + 200 + 1600 + 30
  EXPECT_EQ(first_done, At(1830));
  EXPECT_EQ(*model_->State(ids[25], At(1829)), "QUEUED");
  EXPECT_EQ(*model_->State(ids[25], first_done), "RUNNING");
  EXPECT_EQ(Done(ids[25]), At(1830 + 1630));
  asl::Json stats = model_->GetQueryExecution(IdRequest(ids[25]), Done(ids[25]))
                        .value()["QueryExecution"]["Statistics"];
  EXPECT_EQ(stats["QueryQueueTimeInMillis"], 1830 - 25);
  EXPECT_EQ(stats["TotalExecutionTimeInMillis"], 1830 - 25 + 1630);

  // Stopping a running query frees its slot at once for the first query still queued.
  std::string queued = Start("SELECT id FROM numbers", At(26));  // waits for ids[1] (1831)
  EXPECT_EQ(*model_->State(queued, At(1000)), "QUEUED");
  ASSERT_TRUE(model_->StopQueryExecution(IdRequest(ids[5]), At(1000)).ok());
  EXPECT_EQ(*model_->State(ids[5], At(1000)), "CANCELLED");
  EXPECT_EQ(*model_->State(ids[25], At(1000)), "RUNNING");
  EXPECT_EQ(Done(ids[25]), At(1000 + 1630));
  EXPECT_EQ(*model_->State(queued, At(1000)), "QUEUED");  // now waits for ids[0] (1830)
  EXPECT_EQ(*model_->State(queued, At(1830)), "RUNNING");
  EXPECT_EQ(Done(queued), At(1830 + 1630));
}

// --- StopQueryExecution --------------------------------------------------------------------------

TEST_F(AthenaModelTest, StopQueryExecution) {
  std::string id = Start("SELECT id FROM numbers", At(0));
  auto stopped = model_->StopQueryExecution(IdRequest(id), At(1000));
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(stopped.value(), asl::Json::object());
  EXPECT_EQ(Done(id), At(1000));
  asl::Json status = Status(id, At(2000));
  EXPECT_EQ(asl::Dump(status),
            R"({"CompletionDateTime":1700000001000,"State":"CANCELLED",)"
            R"("StateChangeReason":"Query cancelled by user","SubmissionDateTime":1700000000000})");
  EXPECT_EQ(ErrorOf(model_->GetQueryResults(IdRequest(id), At(2000))),
            "InvalidRequestException: Could not find results");
  // Stopping a finished query succeeds and changes nothing.
  std::string finished = Start("SELECT id FROM numbers", At(0));
  ASSERT_TRUE(model_->StopQueryExecution(IdRequest(finished), At(9000)).ok());
  EXPECT_EQ(*model_->State(finished, At(9000)), "SUCCEEDED");
  EXPECT_EQ(ErrorOf(model_->StopQueryExecution(IdRequest("missing"), At(0))),
            "InvalidRequestException: QueryExecution missing was not found");
}

// --- Statistics and billing ----------------------------------------------------------------------

TEST_F(AthenaModelTest, DataScannedCountsTheColumnsAQueryReads) {
  auto scanned = [&](const std::string& sql) {
    std::string id = Start(sql, At(0));
    return model_->Billing(id, Done(id))->data_scanned_bytes;
  };
  // Text bytes over the 10 rows: id 11, label 51, half "0.500000".."5.000000" 80, even 45.
  EXPECT_EQ(scanned("SELECT id FROM numbers"), 11);
  EXPECT_EQ(scanned("SELECT label FROM numbers WHERE id = 1"), 62);
  EXPECT_EQ(scanned("SELECT * FROM numbers"), 11 + 51 + 80 + 45);
  EXPECT_EQ(scanned("SELECT count(*) FROM numbers"), 0);
  EXPECT_EQ(scanned("SELECT 1"), 0);
}

TEST_F(AthenaModelTest, BillingRoundsUpToTheMegabyteWithA10MegabyteMinimum) {
  EXPECT_EQ(AthenaModel::BilledBytes(0), 10 * 1048576);
  EXPECT_EQ(AthenaModel::BilledBytes(10 * 1048576 + 1), 11 * 1048576);
  EXPECT_EQ(AthenaModel::BilledBytes(int64_t{1} << 40), int64_t{1} << 40);
  std::string id = Start("SELECT id FROM numbers", At(0));
  sim::AthenaBilling billing = *model_->Billing(id, Done(id));
  EXPECT_EQ(billing.data_scanned_bytes, 11);
  EXPECT_EQ(billing.billed_bytes, 10 * 1048576);
  EXPECT_DOUBLE_EQ(billing.cost_usd, 10.0 * 1048576 / 1099511627776.0 * 5.0);
  std::string failed = Start("SELECT * FROM nope", At(0));
  sim::AthenaBilling total = model_->TotalBilling(At(100000));
  EXPECT_EQ(total.billed_bytes, 10 * 1048576);
  EXPECT_EQ(model_->Billing(failed, At(100000))->cost_usd, 0);
}

}  // namespace
}  // namespace athena_test
