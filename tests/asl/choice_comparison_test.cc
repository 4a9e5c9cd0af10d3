#include "asl/choice/comparison.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace asl {
namespace {

int Cmp(const Json& a, const Json& b) { return CompareNumbers(a, b); }

TEST(CompareNumbersTest, SameRepresentation) {
  EXPECT_EQ(Cmp(1, 1), 0);
  EXPECT_EQ(Cmp(-3, 2), -1);
  EXPECT_EQ(Cmp(2, -3), 1);
  EXPECT_EQ(Cmp(1.5, 1.5), 0);
  EXPECT_EQ(Cmp(1.25, 1.5), -1);
  EXPECT_EQ(Cmp(2.22, 2.22), 0);
  EXPECT_EQ(Cmp(uint64_t{18446744073709551615u}, uint64_t{1}), 1);
}

TEST(CompareNumbersTest, MixedIntegerAndFloat) {
  EXPECT_EQ(Cmp(1, 1.0), 0);
  EXPECT_EQ(Cmp(1.0, 1), 0);
  EXPECT_EQ(Cmp(0, -0.0), 0);
  EXPECT_EQ(Cmp(-0.0, 0), 0);
  EXPECT_EQ(Cmp(1, 1.1), -1);
  EXPECT_EQ(Cmp(1.1, 1), 1);
  EXPECT_EQ(Cmp(2, 1.9), 1);
  EXPECT_EQ(Cmp(-2, -2.5), 1);
  EXPECT_EQ(Cmp(-2.5, -2), -1);
  EXPECT_EQ(Cmp(-3, -2.5), -1);
  EXPECT_EQ(Cmp(-0.5, 0), -1);
  EXPECT_EQ(Cmp(0.5, 0), 1);
}

TEST(CompareNumbersTest, ParsedJsonKeepsRepresentation) {
  Json doc = Json::parse(R"({"i": 30, "f": 30.0, "g": 29.999999, "u": 18446744073709551615})");
  EXPECT_EQ(Cmp(doc["i"], doc["f"]), 0);
  EXPECT_EQ(Cmp(doc["g"], doc["i"]), -1);
  EXPECT_EQ(Cmp(doc["u"], doc["i"]), 1);
  EXPECT_EQ(Cmp(doc["i"], doc["u"]), -1);
}

TEST(CompareNumbersTest, ExactBeyondDoublePrecision) {
  // 2^53 + 1 is not a double; exact comparison still tells it from 2^53.
  EXPECT_EQ(Cmp(int64_t{9007199254740993}, 9007199254740992.0), 1);
  EXPECT_EQ(Cmp(9007199254740992.0, int64_t{9007199254740993}), -1);
  EXPECT_EQ(Cmp(int64_t{9007199254740992}, 9007199254740992.0), 0);
  const int64_t max = std::numeric_limits<int64_t>::max();
  const int64_t min = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(Cmp(max, 9223372036854775808.0), -1);  // 2^63 > INT64_MAX
  EXPECT_EQ(Cmp(min, -9223372036854775808.0), 0);  // -2^63 == INT64_MIN
  EXPECT_EQ(Cmp(min, -1e19), 1);
  EXPECT_EQ(Cmp(uint64_t{18446744073709551615u}, 18446744073709551616.0), -1);
  EXPECT_EQ(Cmp(uint64_t{18446744073709551615u}, 1e30), -1);
  EXPECT_EQ(Cmp(uint64_t{5}, -1.0), 1);
  EXPECT_EQ(Cmp(-1, uint64_t{0}), -1);
  EXPECT_EQ(Cmp(uint64_t{0}, -1), 1);
  EXPECT_EQ(Cmp(uint64_t{9223372036854775808u}, max), 1);
  EXPECT_EQ(Cmp(5, uint64_t{5}), 0);
}

TEST(CompareStringsTest, CharacterByCharacter) {
  EXPECT_EQ(CompareStrings("", ""), 0);
  EXPECT_EQ(CompareStrings("A", "A "), -1);
  EXPECT_EQ(CompareStrings("AB", "ABC"), -1);
  EXPECT_EQ(CompareStrings("AB", "A"), 1);
  EXPECT_EQ(CompareStrings("a", "B"), 1);  // no case folding
  EXPECT_EQ(CompareStrings("Hello", "Hello"), 0);
  EXPECT_EQ(CompareStrings(" ", "     "), -1);  // no white-space collapsing
}

TEST(CompareStringsTest, NoUnicodeNormalization) {
  // "é" precomposed (U+00E9) and decomposed (e + U+0301) are different strings.
  EXPECT_NE(CompareStrings("\xC3\xA9", "e\xCC\x81"), 0);
  EXPECT_EQ(CompareStrings("\xC3\xA9", "e\xCC\x81"), 1);
}

TEST(CompareStringsTest, Utf16CodeUnitOrder) {
  const std::string bmp_high = "\xEF\xBD\xA1";      // U+FF61
  const std::string emoji = "\xF0\x9F\x98\x80";     // U+1F600, D83D DE00 in UTF-16
  const std::string hangul = "\xED\x9F\xBF";        // U+D7FF
  // By code point U+FF61 < U+1F600, but in UTF-16 0xFF61 > 0xD83D.
  EXPECT_EQ(CompareStrings(bmp_high, emoji), 1);
  EXPECT_EQ(CompareStrings(emoji, bmp_high), -1);
  EXPECT_EQ(CompareStrings(hangul, emoji), -1);
  EXPECT_EQ(CompareStrings("x" + emoji, "x" + bmp_high), -1);
  // Among characters above U+FFFF the order is the code point order.
  EXPECT_EQ(CompareStrings("\xF0\x9F\x98\x80", "\xF0\x9F\x98\x81"), -1);
  EXPECT_EQ(CompareStrings("\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"), -1);
  // Two-byte and three-byte characters below U+D800 keep code point order.
  EXPECT_EQ(CompareStrings("\xC3\xA9", "\xE4\xB8\xAD"), -1);  // U+00E9 < U+4E2D
  EXPECT_EQ(CompareStrings("z", "\xC3\xA9"), -1);
}

TEST(CompareStringsTest, InvalidUtf8ComparesAsBytes) {
  EXPECT_EQ(CompareStrings("\xFF", "\xFE"), 1);
  EXPECT_EQ(CompareStrings("a\xF0", "a\xEE\x80\x80"), 1);
}

TEST(StringPatternTest, SpecExamples) {
  // https://states-language.net/spec.html#choice-state
  EXPECT_TRUE(StringPattern::Compile("foo*.log").Matches("foo23.log"));
  EXPECT_TRUE(StringPattern::Compile("*.log").Matches("zebra.log"));
  EXPECT_TRUE(StringPattern::Compile("foo*.*").Matches("foobar.zebra"));
  EXPECT_TRUE(StringPattern::Compile("log-*.txt").Matches("log-2024.txt"));
  EXPECT_FALSE(StringPattern::Compile("log-*.txt").Matches("log-2024.csv"));
}

TEST(StringPatternTest, WithoutWildcardIsEquality) {
  StringPattern p = StringPattern::Compile("abc");
  EXPECT_TRUE(p.Matches("abc"));
  EXPECT_FALSE(p.Matches("abcd"));
  EXPECT_FALSE(p.Matches("ab"));
  EXPECT_TRUE(StringPattern::Compile("").Matches(""));
  EXPECT_FALSE(StringPattern::Compile("").Matches("x"));
}

TEST(StringPatternTest, Wildcards) {
  EXPECT_TRUE(StringPattern::Compile("*").Matches(""));
  EXPECT_TRUE(StringPattern::Compile("*").Matches("anything"));
  EXPECT_TRUE(StringPattern::Compile("**").Matches("x"));
  EXPECT_TRUE(StringPattern::Compile("a*").Matches("a"));
  EXPECT_FALSE(StringPattern::Compile("a*").Matches("ba"));
  EXPECT_TRUE(StringPattern::Compile("*a").Matches("ba"));
  EXPECT_FALSE(StringPattern::Compile("*a").Matches("ab"));
  EXPECT_TRUE(StringPattern::Compile("a*b*c").Matches("abc"));
  EXPECT_TRUE(StringPattern::Compile("a*b*c").Matches("aXbYbZc"));
  EXPECT_FALSE(StringPattern::Compile("a*b*c").Matches("acb"));
  // Prefix and suffix must not overlap.
  EXPECT_FALSE(StringPattern::Compile("ab*ba").Matches("aba"));
  EXPECT_TRUE(StringPattern::Compile("ab*ba").Matches("abba"));
  EXPECT_TRUE(StringPattern::Compile("*aab").Matches("aaab"));
  EXPECT_TRUE(StringPattern::Compile("*ab*ab*").Matches("xxabyyabzz"));
  EXPECT_FALSE(StringPattern::Compile("*ab*ab*").Matches("xxabyyzz"));
  // "?" and other glob characters are literal.
  EXPECT_TRUE(StringPattern::Compile("a?[b]").Matches("a?[b]"));
  EXPECT_FALSE(StringPattern::Compile("a?").Matches("ab"));
  // Case-sensitive, UTF-8 intact.
  EXPECT_FALSE(StringPattern::Compile("*.PDF").Matches("a.pdf"));
  EXPECT_TRUE(StringPattern::Compile("caf*").Matches("caf\xC3\xA9"));
}

TEST(StringPatternTest, Escapes) {
  StringPattern star = StringPattern::Compile("a\\*b");  // the pattern a\*b
  EXPECT_FALSE(star.open_escape());
  EXPECT_TRUE(star.Matches("a*b"));
  EXPECT_FALSE(star.Matches("aXb"));
  StringPattern backslash = StringPattern::Compile("a\\\\*");  // a\\* : "a\" then wildcard
  EXPECT_FALSE(backslash.open_escape());
  EXPECT_TRUE(backslash.Matches("a\\"));
  EXPECT_TRUE(backslash.Matches("a\\xyz"));
  EXPECT_FALSE(backslash.Matches("axyz"));
  EXPECT_TRUE(StringPattern::Compile("*\\*").Matches("5*"));
  EXPECT_FALSE(StringPattern::Compile("*\\*").Matches("5"));
}

TEST(StringPatternTest, OpenEscapes) {
  EXPECT_TRUE(StringPattern::Compile("a\\b").open_escape());
  EXPECT_TRUE(StringPattern::Compile("abc\\").open_escape());
  EXPECT_TRUE(StringPattern::Compile("\\").open_escape());
  EXPECT_FALSE(StringPattern::Compile("\\\\\\*").open_escape());
}

}  // namespace
}  // namespace asl
