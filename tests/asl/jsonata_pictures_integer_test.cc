// $formatInteger and $parseInteger beyond the reference suite's cases.

#include <gtest/gtest.h>

#include <limits>

#include "asl/jsonata_pictures/format_integer.h"

namespace asl::jsonata_pictures {
namespace {

std::string FormattedInteger(double value, const std::string& picture) {
  PictureResult<std::string> result = FormatInteger(value, picture);
  return result.ok() ? result.value() : "error " + result.error().code;
}

std::string ParsedInteger(const std::string& text, const std::string& picture) {
  PictureResult<std::optional<double>> result = ParseInteger(text, picture);
  if (!result.ok()) return "error " + result.error().code;
  return result.value() ? std::to_string(static_cast<long long>(*result.value())) : "none";
}

TEST(FormatInteger, Letters) {
  EXPECT_EQ(FormattedInteger(1, "a"), "a");
  EXPECT_EQ(FormattedInteger(26, "a"), "z");
  EXPECT_EQ(FormattedInteger(27, "A"), "AA");
  EXPECT_EQ(FormattedInteger(702, "a"), "zz");
  EXPECT_EQ(FormattedInteger(703, "a"), "aaa");
  EXPECT_EQ(FormattedInteger(0, "a"), "");
}

TEST(FormatInteger, DecimalPatterns) {
  EXPECT_EQ(FormattedInteger(-12.5, "0"), "-13");  // floor, then the sign
  EXPECT_EQ(FormattedInteger(11, "0;o"), "11th");
  EXPECT_EQ(FormattedInteger(22, "0;o"), "22nd");
  EXPECT_EQ(FormattedInteger(113, "0;o"), "113th");
  EXPECT_EQ(FormattedInteger(1234567, "# ##0"), "1 234 567");
  EXPECT_EQ(FormattedInteger(5, "٠٠"), "٠٥");
  EXPECT_EQ(FormattedInteger(1e21, "0"), "1e+21");  // JavaScript's text of the number
}

TEST(FormatInteger, WordsAndRomans) {
  EXPECT_EQ(FormattedInteger(0, "w"), "zero");
  EXPECT_EQ(FormattedInteger(0, "w;o"), "zeroth");
  EXPECT_EQ(FormattedInteger(-7, "Ww"), "-Seven");
  EXPECT_EQ(FormattedInteger(101, "w;o"), "one hundred and first");
  EXPECT_EQ(FormattedInteger(2024, "I"), "MMXXIV");
  EXPECT_EQ(FormattedInteger(4999, "i"), "mmmmcmxcix");
  // Found by fuzzing: one 'm' per thousand hung on 1e21; now a clear error.
  EXPECT_EQ(FormattedInteger(-1e21, "i"), "error D3130");
  EXPECT_EQ(FormattedInteger(std::numeric_limits<double>::infinity(), "a"), "error D3130");  // letters of infinity hung
}

TEST(FormatInteger, PicturesWithoutDigitsAreErrors) {
  PictureResult<std::string> result = FormatInteger(1, "xyz");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "D3130");
  EXPECT_EQ(result.error().token, "xyz");
  EXPECT_EQ(FormattedInteger(1, "0١"), "error D3131");
}

TEST(ParseInteger, InvertsEachStyle) {
  EXPECT_EQ(ParsedInteger("zz", "a"), "702");
  EXPECT_EQ(ParsedInteger("AA", "A"), "27");
  EXPECT_EQ(ParsedInteger("mmxxiv", "i"), "2024");
  EXPECT_EQ(ParsedInteger("one hundred and first", "w;o"), "101");
  EXPECT_EQ(ParsedInteger("1 234 567", "# ##0"), "1234567");
  EXPECT_EQ(ParsedInteger("٠٥", "٠٠"), "5");
  EXPECT_EQ(ParsedInteger("-42", "0"), "-42");
}

TEST(ParseInteger, TextThatDoesNotFitIsNoNumber) {
  EXPECT_EQ(ParsedInteger("abc", "0"), "none");
  EXPECT_EQ(ParsedInteger("twelvety", "w"), "none");
  EXPECT_EQ(ParsedInteger("q", "i"), "none");
  EXPECT_EQ(ParsedInteger("1", "xyz"), "error D3130");
}

}  // namespace
}  // namespace asl::jsonata_pictures
