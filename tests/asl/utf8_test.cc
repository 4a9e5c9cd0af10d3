// asl/base/utf8: the one UTF-8 encoder (JSON and JSONPath escapes, the JSONata lexer and string
// functions, the picture formats) and the well-formedness scan.

#include "asl/base/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace asl {
namespace {

std::string Encoded(char32_t code_point) {
  std::string out = "<";
  AppendUtf8(code_point, out);
  return out + ">";
}

TEST(Utf8Test, AppendUtf8WritesEachLengthAtItsBoundaries) {
  EXPECT_EQ(Encoded(U'A'), "<A>");
  EXPECT_EQ(Encoded(0x7F), "<\x7F>");
  EXPECT_EQ(Encoded(0x80), "<\xC2\x80>");
  EXPECT_EQ(Encoded(0x7FF), "<\xDF\xBF>");
  EXPECT_EQ(Encoded(0x800), "<\xE0\xA0\x80>");
  EXPECT_EQ(Encoded(0x20AC), "<\xE2\x82\xAC>");  // €
  EXPECT_EQ(Encoded(0xFFFF), "<\xEF\xBF\xBF>");
  EXPECT_EQ(Encoded(0x10000), "<\xF0\x90\x80\x80>");
  EXPECT_EQ(Encoded(0x1F600), "<\xF0\x9F\x98\x80>");  // 😀
  EXPECT_EQ(Encoded(0x10FFFF), "<\xF4\x8F\xBF\xBF>");
}

TEST(Utf8Test, EncodedTextIsValidAndCountsOneCodePointEach) {
  std::string text;
  for (char32_t cp : {U'a', char32_t{0xE9}, char32_t{0x4E2D}, char32_t{0x1F600}}) {
    AppendUtf8(cp, text);
  }
  EXPECT_TRUE(IsValidUtf8(text));
  EXPECT_EQ(CodePoints(text), 4u);
}

}  // namespace
}  // namespace asl
