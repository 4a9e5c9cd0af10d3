// The Athena service model: StartQueryExecution's request checks, workgroups, idempotency,
// and the SQL dialect (names, functions, the virtual clock, virtual tables).

#include <gtest/gtest.h>

#include "tests/simulator/athena_test_fixture.h"

namespace athena_test {
namespace {

class AthenaRequestTest : public AthenaFixture {};

// --- StartQueryExecution validation --------------------------------------------------------------

TEST_F(AthenaRequestTest, StartQueryExecutionValidation) {
  asl::Json request = StartRequest("SELECT 1");
  request.erase("QueryString");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: 1 validation error detected: Value null at 'queryString' "
            "failed to satisfy constraint: Member must not be null");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(StartRequest(""), At(0))),
            "InvalidRequestException: 1 validation error detected: Value at 'queryString' "
            "failed to satisfy constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(StartRequest(std::string(262145, ' ')), At(0))),
            "InvalidRequestException: 1 validation error detected: Value at 'queryString' "
            "failed to satisfy constraint: Member must have length less than or equal to 262144");
  request = StartRequest("SELECT 1");
  request["QueryString"] = 7;
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "SerializationException: NUMBER_VALUE can not be converted to a String");
  request = StartRequest("SELECT 1");
  request["QueryExecutionContext"] = "retail";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "SerializationException: Expected null");
  request = StartRequest("SELECT 1");
  request["QueryExecutionContext"]["Database"] = "";
  request["ClientRequestToken"] = "short";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: 2 validation errors detected: Value at "
            "'clientRequestToken' failed to satisfy constraint: Member must have length greater "
            "than or equal to 32; Value at 'queryExecutionContext.database' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1");
  request = StartRequest("SELECT 1");
  request["ClientRequestToken"] = std::string(50, 'a') + "\xE3\x81\x82\xE3\x81\x82" +
                                  std::string(75, 'b');  // 127 characters, 131 bytes
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: clientRequestToken exceeds maximum allowed length 128");
  request = StartRequest("SELECT 1");
  request["WorkGroup"] = "nope";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: WorkGroup is not found.");
  request["WorkGroup"] = "bad name!";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: 1 validation error detected: Value at 'workGroup' failed "
            "to satisfy constraint: Member must satisfy regular expression pattern: "
            "[a-zA-Z0-9._-]{1,128}");
  request = StartRequest("SELECT 1");
  request["ResultConfiguration"]["OutputLocation"] = "results/athena";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: outputLocation is not a valid S3 path.");
  request["ResultConfiguration"]["OutputLocation"] = "s3://";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: outputLocation is not a valid S3 path.");
  request.erase("ResultConfiguration");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(0))),
            "InvalidRequestException: No output location provided. An output location is "
            "required either through the Workgroup result configuration setting or as an API "
            "input.");
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(asl::Json::array(), At(0))),
            "SerializationException: Start of list found where not expected");
  EXPECT_EQ(model_->ActiveQueries(At(0)), 0);
}

TEST_F(AthenaRequestTest, WorkGroupOutputLocations) {
  AthenaConfig config = Config();
  sim::AthenaWorkGroup enforced("enforced");
  enforced.output_location = "s3://wg-bucket/enforced";
  enforced.enforce_configuration = true;
  sim::AthenaWorkGroup fallback("fallback");
  fallback.output_location = "s3://wg-bucket/fallback/";
  config.workgroups = {"primary", enforced, fallback};
  AthenaModel model(config);
  auto location = [&](asl::Json request) {
    auto started = model.StartQueryExecution(request, At(0));
    EXPECT_TRUE(started.ok());
    std::string id = started.value()["QueryExecutionId"];
    std::string out = model.GetQueryExecution(IdRequest(id), At(0))
                          .value()["QueryExecution"]["ResultConfiguration"]["OutputLocation"];
    return out.substr(0, out.size() - id.size() - 4);
  };
  asl::Json request = StartRequest("SELECT 1");
  request["WorkGroup"] = "enforced";
  request["ResultConfiguration"]["OutputLocation"] = "not even a path";  // overridden
  EXPECT_EQ(location(request), "s3://wg-bucket/enforced/");
  request["WorkGroup"] = "fallback";
  request["ResultConfiguration"]["OutputLocation"] = "s3://mine/x";
  EXPECT_EQ(location(request), "s3://mine/x/");
  request.erase("ResultConfiguration");
  EXPECT_EQ(location(request), "s3://wg-bucket/fallback/");
}

TEST_F(AthenaRequestTest, ClientRequestTokenIsIdempotent) {
  asl::Json request = StartRequest("SELECT id FROM numbers");
  request["ClientRequestToken"] = "0123456789abcdef0123456789abcdef";
  std::string id = model_->StartQueryExecution(request, At(0)).value()["QueryExecutionId"];
  // The same call later (even after completion) returns the same query.
  EXPECT_EQ(model_->StartQueryExecution(request, At(10000)).value()["QueryExecutionId"], id);
  request["WorkGroup"] = "primary";  // not compared
  EXPECT_EQ(model_->StartQueryExecution(request, At(10000)).value()["QueryExecutionId"], id);
  request["QueryString"] = "SELECT label FROM numbers";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(10000))),
            "InvalidRequestException: Idempotent parameters do not match");
  request = StartRequest("SELECT id FROM numbers", "RETAIL");
  request["ClientRequestToken"] = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(ErrorOf(model_->StartQueryExecution(request, At(10000))),
            "InvalidRequestException: Idempotent parameters do not match");
  // A rejected call does not consume its token.
  request = StartRequest("SELEC 1");
  request["ClientRequestToken"] = "ffffffffffffffffffffffffffffffff";
  EXPECT_FALSE(model_->StartQueryExecution(request, At(0)).ok());
  request["QueryString"] = "SELECT 1";
  EXPECT_TRUE(model_->StartQueryExecution(request, At(0)).ok());
}

// --- SQL dialect ---------------------------------------------------------------------------------

TEST_F(AthenaRequestTest, UnqualifiedNamesResolveInTheContextDatabase) {
  AthenaTableSource other = NumbersTable("numbers", 3);
  other.database = "default";
  ASSERT_TRUE(model_->AddTable(other).ok());
  auto count = [&](const std::string& sql, const std::string& database) {
    std::string id = model_->StartQueryExecution(StartRequest(sql, database), At(0))
                         .value()["QueryExecutionId"];
    auto page = model_->GetQueryResults(IdRequest(id), Done(id));
    EXPECT_TRUE(page.ok()) << sql;
    return page.value()["ResultSet"]["Rows"][1]["Data"][0]["VarCharValue"].get<std::string>();
  };
  EXPECT_EQ(count("SELECT count(*) FROM numbers", "retail"), "10");
  EXPECT_EQ(count("SELECT count(*) FROM numbers", "default"), "3");
  EXPECT_EQ(count("SELECT count(*) FROM Retail.Numbers", "default"), "10");
  EXPECT_EQ(count("SELECT count(*) FROM awsdatacatalog.retail.numbers", "default"), "10");
  EXPECT_EQ(count("SELECT count(*) FROM \"retail\".\"NUMBERS\"", "default"), "10");
}

TEST_F(AthenaRequestTest, AthenaFunctionsAndTheVirtualClock) {
  std::string id = Start(
      "SELECT year(DATE '2007-03-01'), month('2007-03-01'), day_of_week('2024-01-01'), "
      "mod(7, 3), mod(-7, 3), concat('a', 'b', 'c'), concat('a', NULL), strpos('hello', 'l'), "
      "from_iso8601_date('2020-02-29'), current_date, 'Ab' LIKE 'a%', 7 / 2, 0.1 + 0.2",
      At(86400000));  // the virtual clock says 2023-11-15
  auto page = model_->GetQueryResults(IdRequest(id), Done(id));
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(asl::Dump(page.value()["ResultSet"]["Rows"][1]),
            R"({"Data":[{"VarCharValue":"2007"},{"VarCharValue":"3"},{"VarCharValue":"1"},)"
            R"({"VarCharValue":"1"},{"VarCharValue":"-1"},{"VarCharValue":"abc"},{},)"
            R"({"VarCharValue":"3"},{"VarCharValue":"2020-02-29"},)"
            R"({"VarCharValue":"2023-11-15"},{"VarCharValue":"0"},{"VarCharValue":"3"},)"
            R"({"VarCharValue":"0.30000000000000004"}]})");
  std::string bad = Start("SELECT from_iso8601_date('2020-02-30')", At(0));
  EXPECT_EQ(Status(bad, Done(bad))["StateChangeReason"],
            "INVALID_FUNCTION_ARGUMENT: Invalid format: \"2020-02-30\"");
}

TEST_F(AthenaRequestTest, VirtualGeneratedTablesAnswerLikeStoredOnes) {
  AthenaTableSource lazy = NumbersTable("lazy", 10);
  lazy.virtual_table = true;
  ASSERT_TRUE(model_->AddTable(lazy).ok());
  auto rows = [&](const std::string& sql) {
    std::string id = Start(sql, At(0));
    auto page = model_->GetQueryResults(IdRequest(id), Done(id));
    EXPECT_TRUE(page.ok()) << sql;
    return asl::Dump(page.value()["ResultSet"]);
  };
  EXPECT_EQ(rows("SELECT id, label, half, even FROM lazy WHERE id > 6 ORDER BY id DESC"),
            rows("SELECT id, label, half, even FROM numbers WHERE id > 6 ORDER BY id DESC"));
  std::string id = Start("SELECT * FROM lazy", At(0));
  EXPECT_EQ(model_->Billing(id, Done(id))->data_scanned_bytes, 11 + 51 + 80 + 45);
  // Values are checked on a sample when the table is added.
  AthenaTableSource bad = NumbersTable("bad", 10);
  bad.virtual_table = true;
  bad.generator = [](int64_t row, std::vector<std::string>& values) {
    values = {row == 4 ? "four" : "1", "x", "1.0", "true"};
  };
  EXPECT_EQ(model_->AddTable(bad).error(),
            "table retail.bad row 4: column 'id' (integer): 'four' is not an integer");
}

}  // namespace
}  // namespace athena_test
