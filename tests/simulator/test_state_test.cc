// TestState against the responses AWS gave for the same requests: LocalStack's AWS-validated
// snapshots (localstack tests/aws/services/stepfunctions/v2/test_state/
// test_test_state_scenarios.snapshot.json, test_state_context_object.snapshot.json,
// test_test_state_machine_scenarios.snapshot.json), whose definitions are reproduced here.
// Each expected response is written out whole, so the members' names, their alphabetical
// order and which of them appear at each inspection level are all checked.

#include <gtest/gtest.h>

#include <string>

#include "tests/simulator/test_state_util.h"

namespace {

using sfnsim_test::Answer;
using sfnsim_test::JsonMember;
using sfnsim_test::JsonText;
using sfnsim_test::TestStateRequest;

constexpr const char* kHello = R"({"Value":"HelloWorld"})";
constexpr const char* kNested =
    R"({"initialData":{"fieldFromInput":"value from input","otherField":"other"},"unrelatedData":{"someOtherField":1234}})";

TEST(TestStateTest, PassStateAtEachInspectionLevel) {
  const std::string definition = R"({"Type":"Pass","End":true})";
  EXPECT_EQ(Answer(TestStateRequest(definition, kHello, "INFO")),
            JsonText(R"({"output":"{\"Value\":\"HelloWorld\"}","status":"SUCCEEDED"})"));
  const asl::Json debug = JsonText(R"({"inspectionData":{
      "afterInputPath":"{\"Value\":\"HelloWorld\"}","afterParameters":"{\"Value\":\"HelloWorld\"}",
      "afterResultPath":"{\"Value\":\"HelloWorld\"}","afterResultSelector":"{\"Value\":\"HelloWorld\"}",
      "input":"{\"Value\":\"HelloWorld\"}"},
      "output":"{\"Value\":\"HelloWorld\"}","status":"SUCCEEDED"})");
  asl::Json answer = Answer(TestStateRequest(definition, kHello, "DEBUG"));
  EXPECT_EQ(answer, debug);
  EXPECT_EQ(answer.dump(), debug.dump());  // member order too
  EXPECT_EQ(Answer(TestStateRequest(definition, kHello, "TRACE")), debug);
}

TEST(TestStateTest, PassStateWithResultReportsNoInputSteps) {
  // IO_RESULT_PASS_STATE: with a Result, AWS shows neither afterInputPath nor afterParameters.
  const std::string definition = R"({"Type":"Pass","InputPath":"$.initialData",
      "Parameters":{"staticValue":"some value","inputValue.$":"$.fieldFromInput"},
      "Result":{"resultKey":"result value"},"ResultPath":"$.modifiedData","End":true})";
  asl::Json answer = Answer(TestStateRequest(definition, kNested, "DEBUG"));
  const asl::Json& data = answer["inspectionData"];
  EXPECT_FALSE(data.contains("afterInputPath"));
  EXPECT_FALSE(data.contains("afterParameters"));
  EXPECT_EQ(JsonMember(data, "result"), JsonText(R"({"resultKey":"result value"})"));
  EXPECT_EQ(JsonMember(data, "afterResultSelector"), JsonText(R"({"resultKey":"result value"})"));
  asl::Json expected = JsonText(kNested);
  expected["modifiedData"] = {{"resultKey", "result value"}};
  EXPECT_EQ(JsonMember(data, "afterResultPath"), expected);
  EXPECT_EQ(JsonMember(answer, "output"), expected);
  EXPECT_EQ(answer["status"], "SUCCEEDED");
}

TEST(TestStateTest, PassStateDataFlow) {
  // IO_PASS_STATE.
  const std::string definition = R"({"Type":"Pass","InputPath":"$.initialData",
      "Parameters":{"staticValue":"some value","inputValue.$":"$.fieldFromInput"},
      "ResultPath":"$.modifiedData","End":true})";
  asl::Json answer = Answer(TestStateRequest(definition, kNested, "DEBUG"));
  const asl::Json& data = answer["inspectionData"];
  EXPECT_EQ(JsonMember(data, "afterInputPath"),
            JsonText(R"({"fieldFromInput":"value from input","otherField":"other"})"));
  EXPECT_EQ(JsonMember(data, "afterParameters"),
            JsonText(R"({"staticValue":"some value","inputValue":"value from input"})"));
  EXPECT_EQ(JsonMember(data, "afterResultSelector"),
            JsonText(R"({"staticValue":"some value","inputValue":"value from input"})"));
  asl::Json expected = JsonText(kNested);
  expected["modifiedData"] = JsonText(R"({"staticValue":"some value","inputValue":"value from input"})");
  EXPECT_EQ(JsonMember(data, "afterResultPath"), expected);
  EXPECT_EQ(JsonMember(answer, "output"), expected);
  EXPECT_FALSE(data.contains("result"));
}

TEST(TestStateTest, FailStateFails) {
  const std::string definition = R"({"Type":"Fail","Error":"SomeFailure",
      "Cause":"This state machines raises a 'SomeFailure' failure."})";
  EXPECT_EQ(Answer(TestStateRequest(definition, kHello)),
            JsonText(R"({"cause":"This state machines raises a 'SomeFailure' failure.",
                      "error":"SomeFailure","status":"FAILED"})"));
  EXPECT_EQ(Answer(TestStateRequest(definition, kHello, "DEBUG")),
            JsonText(R"({"cause":"This state machines raises a 'SomeFailure' failure.",
                      "error":"SomeFailure","inspectionData":{
                      "afterInputPath":"{\"Value\":\"HelloWorld\"}",
                      "input":"{\"Value\":\"HelloWorld\"}"},"status":"FAILED"})"));
}

TEST(TestStateTest, SucceedAndChoiceStates) {
  EXPECT_EQ(Answer(TestStateRequest(R"({"Type":"Succeed"})", kHello, "TRACE")),
            JsonText(R"({"inspectionData":{"afterInputPath":"{\"Value\":\"HelloWorld\"}",
                      "input":"{\"Value\":\"HelloWorld\"}"},
                      "output":"{\"Value\":\"HelloWorld\"}","status":"SUCCEEDED"})"));
  const std::string choice = R"({"Type":"Choice","Choices":[
      {"And":[{"Variable":"$.type","StringEquals":"Public"},{"Variable":"$.value","NumericLessThan":20}],
       "Next":"PublicUnder20"},
      {"And":[{"Variable":"$.value","NumericGreaterThanEquals":20},{"Variable":"$.value","NumericLessThan":30}],
       "Next":"ValueInTwenties"}],
      "Default":"DefaultState"})";
  EXPECT_EQ(Answer(TestStateRequest(choice, R"({"type":"Private","value":22})", "DEBUG")),
            JsonText(R"({"inspectionData":{"afterInputPath":"{\"type\":\"Private\",\"value\":22}",
                      "input":"{\"type\":\"Private\",\"value\":22}"},
                      "nextState":"ValueInTwenties",
                      "output":"{\"type\":\"Private\",\"value\":22}","status":"SUCCEEDED"})"));
  EXPECT_EQ(Answer(TestStateRequest(choice, R"({"type":"Private","value":99})"))["nextState"],
            "DefaultState");
}

TEST(TestStateTest, MockedJsonataTaskCaughtAtEachLevel) {
  // BASE_TASK_STATE_CATCH with mock.errorOutput: the first catcher matches MockException, the
  // second States.TaskFailed; the catchers' Output is $states.
  const std::string definition = R"({"QueryLanguage":"JSONata","Type":"Task",
      "Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"foo","Payload":"bar"},
      "Catch":[{"ErrorEquals":["MockException"],"Output":"{% $states %}","Next":"HandleMockError"},
               {"ErrorEquals":["States.TaskFailed"],"Output":"{% $states %}","Next":"HandleThreshold"}],
      "End":true})";
  for (const char* level : {"INFO", "DEBUG", "TRACE"}) {
    asl::Json request = TestStateRequest(definition, kHello, level);
    request["mock"] = {{"errorOutput",
                        {{"error", "MockException"}, {"cause", "Mock the cause of the error."}}}};
    asl::Json answer = Answer(request);
    EXPECT_EQ(answer["status"], "CAUGHT_ERROR") << level;
    EXPECT_EQ(answer["error"], "MockException");
    EXPECT_EQ(answer["cause"], "Mock the cause of the error.");
    EXPECT_EQ(answer["nextState"], "HandleMockError");
    asl::Json output = JsonMember(answer, "output");
    EXPECT_EQ(output["input"], JsonText(kHello));
    EXPECT_EQ(output["errorOutput"],
              JsonText(R"({"Error":"MockException","Cause":"Mock the cause of the error."})"));
    EXPECT_EQ(output["context"]["State"]["Name"], "StateName");
    EXPECT_EQ(output["context"]["State"]["RetryCount"], 0);
    EXPECT_EQ(output["context"]["Execution"]["RoleArn"], "arn:aws:iam::123456789012:role/test");
    if (std::string(level) == "INFO") {
      EXPECT_FALSE(answer.contains("inspectionData"));
    } else {
      EXPECT_EQ(answer["inspectionData"],
                JsonText(R"({"afterArguments":"{\"FunctionName\":\"foo\",\"Payload\":\"bar\"}",
                          "errorDetails":{"catchIndex":0},"input":"{\"Value\":\"HelloWorld\"}"})"));
    }
    request["mock"] = {
        {"errorOutput", {{"error", "States.TaskFailed"}, {"cause", "The task failed."}}}};
    answer = Answer(request);
    EXPECT_EQ(answer["nextState"], "HandleThreshold");
    if (std::string(level) != "INFO") {
      EXPECT_EQ(answer["inspectionData"]["errorDetails"], JsonText(R"({"catchIndex":1})"));
    }
  }
}

TEST(TestStateTest, MockedLambdaResultThroughDataFlow) {
  // BASE_LAMBDA_TASK_STATE's shape with the function's answer mocked: a JSON string result.
  const std::string definition =
      R"({"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true})";
  asl::Json request = TestStateRequest(definition, R"({"inputData":"HelloWorld"})", "DEBUG");
  request["mock"] = {{"result", "\"HelloWorld!\""}};
  EXPECT_EQ(Answer(request), JsonText(R"({"inspectionData":{
      "afterInputPath":"{\"inputData\":\"HelloWorld\"}","afterParameters":"{\"inputData\":\"HelloWorld\"}",
      "afterResultPath":"\"HelloWorld!\"","afterResultSelector":"\"HelloWorld!\"",
      "input":"{\"inputData\":\"HelloWorld\"}","result":"\"HelloWorld!\""},
      "output":"\"HelloWorld!\"","status":"SUCCEEDED"})"));
}

TEST(TestStateTest, SuppliedContextObjectReplacesTheGeneratedOne) {
  // test_state_task_context_object[ALL]: the caller's Context object is "$$" as given.
  const std::string definition = R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName.$":"$.FunctionName","Payload":{"Input.$":"$"}},
      "ResultSelector":{"ContextObjectValue.$":"$$","LambdaOutput.$":"$"},"End":true})";
  const char* context = R"({"Execution":{"Id":"arn:aws:states:::execution:MyStateMachine:execution-name-12345",
      "Input":{"input-value":0},"Name":"execution-name-12345","RoleArn":"arn:aws:iam:::role/StepFunctionsRole",
      "StartTime":"2025-01-15T10:30:00.000Z"},
      "State":{"EnteredTime":"2025-01-15T10:30:01.500Z","Name":"MyTaskState","RetryCount":0},
      "StateMachine":{"Id":"arn:aws:states:::stateMachine:MyStateMachine","Name":"MyStateMachine"}})";
  asl::Json request = TestStateRequest(
      definition, R"({"FunctionName":"lambda_function_name","Payload":{"input-value":0}})", "TRACE");
  request["context"] = context;
  request["mock"] = {{"result", R"({"pokemon":["charizard","pikachu","bulbasaur"]})"}};
  asl::Json answer = Answer(request);
  asl::Json output = JsonMember(answer, "output");
  EXPECT_EQ(output["ContextObjectValue"], JsonText(context));
  EXPECT_EQ(output["LambdaOutput"], JsonText(R"({"pokemon":["charizard","pikachu","bulbasaur"]})"));
  // test_state_context_object_edge_cases[EMPTY]: an empty Context object is an empty "$$".
  request["context"] = "{}";
  EXPECT_EQ(JsonMember(Answer(request), "output")["ContextObjectValue"], asl::Json::object());
}

TEST(TestStateTest, GeneratedContextObject) {
  const std::string definition = R"({"Type":"Pass","Parameters":{"c.$":"$$"},"End":true})";
  asl::Json request = TestStateRequest(definition, kHello);
  request.erase("roleArn");
  asl::Json context = JsonMember(Answer(request), "output")["c"];
  const std::string execution_id = context["Execution"]["Id"];
  EXPECT_EQ(execution_id.rfind("arn:aws:states:us-east-1:123456789012:express:", 0), 0u)
      << execution_id;
  EXPECT_TRUE(context["Execution"]["RoleArn"].is_null());
  EXPECT_EQ(context["Execution"]["Input"], JsonText(kHello));
  EXPECT_EQ(context["Execution"]["StartTime"], "2025-01-15T10:30:00.000Z");
  EXPECT_EQ(context["State"], JsonText(R"({"Name":"StateName","EnteredTime":"2025-01-15T10:30:00.000Z"})"));
  EXPECT_EQ(context["StateMachine"]["Id"].get<std::string>(),
            "arn:aws:states:us-east-1:123456789012:stateMachine:" +
                context["StateMachine"]["Name"].get<std::string>());
  // Same request, same seed: the same answer, byte for byte.
  EXPECT_EQ(Answer(request).dump(), Answer(request).dump());
}

TEST(TestStateTest, StateNameInAWholeMachine) {
  // test_base_state_name_multi_state: a Pass that goes on to a Fail.
  const std::string definition = R"({"StartAt":"State0","States":{
      "State0":{"Type":"Pass","Next":"State1"},
      "State1":{"Type":"Fail","Error":"SomeFailure","Cause":"This state machines raises a 'SomeFailure' failure."}}})";
  asl::Json request = TestStateRequest(definition, kHello);
  request["stateName"] = "State0";
  EXPECT_EQ(Answer(request),
            JsonText(R"({"nextState":"State1","output":"{\"Value\":\"HelloWorld\"}","status":"SUCCEEDED"})"));
  request["stateName"] = "State1";
  EXPECT_EQ(Answer(request)["error"], "SomeFailure");
  // A state inside a Map's ItemProcessor can be named too.
  const std::string nested = R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
      "StartAt":"Inner","States":{"Inner":{"Type":"Pass","Result":1,"End":true}}},"End":true}}})";
  request = TestStateRequest(nested, "{}");
  request["stateName"] = "Inner";
  EXPECT_EQ(JsonMember(Answer(request), "output"), 1);
}

TEST(TestStateTest, JsonataStatesOfTheBlogScenario) {
  // test_localstack_blogpost_scenario: a JSONata Choice and a mocked HTTP Task whose Output
  // merges the result into the input.
  const std::string definition = R"({"QueryLanguage":"JSONata","StartAt":"Approval Required","States":{
      "Approval Required":{"Type":"Choice","Choices":[
          {"Condition":"{% $states.input.cost < 10 %}","Next":"Purchase Approved"}],
        "Default":"Ask for Approval"},
      "Ask for Approval":{"Type":"Task","Resource":"arn:aws:states:::http:invoke",
        "Arguments":{"Method":"POST","ApiEndpoint":"example.execute-api.us-east-1.amazonaws.com",
          "Path":"/approval","RequestBody":{"cost":"{% $states.input.cost %}","dept_id":"12345678"},
          "Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:123456789012:connection/c/1"}},
        "Output":"{% $merge([$states.result, {'approval_code':'2387462','approved_by':'Mary'}]) %}",
        "Next":"Check Approval"},
      "Check Approval":{"Type":"Choice","Choices":[
          {"Condition":"{% $states.input.approval %}","Next":"Purchase Approved"}],
        "Default":"Not Approved"},
      "Purchase Approved":{"Type":"Succeed"},
      "Not Approved":{"Type":"Fail"}}})";
  asl::Json request = TestStateRequest(definition, R"({"cost":9})", "TRACE");
  request.erase("roleArn");
  request["stateName"] = "Approval Required";
  EXPECT_EQ(Answer(request), JsonText(R"({"inspectionData":{"input":"{\"cost\":9}"},
      "nextState":"Purchase Approved","output":"{\"cost\":9}","status":"SUCCEEDED"})"));
  request["input"] = R"({"cost":10})";
  EXPECT_EQ(Answer(request)["nextState"], "Ask for Approval");

  request["stateName"] = "Ask for Approval";
  request["mock"] = {{"result", R"({"approval": true })"}};
  asl::Json answer = Answer(request);
  EXPECT_EQ(answer["nextState"], "Check Approval");
  EXPECT_EQ(JsonMember(answer, "output"),
            JsonText(R"({"approval":true,"approval_code":"2387462","approved_by":"Mary"})"));
  const asl::Json& data = answer["inspectionData"];
  EXPECT_EQ(JsonMember(data, "result"), JsonText(R"({"approval":true})"));
  EXPECT_EQ(JsonMember(data, "afterArguments")["RequestBody"],
            JsonText(R"({"cost":10,"dept_id":"12345678"})"));
  EXPECT_FALSE(data.contains("afterInputPath"));  // not populated for JSONata

  request.erase("mock");
  request["stateName"] = "Check Approval";
  request["input"] = R"({"approval":false})";
  EXPECT_EQ(Answer(request)["nextState"], "Not Approved");
}

TEST(TestStateTest, VariablesAreReadAndReported) {
  const std::string definition = R"({"QueryLanguage":"JSONata","Type":"Pass",
      "Assign":{"var_constant_1":10},
      "Output":{"ja_var_access":"{% $var_input_value %}","ja_expr":"{% $sum($states.input.input_values) + $var_constant_1 %}"},
      "End":true})";
  asl::Json request = TestStateRequest(definition, R"({"input_values":[1,2,3]})", "DEBUG");
  request["variables"] = R"({"var_input_value":"test_value","var_constant_1":10})";
  asl::Json answer = Answer(request);
  EXPECT_EQ(JsonMember(answer, "output"), JsonText(R"({"ja_var_access":"test_value","ja_expr":16})"));
  // test_state_with_variables[base_expressions]: a JSONata Pass reports its input and the
  // variables, nothing else.
  EXPECT_EQ(answer["inspectionData"],
            JsonText(R"({"input":"{\"input_values\":[1,2,3]}",
                      "variables":"{\"var_input_value\":\"test_value\",\"var_constant_1\":10}"})"));
  // A JSONPath Assign adds to them; without variables nothing is reported.
  request = TestStateRequest(R"({"Type":"Pass","Assign":{"x.$":"$.a"},"End":true})", R"({"a":5})",
                             "DEBUG");
  EXPECT_EQ(JsonMember(Answer(request)["inspectionData"], "variables"), JsonText(R"({"x":5})"));
  request = TestStateRequest(R"({"Type":"Pass","End":true})", "{}", "DEBUG");
  EXPECT_FALSE(Answer(request)["inspectionData"].contains("variables"));
}

TEST(TestStateTest, WaitStateIsCheckedNotWaited) {
  asl::Json answer = Answer(TestStateRequest(
      R"({"Type":"Wait","SecondsPath":"$.s","Next":"After"})", R"({"s":86400})", "DEBUG"));
  EXPECT_EQ(answer["status"], "SUCCEEDED");
  EXPECT_EQ(answer["nextState"], "After");
  answer = Answer(TestStateRequest(R"({"Type":"Wait","SecondsPath":"$.s","Next":"After"})",
                                   R"({"s":"soon"})"));
  EXPECT_EQ(answer["status"], "FAILED");
  EXPECT_EQ(answer["error"], "States.Runtime");
  EXPECT_EQ(answer["cause"], "The SecondsPath parameter cannot be parsed as a long value: $.s == soon");
}

}  // namespace
