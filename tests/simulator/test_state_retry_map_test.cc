// TestState's error handling (RETRIABLE with the back-off, CAUGHT_ERROR, FAILED), mocked Map
// and Parallel states with stateConfiguration, and an unmocked Task served by a world.
// Expected figures: LocalStack's AWS-validated test_state_configuration snapshots where they
// exist; otherwise the developer guide's back-off rule (IntervalSeconds × BackoffRate^n,
// capped by MaxDelaySeconds).

#include <gtest/gtest.h>

#include <string>

#include "tests/simulator/test_state_util.h"
#include "tests/simulator/world_test_util.h"

namespace {

using sfnsim_test::Answer;
using sfnsim_test::JsonMember;
using sfnsim_test::JsonText;
using sfnsim_test::TestStateRequest;

constexpr const char* kRetryingTask = R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
    "Parameters":{"FunctionName":"f"},
    "Retry":[{"ErrorEquals":["Other"],"MaxAttempts":5},
             {"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":2,"BackoffRate":3,
              "MaxAttempts":3,"MaxDelaySeconds":10}],
    "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handle"}],
    "End":true})";

asl::Json MockedFailure(const std::string& definition, int retries, const char* level = "DEBUG") {
  asl::Json request = TestStateRequest(definition, R"({"a":1})", level);
  request["mock"] = {{"errorOutput",
                      {{"error", "Lambda.TooManyRequestsException"}, {"cause", "Rate exceeded"}}}};
  request["stateConfiguration"] = {{"retrierRetryCount", retries}};
  return Answer(request);
}

TEST(TestStateRetryTest, RetriableWithBackOffUntilAttemptsRunOut) {
  // Retry 1: 2 s; retry 2: 2 × 3 = 6 s; retry 3: 18 s capped at MaxDelaySeconds 10.
  const int64_t expected_backoff[] = {2, 6, 10};
  for (int retries = 0; retries < 3; ++retries) {
    asl::Json answer = MockedFailure(kRetryingTask, retries);
    EXPECT_EQ(answer["status"], "RETRIABLE");
    EXPECT_EQ(answer["error"], "Lambda.TooManyRequestsException");
    EXPECT_EQ(answer["cause"], "Rate exceeded");
    EXPECT_FALSE(answer.contains("output"));
    EXPECT_FALSE(answer.contains("nextState"));
    EXPECT_EQ(answer["inspectionData"]["errorDetails"],
              (asl::Json{{"retryBackoffIntervalSeconds", expected_backoff[retries]},
                         {"retryIndex", 1}}));
  }
  // The retrier's three attempts are spent: the Catch takes the error.
  asl::Json answer = MockedFailure(kRetryingTask, 3);
  EXPECT_EQ(answer["status"], "CAUGHT_ERROR");
  EXPECT_EQ(answer["nextState"], "Handle");
  EXPECT_EQ(answer["inspectionData"]["errorDetails"], JsonText(R"({"catchIndex":0})"));
  EXPECT_EQ(JsonMember(answer, "output"),
            JsonText(R"({"a":1,"error":{"Error":"Lambda.TooManyRequestsException","Cause":"Rate exceeded"}})"));
  // INFO: the status alone, no inspectionData.
  answer = MockedFailure(kRetryingTask, 0, "INFO");
  EXPECT_EQ(answer, JsonText(R"({"cause":"Rate exceeded","error":"Lambda.TooManyRequestsException","status":"RETRIABLE"})"));
}

TEST(TestStateRetryTest, UnhandledErrorFails) {
  const std::string definition =
      R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true})";
  EXPECT_EQ(MockedFailure(definition, 0, "INFO"),
            JsonText(R"({"cause":"Rate exceeded","error":"Lambda.TooManyRequestsException","status":"FAILED"})"));
}

TEST(TestStateRetryTest, FullJitterIsSeededAndBounded) {
  const std::string definition = R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName":"f"},"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":100,
      "BackoffRate":2,"MaxAttempts":10,"JitterStrategy":"FULL"}],"End":true})";
  asl::Json first = MockedFailure(definition, 2);
  int64_t backoff = first["inspectionData"]["errorDetails"]["retryBackoffIntervalSeconds"];
  EXPECT_GE(backoff, 0);
  EXPECT_LE(backoff, 400);
  EXPECT_EQ(MockedFailure(definition, 2).dump(), first.dump());  // same seed, same answer
}

constexpr const char* kJsonataMapRetry = R"({"Type":"Map","QueryLanguage":"JSONata",
    "Items":"{% $states.input.Values %}",
    "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
      "StartAt":"TestState","States":{"TestState":{"Type":"Task",
        "Resource":"arn:aws:lambda:us-east-1:123456789012:function:hello","End":true}}},
    "Retry":[{"ErrorEquals":["MockException"],"MaxAttempts":3},
             {"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"MaxAttempts":2}],
    "ToleratedFailureCount":1,"End":true})";

TEST(TestStateMapTest, IterationFailuresAgainstTheThreshold) {
  // test_map_state_failure_count[DEBUG-BASE_MAP_STATE_RETRY].
  asl::Json request =
      TestStateRequest(kJsonataMapRetry, R"({"Values":["first","second","third"]})", "DEBUG");
  request["mock"] = {{"result", "[1,1,1]"}};
  request["stateConfiguration"] = {{"mapIterationFailureCount", 1}};
  EXPECT_EQ(Answer(request), JsonText(R"({"inspectionData":{
      "input":"{\"Values\":[\"first\",\"second\",\"third\"]}","maxConcurrency":0,
      "toleratedFailureCount":1},"output":"[1,1,1]","status":"SUCCEEDED"})"));
  request["stateConfiguration"] = {{"mapIterationFailureCount", 2}};
  EXPECT_EQ(Answer(request), JsonText(R"({"cause":"The specified tolerated failure threshold was exceeded",
      "error":"States.ExceedToleratedFailureThreshold","inspectionData":{
      "errorDetails":{"retryBackoffIntervalSeconds":1,"retryIndex":1},
      "input":"{\"Values\":[\"first\",\"second\",\"third\"]}","maxConcurrency":0,
      "toleratedFailureCount":1},"status":"RETRIABLE"})"));
  // A mocked error is reported even with the failures over the threshold.
  request["mock"] = {{"errorOutput", {{"error", "Other"}, {"cause", "Mock the error cause."}}}};
  EXPECT_EQ(Answer(request)["error"], "Other");
}

TEST(TestStateMapTest, JsonPathMapInspection) {
  const std::string definition = R"J({"Type":"Map","InputPath":"$.in","ItemsPath":"$.Values",
      "ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
        "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "MaxConcurrency":1,"ToleratedFailurePercentage":50,
      "ResultSelector":{"n.$":"States.ArrayLength($)"},"ResultPath":"$.out","End":true})J";
  asl::Json request = TestStateRequest(definition, R"({"in":{"Values":["a","b"]}})", "DEBUG");
  request["mock"] = {{"result", R"(["A","B"])"}};
  asl::Json answer = Answer(request);
  const asl::Json& data = answer["inspectionData"];
  EXPECT_EQ(JsonMember(data, "afterInputPath"), JsonText(R"({"Values":["a","b"]})"));
  EXPECT_EQ(JsonMember(data, "afterItemsPath"), JsonText(R"(["a","b"])"));
  EXPECT_EQ(JsonMember(data, "afterItemSelector"), JsonText(R"([{"v":"a","i":0},{"v":"b","i":1}])"));
  EXPECT_EQ(data["maxConcurrency"], 1);
  EXPECT_EQ(data["toleratedFailurePercentage"], 50.0);
  EXPECT_EQ(JsonMember(data, "afterResultSelector"), JsonText(R"({"n":2})"));
  EXPECT_EQ(JsonMember(answer, "output"), JsonText(R"({"in":{"Values":["a","b"]},"out":{"n":2}})"));
  EXPECT_FALSE(data.contains("result"));
  // One failure of two is within 50 %; two are not.
  request["stateConfiguration"] = {{"mapIterationFailureCount", 1}};
  EXPECT_EQ(Answer(request)["status"], "SUCCEEDED");
  request["stateConfiguration"] = {{"mapIterationFailureCount", 2}};
  EXPECT_EQ(Answer(request)["error"], "States.ExceedToleratedFailureThreshold");
}

TEST(TestStateMapTest, ItemsThatAreNotAnArray) {
  // test_state_map_context_object[ALL]: AWS's cause names the path as read from "$$".
  const std::string definition = R"({"Type":"Map","ItemsPath":"$$",
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true})";
  asl::Json request = TestStateRequest(definition, R"(["fire","electricity","grass"])", "TRACE");
  request["mock"] = {{"result", "[]"}};
  asl::Json answer = Answer(request);
  EXPECT_EQ(answer["status"], "FAILED") << answer.dump();
  EXPECT_EQ(answer["error"], "States.Runtime");
  EXPECT_EQ(answer["cause"], "Reference path \"$\" must point to array.");
}

TEST(TestStateMapTest, ErrorCausedByStateMustBeInside) {
  asl::Json request = TestStateRequest(kJsonataMapRetry, R"({"Values":[1]})");
  request["mock"] = {{"errorOutput", {{"error", "MockException"}, {"cause", "c"}}}};
  request["stateConfiguration"] = {{"errorCausedByState", "TestState"}, {"retrierRetryCount", 3}};
  EXPECT_EQ(Answer(request), JsonText(R"({"cause":"c","error":"MockException","status":"FAILED"})"));
  request["stateConfiguration"] = {{"errorCausedByState", "Elsewhere"}};
  sim::TestStateFailure failure = sfnsim_test::Refusal(request);
  EXPECT_EQ(failure.code, "ValidationException");
  EXPECT_NE(failure.message.find("'Elsewhere'"), std::string::npos) << failure.message;
}

TEST(TestStateParallelTest, MockedBranchResults) {
  const std::string definition = R"({"Type":"Parallel","Branches":[
      {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
      {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],
      "ResultSelector":{"first.$":"$[0]"},"Next":"After"})";
  asl::Json request = TestStateRequest(definition, R"({"x":1})", "DEBUG");
  request["mock"] = {{"result", R"([{"a":1},{"b":2}])"}};
  asl::Json answer = Answer(request);
  EXPECT_EQ(answer["nextState"], "After");
  EXPECT_EQ(JsonMember(answer, "output"), JsonText(R"({"first":{"a":1}})"));
  EXPECT_EQ(JsonMember(answer["inspectionData"], "afterParameters"), JsonText(R"({"x":1})"));
}

TEST(TestStateWorldTest, UnmockedTaskCallsTheWorld) {
  sim::WorldConfig world =
      sfnsim_test::WorldFromText(R"({"sqs":{"queues":[{"name":"jobs"}]}})");
  sim::TestStateOptions options = sfnsim_test::DefaultTestStateOptions();
  options.world = &world;
  const std::string definition = R"({"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
      "Parameters":{"QueueUrl.$":"$.queue","MessageBody":"hello"},
      "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Failed"}],
      "ResultSelector":{"id.$":"$.MessageId"},"ResultPath":"$.sent","Next":"Done"})";
  asl::Json answer = Answer(
      TestStateRequest(definition,
                       R"({"queue":"https://sqs.us-east-1.amazonaws.com/123456789012/jobs"})",
                       "DEBUG"),
      options);
  EXPECT_EQ(answer["status"], "SUCCEEDED");
  EXPECT_EQ(answer["nextState"], "Done");
  asl::Json result = JsonMember(answer["inspectionData"], "result");
  EXPECT_TRUE(result.contains("MessageId")) << result.dump();
  EXPECT_TRUE(result.contains("MD5OfMessageBody")) << result.dump();
  EXPECT_EQ(JsonMember(answer, "output")["sent"]["id"], result["MessageId"]);
  // A queue the world does not have: the service's error, caught.
  answer = Answer(
      TestStateRequest(definition,
                       R"({"queue":"https://sqs.us-east-1.amazonaws.com/123456789012/nope"})"),
      options);
  EXPECT_EQ(answer["status"], "CAUGHT_ERROR");
  EXPECT_EQ(answer["nextState"], "Failed");
  EXPECT_EQ(answer["error"].get<std::string>().rfind("SQS.", 0), 0u) << answer.dump();
}

}  // namespace
