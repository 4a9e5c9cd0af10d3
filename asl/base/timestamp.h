#pragma once
// Timestamps as the Amazon States Language writes them: RFC 3339 date-times.
// https://states-language.net/spec.html#timestamps
// https://www.rfc-editor.org/rfc/rfc3339#section-5.6
//
// The Choice state's Timestamp* and IsTimestamp operators and the Wait state's Timestamp /
// TimestampPath read them. The spec narrows RFC 3339: the date/time separator is an uppercase
// "T" and a UTC time ends in an uppercase "Z" (lowercase forms are refused).
//
// Accepted: YYYY-MM-DDTHH:MM:SS[.F]Z or YYYY-MM-DDTHH:MM:SS[.F]±HH:MM, where F is 1 to 9
// digits (nanosecond precision); calendar dates are checked (2023-02-29 is refused).
// Choices where RFC 3339 allows more than sfnsim does (nothing in AWS's documentation says):
// a leap second (":60") is refused, as java.time's strict ISO parsing refuses it; more than 9
// fractional digits are refused (java.time's limit). Seconds are required (RFC 3339's
// grammar), although java.time's ISO_OFFSET_DATE_TIME would accept "12:00Z".

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace asl {

// A point in time with nanosecond precision, plus the UTC offset it was written with.
// Equality and ordering compare the point in time only: "2016-03-14T01:59:00Z" and
// "2016-03-14T02:59:00+01:00" are equal (both name the same instant).
struct Instant {
  int64_t seconds = 0;         // since 1970-01-01T00:00:00Z (negative before)
  int32_t nanos = 0;           // [0, 999'999'999], added to `seconds`
  int32_t offset_minutes = 0;  // the offset as written: "+05:30" -> 330, "Z" -> 0

  // Milliseconds since the epoch, rounded towards the past (as the simulator's clock counts).
  int64_t UnixMillis() const;

  friend bool operator==(const Instant& a, const Instant& b) {
    return a.seconds == b.seconds && a.nanos == b.nanos;
  }
  friend std::strong_ordering operator<=>(const Instant& a, const Instant& b) {
    if (auto c = a.seconds <=> b.seconds; c != 0) return c;
    return a.nanos <=> b.nanos;
  }
};

// Parses an ASL timestamp (see above); nullopt when `text` is not one. Never throws.
std::optional<Instant> ParseRfc3339(std::string_view text);

}  // namespace asl
