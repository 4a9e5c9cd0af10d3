// The definition parser on JSONata states: the language chosen per state (top level, state,
// inherited by nested machines), the fields JSONata has and the JSONPath fields it does not,
// expressions compiled at load with their syntax errors located, and the settings written as
// expressions.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/testutil/parse_helpers.h"

namespace asl {
namespace {

using ::sfnsim_test::AssertParse;
using ::sfnsim_test::OneState;
using ::sfnsim_test::ParseCodes;
using ::sfnsim_test::ParseDiagnostics;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ParserJsonataTest, TopLevelLanguageReachesNestedStates) {
  auto machine = AssertParse(R"json({"QueryLanguage": "JSONata", "StartAt": "M", "States": {
      "M": {"Type": "Map", "Items": "{% $states.input.items %}", "MaxConcurrency": 1,
            "ItemProcessor": {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Output": {"v": "{% $states.input %}"}, "End": true}}},
            "Output": "{% $states.result %}", "End": true}}})json");
  ASSERT_NE(machine, nullptr);
  const State& map = machine->states.at(0);
  EXPECT_EQ(map.query_language, QueryLanguage::kJsonata);
  ASSERT_TRUE(map.items.has_value());
  EXPECT_TRUE(map.items->is_expression());
  ASSERT_TRUE(map.output.has_value());
  const State& pass = map.processor->states.at(0);
  EXPECT_EQ(pass.query_language, QueryLanguage::kJsonata);
  ASSERT_TRUE(pass.output.has_value());
  EXPECT_FALSE(pass.output->is_expression());  // a template holding one
}

TEST(ParserJsonataTest, AJsonPathMachineMayHaveJsonataStates) {
  auto machine = AssertParse(R"json({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 %}", "Next": "B"},
      "B": {"Type": "Pass", "InputPath": "$", "End": true}}})json");
  ASSERT_NE(machine, nullptr);
  EXPECT_EQ(machine->states[0].query_language, QueryLanguage::kJsonata);
  EXPECT_EQ(machine->states[1].query_language, QueryLanguage::kJsonPath);
}

TEST(ParserJsonataTest, AJsonataMachineMayNotHaveJsonPathStates) {
  EXPECT_THAT(ParseDiagnostics(R"json({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                "A": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}})json"),
              ElementsAre("/States/A/QueryLanguage: a state cannot set QueryLanguage "
                          "\"JSONPath\" when the state machine's QueryLanguage is \"JSONata\""));
}

TEST(ParserJsonataTest, JsonPathFieldsAreRefusedInJsonataStates) {
  const std::string kTail =
      " is only valid with QueryLanguage \"JSONPath\": a JSONata state uses Arguments, Output "
      "and \"{% … %}\" expressions instead";
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Task", "QueryLanguage": "JSONata",
                "Resource": "arn:aws:states:::sns:publish", "InputPath": "$.a",
                "Parameters": {"x": 1}, "ResultPath": "$.r", "End": true,
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "F"}]})json",
                                        R"json("F": {"Type": "Fail"})json")),
              ElementsAre("/States/S/Catch/0/ResultPath: field \"ResultPath\" is only valid with "
                          "QueryLanguage \"JSONPath\": a JSONata catcher uses Output",
                          "/States/S/InputPath: field \"InputPath\"" + kTail,
                          "/States/S/Parameters: field \"Parameters\"" + kTail,
                          "/States/S/ResultPath: field \"ResultPath\"" + kTail));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Wait", "QueryLanguage": "JSONata",
                "SecondsPath": "$.s", "End": true})json")),
              ElementsAre("SFN0100", "SFN0101"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "QueryLanguage": "JSONata",
                "Result": 1, "End": true})json")),
              ElementsAre("/States/S/Result: field \"Result\"" + kTail));
}

TEST(ParserJsonataTest, JsonataFieldsAreRefusedInJsonPathStates) {
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass", "Output": "{% 1 %}",
                                           "End": true})json")),
              ElementsAre("SFN0101"));
}

TEST(ParserJsonataTest, SyntaxErrorsNameThePointerAndTheEngineError) {
  std::vector<std::string> diagnostics = ParseDiagnostics(OneState(R"json({"Type": "Pass",
      "QueryLanguage": "JSONata", "Output": {"a": ["{% $states.input.( %}"]}, "End": true})json"));
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_THAT(diagnostics[0], ::testing::StartsWith("/States/S/Output/a/0: invalid JSONata "
                                                    "expression \"$states.input.(\": S0"));
  EXPECT_THAT(diagnostics[0], ::testing::HasSubstr("at position"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Choice", "QueryLanguage": "JSONata",
                "Default": "T", "Choices": [{"Condition": "{% 1 + %}", "Next": "T"}]})json",
                                  R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("SFN0207"));
}

// "$eval is not available -- use $parse instead" (developer guide): refused at load time. A
// lambda the expression binds under that name is its own, and any other call stays allowed.
TEST(ParserJsonataTest, EvalIsNotAvailable) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "QueryLanguage": "JSONata",
                "End": true, "Output": {"v": "{% $eval('1 + 1') %}"}})json")),
              ElementsAre("/States/S/Output/v: invalid JSONata expression \"$eval('1 + 1')\": "
                          "T1006 at position 5 (token \"$eval\"): $eval is not available in Step "
                          "Functions: use $parse to read JSON text"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "QueryLanguage": "JSONata",
                "End": true, "Output": "{% ($eval := function($x) {$x}; $eval(1)) %}"})json")),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "QueryLanguage": "JSONata",
                "End": true, "Output": "{% $parse('[1]') %}"})json")),
              IsEmpty());
}

TEST(ParserJsonataTest, ChoiceRulesAreConditions) {
  auto machine = AssertParse(OneState(R"json({"Type": "Choice", "QueryLanguage": "JSONata",
      "Default": "T", "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "T",
                                   "Comment": "big"}]})json",
                                      R"json("T": {"Type": "Succeed"})json"));
  ASSERT_NE(machine, nullptr);
  ASSERT_EQ(machine->states[0].choices.size(), 1u);
  EXPECT_TRUE(machine->states[0].choices[0].condition.has_value());
  EXPECT_EQ(machine->states[0].choices[0].next_name, "T");
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "QueryLanguage": "JSONata",
                "Default": "T", "Choices": [{"Variable": "$.x", "IsNull": true,
                                             "Next": "T"}]})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("/States/S/Choices/0: required field \"Condition\" is missing",
                          "/States/S/Choices/0/Variable: field \"Variable\" is not valid in a "
                          "JSONata Choice rule",
                          "/States/S/Choices/0/IsNull: field \"IsNull\" is not valid in a "
                          "JSONata Choice rule"));
}

TEST(ParserJsonataTest, SettingsTakeExpressions) {
  auto machine = AssertParse(OneState(R"json({"Type": "Task", "QueryLanguage": "JSONata",
      "Resource": "arn:aws:states:::sns:publish", "Arguments": {"Message": "{% 'm' %}"},
      "TimeoutSeconds": "{% 5 %}", "HeartbeatSeconds": 2, "End": true})json"));
  ASSERT_NE(machine, nullptr);
  EXPECT_TRUE(machine->states[0].timeout_seconds.expression.has_value());
  EXPECT_EQ(machine->states[0].heartbeat_seconds.value, 2);
  auto wait = AssertParse(OneState(R"json({"Type": "Wait", "QueryLanguage": "JSONata",
      "Seconds": "{% $states.input.s %}", "End": true})json"));
  ASSERT_NE(wait, nullptr);
  EXPECT_TRUE(wait->states[0].wait_expression.has_value());
  auto fail = AssertParse(OneState(R"json({"Type": "Fail", "QueryLanguage": "JSONata",
      "Error": "{% 'E' & 'x' %}", "Cause": "plain"})json"));
  ASSERT_NE(fail, nullptr);
  EXPECT_TRUE(fail->states[0].error.expression.has_value());
  EXPECT_EQ(fail->states[0].cause.literal, "plain");
}

TEST(ParserJsonataTest, MapItemsMustBeAnArrayOrAnExpression) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "QueryLanguage": "JSONata",
                "Items": "$.items", "End": true, "ItemProcessor": {"StartAt": "P",
                "States": {"P": {"Type": "Succeed"}}}})json")),
              ElementsAre("/States/S/Items: expected an array or a JSONata expression "
                          "\"{% … %}\", got string \"$.items\""));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "QueryLanguage": "JSONata",
                "Items": [1, "{% 2 %}"], "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
                "End": true, "ItemProcessor": {"StartAt": "P",
                "States": {"P": {"Type": "Succeed"}}}})json")),
              IsEmpty());
}

}  // namespace
}  // namespace asl
