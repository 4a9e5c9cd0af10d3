// The definition parser: the fields of the Pass, Task, Wait, Succeed, Fail and Choice states,
// and the paths and payload templates they share.
// https://states-language.net/spec.html#state-types
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-states.html

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/testutil/parse_helpers.h"

namespace asl {
namespace {

using ::sfnsim_test::AssertParse;
using ::sfnsim_test::OneState;
using ::sfnsim_test::OnlyState;
using ::sfnsim_test::ParseCodes;
using ::sfnsim_test::ParseDiagnostics;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A Task state "S" with `fields` added (a JSON members text, starting with a comma).
std::string Task(std::string_view fields) {
  return OneState(std::string(R"({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                                  "End": true)") + std::string(fields) + "}");
}

// --- Pass ----------------------------------------------------------------------------------

TEST(ParserPassTest, EveryField) {
  auto machine = AssertParse(OneState(R"json({"Type": "Pass", "Comment": "c",
    "InputPath": "$.in", "Parameters": {"a.$": "$.b"}, "ResultPath": "$.out",
    "OutputPath": "$$.Execution", "Next": "T"})json", R"json("T": {"Type": "Succeed"})json"));
  const State& s = OnlyState(machine);
  EXPECT_EQ(s.type, StateType::kPass);
  EXPECT_EQ(s.comment, "c");
  EXPECT_EQ(s.input_path.kind, InputOutputPath::Kind::kPath);
  EXPECT_EQ(s.input_path.path->text(), "$.in");
  EXPECT_EQ(s.output_path.path->text(), "$$.Execution");
  EXPECT_TRUE(s.parameters.has_value());
  EXPECT_EQ(s.result_path.kind, ResultPathField::Kind::kPath);
  EXPECT_EQ(s.result_path.path->text(), "$.out");
}

TEST(ParserPassTest, ResultIsAnyJsonValue) {
  for (const char* result : {"null", "0", "\"text\"", "[1, {}]", "{\"a.$\": \"not a path\"}"}) {
    auto machine = AssertParse(OneState(std::string(R"({"Type": "Pass", "End": true, "Result": )") +
                                        result + "}"));
    ASSERT_TRUE(OnlyState(machine).result.has_value()) << result;
    EXPECT_EQ(*OnlyState(machine).result, Json::parse(result));
  }
}

TEST(ParserPassTest, ParametersBesideResultIsAWarning) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true, "Result": 1,
                                                 "Parameters": {"a": 1}})json")),
              ElementsAre("/States/S/Parameters: Parameters has no effect when Result is "
                          "present: the Pass state's result is Result (warning)"));
}

// --- InputPath, OutputPath, ResultPath -----------------------------------------------------

TEST(ParserPathsTest, InputAndOutputPathsMayBeNullOrAnyPath) {
  auto machine = AssertParse(OneState(R"json({"Type": "Pass", "End": true,
                                  "InputPath": null, "OutputPath": "$..a[?(@.b)]"})json"));
  EXPECT_EQ(OnlyState(machine).input_path.kind, InputOutputPath::Kind::kNull);
  EXPECT_EQ(OnlyState(machine).output_path.kind, InputOutputPath::Kind::kPath);
  EXPECT_EQ(OnlyState(machine).result_path.kind, ResultPathField::Kind::kDefault);
}

TEST(ParserPathsTest, InputAndOutputPathErrors) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                "InputPath": "States.Format('{}', $.a)", "OutputPath": 5})json")),
              ElementsAre("/States/S/InputPath: \"States.Format('{}', $.a)\" is an intrinsic "
                          "function call, but this field takes a path",
                          "/States/S/OutputPath: expected a JSONPath string, got number 5"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                "InputPath": "a.b", "OutputPath": "$.a["})json")),
              ElementsAre("/States/S/InputPath: invalid JSONPath \"a.b\": a path must start "
                          "with '$' at offset 0",
                          "/States/S/OutputPath: invalid JSONPath \"$.a[\": unterminated '[' at "
                          "offset 3"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass", "End": true, "InputPath": "x"})json")),
              ElementsAre("SFN0200"));
}

TEST(ParserPathsTest, ResultPath) {
  auto discard = AssertParse(OneState(R"json({"Type": "Pass", "End": true,
                                              "ResultPath": null})json"));
  EXPECT_EQ(OnlyState(discard).result_path.kind, ResultPathField::Kind::kNull);
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                                                 "ResultPath": "$$.Execution"})json")),
              ElementsAre("/States/S/ResultPath: \"$$.Execution\" refers to the Context object "
                          "($$), which this field cannot use"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                                                 "ResultPath": "$.a[*]"})json")),
              ElementsAre("/States/S/ResultPath: \"$.a[*]\" is not a reference path: a wildcard "
                          "('*') is not allowed (only names and non-negative indexes are)"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                                                 "ResultPath": "$.a[-1]"})json")),
              ElementsAre("/States/S/ResultPath: \"$.a[-1]\" is not a reference path: a "
                          "negative index ([-1]) is not allowed (only names and non-negative "
                          "indexes are)"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                                                 "ResultPath": true})json")),
              ElementsAre("/States/S/ResultPath: expected a reference path string or null, got "
                          "boolean true"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass", "End": true,
                                           "ResultPath": "$..a"})json")),
              ElementsAre("SFN0201"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass", "End": true,
                                           "ResultPath": "$$.a"})json")),
              ElementsAre("SFN0206"));
}

// --- Payload templates ---------------------------------------------------------------------

// Issue 16 (17): AWS accepts any JSON value as Parameters and ResultSelector
// (aws/amazon-states-language-service#83); Credentials stays an object.
TEST(ParserTemplateTest, ParametersAndResultSelectorMayBeAnyValue) {
  for (const char* value : {R"("$.a")", "[]", R"([{"x.$": "$.a"}, 1])", "1", "true", "null"}) {
    auto machine = AssertParse(OneState(std::string(R"({"Type": "Pass", "End": true,
                                                        "Parameters": )") + value + "}"));
    EXPECT_TRUE(OnlyState(machine).parameters.has_value()) << value;
    auto task = AssertParse(OneState(std::string(R"({"Type": "Task", "End": true,
        "Resource": "arn:aws:states:::sns:publish", "Parameters": )") + value +
                                     ", \"ResultSelector\": " + value + "}"));
    EXPECT_TRUE(OnlyState(task).result_selector.has_value()) << value;
  }
  // A ".$" field inside an array is still checked.
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                                                 "Parameters": [{"x.$": "a"}]})json")),
              ElementsAre("/States/S/Parameters/0/x.$: The value for the field 'x.$' must be a "
                          "valid JSONPath or a valid intrinsic function call: 'a' is neither a "
                          "path (starting with '$') nor an intrinsic function call (States.…)"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Task", "End": true,
      "Resource": "arn:aws:states:::sns:publish", "Credentials": ["r"]})json")),
              ElementsAre("/States/S/Credentials: expected an object with \"RoleArn\" or "
                          "\"RoleArn.$\", got array"));
}

TEST(ParserTemplateTest, EveryBadDollarFieldIsReportedAtItsPointer) {
  // statelint's parameter-path-problems.json, plus intrinsic calls.
  EXPECT_THAT(
      ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true, "Parameters": {
        "good1.$": "$.g1", "bad1.$": 23, "bad2.$": "23",
        "f3": {"bad3.$": [1, 2, 3], "good2.$": "$.b[23]",
               "f5": ["f6", {"f7": {"bad4.$": {"f9": 1}, "good3.$": "$$.Execution.Id"}}]},
        "bad5.$": "$.a[", "bad6.$": "States.Formt('x')", "bad7.$": "States.MathAdd(1)",
        "good4.$": "States.Format('{} {}', $.a, States.UUID())"}})json")),
      ElementsAre(
          "/States/S/Parameters/bad1.$: The value for the field 'bad1.$' must be a valid "
          "JSONPath or a valid intrinsic function call: got a number",
          "/States/S/Parameters/bad2.$: The value for the field 'bad2.$' must be a valid "
          "JSONPath or a valid intrinsic function call: '23' is neither a path (starting with "
          "'$') nor an intrinsic function call (States.…)",
          "/States/S/Parameters/f3/bad3.$: The value for the field 'bad3.$' must be a valid "
          "JSONPath or a valid intrinsic function call: got an array",
          "/States/S/Parameters/f3/f5/1/f7/bad4.$: The value for the field 'bad4.$' must be a "
          "valid JSONPath or a valid intrinsic function call: got an object",
          "/States/S/Parameters/bad5.$: The value for the field 'bad5.$' must be a valid "
          "JSONPath or a valid intrinsic function call: unterminated '[' at offset 3",
          "/States/S/Parameters/bad6.$: The value for the field 'bad6.$' must be a valid "
          "JSONPath or a valid intrinsic function call: unknown intrinsic function "
          "'States.Formt' at offset 0 (did you mean 'States.Format'?)",
          "/States/S/Parameters/bad7.$: The value for the field 'bad7.$' must be a valid "
          "JSONPath or a valid intrinsic function call: States.MathAdd takes 2 arguments, got "
          "1 at offset 0"));
}

TEST(ParserTemplateTest, IntrinsicProblemsHaveTheirOwnCode) {
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass", "End": true, "Parameters": {
                "a.$": "States.Nope()", "b.$": "nope"}})json")),
              ElementsAre("SFN0202", "SFN0203"));
}

TEST(ParserTemplateTest, IntrinsicArityAndSyntax) {
  auto problem = [](const char* call) {
    std::string state = std::string(R"({"Type": "Pass", "End": true, "Parameters": {"x.$": ")") +
                        call + "\"}}";
    std::vector<std::string> all = ParseDiagnostics(OneState(state));
    return all.size() == 1 ? all[0] : ::testing::PrintToString(all);
  };
  const std::string prefix =
      "/States/S/Parameters/x.$: The value for the field 'x.$' must be a valid JSONPath or a "
      "valid intrinsic function call: ";
  EXPECT_EQ(problem("States.UUID(1)"),
            prefix + "States.UUID takes no arguments, got 1 at offset 0");
  EXPECT_EQ(problem("States.ArrayRange(1, 2)"),
            prefix + "States.ArrayRange takes 3 arguments, got 2 at offset 0");
  EXPECT_EQ(problem("States.Format()"),
            prefix + "States.Format takes at least 1 argument, got 0 at offset 0");
  EXPECT_EQ(problem("States.Array($.a"),
            prefix + "missing ')' at offset 16 to close the call of States.Array that starts at "
                     "offset 0");
}

TEST(ParserTemplateTest, ResultSelectorIsATemplateToo) {
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "ResultSelector": {"a.$": 1}, "Parameters": [])json")),
              ElementsAre("/States/S/ResultSelector/a.$: The value for the field 'a.$' must be a "
                          "valid JSONPath or a valid intrinsic function call: got a number"));
}

// --- Task ----------------------------------------------------------------------------------

TEST(ParserTaskTest, EveryField) {
  auto machine = AssertParse(Task(R"json(, "Comment": "c", "InputPath": "$", "OutputPath": "$",
    "Parameters": {"Message.$": "$.m"}, "ResultSelector": {"id.$": "$.MessageId"},
    "ResultPath": "$.r", "TimeoutSeconds": 10, "HeartbeatSeconds": 5,
    "Credentials": {"RoleArn": "arn:aws:iam::111111111111:role/R"},
    "Retry": [{"ErrorEquals": ["States.ALL"]}])json"));
  const State& s = OnlyState(machine);
  EXPECT_EQ(s.type, StateType::kTask);
  ASSERT_TRUE(s.resource.has_value());
  EXPECT_EQ(s.resource->service, "sns");
  EXPECT_EQ(s.timeout_seconds.value, 10);
  EXPECT_EQ(s.heartbeat_seconds.value, 5);
  EXPECT_TRUE(s.credentials.has_value());
  EXPECT_TRUE(s.result_selector.has_value());
  EXPECT_EQ(s.retriers.size(), 1u);
}

TEST(ParserTaskTest, ResourceIsRequired) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Task", "End": true})json")),
              ElementsAre("/States/S: required field \"Resource\" is missing"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Task", "Resource": 1,
                                                 "End": true})json")),
              ElementsAre("/States/S/Resource: expected a string, got number 1"));
}

TEST(ParserTaskTest, ResourceArns) {
  for (const char* ok : {"arn:aws:lambda:us-east-1:111111111111:function:f",
                         "arn:aws:lambda:us-east-1:111111111111:function:f:live",
                         "arn:aws:states:us-east-1:111111111111:activity:a",
                         "arn:aws:states:::lambda:invoke.waitForTaskToken",
                         "arn:aws:states:::states:startExecution.sync:2",
                         "arn:aws:states:::aws-sdk:s3:listBuckets",
                         "arn:aws:states:us-east-1:111111111111:aws-sdk:s3:getObject",
                         "arn:aws:states:eu-west-1:111111111111:sqs:sendMessage.waitForTaskToken",
                         "arn:aws:states:::http:invoke",
                         "arn:aws-cn:states:::sqs:sendMessage"}) {
    EXPECT_THAT(ParseDiagnostics(OneState(std::string(R"({"Type": "Task", "Resource": ")") + ok +
                                          R"(", "End": true})")),
                IsEmpty())
        << ok;
  }
  auto problem = [](const char* arn) {
    std::vector<std::string> all = ParseDiagnostics(OneState(
        std::string(R"({"Type": "Task", "Resource": ")") + arn + R"(", "End": true})"));
    return all.size() == 1 ? all[0] : ::testing::PrintToString(all);
  };
  EXPECT_EQ(problem("my-function"),
            "/States/S/Resource: \"my-function\" is not a valid resource ARN (expected "
            "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)");
  EXPECT_EQ(problem("arn:aws:sqs:us-east-1:111111111111:queue"),
            "/States/S/Resource: \"arn:aws:sqs:us-east-1:111111111111:queue\" is not a resource "
            "Step Functions can call: expected a service integration "
            "(arn:aws:states:::SERVICE:API), a Lambda function or an activity ARN");
  EXPECT_EQ(problem("arn:aws:states:::sns:publish.async"),
            "/States/S/Resource: \"arn:aws:states:::sns:publish.async\": unknown integration "
            "pattern \".async\" (expected .sync, .sync:2 or .waitForTaskToken)");
  EXPECT_EQ(problem("arn:aws:states:::aws-sdk:s3:listBuckets.sync"),
            "/States/S/Resource: \"arn:aws:states:::aws-sdk:s3:listBuckets.sync\": AWS SDK "
            "integrations support only request-response and .waitForTaskToken, not .sync");
  EXPECT_EQ(problem("arn:aws:lambda:us-east-1:111111111111:layer:x"),
            "/States/S/Resource: \"arn:aws:lambda:us-east-1:111111111111:layer:x\" is not a "
            "Lambda function ARN (expected arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME)");
  EXPECT_EQ(problem("arn:aws:states:us-east-1::activity:a"),
            "/States/S/Resource: \"arn:aws:states:us-east-1::activity:a\" is not a valid "
            "activity ARN (expected arn:PARTITION:states:REGION:ACCOUNT:activity:NAME)");
  EXPECT_EQ(problem("arn:aws:states:us-east-1:111111111111:aws-sdk:s3"),
            "/States/S/Resource: \"arn:aws:states:us-east-1:111111111111:aws-sdk:s3\" is not a "
            "valid service integration ARN (expected "
            "arn:aws:states:::SERVICE:API[.sync|.waitForTaskToken])");
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Task", "Resource": "x", "End": true})json")),
              ElementsAre("SFN0205"));
}

TEST(ParserTaskTest, TimeoutsAndHeartbeats) {
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "TimeoutSeconds": 99999999,
                                         "HeartbeatSeconds": 99999998)json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "TimeoutSeconds": 0,
                                         "HeartbeatSeconds": 100000000)json")),
              ElementsAre("/States/S/TimeoutSeconds: 0 is out of range: expected an integer "
                          "from 1 to 99999999",
                          "/States/S/HeartbeatSeconds: 100000000 is out of range: expected an "
                          "integer from 1 to 99999999"));
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "TimeoutSeconds": 10, "HeartbeatSeconds": 10)json")),
              ElementsAre("/States/S/HeartbeatSeconds: HeartbeatSeconds (10) must be smaller "
                          "than TimeoutSeconds (10)"));
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "TimeoutSeconds": 2.5)json")),
              ElementsAre("/States/S/TimeoutSeconds: expected an integer, got number 2.5"));
}

TEST(ParserTaskTest, TimeoutPathsAreReferencePaths) {
  auto machine = AssertParse(Task(R"json(, "TimeoutSecondsPath": "$.t",
                                      "HeartbeatSecondsPath": "$$.Execution.Input.h")json"));
  EXPECT_EQ(OnlyState(machine).timeout_seconds.path->text(), "$.t");
  EXPECT_FALSE(OnlyState(machine).timeout_seconds.value.has_value());
  EXPECT_EQ(OnlyState(machine).heartbeat_seconds.path->text(), "$$.Execution.Input.h");
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "TimeoutSecondsPath": "$.t[*]",
                                         "HeartbeatSecondsPath": 5)json")),
              ElementsAre("/States/S/TimeoutSecondsPath: \"$.t[*]\" is not a reference path: a "
                          "wildcard ('*') is not allowed (only names and non-negative indexes "
                          "are)",
                          "/States/S/HeartbeatSecondsPath: expected a reference path string, got "
                          "number 5"));
}

TEST(ParserTaskTest, TimeoutAndItsPathAreExclusive) {
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t",
                "HeartbeatSecondsPath": "$.h", "HeartbeatSeconds": 1)json")),
              ElementsAre("/States/S/TimeoutSecondsPath: \"TimeoutSecondsPath\" cannot be used "
                          "together with \"TimeoutSeconds\"",
                          "/States/S/HeartbeatSecondsPath: \"HeartbeatSecondsPath\" cannot be "
                          "used together with \"HeartbeatSeconds\""));
  EXPECT_THAT(ParseCodes(Task(R"json(, "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t")json")),
              ElementsAre("SFN0104"));
}

TEST(ParserTaskTest, Credentials) {
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials": {"RoleArn.$": "$.role"})json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials":
                {"RoleArn.$": "States.Format('arn:aws:iam::{}:role/R', $.account)"})json")),
              IsEmpty());
  // statelint's task-with-invalid-credentials.json.
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials": "foo:bar")json")),
              ElementsAre("/States/S/Credentials: expected an object with \"RoleArn\" or "
                          "\"RoleArn.$\", got string \"foo:bar\""));
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials": {})json")),
              ElementsAre("/States/S/Credentials: required field \"RoleArn\" is missing"));
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials": {"RoleArn": ""})json")),
              ElementsAre("/States/S/Credentials/RoleArn: expected a non-empty string"));
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials": {"RoleArm": "x"})json")),
              ElementsAre("/States/S/Credentials: required field \"RoleArn\" is missing",
                          "/States/S/Credentials/RoleArm: field \"RoleArm\" is not valid in "
                          "Credentials (did you mean \"RoleArn\"?)"));
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials": {"RoleArn": "a",
                                                              "RoleArn.$": "$.r"})json")),
              ElementsAre("/States/S/Credentials/RoleArn.$: \"RoleArn.$\" cannot be used "
                          "together with \"RoleArn\""));
  EXPECT_THAT(ParseDiagnostics(Task(R"json(, "Credentials": {"RoleArn.$": "role"})json")),
              ElementsAre("/States/S/Credentials/RoleArn.$: The value for the field "
                          "'RoleArn.$' must be a valid JSONPath or a valid intrinsic function "
                          "call: 'role' is neither a path (starting with '$') nor an intrinsic "
                          "function call (States.…)"));
}

TEST(ParserTaskTest, ExpressMachinesRefuseSyncCallbacksAndActivities) {
  ParseOptions express{.express = true};
  auto problem = [&](const char* arn) {
    return ParseDiagnostics(
        OneState(std::string(R"({"Type": "Task", "Resource": ")") + arn + R"(", "End": true})"),
        express);
  };
  EXPECT_THAT(problem("arn:aws:states:::sns:publish"), IsEmpty());
  EXPECT_THAT(problem("arn:aws:states:::states:startExecution.sync"),
              ElementsAre("/States/S/Resource: EXPRESS state machines do not support '.sync' "
                          "service integrations"));
  EXPECT_THAT(problem("arn:aws:states:::states:startExecution.sync:2"),
              ElementsAre("/States/S/Resource: EXPRESS state machines do not support '.sync' "
                          "service integrations"));
  EXPECT_THAT(problem("arn:aws:states:::sqs:sendMessage.waitForTaskToken"),
              ElementsAre("/States/S/Resource: EXPRESS state machines do not support "
                          "'.waitForTaskToken' service integrations"));
  EXPECT_THAT(problem("arn:aws:states:us-east-1:111111111111:activity:a"),
              ElementsAre("/States/S/Resource: EXPRESS state machines do not support "
                          "activities"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Task", "End": true,
                "Resource": "arn:aws:states:us-east-1:111111111111:activity:a"})json"), express),
              ElementsAre("SFN0503"));
}

// --- Wait ----------------------------------------------------------------------------------

TEST(ParserWaitTest, EachKind) {
  auto seconds = AssertParse(OneState(R"json({"Type": "Wait", "Seconds": 0, "End": true,
                                              "InputPath": "$", "OutputPath": "$"})json"));
  EXPECT_EQ(OnlyState(seconds).wait_kind, WaitKind::kSeconds);
  EXPECT_EQ(OnlyState(seconds).wait_seconds, 0);
  auto timestamp = AssertParse(OneState(R"json({"Type": "Wait", "End": true,
                                                "Timestamp": "2016-03-14T01:59:00Z"})json"));
  EXPECT_EQ(OnlyState(timestamp).wait_kind, WaitKind::kTimestamp);
  EXPECT_EQ(OnlyState(timestamp).wait_timestamp, "2016-03-14T01:59:00Z");
  auto seconds_path = AssertParse(OneState(R"json({"Type": "Wait", "End": true,
                                                   "SecondsPath": "$.s"})json"));
  EXPECT_EQ(OnlyState(seconds_path).wait_kind, WaitKind::kSecondsPath);
  EXPECT_EQ(OnlyState(seconds_path).wait_path->text(), "$.s");
  auto timestamp_path = AssertParse(OneState(R"json({"Type": "Wait", "End": true,
                                   "TimestampPath": "$$.Execution.Input.t"})json"));
  EXPECT_EQ(OnlyState(timestamp_path).wait_kind, WaitKind::kTimestampPath);
}

TEST(ParserWaitTest, NeedsExactlyOneKind) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true})json")),
              ElementsAre("/States/S: a Wait state needs one of \"Seconds\", \"Timestamp\", "
                          "\"SecondsPath\" or \"TimestampPath\""));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true, "Seconds": 1,
                "SecondsPath": "$.s", "TimestampPath": "$.t"})json")),
              ElementsAre("/States/S/SecondsPath: \"SecondsPath\" cannot be used together with "
                          "\"Seconds\"",
                          "/States/S/TimestampPath: \"TimestampPath\" cannot be used together "
                          "with \"Seconds\""));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Wait", "End": true})json")),
              ElementsAre("SFN0100"));
}

TEST(ParserWaitTest, FieldValues) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true,
                                                 "Seconds": 99999999})json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true,
                                                 "Seconds": 100000000})json")),
              ElementsAre("/States/S/Seconds: 100000000 is out of range: expected an integer "
                          "from 0 to 99999999"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true,
                                                 "Seconds": 1.5})json")),
              ElementsAre("/States/S/Seconds: expected an integer, got number 1.5"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true,
                                                 "Timestamp": "2016-03-14T01:59:00"})json")),
              ElementsAre("/States/S/Timestamp: \"2016-03-14T01:59:00\" is not an RFC 3339 "
                          "timestamp (e.g. \"2016-03-14T01:59:00Z\")"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Wait", "End": true,
                                           "Timestamp": "2016-03-14 01:59:00Z"})json")),
              ElementsAre("SFN0204"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true,
                                                 "Timestamp": 1457920740})json")),
              ElementsAre("/States/S/Timestamp: expected a string, got number 1457920740"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Wait", "End": true,
                                                 "SecondsPath": "$.s[0:2]"})json")),
              ElementsAre("/States/S/SecondsPath: \"$.s[0:2]\" is not a reference path: a slice "
                          "([a:b]) is not allowed (only names and non-negative indexes are)"));
}

// --- Succeed and Fail ----------------------------------------------------------------------

TEST(ParserSucceedTest, InputAndOutputPath) {
  auto machine = AssertParse(OneState(R"json({"Type": "Succeed", "Comment": "done",
                                              "InputPath": "$.a", "OutputPath": null})json"));
  EXPECT_EQ(OnlyState(machine).type, StateType::kSucceed);
  EXPECT_TRUE(OnlyState(machine).IsTerminal());
  EXPECT_EQ(OnlyState(machine).output_path.kind, InputOutputPath::Kind::kNull);
}

TEST(ParserFailTest, LiteralsPathsAndIntrinsics) {
  auto literal = AssertParse(OneState(R"json({"Type": "Fail", "Error": "E", "Cause": "C"})json"));
  EXPECT_EQ(OnlyState(literal).error.literal, "E");
  EXPECT_EQ(OnlyState(literal).cause.literal, "C");
  auto minimal = AssertParse(OneState(R"json({"Type": "Fail"})json"));
  EXPECT_FALSE(OnlyState(minimal).error.present());
  auto paths = AssertParse(OneState(R"json({"Type": "Fail", "ErrorPath": "$.e",
    "CausePath": "States.Format('{} failed', $$.State.Name)"})json"));
  EXPECT_EQ(OnlyState(paths).error.path->text(), "$.e");
  EXPECT_TRUE(OnlyState(paths).cause.intrinsic.has_value());
}

TEST(ParserFailTest, Problems) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Fail", "Error": "E", "ErrorPath": "$.e",
                                                 "Cause": 1, "CausePath": "$.c"})json")),
              ElementsAre("/States/S/ErrorPath: \"ErrorPath\" cannot be used together with "
                          "\"Error\"",
                          "/States/S/CausePath: \"CausePath\" cannot be used together with "
                          "\"Cause\"",
                          "/States/S/Cause: expected a string, got number 1"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Fail", "ErrorPath": "$.e[*]",
                                                 "CausePath": "States.Format("})json")),
              ElementsAre("/States/S/ErrorPath: \"$.e[*]\" is not a reference path: a wildcard "
                          "('*') is not allowed (only names and non-negative indexes are)",
                          "/States/S/CausePath: invalid intrinsic function call "
                          "\"States.Format(\": missing ')' at offset 14 to close the call of "
                          "States.Format that starts at offset 0"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Fail", "ErrorPath": "error"})json")),
              ElementsAre("/States/S/ErrorPath: invalid JSONPath \"error\": a path must start "
                          "with '$' at offset 0"));
}

// --- Choice --------------------------------------------------------------------------------

TEST(ParserChoiceTest, RulesAndDefault) {
  auto machine = AssertParse(R"json({"StartAt": "C", "States": {
    "C": {"Type": "Choice", "InputPath": "$", "OutputPath": "$", "Default": "D", "Choices": [
      {"Variable": "$.n", "NumericGreaterThan": 1, "Next": "A"},
      {"And": [{"Variable": "$.s", "StringEquals": "x"},
               {"Not": {"Variable": "$$.Execution.Name", "StringMatches": "t*"}}],
       "Next": "D"}]},
    "A": {"Type": "Succeed"}, "D": {"Type": "Succeed"}}})json");
  ASSERT_NE(machine, nullptr);
  const State& choice = machine->states[0];
  ASSERT_EQ(choice.choices.size(), 2u);
  EXPECT_TRUE(choice.choices[0].rule.valid());
  EXPECT_EQ(choice.choices[0].next_name, "A");
  EXPECT_EQ(choice.choices[1].next, machine->Find("D"));
  EXPECT_EQ(choice.default_name, "D");
}

TEST(ParserChoiceTest, ChoicesIsARequiredNonEmptyArray) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "Default": "T"})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("/States/S: required field \"Choices\" is missing"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "Choices": [],
                                                 "Default": "T"})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("/States/S/Choices: Choices must contain at least one rule"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "Choices": {},
                                                 "Default": "T"})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("/States/S/Choices: expected an array, got object"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Choice", "Choices": [],
                                           "Default": "T"})json",
                                  R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("SFN0400"));
}

TEST(ParserChoiceTest, NextOfEachRuleAndDefault) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "Default": "Nowhere",
                "Choices": [{"Variable": "$.a", "IsNull": true},
                            {"Variable": "$.a", "IsNull": false, "Next": 3},
                            {"Variable": "$.a", "IsString": true, "Next": "Tt"},
                            {"Variable": "$.a", "IsBoolean": true, "Next": "T"}]})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("/States/S/Choices/0: a top-level choice rule must have a \"Next\" "
                          "field",
                          "/States/S/Choices/1/Next: field \"Next\" must be a string, got number",
                          "/States/S/Choices/2/Next: state \"Tt\" does not exist (did you mean "
                          "\"T\"?)",
                          "/States/S/Default: state \"Nowhere\" does not exist"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "Default": 1,
                "Choices": [{"Variable": "$.a", "IsNull": true, "Next": "T"}]})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("/States/S/Default: expected a string, got number 1"));
}

TEST(ParserChoiceTest, RuleShapeProblemsAreAllReported) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "Choices": [
                {"Variable": "$.a", "Next": "T"},
                {"Variable": "$.a[*]", "StringEquals": "x", "Next": "T"},
                {"Not": {"Variable": "$.a", "IsNull": true, "Next": "T"}, "Next": "T"},
                {"Variable": "$.a", "NumericEquals": "1", "Next": "T"},
                "rule"]})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre(
                  "/States/S/Choices/0: a comparison must have exactly one comparison operator, "
                  "found none",
                  "/States/S/Choices/1/Variable: field \"Variable\" must be a reference path "
                  "(names and array indexes only), got \"$.a[*]\"",
                  "/States/S/Choices/2/Not/Next: a nested choice rule must not have a \"Next\" "
                  "field",
                  "/States/S/Choices/3/NumericEquals: field \"NumericEquals\" must be a number, "
                  "got string",
                  "/States/S/Choices/4: a choice rule must be an object, got string"));
}

}  // namespace
}  // namespace asl
