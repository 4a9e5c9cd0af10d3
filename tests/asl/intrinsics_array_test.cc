// The array intrinsics: States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem,
// ArrayLength, ArrayUnique.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-arrays
//
// Expected values come from the AWS documentation's examples, the AWS recordings (LocalStack
// snapshots tests/aws/services/stepfunctions/v2/intrinsic_functions/test_array.snapshot.json)
// and the intrinsic conformance cases that were run against AWS (see function.h).

#include <gtest/gtest.h>

#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

using testing::EvalError;
using testing::EvalText;
using testing::Input;
using testing::InvalidArguments;
using testing::PathNotFound;

TEST(StatesArrayTest, ValuesInOrder) {
  EXPECT_EQ(EvalText("States.Array($.Id)", Input(R"({"Id": 123456})")), "[123456]");
  EXPECT_EQ(EvalText("States.Array($.a, $.b, $.c)", Input(R"({"a":1,"b":"2","c":true})")),
            R"([1,"2",true])");
  EXPECT_EQ(EvalText("States.Array($.obj, $.arr, $.obj)", Input(R"({"obj":{"k":1},"arr":[1,2]})")),
            R"([{"k":1},[1,2],{"k":1}])");
  EXPECT_EQ(EvalText("States.Array(false, '', 0, null)"), R"([false,"",0,null])");
  EXPECT_EQ(EvalText("States.Array()"), "[]");
}

TEST(StatesArrayTest, PathSelectingNothing) {
  EXPECT_EQ(EvalError("States.Array($.a, $.missing)", Input(R"({"a":1})")),
            PathNotFound("States.Array($.a, $.missing)", "$.missing", R"({"a":1})"));
}

TEST(StatesArrayPartitionTest, Chunks) {
  // Recorded (intrinsic_array_partition.json).
  EXPECT_EQ(EvalText("States.ArrayPartition($.fst, $.snd)", Input(R"({"fst":[0],"snd":1})")),
            "[[0]]");
  // AWS documentation example.
  EXPECT_EQ(EvalText("States.ArrayPartition($.inputArray, 4)",
                     Input(R"({"inputArray":[1,2,3,4,5,6,7,8,9]})")),
            "[[1,2,3,4],[5,6,7,8],[9]]");
  const Json four = Input(R"({"a":[0,1,2,3]})");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 1)", four), "[[0],[1],[2],[3]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 2)", four), "[[0,1],[2,3]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 3)", four), "[[0,1,2],[3]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 5)", four), "[[0,1,2,3]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 2147483647)", four), "[[0,1,2,3]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 1e300)", four), "[[0,1,2,3]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 3)", Input(R"({"a":[]})")), "[]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 2)", Input(R"({"a":[{"a":1},[2],null]})")),
            R"([[{"a":1},[2]],[null]])");
  EXPECT_EQ(EvalText("States.ArrayPartition(States.Array(1, 2, 3, 4, 5), 2)"), "[[1,2],[3,4],[5]]");
}

// AWS truncates a fractional chunk size: 2.6 partitions by 2 (conformance AP-013, AP-014).
TEST(StatesArrayPartitionTest, FractionalChunkSizeIsTruncated) {
  const Json five = Input(R"({"a":[1,2,3,4,5]})");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 2.6)", five), "[[1,2],[3,4],[5]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 2.4)", five), "[[1,2],[3,4],[5]]");
  EXPECT_EQ(EvalText("States.ArrayPartition($.a, 1.0)", five), "[[1],[2],[3],[4],[5]]");
}

TEST(StatesArrayPartitionTest, RefusedArguments) {
  const Json input = Input(R"({"arr":[1,2,3],"s":"2","n":null,"obj":{}})");
  for (const char* text :
       {"States.ArrayPartition($.arr, 0)", "States.ArrayPartition($.arr, -1)",
        "States.ArrayPartition($.arr, 0.6)", "States.ArrayPartition($.arr, 0.49)",
        "States.ArrayPartition($.arr, -0.4)", "States.ArrayPartition($.arr, -0.6)",
        "States.ArrayPartition($.arr, $.s)", "States.ArrayPartition($.arr, $.n)",
        "States.ArrayPartition($.s, 2)", "States.ArrayPartition($.obj, 2)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.ArrayPartition"));
  }
  EXPECT_EQ(EvalError("States.ArrayPartition($.missing, 2)", Json::object()),
            PathNotFound("States.ArrayPartition($.missing, 2)", "$.missing", "{}"));
}

TEST(StatesArrayContainsTest, Membership) {
  // Recorded (LocalStack test_array_contains).
  EXPECT_EQ(EvalText("States.ArrayContains($.fst, $.snd)", Input(R"({"fst":[],"snd":null})")),
            "false");
  EXPECT_EQ(EvalText("States.ArrayContains($.fst, $.snd)", Input(R"({"fst":[],"snd":[]})")),
            "false");
  EXPECT_EQ(
      EvalText("States.ArrayContains($.fst, $.snd)", Input(R"({"fst":[[1,2,3],2],"snd":null})")),
      "false");
  EXPECT_EQ(
      EvalText("States.ArrayContains($.fst, $.snd)", Input(R"({"fst":[[1,2,3],2],"snd":[1,2,3]})")),
      "true");
  EXPECT_EQ(
      EvalText("States.ArrayContains($.fst, $.snd)", Input(R"({"fst":[{"1":2,"2":[]}],"snd":[]})")),
      "false");
  EXPECT_EQ(EvalText("States.ArrayContains($.fst, $.snd)",
                     Input(R"({"fst":[{"1":2,"2":[]}],"snd":{"1":2,"2":[]}})")),
            "true");
  EXPECT_EQ(EvalText("States.ArrayContains($.fst, true)", Input(R"({"fst":[true,false]})")),
            "true");
  EXPECT_EQ(EvalText("States.ArrayContains($.fst, false)", Input(R"({"fst":[true,false]})")),
            "true");
  // AWS documentation example.
  EXPECT_EQ(EvalText("States.ArrayContains($.inputArray, $.lookingFor)",
                     Input(R"({"inputArray":[1,2,3,4,5,6,7,8,9],"lookingFor":5})")),
            "true");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, null)", Input(R"({"a":[1,null,3]})")), "true");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, 'C')", Input(R"({"a":["A","B","C"]})")), "true");
  EXPECT_EQ(EvalText("States.ArrayContains(States.Array(1, 2, 3), 2)"), "true");
}

// AWS compares values by their Java text (conformance cases AC-009, AC-024..AC-028, observed
// on AWS).
TEST(StatesArrayContainsTest, ComparesValuesAsAwsDoes) {
  EXPECT_EQ(EvalText("States.ArrayContains($.a, $.t)",
                     Input(R"({"a":[{"a":1,"b":2}],"t":{"b":2,"a":1}})")),
            "false");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, $.t)",
                     Input(R"({"a":[{"a":1}],"t":{"a":1,"extra":null}})")),
            "false");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, true)", Input(R"({"a":["true","false","maybe"]})")),
            "true");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, $.t)",
                     Input(R"({"a":["-1","-1.5","9007199254740991"],"t":9007199254740991})")),
            "true");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, false)", Input(R"({"a":[0,1,-1,-1.5]})")), "false");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, $.t)",
                     Input(R"({"a":[null,""," ",0,1,true,false,[0,1,false]],"t":[0,1,false]})")),
            "true");
  EXPECT_EQ(EvalText("States.ArrayContains($.a, 1)", Input(R"({"a":[1.0]})")), "false");
}

TEST(StatesArrayContainsTest, RefusedArguments) {
  const char* text = "States.ArrayContains($.s, 'x')";
  EXPECT_EQ(EvalError(text, Input(R"({"s":"not-array"})")),
            InvalidArguments(text, "States.ArrayContains"));
}

TEST(StatesArrayRangeTest, Ranges) {
  // Recorded (intrinsic_array_range.json and LocalStack test_array_range).
  EXPECT_EQ(
      EvalText("States.ArrayRange($.fst, $.snd, $.trd)", Input(R"({"fst":0,"snd":10,"trd":3})")),
      "[0,3,6,9]");
  EXPECT_EQ(EvalText("States.ArrayRange(0, 9, 3)"), "[0,3,6,9]");
  EXPECT_EQ(EvalText("States.ArrayRange(1, 9, 9)"), "[1]");
  EXPECT_EQ(EvalText("States.ArrayRange(1, 9, 2)"), "[1,3,5,7,9]");
  // Conformance cases run against AWS.
  EXPECT_EQ(EvalText("States.ArrayRange(-2, 2, 2)"), "[-2,0,2]");
  EXPECT_EQ(EvalText("States.ArrayRange(3, 3, 1)"), "[3]");
  EXPECT_EQ(EvalText("States.ArrayRange(3, 3, -1)"), "[3]");
  EXPECT_EQ(EvalText("States.ArrayRange(5, 1, -2)"), "[5,3,1]");
  EXPECT_EQ(EvalText("States.ArrayRange(5, 1, 1)"), "[]");
  EXPECT_EQ(EvalText("States.ArrayRange(1, 5, -1)"), "[]");
  EXPECT_EQ(EvalText("States.ArrayRange(States.MathAdd($.base, 1), States.MathAdd($.base, 5), 2)",
                     Input(R"({"base":0})")),
            "[1,3,5]");
}

// AWS truncates fractional arguments (conformance ARANGE-004, -023, -024).
TEST(StatesArrayRangeTest, FractionalArgumentsAreTruncated) {
  EXPECT_EQ(EvalText("States.ArrayRange(1.4, 5.6, 2.2)"), "[1,3,5]");
  EXPECT_EQ(EvalText("States.ArrayRange(1.6, 1.4, 1)"), "[1]");
  EXPECT_EQ(EvalText("States.ArrayRange(5.4, -0.6, -2.4)"), "[5,3,1]");
}

// "The newly generated array can't contain more than 1000 items."
TEST(StatesArrayRangeTest, AtMostOneThousandItems) {
  Result<Json> up = testing::Eval("States.ArrayRange(1, 1000, 1)");
  ASSERT_TRUE(up.ok());
  ASSERT_EQ(up->size(), 1000u);
  EXPECT_EQ((*up)[0], 1);
  EXPECT_EQ((*up)[999], 1000);
  Result<Json> down = testing::Eval("States.ArrayRange(1000, 1, -1)");
  ASSERT_TRUE(down.ok());
  ASSERT_EQ(down->size(), 1000u);
  EXPECT_EQ((*down)[999], 1);
  for (const char* text : {"States.ArrayRange(1, 1001, 1)", "States.ArrayRange(1001, 1, -1)",
                           "States.ArrayRange(-2147483648, 2147483647, 1)"}) {
    EXPECT_EQ(EvalError(text), InvalidArguments(text, "States.ArrayRange"));
  }
}

TEST(StatesArrayRangeTest, RefusedArguments) {
  const Json input = Input(R"({"s":"a","n":null})");
  for (const char* text : {"States.ArrayRange(1, 10, 0)", "States.ArrayRange(1, 10, 0.49)",
                           "States.ArrayRange(1, 10, -0.9)", "States.ArrayRange($.s, 5, 1)",
                           "States.ArrayRange(1, $.s, 1)", "States.ArrayRange(1, 5, $.n)",
                           "States.ArrayRange(3000000000, 3000000001, 1)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.ArrayRange"));
  }
}

TEST(StatesArrayGetItemTest, Items) {
  // Recorded (LocalStack test_array_get_item) and the documentation example.
  EXPECT_EQ(EvalText("States.ArrayGetItem($.fst, $.snd)",
                     Input(R"({"fst":[1,2,3,4,5,6,7,8,9],"snd":5})")),
            "6");
  const Json letters = Input(R"({"arr":["a","b","c"]})");
  EXPECT_EQ(EvalText("States.ArrayGetItem($.arr, 0)", letters), R"("a")");
  EXPECT_EQ(EvalText("States.ArrayGetItem($.arr, 2)", letters), R"("c")");
  EXPECT_EQ(EvalText("States.ArrayGetItem($.arr, 0)", Input(R"({"arr":[null]})")), "null");
  EXPECT_EQ(EvalText("States.ArrayGetItem($.arr, 1)", Input(R"({"arr":[{"a":1},{"b":2}]})")),
            R"({"b":2})");
  EXPECT_EQ(EvalText("States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)"), R"("y")");
  // The documentation's nested example: the last part of a name split at '-'.
  EXPECT_EQ(EvalText("States.ArrayGetItem(States.StringSplit($.n, '-'), "
                     "States.MathAdd(States.ArrayLength(States.StringSplit($.n, '-')), -1))",
                     Input(R"({"n":"my-state-machine"})")),
            R"("machine")");
}

// AWS truncates a fractional index, and returns null for any index into an empty array
// (conformance AGI-011, AGI-015).
TEST(StatesArrayGetItemTest, AwsQuirks) {
  EXPECT_EQ(EvalText("States.ArrayGetItem($.arr, 1.2)", Input(R"({"arr":[10,20,30]})")), "20");
  EXPECT_EQ(EvalText("States.ArrayGetItem($.arr, 999)", Input(R"({"arr":[]})")), "null");
}

TEST(StatesArrayGetItemTest, RefusedArguments) {
  const Json input = Input(R"({"arr":[10,20,30],"s":"not-array","i":"1"})");
  for (const char* text : {"States.ArrayGetItem($.arr, 3)", "States.ArrayGetItem($.arr, -1)",
                           "States.ArrayGetItem($.arr, $.i)", "States.ArrayGetItem($.s, 0)",
                           "States.ArrayGetItem($.arr, 1e300)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.ArrayGetItem"));
  }
}

TEST(StatesArrayLengthTest, Lengths) {
  EXPECT_EQ(EvalText("States.ArrayLength($)", Input("[1,2,3,4,5,6,7,8,9]")), "9");
  EXPECT_EQ(EvalText("States.ArrayLength($.a)", Input(R"({"a":[]})")), "0");
  EXPECT_EQ(EvalText("States.ArrayLength($.a)", Input(R"({"a":[[1],[2],[3]]})")), "3");
  EXPECT_EQ(EvalText("States.ArrayLength(States.Array(1, 2, 3))"), "3");
  Json thousand = Json::object();
  thousand["a"] = Json::array();
  for (int i = 0; i < 1000; ++i) thousand["a"].push_back(i);
  EXPECT_EQ(EvalText("States.ArrayLength($.a)", thousand), "1000");
}

TEST(StatesArrayLengthTest, RefusedArguments) {
  const Json input = Input(R"({"obj":{"k":1},"s":"not-array"})");
  for (const char* text : {"States.ArrayLength($.obj)", "States.ArrayLength($.s)"}) {
    EXPECT_EQ(EvalError(text, input), InvalidArguments(text, "States.ArrayLength"));
  }
}

TEST(StatesArrayUniqueTest, FirstOccurrencesInOrder) {
  // AWS documentation example.
  EXPECT_EQ(
      EvalText("States.ArrayUnique($.inputArray)", Input(R"({"inputArray":[1,2,3,3,3,3,3,3,4]})")),
      "[1,2,3,4]");
  // The values of LocalStack's test_array_unique.
  EXPECT_EQ(EvalText("States.ArrayUnique($.a)",
                     Input(R"({"a":[null,null,true,true,false,false,1,1,1.1,0,0,"HelloWorld",
                                   "HelloWorld",[],[],[null],[null],{"a":1,"b":2},
                                   {"a":1,"b":2},{"a":1,"b":1}]})")),
            R"([null,true,false,1,1.1,0,"HelloWorld",[],[null],{"a":1,"b":2},{"a":1,"b":1}])");
  EXPECT_EQ(EvalText("States.ArrayUnique($.a)", Input(R"({"a":[]})")), "[]");
}

// Java object equality: members in any order are the same object; 1 and 1.0 differ.
TEST(StatesArrayUniqueTest, EqualityOfJavaObjects) {
  EXPECT_EQ(EvalText("States.ArrayUnique($.a)",
                     Input(R"({"a":[{"a":1,"b":[1,{"c":2}]},{"b":[1,{"c":2}],"a":1}]})")),
            R"([{"a":1,"b":[1,{"c":2}]}])");
  EXPECT_EQ(EvalText("States.ArrayUnique($.a)", Input(R"({"a":[1,1.0,"1",1,1.0,0.0,-0.0]})")),
            R"([1,1.0,"1",0.0,-0.0])");
  EXPECT_EQ(EvalText("States.ArrayUnique($.a)", Input(R"({"a":[[1,2],[2,1],[1,2]]})")),
            "[[1,2],[2,1]]");
}

TEST(StatesArrayUniqueTest, RefusedArguments) {
  const char* text = "States.ArrayUnique($.s)";
  EXPECT_EQ(EvalError(text, Input(R"({"s":"abc"})")), InvalidArguments(text, "States.ArrayUnique"));
}

}  // namespace
}  // namespace asl
