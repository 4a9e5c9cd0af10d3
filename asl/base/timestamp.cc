#include "asl/base/timestamp.h"

namespace asl {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeapYear(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

// Reads exactly `count` ASCII digits at `*pos`; false (and no value) otherwise.
bool ReadDigits(std::string_view text, size_t* pos, size_t count, unsigned* value) {
  if (text.size() - *pos < count) return false;
  unsigned v = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  *pos += count;
  *value = v;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

}  // namespace

int64_t Instant::UnixMillis() const {
  // nanos is never negative, so the floor of the sum is seconds*1000 + nanos/1e6.
  return seconds * 1000 + nanos / 1'000'000;
}

// RFC 3339 section 5.6 (date-time), with the ASL restrictions described in the header.
// https://states-language.net/spec.html#timestamps
std::optional<Instant> ParseRfc3339(std::string_view text) {
  size_t pos = 0;
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  // 1. full-date = date-fullyear "-" date-month "-" date-mday
  if (!ReadDigits(text, &pos, 4, &year) || !Expect(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &month) || !Expect(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  // 2. "T" (uppercase only, as the ASL spec requires).
  if (!Expect(text, &pos, 'T')) return std::nullopt;
  // 3. partial-time = time-hour ":" time-minute ":" time-second [time-secfrac]
  if (!ReadDigits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') ||
      !ReadDigits(text, &pos, 2, &minute) || !Expect(text, &pos, ':') ||
      !ReadDigits(text, &pos, 2, &second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  int32_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 9) return std::nullopt;
      nanos = nanos * 10 + (text[pos] - '0');
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (size_t i = digits; i < 9; ++i) nanos *= 10;
  }
  // 4. time-offset = "Z" / time-numoffset; time-numoffset = ("+" / "-") HH ":" MM
  if (pos >= text.size()) return std::nullopt;
  int32_t offset_minutes = 0;
  char sign = text[pos++];
  if (sign == '+' || sign == '-') {
    unsigned offset_hour = 0, offset_minute = 0;
    if (!ReadDigits(text, &pos, 2, &offset_hour) || !Expect(text, &pos, ':') ||
        !ReadDigits(text, &pos, 2, &offset_minute)) {
      return std::nullopt;
    }
    if (offset_hour > 23 || offset_minute > 59) return std::nullopt;
    offset_minutes = static_cast<int32_t>(offset_hour * 60 + offset_minute);
    if (sign == '-') offset_minutes = -offset_minutes;
  } else if (sign != 'Z') {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  Instant instant;
  instant.seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                    second - static_cast<int64_t>(offset_minutes) * 60;
  instant.nanos = nanos;
  instant.offset_minutes = offset_minutes;
  return instant;
}

}  // namespace asl
