// States.UUID.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-uuid-generate

#include <gtest/gtest.h>

#include <regex>

#include "tests/asl/intrinsics_test_util.h"

namespace asl {
namespace {

TEST(StatesUuidTest, VersionFourFromTheContextGenerator) {
  Random random(1);
  Result<Json> first = testing::Eval("States.UUID()", Json::object(), {.random = &random});
  Result<Json> second = testing::Eval("States.UUID()", Json::object(), {.random = &random});
  ASSERT_TRUE(first.ok() && second.ok());
  // The generator's first 128 bits, with the version and variant bits set.
  EXPECT_EQ(first->get<std::string>(), "910a2dec-8902-4cc1-beeb-8da1658eec67");
  EXPECT_EQ(second->get<std::string>(), "f893a2ee-fb32-455e-b1c1-8690ee42c90b");
}

TEST(StatesUuidTest, AlwaysTheV4Form) {
  const std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  Random random(99);
  for (int i = 0; i < 100; ++i) {
    Result<Json> uuid = testing::Eval("States.UUID()", Json::object(), {.random = &random});
    ASSERT_TRUE(uuid.ok());
    EXPECT_TRUE(std::regex_match(uuid->get<std::string>(), v4)) << uuid->get<std::string>();
  }
  // Without a generator in the context a thread-local one is used.
  Result<Json> uuid = testing::Eval("States.UUID()");
  ASSERT_TRUE(uuid.ok());
  EXPECT_TRUE(std::regex_match(uuid->get<std::string>(), v4));
}

TEST(StatesUuidTest, NestsInOtherCalls) {
  Random random(1);
  EXPECT_EQ(testing::EvalText("States.Format('id-{}', States.UUID())", Json::object(),
                              {.random = &random}),
            R"("id-910a2dec-8902-4cc1-beeb-8da1658eec67")");
}

}  // namespace
}  // namespace asl
