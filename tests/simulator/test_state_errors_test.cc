// TestState requests AWS refuses, each answered with AWS's error code and a message naming
// what is wrong. Texts marked "AWS's" are those LocalStack recorded from AWS
// (test_state_mock_validation, test_test_state_machine_scenarios, test_state_context_object,
// test_test_state_scenarios snapshots); the others are sfnsim's (docs/known-differences.md).

#include <gtest/gtest.h>

#include <string>

#include "tests/simulator/test_state_util.h"

namespace {

using sfnsim_test::Refusal;
using sfnsim_test::TestStateRequest;

void ExpectRefused(const asl::Json& request, const std::string& code,
                   const std::string& message_part) {
  sim::TestStateFailure failure = Refusal(request);
  EXPECT_EQ(failure.code, code) << failure.message;
  EXPECT_NE(failure.message.find(message_part), std::string::npos) << failure.message;
}

constexpr const char* kTask =
    R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true})";

TEST(TestStateErrorsTest, MissingOrMalformedDefinition) {
  asl::Json request = TestStateRequest("{}", "{}");
  request.erase("definition");
  ExpectRefused(request, "ValidationException", "'definition'");
  ExpectRefused(TestStateRequest("{\"Type\": ", "{}"), "InvalidDefinition",
                "'definition' member is not valid JSON at line 1");
  ExpectRefused(TestStateRequest("[1]", "{}"), "InvalidDefinition", "must be a JSON object");
  asl::Json typed = TestStateRequest("{}", "{}");
  typed["definition"] = 5;
  ExpectRefused(typed, "SerializationException", "'definition' must be a string");
}

TEST(TestStateErrorsTest, DefinitionErrorsNameThePointerInsideTheState) {
  sim::TestStateFailure failure =
      Refusal(TestStateRequest(R"({"Type":"Pass","InputPath":"not a path","End":true})", "{}"));
  EXPECT_EQ(failure.code, "InvalidDefinition");
  EXPECT_NE(failure.message.find("at /InputPath"), std::string::npos) << failure.message;
  failure = Refusal(TestStateRequest(R"({"Type":"Teleport","End":true})", "{}"));
  EXPECT_EQ(failure.code, "InvalidDefinition");
  EXPECT_NE(failure.message.find("at /Type"), std::string::npos) << failure.message;
  // A whole machine without stateName, and a single state with one.
  ExpectRefused(TestStateRequest(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})", "{}"),
                "InvalidDefinition", "stateName");
  asl::Json request = TestStateRequest(R"({"Type":"Succeed"})", "{}");
  request["stateName"] = "A";
  ExpectRefused(request, "InvalidDefinition", "whole state machine");
}

TEST(TestStateErrorsTest, UnknownOrEmptyStateName) {
  asl::Json request = TestStateRequest(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})", "{}");
  request["stateName"] = "B";
  ExpectRefused(request, "ValidationException", "State not found in definition");  // AWS's
  request["stateName"] = "";
  ExpectRefused(request, "ValidationException",
                "Value at 'stateName' failed to satisfy constraint: Member must have length "
                "greater than or equal to 1");
}

TEST(TestStateErrorsTest, BadInputAndVariables) {
  ExpectRefused(TestStateRequest(R"({"Type":"Pass","End":true})", "{not json"),
                "InvalidExecutionInput", "'input' member is not valid JSON");
  asl::Json request = TestStateRequest(R"({"Type":"Pass","End":true})", "{}");
  request["variables"] = "[1]";
  ExpectRefused(request, "ValidationException", "must be a JSON object");
  request["variables"] = R"({"states":1})";
  ExpectRefused(request, "ValidationException", "invalid variable 'states'");
  request.erase("variables");
  request["inspectionLevel"] = "VERBOSE";
  ExpectRefused(request, "ValidationException",
                "Value 'VERBOSE' at 'inspectionLevel' failed to satisfy constraint: Member must "
                "satisfy enum value set: [INFO, DEBUG, TRACE]");
}

TEST(TestStateErrorsTest, MockOnStatesThatTakeNone) {
  for (const char* type : {"Pass", "Succeed", "Fail"}) {
    std::string definition = std::string(R"({"Type":")") + type + "\"" +
                             (std::string(type) == "Pass" ? R"(,"End":true})" : "}");
    asl::Json request = TestStateRequest(definition, "{}");
    request["mock"] = {{"result", "{}"}};
    ExpectRefused(request, "ValidationException",
                  std::string("State type '") + type +
                      "' is not supported when a mock is specified");  // AWS's
    request["mock"] = {{"errorOutput", {{"error", "E"}, {"cause", "c"}}}};
    ExpectRefused(request, "ValidationException", "is not supported when a mock is specified");
  }
}

TEST(TestStateErrorsTest, MockShape) {
  asl::Json request = TestStateRequest(kTask, "{}");
  request["mock"] = {{"result", "{}"}, {"errorOutput", {{"error", "E"}}}};
  ExpectRefused(request, "ValidationException",
                "A test mock should have only one of the following fields: [result, "
                "errorOutput].");  // AWS's
  request["mock"] = {{"result", "{oops"}};
  ExpectRefused(request, "ValidationException", "'mock.result' member is not valid JSON");
  request["mock"] = {{"result", "{}"}, {"fieldValidationMode", "LOOSE"}};
  ExpectRefused(request, "ValidationException", "[STRICT, PRESENT, NONE]");
  request["mock"] = {{"result", "{}"}};
  request["revealSecrets"] = true;
  ExpectRefused(request, "ValidationException",
                "TestState does not support RevealSecrets when a mock is specified.");  // AWS's
}

TEST(TestStateErrorsTest, MapAndParallelNeedAMock) {
  const char* map = R"({"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true})";
  const char* parallel = R"({"Type":"Parallel","Branches":[{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}],"End":true})";
  for (const char* definition : {map, parallel}) {
    ExpectRefused(TestStateRequest(definition, "[]"), "InvalidDefinition",
                  "TestState API does not support Map or Parallel states. Supported state types "
                  "include: [Task, Wait, Pass, Succeed, Fail, Choice]");  // AWS's
  }
  asl::Json request = TestStateRequest(map, "[1]");
  request["mock"] = {{"result", "{}"}};
  ExpectRefused(request, "ValidationException", "Mocked result must be an array.");  // AWS's
  request = TestStateRequest(parallel, "{}");
  request["mock"] = {{"result", "[1,2]"}};
  ExpectRefused(request, "ValidationException",
                "Mocked result must contain the same number of items as number of Parallel "
                "branches.");  // AWS's
}

TEST(TestStateErrorsTest, UnmockedTaskNeedsRoleAndWorld) {
  asl::Json request = TestStateRequest(kTask, "{}");
  request.erase("roleArn");
  ExpectRefused(request, "ValidationException",
                "RoleArn must be specified when testing a Task state");  // AWS's
  ExpectRefused(TestStateRequest(kTask, "{}"), "ValidationException", "--world");
  // With a mock no role is needed.
  request["mock"] = {{"result", R"({"StatusCode":200})"}};
  EXPECT_EQ(sfnsim_test::Answer(request)["status"], "SUCCEEDED");
  // Callback patterns only with a mock.
  ExpectRefused(TestStateRequest(R"({"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token"}},"End":true})", "{}"),
                "ValidationException", "only when a mock is specified");
}

TEST(TestStateErrorsTest, ContextObjectChecks) {
  asl::Json request = TestStateRequest(kTask, "{}");
  request["mock"] = {{"result", "{}"}};
  auto refused_with = [&](const char* context, const std::string& message) {
    request["context"] = context;
    ExpectRefused(request, "ValidationException", "Invalid Context object provided: " + message);
  };
  // AWS's texts.
  refused_with(R"({"Execution":{"Id":1}})", "Execution.Id must be a string");
  refused_with(R"({"Map":{}})", "'Map' field is not supported when mocking a Context object");
  refused_with(R"({"Execution":{"pokemon":"squirtle"}})", "Field 'pokemon' is not allowed");
  refused_with(R"({"Pokedex":{}})", "Field 'Pokedex' is not allowed");
  refused_with(R"({"Task":{"Token":"abcd123"}})",
               "Context object contains 'Task' when state is not a Task state with a '.sync' or "
               "'.waitForTaskToken' service integration pattern");
}

TEST(TestStateErrorsTest, FieldValidationOfMockedResults) {
  auto refused = [](const char* resource, const char* result, const char* mode) {
    asl::Json request = TestStateRequest(
        std::string(R"({"Type":"Task","Resource":")") + resource + R"(","End":true})", "{}");
    request["mock"] = {{"result", result}, {"fieldValidationMode", mode}};
    return sim::RunTestState(request, sfnsim_test::DefaultTestStateOptions());
  };
  // AWS's texts (test_field_validation_mode snapshots).
  auto answer = refused("arn:aws:states:::events:putEvents", R"({"Entries":{}})", "STRICT");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message, "Mock result schema validation error: Field 'Entries' must be an array");
  answer = refused("arn:aws:states:::events:putEvents", R"({"Entries":[{"EventId":"a"},{"EventId":1}]})", "STRICT");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message, "Mock result schema validation error: Field 'EventId' must be a string");
  answer = refused("arn:aws:states:::states:startExecution", R"({"executionArn":"x"})", "STRICT");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message,
            "Mock result schema validation error: Required field 'ExecutionArn' is missing");
  answer = refused("arn:aws:states:::lambda:invoke", R"({"StatusCode":"200"})", "STRICT");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message, "Mock result schema validation error: Field 'StatusCode' must be a number");
  answer = refused("arn:aws:states:::aws-sdk:s3:getObject", R"({"StorageClass":"SHELF"})", "STRICT");
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().message,
            "Mock result schema validation error: Field 'StorageClass' is not an expected value");
  // PRESENT checks only what is there; NONE nothing; members outside the shape are accepted.
  EXPECT_TRUE(refused("arn:aws:states:::states:startExecution", R"({"executionArn":"x"})", "PRESENT").ok());
  EXPECT_FALSE(refused("arn:aws:states:::states:startExecution", R"({"StartDate":1})", "PRESENT").ok());
  EXPECT_TRUE(refused("arn:aws:states:::states:startExecution", R"({"StartDate":1})", "NONE").ok());
  EXPECT_TRUE(refused("arn:aws:states:::sns:publish", R"({"random":"json"})", "STRICT").ok());
}

}  // namespace
