#include "asl/runtime/io_pipeline.h"

#include <gtest/gtest.h>

#include <string>

#include "asl/path/json_path.h"
#include "asl/path/reference_path.h"

namespace asl {
namespace {

TEST(SerializedSizeTest, IsTheLengthOfTheCompactText) {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  const Json values[] = {
      Json(nullptr), Json(true), Json(false), Json(0), Json(-7), Json(1234567890123LL),
      Json(18446744073709551615ULL), Json(0.5), Json(-1e300), Json(""), Json("plain"),
      Json("quote \" backslash \\ slash / tab \t newline \n"), Json(controls),
      Json("\x7f caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
      Json::parse(R"({"a":[1,{"b":"c\"d"},[],{}],"e\n":null,"":""})"),
      Json::array(), Json::object(),
  };
  for (const Json& value : values) {
    EXPECT_EQ(SerializedSize(value), value.dump().size()) << value.dump();
  }
}

ResultPathField PathField(std::string_view text) {
  ResultPathField field;
  field.kind = ResultPathField::Kind::kPath;
  auto path = ReferencePath::Parse(text, /*allow_context=*/false);
  EXPECT_TRUE(path.ok()) << text;
  field.path = std::move(path).value();
  return field;
}

TEST(ApplyResultPathInPlaceTest, WritesWhereTheInputStands) {
  Json input = Json::parse(R"({"page":{"Rows":[1,2,3]},"keep":1})");
  ASSERT_TRUE(ApplyResultPathInPlace(PathField("$.page.Rows"), input, Json(3)).ok());
  EXPECT_EQ(Dump(input), R"({"page":{"Rows":3},"keep":1})");
  ASSERT_TRUE(ApplyResultPathInPlace(PathField("$.new.deep"), input, Json("x")).ok());
  EXPECT_EQ(Dump(input), R"({"page":{"Rows":3},"keep":1,"new":{"deep":"x"}})");

  ResultPathField whole;  // absent: the result replaces the input
  ASSERT_TRUE(ApplyResultPathInPlace(whole, input, Json::parse("[1]")).ok());
  EXPECT_EQ(Dump(input), "[1]");
  ResultPathField discard;
  discard.kind = ResultPathField::Kind::kNull;
  ASSERT_TRUE(ApplyResultPathInPlace(discard, input, Json(2)).ok());
  EXPECT_EQ(Dump(input), "[1]");
}

// A Catch sees the raw input as it was, so a failed ResultPath must not have touched it.
TEST(ApplyResultPathInPlaceTest, LeavesTheInputAloneWhenItFails) {
  Json input = Json::parse(R"({"a":"text","b":[0]})");
  const std::string before = Dump(input);
  for (const char* path : {"$.a.x", "$.b[3]", "$.b[0].x", "$.missing[0]"}) {
    auto applied = ApplyResultPathInPlace(PathField(path), input, Json(1));
    ASSERT_FALSE(applied.ok()) << path;
    EXPECT_EQ(applied.error().name, "States.ReferencePathConflict") << path;
    EXPECT_EQ(Dump(input), before) << path;
  }
}

// Issue 16 (25): InputPath and OutputPath with an indefinite path over missing items select an
// empty list, as payload templates do on AWS; a definite path still fails.
TEST(SelectPathTest, IndefinitePathOverMissingItemsSelectsAnEmptyList) {
  auto path = [](std::string_view text) {
    InputOutputPath field;
    field.kind = InputOutputPath::Kind::kPath;
    field.path = std::move(JsonPath::Parse(text)).value();
    return field;
  };
  Json input = Json::object();
  Json storage;
  auto selected = SelectPath(path("$.items[*].itemValue"), input, nullptr, storage);
  ASSERT_TRUE(selected.ok());
  EXPECT_EQ(Dump(**selected), "[]");
  auto definite = SelectPath(path("$.items.itemValue"), input, nullptr, storage);
  ASSERT_FALSE(definite.ok());
  EXPECT_EQ(definite.error().cause,
            "Invalid path '$.items.itemValue' : Missing property in path $['items']");
}

}  // namespace
}  // namespace asl
