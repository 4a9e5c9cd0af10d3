#include "asl/base/timestamp.h"

#include <gtest/gtest.h>

#include <string>

namespace asl {
namespace {

Instant Parse(std::string_view text) {
  std::optional<Instant> instant = ParseRfc3339(text);
  EXPECT_TRUE(instant.has_value()) << text;
  return instant.value_or(Instant{});
}

TEST(TimestampTest, Epoch) {
  Instant t = Parse("1970-01-01T00:00:00Z");
  EXPECT_EQ(t.seconds, 0);
  EXPECT_EQ(t.nanos, 0);
  EXPECT_EQ(t.offset_minutes, 0);
  EXPECT_EQ(t.UnixMillis(), 0);
}

TEST(TimestampTest, SpecExample) {
  // The example of https://states-language.net/spec.html#timestamps
  EXPECT_EQ(Parse("2016-03-14T01:59:00Z").seconds, 1457920740);
}

TEST(TimestampTest, FractionalSecondsKeepNanoseconds) {
  EXPECT_EQ(Parse("2016-03-14T01:59:00.5Z").nanos, 500'000'000);
  EXPECT_EQ(Parse("2016-03-14T01:59:00.123Z").nanos, 123'000'000);
  EXPECT_EQ(Parse("2016-03-14T01:59:00.000001Z").nanos, 1'000);
  Instant t = Parse("2016-03-14T01:59:00.123456789Z");
  EXPECT_EQ(t.seconds, 1457920740);
  EXPECT_EQ(t.nanos, 123'456'789);
  EXPECT_EQ(t.UnixMillis(), 1457920740123);
}

TEST(TimestampTest, NumericOffsets) {
  Instant plus = Parse("2024-02-29T12:00:00+05:30");
  EXPECT_EQ(plus.seconds, 1709188200);
  EXPECT_EQ(plus.offset_minutes, 330);
  Instant minus = Parse("2016-03-13T20:59:00-05:00");
  EXPECT_EQ(minus.seconds, 1457920740);
  EXPECT_EQ(minus.offset_minutes, -300);
  EXPECT_EQ(Parse("2016-03-14T01:59:00-00:00").offset_minutes, 0);
}

TEST(TimestampTest, EqualityIgnoresTheOffsetWritten) {
  EXPECT_EQ(Parse("2016-03-14T01:59:00Z"), Parse("2016-03-14T02:59:00+01:00"));
  EXPECT_EQ(Parse("2016-03-14T01:59:00Z"), Parse("2016-03-13T23:29:00-02:30"));
  EXPECT_NE(Parse("2016-03-14T01:59:00Z"), Parse("2016-03-14T01:59:00+01:00"));
}

TEST(TimestampTest, Ordering) {
  EXPECT_LT(Parse("2012-10-09T19:00:55Z"), Parse("2012-10-09T19:00:56Z"));
  EXPECT_LT(Parse("2012-10-09T19:00:55.1Z"), Parse("2012-10-09T19:00:55.2Z"));
  EXPECT_LT(Parse("2012-10-09T19:00:55.999999999Z"), Parse("2012-10-09T19:00:56Z"));
  // Later wall time, earlier instant.
  EXPECT_LT(Parse("2012-10-09T20:00:00+02:00"), Parse("2012-10-09T19:00:00Z"));
  EXPECT_GT(Parse("2012-10-09T19:00:00Z"), Parse("1969-12-31T23:59:59Z"));
}

TEST(TimestampTest, BeforeTheEpoch) {
  Instant t = Parse("1969-12-31T23:59:59.5Z");
  EXPECT_EQ(t.seconds, -1);
  EXPECT_EQ(t.nanos, 500'000'000);
  EXPECT_EQ(t.UnixMillis(), -500);
  EXPECT_EQ(Parse("0000-01-01T00:00:00Z").seconds, -62167219200);
  EXPECT_EQ(Parse("0001-01-01T00:00:00Z").seconds, -62135596800);
}

TEST(TimestampTest, LastRepresentableSecond) {
  Instant t = Parse("9999-12-31T23:59:59.999999999Z");
  EXPECT_EQ(t.seconds, 253402300799);
  EXPECT_EQ(t.nanos, 999'999'999);
}

TEST(TimestampTest, CalendarIsChecked) {
  EXPECT_TRUE(ParseRfc3339("2024-02-29T00:00:00Z"));
  EXPECT_TRUE(ParseRfc3339("2000-02-29T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2023-02-29T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("1900-02-29T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2024-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2024-04-31T00:00:00Z"));
  EXPECT_TRUE(ParseRfc3339("2024-12-31T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2024-12-32T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2024-00-10T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2024-13-10T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2024-01-00T00:00:00Z"));
}

TEST(TimestampTest, TimeFieldRanges) {
  EXPECT_TRUE(ParseRfc3339("2024-01-01T23:59:59Z"));
  EXPECT_FALSE(ParseRfc3339("2024-01-01T24:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2024-01-01T23:60:00Z"));
  // Leap seconds are refused (see timestamp.h).
  EXPECT_FALSE(ParseRfc3339("2016-12-31T23:59:60Z"));
  EXPECT_FALSE(ParseRfc3339("2024-01-01T00:00:00+24:00"));
  EXPECT_FALSE(ParseRfc3339("2024-01-01T00:00:00+01:60"));
  EXPECT_TRUE(ParseRfc3339("2024-01-01T00:00:00+23:59"));
}

// Strings AWS recorded as not timestamps for IsTimestamp/TimestampEquals, and the Wait state's
// "without Z" failure (conformance wait_timestamp_path_invalid_format).
TEST(TimestampTest, RefusesWhatAwsRefuses) {
  EXPECT_FALSE(ParseRfc3339("2012-10-09T19:00:55"));
  EXPECT_FALSE(ParseRfc3339("2023-02-24"));
  EXPECT_FALSE(ParseRfc3339("2023-02-24 12:15:56.832957"));
  EXPECT_FALSE(ParseRfc3339(""));
  EXPECT_FALSE(ParseRfc3339(" "));
  EXPECT_FALSE(ParseRfc3339("HelloWorld"));
}

TEST(TimestampTest, RefusesMalformedText) {
  const char* bad[] = {
      "2016-03-14t01:59:00Z",       // lowercase separator
      "2016-03-14T01:59:00z",       // lowercase Z
      "2016-03-14 01:59:00Z",       // space separator
      "2016-03-14T01:59Z",          // no seconds
      "2016-03-14T01:59:00",        // no offset
      "2016-03-14T01:59:00+0100",   // offset without colon
      "2016-03-14T01:59:00+01",     // offset without minutes
      "2016-03-14T01:59:00+1:00",   // one-digit offset hour
      "2016-03-14T01:59:00.Z",      // empty fraction
      "2016-03-14T01:59:00.1234567891Z",  // ten fractional digits
      "2016-03-14T01:59:00,5Z",     // comma fraction
      "2016-03-14T01:59:00ZZ",      // trailing text
      "2016-03-14T01:59:00Z ",      // trailing space
      " 2016-03-14T01:59:00Z",      // leading space
      "16-03-14T01:59:00Z",         // two-digit year
      "+2016-03-14T01:59:00Z",      // signed year
      "10000-01-01T00:00:00Z",      // five-digit year
      "2016-3-14T01:59:00Z",        // one-digit month
      "2016-03-4T01:59:00Z",        // one-digit day
      "2016-03-14T1:59:00Z",        // one-digit hour
      "2016/03/14T01:59:00Z",       // wrong date separator
      "2016-03-14T01.59.00Z",       // wrong time separator
      "2016-03-14T01:59:00+01:00:00",  // offset seconds
      "2016-03-14",
      "T01:59:00Z",
      "2016-03-14T",
  };
  for (const char* text : bad) EXPECT_FALSE(ParseRfc3339(text)) << text;
}

TEST(TimestampTest, NonAsciiDigitsAndEmbeddedNul) {
  EXPECT_FALSE(ParseRfc3339("２０１６-03-14T01:59:00Z"));
  EXPECT_FALSE(ParseRfc3339(std::string_view("2016-03-14T01:59:00Z\0", 21)));
}

}  // namespace
}  // namespace asl
