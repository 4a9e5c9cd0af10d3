// The definition parser: the machine's structure. Top-level fields, state names, transitions
// (StartAt/Next/End/Default/Catch), reachability, terminal states, names unique across nesting,
// the fields each state type accepts, QueryLanguage/JSONata and Assign.
// https://states-language.net/spec.html#toplevelfields
// https://states-language.net/spec.html#transition

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
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

// --- The document and its top-level fields ------------------------------------------------

TEST(ParserStructureTest, MinimalMachine) {
  auto machine = AssertParse(R"json({"StartAt": "A", "States": {"A": {"Type": "Succeed"}}})json");
  ASSERT_NE(machine, nullptr);
  EXPECT_EQ(machine->start_at_name, "A");
  EXPECT_EQ(machine->start_at, 0u);
  ASSERT_EQ(machine->states.size(), 1u);
  EXPECT_EQ(machine->states[0].type, StateType::kSucceed);
  EXPECT_EQ(machine->states[0].pointer, "/States/A");
}

TEST(ParserStructureTest, AllTopLevelFields) {
  auto machine = AssertParse(R"json({
    "Comment": "c", "Version": "1.0", "TimeoutSeconds": 99999999, "QueryLanguage": "JSONPath",
    "StartAt": "A", "States": {"A": {"Type": "Succeed"}}})json");
  ASSERT_NE(machine, nullptr);
  EXPECT_EQ(machine->comment, "c");
  EXPECT_EQ(machine->version, "1.0");
  EXPECT_EQ(machine->timeout_seconds, 99999999);
}

TEST(ParserStructureTest, NotAnObject) {
  EXPECT_THAT(ParseDiagnostics("[]"),
              ElementsAre("/: a state machine definition must be a JSON object, got array"));
  EXPECT_THAT(ParseDiagnostics("\"x\""),
              ElementsAre("/: a state machine definition must be a JSON object, got string "
                          "\"x\""));
  EXPECT_THAT(ParseCodes("3"), ElementsAre("SFN0003"));
}

TEST(ParserStructureTest, EmptyObjectLacksStartAtAndStates) {
  EXPECT_THAT(ParseDiagnostics("{}"), ElementsAre("/: required field \"StartAt\" is missing",
                                                  "/: required field \"States\" is missing"));
  EXPECT_THAT(ParseCodes("{}"), ElementsAre("SFN0100", "SFN0100"));
}

TEST(ParserStructureTest, TopLevelFieldTypes) {
  EXPECT_THAT(ParseDiagnostics(R"json({"Comment": 1, "StartAt": 2, "States": [],
                                       "Version": 1.0, "TimeoutSeconds": "60"})json"),
              ElementsAre("/Comment: expected a string, got number 1",
                          "/StartAt: expected a string, got number 2",
                          "/Version: expected a string, got number 1.0",
                          "/TimeoutSeconds: expected an integer, got string \"60\"",
                          "/States: expected an object, got array"));
}

TEST(ParserStructureTest, VersionMustBeOnePointZero) {
  EXPECT_THAT(ParseDiagnostics(R"json({"Version": "2.0", "StartAt": "A",
                                       "States": {"A": {"Type": "Succeed"}}})json"),
              ElementsAre("/Version: unsupported Version \"2.0\": expected \"1.0\""));
}

TEST(ParserStructureTest, TimeoutSecondsRange) {
  const char* kTemplate = R"json({"TimeoutSeconds": %s, "StartAt": "A",
                                  "States": {"A": {"Type": "Succeed"}}})json";
  auto with = [&](const char* value) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, kTemplate, value);
    return ParseDiagnostics(buffer);
  };
  EXPECT_THAT(with("1"), IsEmpty());
  EXPECT_THAT(with("0"), ElementsAre("/TimeoutSeconds: 0 is out of range: expected an integer "
                                     "from 1 to 99999999"));
  EXPECT_THAT(with("100000000"), ElementsAre("/TimeoutSeconds: 100000000 is out of range: "
                                             "expected an integer from 1 to 99999999"));
  EXPECT_THAT(with("1.5"), ElementsAre("/TimeoutSeconds: expected an integer, got number 1.5"));
  EXPECT_THAT(with("18446744073709551615"),
              ElementsAre("/TimeoutSeconds: 18446744073709551615 is out of range: expected an "
                          "integer from 1 to 99999999"));
}

TEST(ParserStructureTest, UnknownTopLevelField) {
  EXPECT_THAT(ParseDiagnostics(R"json({"Coment": "x", "StartAt": "A",
                                       "States": {"A": {"Type": "Succeed"}}})json"),
              ElementsAre("/Coment: field \"Coment\" is not valid in a state machine (did you "
                          "mean \"Comment\"?)"));
  EXPECT_THAT(ParseCodes(R"json({"X": 1, "StartAt": "A",
                                 "States": {"A": {"Type": "Succeed"}}})json"),
              ElementsAre("SFN0101"));
}

TEST(ParserStructureTest, EmptyStates) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {}})json"),
              ElementsAre("/States: States must declare at least one state"));
  EXPECT_THAT(ParseCodes(R"json({"StartAt": "A", "States": {}})json"), ElementsAre("SFN0111"));
}

// --- StartAt, Next, End --------------------------------------------------------------------

TEST(ParserStructureTest, StartAtMustNameAState) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "Frist",
                                       "States": {"First": {"Type": "Succeed"}}})json"),
              ElementsAre("/StartAt: StartAt names state \"Frist\", which does not exist (did "
                          "you mean \"First\"?)"));
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "Zzz",
                                       "States": {"First": {"Type": "Succeed"}}})json"),
              ElementsAre("/StartAt: StartAt names state \"Zzz\", which does not exist"));
  EXPECT_THAT(ParseCodes(R"json({"StartAt": "Zzz",
                                 "States": {"First": {"Type": "Succeed"}}})json"),
              ElementsAre("SFN0107"));
}

TEST(ParserStructureTest, TransitionsResolveToIds) {
  auto machine = AssertParse(R"json({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "B"},
    "B": {"Type": "Pass", "End": true}}})json");
  ASSERT_NE(machine, nullptr);
  EXPECT_EQ(machine->states[0].next_name, "B");
  EXPECT_EQ(machine->states[0].next, 1u);
  EXPECT_FALSE(machine->states[0].end);
  EXPECT_TRUE(machine->states[1].end);
  EXPECT_EQ(machine->states[1].next, kNoState);
  EXPECT_EQ(machine->Find("B"), 1u);
  EXPECT_EQ(machine->Find("C"), kNoState);
}

TEST(ParserStructureTest, NextMustNameAState) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "Fnial"},
                "Final": {"Type": "Succeed"}}})json"),
              ElementsAre("/States/A/Next: state \"Fnial\" does not exist (did you mean "
                          "\"Final\"?)",
                          "/States/Final: state \"Final\" is not reachable from StartAt \"A\""));
  EXPECT_THAT(ParseCodes(R"json({"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "X"}, "B": {"Type": "Succeed"}}})json"),
              ElementsAre("SFN0106", "SFN0109"));
}

TEST(ParserStructureTest, NextOrEndIsRequired) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass"})json")),
              ElementsAre("/States/S: Pass state needs \"Next\" or \"End\": true",
                          "/States: the state machine has no terminal state: at least one state "
                          "must be a Succeed or Fail state or have \"End\": true"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": false})json")),
              ElementsAre("/States/S: Pass state needs \"Next\" or \"End\": true",
                          "/States: the state machine has no terminal state: at least one state "
                          "must be a Succeed or Fail state or have \"End\": true"));
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Pass"})json")),
              ElementsAre("SFN0108", "SFN0112"));
}

TEST(ParserStructureTest, NextAndEndTogether) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "Next": "S", "End": true})json")),
              ElementsAre("/States/S/End: a state cannot have both \"Next\" and \"End\": true"));
  // "End": false beside Next is harmless.
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "Next": "T", "End": false})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              IsEmpty());
}

TEST(ParserStructureTest, NextAndEndTypes) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "Next": 1})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre("/States/S/Next: expected a string, got number 1",
                          "/States/T: state \"T\" is not reachable from StartAt \"S\""));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": "true"})json")),
              ElementsAre("/States/S/End: expected a boolean, got string \"true\"",
                          "/States/S: Pass state needs \"Next\" or \"End\": true",
                          "/States: the state machine has no terminal state: at least one state "
                          "must be a Succeed or Fail state or have \"End\": true"));
}

TEST(ParserStructureTest, TerminalStatesTakeNoTransition) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Succeed", "Next": "S"})json")),
              ElementsAre("/States/S/Next: field \"Next\" is not valid in a Succeed state"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Fail", "End": true})json")),
              ElementsAre("/States/S/End: field \"End\" is not valid in a Fail state"));
}

// --- Reachability and terminal states ------------------------------------------------------

TEST(ParserStructureTest, UnreachableStatesAreAllReported) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
                "A": {"Type": "Succeed"},
                "B": {"Type": "Pass", "Next": "C"},
                "C": {"Type": "Succeed"}}})json"),
              ElementsAre("/States/B: state \"B\" is not reachable from StartAt \"A\"",
                          "/States/C: state \"C\" is not reachable from StartAt \"A\""));
}

TEST(ParserStructureTest, EveryKindOfTransitionMakesReachable) {
  auto machine = AssertParse(R"json({"StartAt": "Choose", "States": {
    "Choose": {"Type": "Choice", "Default": "ByDefault",
               "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "ByRule"}]},
    "ByRule": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true,
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "ByCatch"}]},
    "ByDefault": {"Type": "Pass", "Next": "ByNext"},
    "ByNext": {"Type": "Succeed"},
    "ByCatch": {"Type": "Fail"}}})json");
  ASSERT_NE(machine, nullptr);
  const State& choose = machine->states[0];
  EXPECT_EQ(choose.choices.at(0).next, machine->Find("ByRule"));
  EXPECT_EQ(choose.default_next, machine->Find("ByDefault"));
  EXPECT_EQ(machine->states[1].catchers.at(0).next, machine->Find("ByCatch"));
}

TEST(ParserStructureTest, LoopWithoutTerminalState) {
  // AWS: MISSING_END_STATE "Workflow has no terminal state".
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Pass", "Next": "A"}}})json"),
              ElementsAre("/States: the state machine has no terminal state: at least one state "
                          "must be a Succeed or Fail state or have \"End\": true"));
}

TEST(ParserStructureTest, LoopWithUnreachableTerminalIsReportedAsUnreachable) {
  // AWS reports this one as MISSING_TRANSITION_TARGET ("State "C" is not reachable.") only.
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
                "A": {"Type": "Pass", "Next": "B"},
                "B": {"Type": "Pass", "Next": "A"},
                "C": {"Type": "Pass", "End": true}}})json"),
              ElementsAre("/States/C: state \"C\" is not reachable from StartAt \"A\""));
}

TEST(ParserStructureTest, ChoiceStateIsNotTerminal) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice",
                "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "S"}]})json")),
              ElementsAre("/States: the state machine has no terminal state: at least one state "
                          "must be a Succeed or Fail state or have \"End\": true"));
}

TEST(ParserStructureTest, NestedMachinesAreCheckedOnTheirOwn) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "B1"},
                                             "B2": {"Type": "Succeed"}}}]})json")),
              ElementsAre("/States/S/Branches/0/States/B2: state \"B2\" is not reachable from "
                          "StartAt \"B1\""));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "End": true, "ItemProcessor":
                {"StartAt": "I", "States": {"I": {"Type": "Pass", "Next": "I"}}}})json")),
              ElementsAre("/States/S/ItemProcessor/States: the state machine has no terminal "
                          "state: at least one state must be a Succeed or Fail state or have "
                          "\"End\": true"));
}

// --- State names ---------------------------------------------------------------------------

TEST(ParserStructureTest, StateNameLength) {
  std::string name80(80, 'n');
  std::string name81(81, 'n');
  EXPECT_THAT(ParseDiagnostics(R"({"StartAt": ")" + name80 + R"(", "States": {")" + name80 +
                               R"(": {"Type": "Succeed"}}})"),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(R"({"StartAt": ")" + name81 + R"(", "States": {")" + name81 +
                               R"(": {"Type": "Succeed"}}})"),
              ElementsAre("/States/" + name81 +
                          ": state names must be 1 to 80 characters long, got 81"));
  // Characters, not bytes: 80 three-byte characters are fine.
  std::string wide;
  for (int i = 0; i < 80; ++i) wide += "\xE4\xB8\xAD";  // 中
  EXPECT_THAT(ParseDiagnostics(R"({"StartAt": ")" + wide + R"(", "States": {")" + wide +
                               R"(": {"Type": "Succeed"}}})"),
              IsEmpty());
  EXPECT_THAT(ParseDiagnostics(R"({"StartAt": "", "States": {"": {"Type": "Succeed"}}})"),
              ElementsAre("/States/: state names must be 1 to 80 characters long, got 0"));
  EXPECT_THAT(ParseCodes(R"({"StartAt": "", "States": {"": {"Type": "Succeed"}}})"),
              ElementsAre("SFN0110"));
}

TEST(ParserStructureTest, PointersEscapeStateNames) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "a/b~c", "States": {
                "a/b~c": {"Type": "Pass", "Next": "missing"}}})json"),
              ElementsAre("/States/a~1b~0c/Next: state \"missing\" does not exist",
                          "/States: the state machine has no terminal state: at least one state "
                          "must be a Succeed or Fail state or have \"End\": true"));
}

TEST(ParserStructureTest, DuplicateNamesAcrossNesting) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "P", "States": {
                "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                  {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}},
                  {"StartAt": "X", "States": {"X": {"Type": "Map", "End": true,
                    "ItemProcessor": {"StartAt": "Done",
                                      "States": {"Done": {"Type": "Succeed"}}}}}}]},
                "Done": {"Type": "Succeed"}}})json"),
              ElementsAre("/States/P/Branches/1/States/X/ItemProcessor/States/Done: state name "
                          "\"Done\" is already used at /States/P/Branches/0/States/Done: state "
                          "names must be unique in the whole state machine",
                          "/States/Done: state name \"Done\" is already used at "
                          "/States/P/Branches/0/States/Done: state names must be unique in the "
                          "whole state machine"));
  EXPECT_THAT(ParseCodes(R"json({"StartAt": "P", "States": {
                "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                  {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}]},
                "Done": {"Type": "Succeed"}}})json"),
              ElementsAre("SFN0113"));
}

TEST(ParserStructureTest, TransitionsCannotLeaveANestedMachine) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "P", "States": {
                "P": {"Type": "Parallel", "Next": "After", "Branches": [
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "After"},
                                              "C": {"Type": "Succeed"}}}]},
                "After": {"Type": "Pass", "Next": "B"}}})json"),
              ElementsAre("/States/P/Branches/0/States/B/Next: state \"After\" is outside this "
                          "nested machine: transitions cannot leave a Parallel branch or a Map "
                          "item processor",
                          "/States/P/Branches/0/States/C: state \"C\" is not reachable from "
                          "StartAt \"B\"",
                          "/States/After/Next: state \"B\" is outside this state machine: "
                          "transitions cannot leave a Parallel branch or a Map item processor",
                          "/States: the state machine has no terminal state: at least one state "
                          "must be a Succeed or Fail state or have \"End\": true"));
}

// --- State objects and types ---------------------------------------------------------------

TEST(ParserStructureTest, StateMustBeAnObjectWithAType) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {"A": "Pass"}})json"),
              ElementsAre("/States/A: expected a state object, got string \"Pass\""));
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {"A": {"End": true}}})json"),
              ElementsAre("/States/A: required field \"Type\" is missing"));
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {"A": {"Type": 7}}})json"),
              ElementsAre("/States/A/Type: expected a string, got number 7"));
}

TEST(ParserStructureTest, UnknownType) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
                "A": {"Type": "Tsak", "Next": "B"}, "B": {"Type": "Succeed"}}})json"),
              ElementsAre("/States/A/Type: unknown state Type \"Tsak\" (did you mean "
                          "\"Task\"?)"));
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "States": {
                "A": {"Type": "Lambda", "End": true}}})json"),
              ElementsAre("/States/A/Type: unknown state Type \"Lambda\": expected Task, Pass, "
                          "Choice, Wait, Succeed, Fail, Parallel or Map"));
  EXPECT_THAT(ParseCodes(R"json({"StartAt": "A", "States": {"A": {"Type": "X"}}})json"),
              ElementsAre("SFN0105"));
}

TEST(ParserStructureTest, CommentMustBeAString) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Succeed", "Comment": ["x"]})json")),
              ElementsAre("/States/S/Comment: expected a string, got array"));
}

// Fields each state type refuses (statelint's rules; AWS: "Field 'X' is not supported").
struct FieldCase {
  const char* state;   // a valid state of the type, as JSON, missing the closing brace
  const char* field;   // a field it refuses, as `"Name": value`
  const char* message;
};

class RefusedFieldTest : public ::testing::TestWithParam<FieldCase> {};

TEST_P(RefusedFieldTest, IsReportedAtTheField) {
  const FieldCase& c = GetParam();
  std::string state = std::string(c.state) + ", " + c.field + "}";
  std::string field_name(c.field + 1, std::strchr(c.field + 1, '"'));
  // States that transition go to "T"; Succeed and Fail stand alone.
  bool transitions = std::strstr(c.state, "\"T\"") != nullptr;
  EXPECT_THAT(ParseDiagnostics(OneState(state, transitions ? R"json("T": {"Type": "Succeed"})json"
                                                           : "")),
              ElementsAre("/States/S/" + field_name + ": " + c.message));
}

constexpr const char* kTask = R"json({"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                                      "Next": "T")json";
constexpr const char* kPass = R"json({"Type": "Pass", "Next": "T")json";
constexpr const char* kWait = R"json({"Type": "Wait", "Seconds": 1, "Next": "T")json";
constexpr const char* kChoice = R"json({"Type": "Choice", "Default": "T",
    "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "T"}])json";
constexpr const char* kSucceed = R"json({"Type": "Succeed")json";
constexpr const char* kFail = R"json({"Type": "Fail")json";
constexpr const char* kParallel = R"json({"Type": "Parallel", "Next": "T",
    "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}])json";
constexpr const char* kMap = R"json({"Type": "Map", "Next": "T",
    "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}})json";

INSTANTIATE_TEST_SUITE_P(
    AllStateTypes, RefusedFieldTest,
    ::testing::Values(
        FieldCase{kPass, R"("ResultSelector": {})",
                  "field \"ResultSelector\" is not valid in a Pass state"},
        FieldCase{kPass, R"("Retry": [])", "field \"Retry\" is not valid in a Pass state"},
        FieldCase{kPass, R"("Catch": [])", "field \"Catch\" is not valid in a Pass state"},
        FieldCase{kPass, R"("TimeoutSeconds": 5)",
                  "field \"TimeoutSeconds\" is not valid in a Pass state"},
        FieldCase{kWait, R"("Parameters": {})",
                  "field \"Parameters\" is not valid in a Wait state"},
        FieldCase{kWait, R"("ResultPath": "$.x")",
                  "field \"ResultPath\" is not valid in a Wait state"},
        FieldCase{kWait, R"("Retry": [])", "field \"Retry\" is not valid in a Wait state"},
        FieldCase{kChoice, R"("Parameters": {})",
                  "field \"Parameters\" is not valid in a Choice state"},
        FieldCase{kChoice, R"("ResultPath": "$.x")",
                  "field \"ResultPath\" is not valid in a Choice state"},
        FieldCase{kChoice, R"("ResultSelector": {})",
                  "field \"ResultSelector\" is not valid in a Choice state"},
        FieldCase{kChoice, R"("Catch": [])", "field \"Catch\" is not valid in a Choice state"},
        FieldCase{kChoice, R"("Next": "T")",
                  "a Choice state cannot have \"Next\": its transitions are in Choices and "
                  "Default"},
        FieldCase{kChoice, R"("End": true)",
                  "a Choice state cannot have \"End\": its transitions are in Choices and "
                  "Default"},
        FieldCase{kSucceed, R"("Parameters": {})",
                  "field \"Parameters\" is not valid in a Succeed state"},
        FieldCase{kSucceed, R"("ResultPath": "$")",
                  "field \"ResultPath\" is not valid in a Succeed state"},
        FieldCase{kSucceed, R"("ResultSelector": {})",
                  "field \"ResultSelector\" is not valid in a Succeed state"},
        FieldCase{kSucceed, R"("Assign": {})", "field \"Assign\" is not valid in a Succeed state"},
        FieldCase{kFail, R"("InputPath": "$")",
                  "field \"InputPath\" is not valid in a Fail state"},
        FieldCase{kFail, R"("OutputPath": "$")",
                  "field \"OutputPath\" is not valid in a Fail state"},
        FieldCase{kFail, R"("Parameters": {})",
                  "field \"Parameters\" is not valid in a Fail state"},
        FieldCase{kFail, R"("ResultPath": "$")",
                  "field \"ResultPath\" is not valid in a Fail state"},
        FieldCase{kFail, R"("Assign": {})", "field \"Assign\" is not valid in a Fail state"},
        FieldCase{kTask, R"("Result": 1)", "field \"Result\" is not valid in a Task state"},
        FieldCase{kTask, R"("Resources": 1)",
                  "field \"Resources\" is not valid in a Task state"},
        FieldCase{kTask, R"("TimeoutSecond": 1)",
                  "field \"TimeoutSecond\" is not valid in a Task state (did you mean "
                  "\"TimeoutSeconds\"?)"},
        FieldCase{kTask, R"("Branches": [])", "field \"Branches\" is not valid in a Task state"},
        FieldCase{kParallel, R"("TimeoutSeconds": 5)",
                  "field \"TimeoutSeconds\" is not valid in a Parallel state"},
        FieldCase{kParallel, R"("ItemProcessor": {})",
                  "field \"ItemProcessor\" is not valid in a Parallel state"},
        FieldCase{kMap, R"("TimeoutSeconds": 5)",
                  "field \"TimeoutSeconds\" is not valid in a Map state"},
        FieldCase{kMap, R"("Branches": [])", "field \"Branches\" is not valid in a Map state"},
        FieldCase{kMap, R"("Result": 1)", "field \"Result\" is not valid in a Map state"},
        // Fields of JSONata states, in a JSONPath state.
        FieldCase{kTask, R"("Arguments": {})",
                  "field \"Arguments\" is only valid with QueryLanguage \"JSONata\""},
        FieldCase{kPass, R"("Output": {})",
                  "field \"Output\" is only valid with QueryLanguage \"JSONata\""},
        FieldCase{kMap, R"("Items": [])",
                  "field \"Items\" is only valid with QueryLanguage \"JSONata\""}));

TEST(ParserStructureTest, EveryUnknownFieldIsReported) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true, "A": 1, "B": 2,
                                                 "Resul": 3})json")),
              ElementsAre("/States/S/A: field \"A\" is not valid in a Pass state",
                          "/States/S/B: field \"B\" is not valid in a Pass state",
                          "/States/S/Resul: field \"Resul\" is not valid in a Pass state (did "
                          "you mean \"Result\"?)"));
}

// --- Nested machines -----------------------------------------------------------------------

TEST(ParserStructureTest, NestedMachineFields) {
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "B", "Comment": "fine", "Version": "1.0", "TimeoutSeconds": 5,
                 "States": {"B": {"Type": "Succeed"}}}]})json")),
              ElementsAre("/States/S/Branches/0/Version: field \"Version\" is not valid in a "
                          "nested state machine",
                          "/States/S/Branches/0/TimeoutSeconds: field \"TimeoutSeconds\" is not "
                          "valid in a nested state machine"));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Parallel", "End": true, "Branches": [
                {"States": {"B": {"Type": "Succeed"}}}, {"StartAt": "C"}]})json")),
              ElementsAre("/States/S/Branches/0: required field \"StartAt\" is missing",
                          "/States/S/Branches/1: required field \"States\" is missing"));
}

// --- QueryLanguage (the JSONata fields: parser_jsonata_test.cc) ------------------------------

TEST(ParserStructureTest, QueryLanguageValues) {
  EXPECT_THAT(ParseDiagnostics(R"json({"QueryLanguage": "JsonPath", "StartAt": "A",
                                       "States": {"A": {"Type": "Succeed"}}})json"),
              ElementsAre("/QueryLanguage: unknown QueryLanguage \"JsonPath\": expected "
                          "\"JSONPath\" or \"JSONata\""));
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Succeed", "QueryLanguage": 1})json")),
              ElementsAre("/States/S/QueryLanguage: expected a string, got number 1"));
  EXPECT_THAT(ParseDiagnostics(
                  OneState(R"json({"Type": "Succeed", "QueryLanguage": "jsonata"})json")),
              ElementsAre("/States/S/QueryLanguage: unknown QueryLanguage \"jsonata\": expected "
                          "\"JSONPath\" or \"JSONata\""));
  EXPECT_THAT(ParseDiagnostics(
                  OneState(R"json({"Type": "Succeed", "QueryLanguage": "JSONPath"})json")),
              IsEmpty());
}

TEST(ParserStructureTest, NestedMachinesCannotSetQueryLanguage) {
  // AWS: "Field 'QueryLanguage' is not supported" at /States/M/ItemProcessor.
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Map", "End": true, "ItemProcessor":
                {"QueryLanguage": "JSONPath", "StartAt": "I",
                 "States": {"I": {"Type": "Succeed"}}}})json")),
              ElementsAre("/States/S/ItemProcessor/QueryLanguage: field \"QueryLanguage\" is "
                          "not valid in a nested state machine"));
}

// --- Assign (workflow variables) -----------------------------------------------------------

TEST(ParserStructureTest, AssignIsReadInEveryStateThatTakesIt) {
  // Pass, Task, Map, Parallel, Choice (the state's and each rule's) and Wait take Assign.
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Pass", "End": true,
                                                 "Assign": {"x": 1, "y.$": "$.a"}})json")),
              ElementsAre());
  EXPECT_THAT(ParseDiagnostics(OneState(R"json({"Type": "Choice", "Default": "T",
                "Assign": {}, "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "T",
                                            "Assign": {"z": 2}}]})json",
                                        R"json("T": {"Type": "Succeed"})json")),
              ElementsAre());
  // Succeed and Fail do not.
  EXPECT_THAT(ParseCodes(OneState(R"json({"Type": "Succeed", "Assign": {"x": 1}})json")),
              ElementsAre("SFN0101"));
}

// --- All problems at once ------------------------------------------------------------------

TEST(ParserStructureTest, EveryProblemIsReportedNotJustTheFirst) {
  EXPECT_THAT(ParseDiagnostics(R"json({"StartAt": "A", "Extra": true, "States": {
                "A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                      "TimeoutSeconds": 0, "Next": "B",
                      "Retry": [{"ErrorEquals": [], "BackoffRate": 0.5}]},
                "B": {"Type": "Wait", "Seconds": -1, "Timestamp": "yesterday", "Next": "C"},
                "C": {"Type": "Pass", "InputPath": "$..[", "Next": "Z"},
                "D": {"Type": "Succeed", "Bogus": 1}}})json"),
              ElementsAre(
                  "/Extra: field \"Extra\" is not valid in a state machine",
                  "/States/A/TimeoutSeconds: 0 is out of range: expected an integer from 1 to "
                  "99999999",
                  "/States/A/Retry/0/ErrorEquals: ErrorEquals must name at least one error",
                  "/States/A/Retry/0/BackoffRate: 0.5 is out of range: expected a number of at "
                  "least 1",
                  "/States/B/Timestamp: \"Timestamp\" cannot be used together with \"Seconds\"",
                  "/States/B/Seconds: -1 is out of range: expected an integer from 0 to "
                  "99999999",
                  "/States/B/Timestamp: \"yesterday\" is not an RFC 3339 timestamp (e.g. "
                  "\"2016-03-14T01:59:00Z\")",
                  "/States/C/InputPath: invalid JSONPath \"$..[\": unterminated '[' at offset 3",
                  "/States/D/Bogus: field \"Bogus\" is not valid in a Succeed state",
                  "/States/C/Next: state \"Z\" does not exist",
                  "/States/D: state \"D\" is not reachable from StartAt \"A\""));
}

}  // namespace
}  // namespace asl
