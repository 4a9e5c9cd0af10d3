// States.StringToJson, States.JsonToString and States.JsonMerge.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-json-manipulate

#include <gtest/gtest.h>

#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using testing::EvalError;
using testing::EvalText;
using testing::Input;
using testing::InvalidArguments;
using testing::PathNotFound;

Json FunctionInput(Json value) {
  Json input = Json::object();
  input["FunctionInput"] = std::move(value);
  return input;
}

// LocalStack test_string_to_json, recorded on AWS (intrinsic_string_to_json.json is "1" -> 1).
TEST(StatesStringToJsonTest, RecordedOnAws) {
  const char* call = "States.StringToJson($.FunctionInput)";
  EXPECT_EQ(EvalText(call, FunctionInput("")), "null");
  EXPECT_EQ(EvalText(call, FunctionInput(" ")), "null");
  EXPECT_EQ(EvalText(call, FunctionInput("null")), "null");
  EXPECT_EQ(EvalText(call, FunctionInput("-0")), "0");
  EXPECT_EQ(EvalText(call, FunctionInput("1")), "1");
  EXPECT_EQ(EvalText(call, FunctionInput("1.1")), "1.1");
  EXPECT_EQ(EvalText(call, FunctionInput("true")), "true");
  EXPECT_EQ(EvalText(call, FunctionInput("\"HelloWorld\"")), R"("HelloWorld")");
  EXPECT_EQ(EvalText(call, FunctionInput("[1, 2, \"HelloWorld\"]")), R"([1,2,"HelloWorld"])");
  EXPECT_EQ(EvalText(call, FunctionInput(R"({"Arg1": 1, "Arg2": []})")), R"({"Arg1":1,"Arg2":[]})");
}

TEST(StatesStringToJsonTest, DocumentationExampleAndLiterals) {
  EXPECT_EQ(EvalText("States.StringToJson($.escapedJsonString)",
                     Input(R"({"escapedJsonString": "{\"foo\": \"bar\"}"})")),
            R"({"foo":"bar"})");
  EXPECT_EQ(EvalText(R"(States.StringToJson('{"b": 1, "a": [true]}'))"), R"({"b":1,"a":[true]})");
}

TEST(StatesStringToJsonTest, RefusedArguments) {
  const Json input = Input(R"({"obj":{"Output":1},"n":1,"bad":"{\"a\":","two":"1 2"})");
  for (const char* text : {"States.StringToJson($.obj)", "States.StringToJson($.n)",
                           "States.StringToJson($.bad)", "States.StringToJson($.two)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.StringToJson"));
  }
}

// LocalStack test_json_to_string, recorded on AWS.
TEST(StatesJsonToStringTest, RecordedOnAws) {
  const char* call = "States.JsonToString($.FunctionInput)";
  EXPECT_EQ(EvalText(call, FunctionInput(nullptr)), R"("null")");
  EXPECT_EQ(EvalText(call, FunctionInput(Json::parse("-0"))), R"("0")");
  EXPECT_EQ(EvalText(call, FunctionInput(1)), R"("1")");
  EXPECT_EQ(EvalText(call, FunctionInput(1.1)), R"("1.1")");
  EXPECT_EQ(EvalText(call, FunctionInput(true)), R"("true")");
  EXPECT_EQ(EvalText(call, FunctionInput("HelloWorld")), R"("\"HelloWorld\"")");
  EXPECT_EQ(EvalText(call, FunctionInput(Json::parse(R"([1, 2, "HelloWorld"])"))),
            R"("[1,2,\"HelloWorld\"]")");
  EXPECT_EQ(EvalText(call, FunctionInput(Json::parse(R"({"Arg1": 1, "Arg2": []})"))),
            R"("{\"Arg1\":1,\"Arg2\":[]}")");
}

TEST(StatesJsonToStringTest, DocumentationExampleAndUnicode) {
  EXPECT_EQ(EvalText("States.JsonToString($.unescapedJson)",
                     Input(R"({"unescapedJson": {"foo": "bar"}})")),
            R"("{\"foo\":\"bar\"}")");
  EXPECT_EQ(EvalText("States.JsonToString($.a)", Input(R"({"a": {"é": "✓/"}})")),
            R"("{\"é\":\"✓/\"}")");
  EXPECT_EQ(EvalText("States.JsonToString($.a)", Input(R"({"a": [1.0, 1e2]})")),
            R"("[1.0,100.0]")");
  EXPECT_EQ(EvalError("States.JsonToString($.missing)", Input(R"({"a":1})")),
            PathNotFound("States.JsonToString($.missing)", "$.missing", R"({"a":1})"));
}

// intrinsic_json_merge.json (recorded on AWS): a shallow merge, second object wins, members
// sorted by key.
TEST(StatesJsonMergeTest, RecordedOnAws) {
  EXPECT_EQ(EvalText("States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)",
                     Input(R"({"FunctionInput":{
                         "fst":{"a":{"a1":1,"a2":2},"b":2,"d":3},
                         "snd":{"a":{"a3":1,"a4":2},"c":3,"d":4}}})")),
            R"({"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4})");
}

// LocalStack json_merge_escaped_argument.json5, recorded on AWS.
TEST(StatesJsonMergeTest, LiteralObjectAndContextObject) {
  const Json context =
      Input(R"({"Execution":{"Input":{"input_field":{"constant_input_field":"constant_value"}}}})");
  EXPECT_EQ(
      EvalText(
          R"(States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), )"
          R"($$.Execution.Input.input_field, false))",
          Json::object(), {.context = &context}),
      R"({"constant_in_literal":"false","constant_input_field":"constant_value"})");
}

TEST(StatesJsonMergeTest, MembersAreSortedAndNestedObjectsReplaced) {
  EXPECT_EQ(EvalText("States.JsonMerge($.x, $.y, false)",
                     Input(R"({"x":{"z":1,"b":{"keep":1},"a":2},"y":{"b":{"new":2},"c":3}})")),
            R"({"a":2,"b":{"new":2},"c":3,"z":1})");
  EXPECT_EQ(EvalText("States.JsonMerge($.x, $.y, false)", Input(R"({"x":{},"y":{}})")), "{}");
}

TEST(StatesJsonMergeTest, RefusedArguments) {
  const Json input =
      Input(R"({"o":{"a":1},"arr":[1],"s":"x","yes":true,"no":false,"text":"false"})");
  for (const char* text :
       {"States.JsonMerge($.arr, $.o, false)", "States.JsonMerge($.o, $.s, false)",
        "States.JsonMerge($.o, $.o, $.yes)", "States.JsonMerge($.o, $.o, $.text)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.JsonMerge"));
  }
  EXPECT_EQ(EvalText("States.JsonMerge($.o, $.o, $.no)", input), R"({"a":1})");
}

}  // namespace
}  // namespace asl
