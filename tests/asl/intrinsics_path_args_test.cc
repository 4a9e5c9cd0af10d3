// Path arguments of intrinsic calls: "$" paths read the state's input, "$$" paths the Context
// object; definite paths must select a node, indefinite ones give the array of their matches.

#include <gtest/gtest.h>

#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using testing::EvalError;
using testing::EvalText;
using testing::ParseError;
using testing::PathNotFound;

const Json& Input() {
  static const Json input = Json::parse(R"({
    "a": [{"x": "p, q", "y": 1}, {"x": "z", "y": 2}],
    "c)d": 3,
    "items": [{"id": 1}, {"id": 2}],
    "n": 5
  })");
  return input;
}

TEST(IntrinsicPathArgumentTest, DefinitePaths) {
  EXPECT_EQ(EvalText("States.Array($.n, $.a[1].y, $['c)d'], $.items[0])", Input()),
            R"([5,2,3,{"id":1}])");
  EXPECT_EQ(EvalText("States.ArrayLength( $.items )", Input()), "2");
  EXPECT_EQ(EvalText("States.JsonToString($)", Json::parse("[1,2]")), R"("[1,2]")");
}

// A path ends at the first ',', ')' or space outside brackets, parentheses and quotes.
TEST(IntrinsicPathArgumentTest, PathsWithCommasAndParenthesesInside) {
  EXPECT_EQ(EvalText("States.Array($.a[?(@.x == 'p, q')].y, $['c)d'])", Input()), "[[1],3]");
  EXPECT_EQ(EvalText("States.ArrayLength($.a[?(@.y > 1)])", Input()), "1");
}

TEST(IntrinsicPathArgumentTest, IndefinitePathsGiveTheArrayOfMatches) {
  EXPECT_EQ(EvalText("States.Array($.items[*].id)", Input()), "[[1,2]]");
  EXPECT_EQ(EvalText("States.Array($..id)", Input()), "[[1,2]]");
  EXPECT_EQ(EvalText("States.ArrayLength($.a[0:2])", Input()), "2");
  EXPECT_EQ(EvalText("States.ArrayLength($.items[*].nope)", Input()), "0");
}

TEST(IntrinsicPathArgumentTest, ContextPaths) {
  const Json context = Json::parse(
      R"({"Execution":{"Input":{"arr":["zero","one","two"],"userId":7},"Name":"run-1"},
          "StateMachine":{"Name":"my-state-machine"}})");
  EXPECT_EQ(EvalText("States.ArrayGetItem($$.Execution.Input.arr, $.idx)",
                     Json::parse(R"({"idx":2})"), {.context = &context}),
            R"("two")");
  EXPECT_EQ(EvalText("States.Array($$.Execution.Input.userId, $.role)",
                     Json::parse(R"({"role":"admin"})"), {.context = &context}),
            R"([7,"admin"])");
  // LocalStack nested_calls_1.json5, evaluated on AWS.
  EXPECT_EQ(EvalText("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
                     Json::object(), {.context = &context}),
            R"("my")");
}

TEST(IntrinsicPathArgumentTest, PathsSelectingNothing) {
  const Json input = Json::parse(R"({"a":{"b":1},"s":"text"})");
  EXPECT_EQ(EvalError("States.Array($.a.c)", input),
            PathNotFound("States.Array($.a.c)", "$.a.c", R"({"a":{"b":1},"s":"text"})"));
  EXPECT_EQ(EvalError("States.Array($.a.b.c)", input),
            PathNotFound("States.Array($.a.b.c)", "$.a.b.c", R"({"a":{"b":1},"s":"text"})"));
  EXPECT_EQ(EvalError("States.Array($.s[0])", input),
            PathNotFound("States.Array($.s[0])", "$.s[0]", R"({"a":{"b":1},"s":"text"})"));
  // Arguments are evaluated left to right; the first failure is reported.
  EXPECT_EQ(EvalError("States.Array($.x, $.y)", input),
            PathNotFound("States.Array($.x, $.y)", "$.x", R"({"a":{"b":1},"s":"text"})"));
}

TEST(IntrinsicPathArgumentTest, MalformedPathsAreParseErrors) {
  EXPECT_EQ(ParseError("States.Array($.)"),
            "invalid path '$.': expected a name after '.' at offset 15");
  EXPECT_EQ(ParseError("States.Array($$.)"),
            "invalid path '$$.': expected a name after '.' at offset 16");
  EXPECT_EQ(ParseError("States.Array($1)"),
            "invalid path '$1': a variable name must not start with a digit at offset 14");
  EXPECT_EQ(ParseError("States.Array($.a[)"),
            "invalid path '$.a[)': expected a quoted name, an index, a slice, '*' or '?(' after "
            "'[' at offset 17");
  EXPECT_EQ(ParseError("States.Array($.a b)"), "expected ',' or ')' but found 'b' at offset 17");
}

}  // namespace
}  // namespace asl
