// $formatNumber, $formatBase and the JavaScript number printing they rest on. The cases beyond
// the reference suite's come from F&O 3.1 section 4.7 and from the reference's code paths.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "asl/jsonata_pictures/format_base.h"
#include "asl/jsonata_pictures/format_number.h"
#include "asl/jsonata_pictures/js_number.h"

namespace asl::jsonata_pictures {
namespace {

std::string FormattedNumber(double value, const std::string& picture,
                      const DecimalFormatOptions& options = {}) {
  PictureResult<std::string> result = FormatNumber(value, picture, options);
  return result.ok() ? result.value() : "error " + result.error().code;
}

TEST(JsNumber, PrintsAsJavaScriptDoes) {
  EXPECT_EQ(JsNumberToString(0), "0");
  EXPECT_EQ(JsNumberToString(-0.0), "0");
  EXPECT_EQ(JsNumberToString(123.456), "123.456");
  EXPECT_EQ(JsNumberToString(1e21), "1e+21");
  EXPECT_EQ(JsNumberToString(1e20), "100000000000000000000");
  EXPECT_EQ(JsNumberToString(0.000001), "0.000001");
  EXPECT_EQ(JsNumberToString(0.0000001), "1e-7");
  EXPECT_EQ(JsNumberToString(-1.5e-10), "-1.5e-10");
  EXPECT_EQ(JsNumberToString(0.1 + 0.2), "0.30000000000000004");
}

TEST(JsNumber, ToFixedRoundsTheExactValueHalfUp) {
  EXPECT_EQ(JsToFixed(1.005, 2), "1.00");  // 1.005 is 1.00499999999999989...
  EXPECT_EQ(JsToFixed(0.5, 0), "1");       // an exact tie goes up, not to even
  EXPECT_EQ(JsToFixed(2.5, 0), "3");
  EXPECT_EQ(JsToFixed(-2.5, 0), "-3");
  EXPECT_EQ(JsToFixed(99.99, 1), "100.0");
  EXPECT_EQ(JsToFixed(1e21, 2), "1e+21");
}

TEST(JsNumber, JsonataRoundIsHalfToEvenOnTheDecimalText) {
  EXPECT_EQ(JsonataRound(2.5, 0), 2);
  EXPECT_EQ(JsonataRound(3.5, 0), 4);
  EXPECT_EQ(JsonataRound(-2.5, 0), -2);
  EXPECT_EQ(JsonataRound(2.675, 2), 2.68);  // shifting the text, not multiplying
  EXPECT_EQ(JsonataRound(0.125, 2), 0.12);
  EXPECT_FALSE(std::signbit(JsonataRound(-0.4, 0)));
}

TEST(FormatNumber, GroupsPadsAndScales) {
  EXPECT_EQ(FormattedNumber(1234567.891, "#,##0.00"), "1,234,567.89");
  EXPECT_EQ(FormattedNumber(-1234.5, "#,##0.0;(#,##0.0)"), "(1,234.5)");
  EXPECT_EQ(FormattedNumber(0.25, "0%"), "25%");
  EXPECT_EQ(FormattedNumber(0.001, "0.0‰"), "1.0‰");
  EXPECT_EQ(FormattedNumber(0, "#"), "0");
  EXPECT_EQ(FormattedNumber(1234.5678, "0.0e00"), "1.2e03");
  EXPECT_EQ(FormattedNumber(0.000123, "0.0e0"), "1.2e-4");
}

TEST(FormatNumber, AppliesTheDecimalFormatOptions) {
  DecimalFormatOptions european = {{"decimal-separator", ","}, {"grouping-separator", "."}};
  EXPECT_EQ(FormattedNumber(1234.5, "#.##0,00", european), "1.234,50");
  EXPECT_EQ(FormattedNumber(-5, "0", {{"minus-sign", "~"}}), "~5");
  EXPECT_EQ(FormattedNumber(5, "0;0", {{"pattern-separator", "!"}}), "error D3086");
  EXPECT_EQ(FormattedNumber(-5, "0|(0)", {{"pattern-separator", "|"}}), "(5)");
  // Found by fuzzing: an empty pattern-separator and an empty picture left no sub-picture.
  EXPECT_EQ(FormattedNumber(5, "", {{"pattern-separator", ""}}), "error D3085");
}

TEST(FormatNumber, ReportsTheLastRuleTheSubPictureBreaks) {
  EXPECT_EQ(FormattedNumber(1, "0;0;0"), "error D3080");
  EXPECT_EQ(FormattedNumber(1, "."), "error D3085");
  EXPECT_EQ(FormattedNumber(1, "%"), "error D3086");  // also D3085, but the later rule names it
  EXPECT_EQ(FormattedNumber(1, "0.0.0"), "error D3081");
  PictureResult<std::string> result = FormatNumber(1, "#,.0");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "D3087");
  EXPECT_EQ(result.error().token, "#,.0");
  EXPECT_NE(result.error().message.find("decimal-separator"), std::string::npos);
}

TEST(FormatNumber, NonFiniteNumbersUseTheirOptionStrings) {
  EXPECT_EQ(FormattedNumber(std::numeric_limits<double>::infinity(), "0"), "Infinity");
  EXPECT_EQ(FormattedNumber(-std::numeric_limits<double>::infinity(), "0"), "-Infinity");
  EXPECT_EQ(FormattedNumber(std::nan(""), "0", {{"NaN", "n/a"}}), "n/a");
}

TEST(FormatBase, WritesRadixTwoToThirtySix) {
  EXPECT_EQ(FormatBase(255, 16).value(), "ff");
  EXPECT_EQ(FormatBase(-255, 16).value(), "-ff");
  EXPECT_EQ(FormatBase(0, 2).value(), "0");
  EXPECT_EQ(FormatBase(2.5).value(), "2");  // half to even before printing
  EXPECT_EQ(FormatBase(35, 36).value(), "z");
  EXPECT_EQ(FormatBase(9007199254740992.0, 2).value(), "1" + std::string(53, '0'));
  EXPECT_EQ(FormatBase(1, 37).error().code, "D3100");
  EXPECT_EQ(FormatBase(1, 1.4).error().code, "D3100");  // rounds to 1
  EXPECT_TRUE(FormatBase(1, 36.4).ok());                 // rounds to 36
}

}  // namespace
}  // namespace asl::jsonata_pictures
