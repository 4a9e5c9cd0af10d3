#include "asl/base/json_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace asl {
namespace {

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonLimitsTest, TextDepthCountsBracketsOutsideStrings) {
  EXPECT_EQ(JsonTextDepth("1"), 0);
  EXPECT_EQ(JsonTextDepth("[]"), 1);
  EXPECT_EQ(JsonTextDepth(R"({"a":[{"b":[]}],"c":{}})"), 4);
  EXPECT_EQ(JsonTextDepth(R"(["[[[[", "\"[[["])"), 1);
  EXPECT_EQ(JsonTextDepth(Nested(100000)), 100000);
}

TEST(JsonLimitsTest, ParsesWithinTheLimitAndRefusesBeyondIt) {
  JsonTextProblem problem{};
  EXPECT_TRUE(ParseJsonWithinLimits(Nested(kMaxJsonDepth)).has_value());
  EXPECT_FALSE(ParseJsonWithinLimits(Nested(kMaxJsonDepth + 1), kMaxJsonDepth, &problem));
  EXPECT_EQ(problem, JsonTextProblem::kTooDeep);
  EXPECT_FALSE(ParseJsonWithinLimits(Nested(100000), kMaxJsonDepth, &problem));
  EXPECT_EQ(problem, JsonTextProblem::kTooDeep);
  EXPECT_FALSE(ParseJsonWithinLimits("{\"a\":", kMaxJsonDepth, &problem));
  EXPECT_EQ(problem, JsonTextProblem::kMalformed);
  EXPECT_EQ(*ParseJsonWithinLimits(R"({"a":[1,"]"]})"), Json::parse(R"({"a":[1,"]"]})"));
}

TEST(JsonLimitsTest, ValueDepthWalksWithoutRecursion) {
  EXPECT_EQ(JsonValueDepth(Json(1)), 0);
  EXPECT_EQ(JsonValueDepth(Json::parse(R"({"a":[{"b":[]}],"c":{}})")), 4);
  Json deep = Json::array();
  Json* innermost = &deep;
  for (int i = 0; i < 50000; ++i) {
    innermost->push_back(Json::array());
    innermost = &innermost->back();
  }
  EXPECT_EQ(JsonValueDepth(deep), 50001);
}

}  // namespace
}  // namespace asl
