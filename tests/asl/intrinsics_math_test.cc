// States.MathAdd and States.MathRandom.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-math-operation

#include <gtest/gtest.h>

#include <set>

#include "asl/intrinsics/java_random.h"
#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using intrinsics::JavaRandom;
using testing::EvalError;
using testing::EvalText;
using testing::InvalidArguments;

std::string Add(double a, double b) {
  Json input = Json::object();
  input["FunctionInput"] = {{"fst", a}, {"snd", b}};
  return EvalText("States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)", input);
}

std::string AddIntegers(int64_t a, int64_t b) {
  Json input = Json::object();
  input["FunctionInput"] = {{"fst", a}, {"snd", b}};
  return EvalText("States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)", input);
}

// LocalStack test_math_add, every case recorded on AWS (intrinsic_math_add.json is 1.5 + 0).
TEST(StatesMathAddTest, RecordedOnAws) {
  EXPECT_EQ(AddIntegers(-9, 3), "-6");
  EXPECT_EQ(Add(1.49, 1.50), "3");
  EXPECT_EQ(Add(1.50, 1.51), "4");
  EXPECT_EQ(Add(-1.49, -1.50), "-2");
  EXPECT_EQ(Add(-1.50, -1.51), "-3");
  EXPECT_EQ(Add(1.49, 0), "1");
  EXPECT_EQ(Add(1.49, -1.49), "0");
  EXPECT_EQ(Add(1.50, 0), "2");
  EXPECT_EQ(Add(1.51, 0), "2");
  EXPECT_EQ(Add(-1.49, 0), "-1");
  EXPECT_EQ(Add(-1.50, 0), "-1");
  EXPECT_EQ(Add(-1.51, 0), "-2");
  EXPECT_EQ(Add(0.5, 0), "1");
  EXPECT_EQ(Add(2.5, 0), "3");
  EXPECT_EQ(Add(3.5, 0), "4");
  EXPECT_EQ(Add(-0.5, 0.5), "1");
  EXPECT_EQ(Add(-0.5, 0), "0");
  EXPECT_EQ(Add(-2.5, 0), "-2");
  EXPECT_EQ(Add(-3.5, 0), "-3");
}

TEST(StatesMathAddTest, Sums) {
  // AWS documentation example.
  EXPECT_EQ(
      EvalText("States.MathAdd($.value1, $.step)", Json::parse(R"({"value1":111,"step":-1})")),
      "110");
  EXPECT_EQ(EvalText("States.MathAdd(1, 2)"), "3");
  EXPECT_EQ(EvalText("States.MathAdd(States.MathAdd(1, 2), -10)"), "-7");
  // Java's Math.round is exact where floor(x + 0.5) is not.
  EXPECT_EQ(Add(0.49999999999999994, 0), "0");
  EXPECT_EQ(Add(2147483646.6, 0), "2147483647");
}

// "You must specify integer values in the range of -2147483648 and 2147483647."
TEST(StatesMathAddTest, IntegerRange) {
  EXPECT_EQ(AddIntegers(2147483647, 0), "2147483647");
  EXPECT_EQ(AddIntegers(-2147483648, 0), "-2147483648");
  EXPECT_EQ(AddIntegers(2147483647, -2147483648), "-1");
  const char* call = "States.MathAdd($.FunctionInput.fst, $.FunctionInput.snd)";
  EXPECT_EQ(AddIntegers(2147483648, 0), "<error> " + InvalidArguments(call, "States.MathAdd"));
  EXPECT_EQ(AddIntegers(0, -2147483649), "<error> " + InvalidArguments(call, "States.MathAdd"));
  EXPECT_EQ(Add(2147483647.5, 0), "<error> " + InvalidArguments(call, "States.MathAdd"));
  EXPECT_EQ(Add(1e300, 0), "<error> " + InvalidArguments(call, "States.MathAdd"));
  // The sum must fit too (sfnsim's choice).
  EXPECT_EQ(AddIntegers(2147483647, 1), "<error> " + InvalidArguments(call, "States.MathAdd"));
}

// A real AWS execution of MathAdd(1, "NOT A NUMBER") fails with States.Runtime "Invalid arguments
// in States.MathAdd"; so does an object (the CDK-synthesised {"count.$": 1} of a field report).
TEST(StatesMathAddTest, RefusedArguments) {
  const Json input = Json::parse(
      R"({"firstNumber":1,"secondNumber":"NOT A NUMBER","count":{"count.$":1},"n":null})");
  for (const char* text :
       {"States.MathAdd($.firstNumber, $.secondNumber)", "States.MathAdd($.count, 1)",
        "States.MathAdd($.n, 1)", "States.MathAdd(1, $.firstNumber.missing)"}) {
    const std::string error = EvalError(text, input);
    if (std::string_view(text).find("missing") != std::string_view::npos) {
      EXPECT_EQ(error, testing::PathNotFound(text, "$.firstNumber.missing", Dump(input)));
    } else {
      EXPECT_EQ(error, InvalidArguments(text, "States.MathAdd"));
    }
  }
}

// java.util.Random's published behaviour.
TEST(JavaRandomTest, MatchesJava) {
  EXPECT_EQ(JavaRandom(42).NextInt(), -1170105035);  // new Random(42).nextInt()
  EXPECT_EQ(JavaRandom(0).NextInt(), -1155484576);   // new Random(0).nextInt()
  EXPECT_EQ(JavaRandom(42).NextInt(10), 0);          // new Random(42).nextInt(10)
  JavaRandom sequence(42);
  EXPECT_EQ(sequence.NextInt(1000), 130);
  EXPECT_EQ(sequence.NextInt(1000), 763);
  EXPECT_EQ(sequence.NextInt(1000), 248);
  EXPECT_EQ(JavaRandom(0).NextInt(100), 60);
  EXPECT_EQ(JavaRandom(42).NextInt(100), 30);
}

TEST(StatesMathRandomTest, SeededIsAFunctionOfItsArguments) {
  // start + new Random(seed).nextInt(end - start)
  EXPECT_EQ(EvalText("States.MathRandom(1, 999, 42)"), "255");
  EXPECT_EQ(EvalText("States.MathRandom(1, 100, 42)"), "63");
  EXPECT_EQ(EvalText("States.MathRandom(1, 10, -10)"), "1");
  // LocalStack test_math_random_seeded's input.
  EXPECT_EQ(EvalText("States.MathRandom($.FunctionInput.fst, $.FunctionInput.snd, "
                     "$.FunctionInput.trd)",
                     Json::parse(R"({"FunctionInput":{"fst":0,"snd":999,"trd":3}})")),
            "239");
  // The same call twice in one expression gives the same number (conformance MRAND-024).
  Result<Json> twice = testing::Eval(
      "States.Array(States.MathRandom(1, 10, 42), "
      "States.MathRandom(1, 10, 42))");
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ((*twice)[0], (*twice)[1]);
  // The seed is truncated like the bounds.
  EXPECT_EQ(EvalText("States.MathRandom(1, 999, 42.9)"), "255");
}

// The end is exclusive (conformance MRAND-001): every value of [start, end) and nothing else.
TEST(StatesMathRandomTest, UnseededDrawsFromTheContextGenerator) {
  Random random(1);
  std::set<int64_t> seen;
  for (int i = 0; i < 200; ++i) {
    Result<Json> value =
        testing::Eval("States.MathRandom(1, 5)", Json::object(), {.random = &random});
    ASSERT_TRUE(value.ok());
    seen.insert(value->get<int64_t>());
  }
  EXPECT_EQ(seen, (std::set<int64_t>{1, 2, 3, 4}));
  // Deterministic for a given generator state.
  Random first(7), second(7);
  EXPECT_EQ(EvalText("States.MathRandom(1, 999)", Json::object(), {.random = &first}),
            EvalText("States.MathRandom(1, 999)", Json::object(), {.random = &second}));
}

TEST(StatesMathRandomTest, BoundsAreTruncated) {
  // (1.6, 5.4) can give 1 on AWS (conformance MRAND-008): the range is [1, 5).
  Random random(3);
  std::set<int64_t> seen;
  for (int i = 0; i < 200; ++i) {
    Result<Json> value =
        testing::Eval("States.MathRandom(1.6, 5.4)", Json::object(), {.random = &random});
    ASSERT_TRUE(value.ok());
    seen.insert(value->get<int64_t>());
  }
  EXPECT_EQ(seen, (std::set<int64_t>{1, 2, 3, 4}));
  // The LocalStack inputs recorded on AWS.
  for (const char* bounds : {R"({"fst":12.5,"snd":44.51})", R"({"fst":9999,"snd":99999})",
                             R"({"fst":-99999,"snd":-9999})"}) {
    Json input = Json::object();
    input["FunctionInput"] = Json::parse(bounds);
    Result<Json> value = testing::Eval(
        "States.MathRandom($.FunctionInput.fst, $.FunctionInput.snd)", input, {.random = &random});
    ASSERT_TRUE(value.ok());
    const double start = std::trunc(input["FunctionInput"]["fst"].get<double>());
    const double end = std::trunc(input["FunctionInput"]["snd"].get<double>());
    EXPECT_GE(value->get<int64_t>(), start);
    EXPECT_LT(value->get<int64_t>(), end);
  }
  Result<Json> high = testing::Eval("States.MathRandom(2147483640, 2147483647, 1)");
  ASSERT_TRUE(high.ok());
  EXPECT_GE(high->get<int64_t>(), 2147483640);
  EXPECT_LT(high->get<int64_t>(), 2147483647);
}

TEST(StatesMathRandomTest, RefusedArguments) {
  const Json input = Json::parse(R"({"s":"a","n":null})");
  for (const char* text :
       {"States.MathRandom(1, 1)", "States.MathRandom(10, 5)", "States.MathRandom(1.4, 1.6)",
        "States.MathRandom(1.49, 1.49)", "States.MathRandom($.s, 10)", "States.MathRandom(1, $.s)",
        "States.MathRandom(1, 10, $.s)", "States.MathRandom(1, 10, $.n)",
        "States.MathRandom(0, 3000000000)", "States.MathRandom(-2147483648, 2147483647)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.MathRandom"));
  }
}

}  // namespace
}  // namespace asl
