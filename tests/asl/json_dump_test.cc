#include <gtest/gtest.h>

#include <string>

#include "asl/base/json.h"

namespace asl {
namespace {

std::string Reference(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(JsonDumpTest, WritesWhatNlohmannWrites) {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  const Json values[] = {
      Json(nullptr), Json(true), Json(false), Json(0), Json(-7), Json(INT64_MIN),
      Json(18446744073709551615ULL), Json(0.5), Json(-1e300), Json(1.0), Json(3.14159),
      Json(std::nan("")), Json(""), Json("plain text / with slash"),
      Json("quote \" backslash \\ tab \t newline \n \x7f"), Json(controls),
      Json("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
      Json("invalid \xff\xfe utf-8 \xc3"),
      Json::parse(R"({"a":[1,{"b":"c\"d"},[],{}],"e\n":null,"":"","f":[1.5,-2,true]})"),
      Json::array(), Json::object(), Json::binary({1, 2, 3}),
  };
  for (const Json& value : values) {
    EXPECT_EQ(Dump(value), Reference(value)) << Reference(value);
    Json wrapped = {{"k\xc3\xa9y", value}, {"list", Json::array({value, value})}};
    EXPECT_EQ(Dump(wrapped), Reference(wrapped));
  }
}

TEST(JsonDumpTest, AppendsToWhatIsThere) {
  std::string out = "x=";
  AppendDump(Json::parse(R"({"a":[1,"b"]})"), out);
  EXPECT_EQ(out, R"(x={"a":[1,"b"]})");
}

}  // namespace
}  // namespace asl
