// $fromMillis and $toMillis beyond the reference suite's literal cases: the parts the suite
// reaches only through other functions ($now, chained calls), and bad input.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "asl/jsonata_pictures/format_datetime.h"
#include "asl/jsonata_pictures/parse_datetime.h"

namespace asl::jsonata_pictures {
namespace {

constexpr double kNow = 1522159380123;  // 2018-03-27T14:03:00.123Z

std::string Written(double millis, const std::optional<std::string>& picture = std::nullopt,
                    const std::optional<std::string>& timezone = std::nullopt) {
  PictureResult<std::string> result = FromMillis(millis, picture, timezone);
  return result.ok() ? result.value() : "error " + result.error().code;
}

std::string Read(const std::string& text, const std::optional<std::string>& picture) {
  PictureResult<std::optional<double>> result = ToMillis(text, picture, kNow);
  if (!result.ok()) return "error " + result.error().code;
  if (!result.value()) return "undefined";
  return Written(*result.value());
}

TEST(FromMillis, IsoByDefault) {
  EXPECT_EQ(Written(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(Written(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(Written(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(Written(1.9), "1970-01-01T00:00:00.001Z");  // Date truncates
  EXPECT_EQ(Written(0, std::nullopt, "+0130"), "1970-01-01T01:30:00.000+01:30");
}

TEST(FromMillis, OutOfRangeAndBadPicturesAreErrors) {
  EXPECT_EQ(Written(9e15), "error D3110");
  EXPECT_EQ(Written(0, "[Q]"), "error D3132");
  EXPECT_EQ(Written(0, "[DN]"), "error D3133");
  EXPECT_EQ(Written(0, "[Y"), "error D3135");
  EXPECT_EQ(Written(0, "[Dxyz]"), "error D3130");
}

TEST(FromMillis, HalfDayClockAndWeeks) {
  EXPECT_EQ(Written(kNow, "[h]:[m01] [PN]"), "2:03 PM");
  EXPECT_EQ(Written(kNow, "[FNn,3-3] week [W] of [X]"), "Tue week 13 of 2018");
}

TEST(ToMillis, ReadsIso8601) {
  EXPECT_EQ(Read("2018-03-27T14:03:00.123+01:00", std::nullopt), "2018-03-27T13:03:00.123Z");
  EXPECT_EQ(Read("2018-03", std::nullopt), "2018-03-01T00:00:00.000Z");
  EXPECT_EQ(Read("2018-13-01", std::nullopt), "error D3110");
  EXPECT_EQ(Read("", std::nullopt), "error D3110");
}

TEST(ToMillis, MissingLeadingPartsComeFromNow) {
  EXPECT_EQ(Read("13:45", "[H]:[m]"), "2018-03-27T13:45:00.000Z");
  EXPECT_EQ(Read("05", "[D01]"), "2018-03-05T00:00:00.000Z");
  // A name in another case matches the reference's case-insensitive expression but not its
  // lookup table: the month is then undefined and, like any missing leading part, comes from now.
  EXPECT_EQ(Read("june 5", "[MNn] [D]"), "2018-03-05T00:00:00.000Z");
  EXPECT_EQ(Read("June 5", "[MNn] [D]"), "2018-06-05T00:00:00.000Z");
}

TEST(ToMillis, GapsAndWeekDatesAreErrors) {
  EXPECT_EQ(Read("2018 10", "[Y] [m]"), "error D3136");
  EXPECT_EQ(Read("2018-22", "[Y]-[D]"), "error D3136");
  EXPECT_EQ(Read("x", "[Dq]"), "error D3130");
}

TEST(ToMillis, LongTextNeitherHangsNorCrashes) {
  // Adjacent variable parts over a long run of digits: the failed-position memo keeps the
  // search polynomial where a backtracking regular expression would not be.
  std::string digits(3000, '1');
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Read(digits + "x", "[Y][M][D][H][m][s]"), "undefined");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

}  // namespace
}  // namespace asl::jsonata_pictures
