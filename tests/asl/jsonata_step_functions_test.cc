// FunctionSet::StepFunctions(): AWS's six added functions and the refused `$eval`. Expected
// values come from the developer guide ("Transforming data with JSONata in Step Functions")
// and from values measured on AWS (floci-io/floci #2662: $range, $hash, seeded $random).

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "asl/jsonata/jsonata.h"

namespace asl::jsonata {
namespace {

Evaluation SfnEval(std::string_view source, const std::function<double()>& random = nullptr) {
  auto compiled = Expression::Compile(source);
  if (auto* error = std::get_if<Error>(&compiled)) return Evaluation{std::nullopt, *error};
  EvaluateOptions options;
  options.functions = &FunctionSet::StepFunctions();
  options.random = random;
  return std::get<Expression>(compiled).Evaluate(nullptr, options);
}

Json SfnResult(std::string_view source) {
  Evaluation ev = SfnEval(source);
  EXPECT_FALSE(ev.error.has_value()) << source << ": " << ev.error->code << " " << ev.error->message;
  return ev.result.value_or(Json("(undefined)"));
}

std::string SfnErrorCode(std::string_view source) {
  Evaluation ev = SfnEval(source);
  EXPECT_TRUE(ev.error.has_value()) << source << " gave " << ev.result.value_or(Json()).dump();
  return ev.error ? ev.error->code : "";
}

TEST(JsonataStepFunctions, Partition) {
  EXPECT_EQ(SfnResult("$partition([1,2,3,4,5,6,7,8,9], 3)"),
            Json::parse("[[1,2,3],[4,5,6],[7,8,9]]"));
  EXPECT_EQ(SfnResult("$partition([1,2,3,4,5], 2)"), Json::parse("[[1,2],[3,4],[5]]"));
  EXPECT_EQ(SfnResult("$partition([1,2,3], 2.9)"), Json::parse("[[1,2],[3]]"));
  EXPECT_EQ(SfnResult("$partition([], 2)"), Json::array());
  EXPECT_EQ(SfnErrorCode("$partition([1,2], -1)"), "States.QueryEvaluationError");
  EXPECT_EQ(SfnErrorCode("$partition([1,2], 0)"), "States.QueryEvaluationError");
  EXPECT_EQ(SfnErrorCode("$partition([1,2], 'x')"), "T0410");
}

TEST(JsonataStepFunctions, RangeIncludesTheEndAndTruncates) {
  EXPECT_EQ(SfnResult("$range(0, 10, 2)"), Json::parse("[0,2,4,6,8,10]"));
  EXPECT_EQ(SfnResult("$range(0, 6, 2)"), Json::parse("[0,2,4,6]"));
  EXPECT_EQ(SfnResult("$range(0, 5, 2)"), Json::parse("[0,2,4]"));
  EXPECT_EQ(SfnResult("$range(10, 0, -5)"), Json::parse("[10,5,0]"));
  EXPECT_EQ(SfnResult("$range(-1.7, 2, 1)"), Json::parse("[-1,0,1,2]"));
  EXPECT_EQ(SfnResult("$range(5, 1, 1)"), Json::array());
  EXPECT_EQ(SfnResult("$count($range(1, 200000, 1))"), Json(200000));
  EXPECT_EQ(SfnErrorCode("$range(1, 5, 0)"), "States.QueryEvaluationError");
  EXPECT_EQ(SfnErrorCode("$range(0, 1e12, 1)"), "States.QueryEvaluationError");
}

TEST(JsonataStepFunctions, Hash) {
  EXPECT_EQ(SfnResult("$hash('input', 'SHA-1')"), Json("140f86aae51ab9e1cda9b4254fe98a74eb54c1a1"));
  EXPECT_EQ(SfnResult("$hash('', 'MD5')"), Json("d41d8cd98f00b204e9800998ecf8427e"));
  EXPECT_EQ(SfnResult("$hash('abc', 'SHA-256')"),
            Json("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  EXPECT_EQ(SfnResult("$string($length($hash('abc', 'SHA-384'))) & $string($length($hash('abc', 'SHA-512')))"),
            Json("96128"));
  EXPECT_EQ(SfnErrorCode("$hash('abc', 'SHA-3')"), "States.QueryEvaluationError");
  EXPECT_EQ(SfnErrorCode("$hash('abc', 'sha-256')"), "States.QueryEvaluationError");
}

TEST(JsonataStepFunctions, RandomWithASeedIsJavaRandom) {
  EXPECT_EQ(SfnResult("$random(42)"), Json(0.7275636800328681));
  EXPECT_EQ(SfnResult("$random(7) = $random(7)"), Json(true));
  EXPECT_EQ(SfnResult("$random(7) = $random(8)"), Json(false));
  // Without a seed: the caller's random source (the simulation's seed drives it).
  Evaluation ev = SfnEval("$random()", [] { return 0.25; });
  EXPECT_EQ(ev.result, Json(0.25));
}

TEST(JsonataStepFunctions, UuidIsVersion4FromTheRandomSource) {
  double next = 0.0;
  auto source = [&next] {
    next += 0.1;
    return next - std::floor(next);
  };
  Evaluation first = SfnEval("$uuid()", source);
  ASSERT_TRUE(first.result.has_value());
  std::string uuid = first.result->get<std::string>();
  EXPECT_TRUE(std::regex_match(
      uuid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << uuid;
  next = 0.0;
  EXPECT_EQ(SfnEval("$uuid()", source).result, first.result);  // same draws, same UUID
  EXPECT_NE(SfnEval("$uuid()", source).result, first.result);
}

TEST(JsonataStepFunctions, Parse) {
  EXPECT_EQ(SfnResult("$parse('{\"a\":1}').a"), Json(1));
  EXPECT_EQ(SfnResult("$parse('[1,2,3]')[1]"), Json(2));
  EXPECT_EQ(SfnResult("$parse('\"text\"')"), Json("text"));
  EXPECT_EQ(SfnErrorCode("$parse('{nope')"), "States.QueryEvaluationError");
}

TEST(JsonataStepFunctions, EvalIsRefusedAndTheRestOfTheLibraryIsThere) {
  EXPECT_EQ(SfnErrorCode("$eval('1+1')"), "T1006");
  EXPECT_EQ(SfnResult("$uppercase('a') & $string($count([1,2]))"), Json("A2"));
  // The standard set is unchanged: no AWS functions, $eval available.
  EXPECT_FALSE(FunctionSet::Standard().Contains("partition"));
  EXPECT_TRUE(FunctionSet::Standard().Contains("eval"));
}

}  // namespace
}  // namespace asl::jsonata
