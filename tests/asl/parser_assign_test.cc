// The definition parser on Assign (workflow variables): where it is read, the name rules, the
// two languages, and the scope rule (an iteration or branch cannot assign an outer variable).
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html

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
using ::testing::Pair;

TEST(ParserAssignTest, JsonPathNamesDropTheSelectorSuffix) {
  auto machine = AssertParse(OneState(R"json({"Type": "Pass", "End": true,
      "Assign": {"literal": "$.not.a.path", "selected.$": "$.a", "call.$": "States.UUID()"}})json"));
  const State& state = OnlyState(machine);
  ASSERT_TRUE(state.assign.json_path.has_value());
  EXPECT_FALSE(state.assign.jsonata.has_value());
  EXPECT_THAT(state.assign.names,
              ElementsAre(Pair("literal", "/States/S/Assign/literal"),
                          Pair("selected", "/States/S/Assign/selected.$"),
                          Pair("call", "/States/S/Assign/call.$")));
  EXPECT_TRUE(machine->assigns_variables);
}

TEST(ParserAssignTest, JsonataAssignIsATemplateOfExpressions) {
  auto machine = AssertParse(R"json({"QueryLanguage": "JSONata", "StartAt": "S", "States": {
      "S": {"Type": "Pass", "End": true,
            "Assign": {"n": "{% $count($states.input.rows) %}", "fixed": [1, 2]}}}})json");
  const State& state = OnlyState(machine);
  ASSERT_TRUE(state.assign.jsonata.has_value());
  EXPECT_EQ(state.assign.jsonata->field_name(), "Assign");
  // A syntax error is located at the member.
  EXPECT_THAT(ParseDiagnostics(R"json({"QueryLanguage": "JSONata", "StartAt": "S", "States": {
      "S": {"Type": "Pass", "End": true, "Assign": {"n": "{% $states.input. %}"}}}})json"),
              ElementsAre(testing::StartsWith("/States/S/Assign/n: invalid JSONata expression")));
}

TEST(ParserAssignTest, VariableNamesFollowAwsRules) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
      "Assign": {"states": 1, "1st": 2, "a-b": 3, "": 4, "ok_1": 5, "_x": 6, "ünï": 7}})json")),
              ElementsAre("/States/S/Assign/states: invalid variable name \"states\": \"states\" "
                          "is reserved: $states holds the state's input, result and context",
                          "/States/S/Assign/1st: invalid variable name \"1st\": a variable name "
                          "must start with a letter or '_', not '1'",
                          "/States/S/Assign/a-b: invalid variable name \"a-b\": a variable name "
                          "may hold only letters, digits and '_', not '-'",
                          "/States/S/Assign/: invalid variable name \"\": a variable name must "
                          "not be empty"));
  std::string long_name(81, 'v');
  EXPECT_THAT(ParseCodes(OneState(R"({"Type": "Pass", "End": true, "Assign": {")" + long_name +
                                  R"(": 1}})")),
              ElementsAre("SFN0208"));
  // In JSONata ".$" is no selector: the name is invalid.
  EXPECT_THAT(ParseCodes(R"json({"QueryLanguage": "JSONata", "StartAt": "S", "States": {
      "S": {"Type": "Pass", "End": true, "Assign": {"a.$": "x"}}}})json"),
              ElementsAre("SFN0208"));
  // "x" and "x.$" name the same variable.
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
      "Assign": {"x": 1, "x.$": "$.a"}})json")),
              ElementsAre("/States/S/Assign/x.$: variable \"x\" is assigned twice in one Assign "
                          "(also at /States/S/Assign/x)"));
}

TEST(ParserAssignTest, AssignMustBeAnObjectOfValidPaths) {
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass", "End": true, "Assign": [1]})json")),
              ElementsAre("SFN0102"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass", "End": true,
                                           "Assign": {"a.$": "$.["}})json")),
              ElementsAre("SFN0203"));
}

TEST(ParserAssignTest, CatchersAndChoiceRulesAssignToo) {
  auto machine = AssertParse(R"json({"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C",
                       "Assign": {"error.$": "$.Error"}}]},
      "C": {"Type": "Choice", "Default": "D", "Assign": {"path": "default"},
            "Choices": [{"Variable": "$error", "IsPresent": true, "Next": "D",
                         "Assign": {"path": "rule"}}]},
      "D": {"Type": "Succeed"}}})json");
  ASSERT_NE(machine, nullptr);
  EXPECT_THAT(machine->states[0].catchers[0].assign.names,
              ElementsAre(Pair("error", "/States/T/Catch/0/Assign/error.$")));
  EXPECT_THAT(machine->states[1].choices[0].assign.names,
              ElementsAre(Pair("path", "/States/C/Choices/0/Assign/path")));
}

TEST(ParserAssignTest, InnerScopesCannotAssignOuterVariables) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Assign": {"total": 0}, "Next": "M"},
      "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "I", "States": {
        "I": {"Type": "Pass", "Assign": {"total": 1, "mine": 2}, "Next": "P"},
        "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {
          "B": {"Type": "Pass", "Assign": {"mine": 3}, "End": true}}}]}}}}}})json"),
              ElementsAre("/States/M/ItemProcessor/States/I/Assign/total: variable \"total\" is "
                          "assigned in an outer scope (at /States/A/Assign/total): states in a "
                          "Map iteration or Parallel branch can read it but not assign it",
                          "/States/M/ItemProcessor/States/P/Branches/0/States/B/Assign/mine: "
                          "variable \"mine\" is assigned in an outer scope (at "
                          "/States/M/ItemProcessor/States/I/Assign/mine): states in a Map "
                          "iteration or Parallel branch can read it but not assign it"));
  // Sibling branches are separate scopes, and reading an outer variable is fine.
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "P", "States": {
      "P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Assign": {"v": 1}, "End": true}}},
        {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Assign": {"v": 2}, "End": true}}}]}}})json"),
              IsEmpty());
}

TEST(ParserAssignTest, DistributedMapChildrenHaveScopesOfTheirOwn) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
      "A": {"Type": "Pass", "Assign": {"x": 0}, "Next": "M"},
      "M": {"Type": "Map", "End": true, "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "I", "States": {"I": {"Type": "Pass", "Assign": {"x": 1}, "End": true}}}}}})json"),
              IsEmpty());
}

}  // namespace
}  // namespace asl
