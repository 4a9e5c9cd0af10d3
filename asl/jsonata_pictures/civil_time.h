#pragma once
// Proleptic Gregorian calendar arithmetic on milliseconds since the epoch, in UTC, as
// JavaScript's Date getUTC* methods read them (no leap seconds).

#include <cstdint>

namespace asl::jsonata_pictures {

struct CivilTime {
  int64_t year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  int hour = 0, minute = 0, second = 0, millisecond = 0;
  int iso_weekday = 4;  // Monday 1 .. Sunday 7
  int day_of_year = 1;  // 1-366
};

int64_t DaysFromCivil(int64_t year, int month, int day);
CivilTime CivilFromMillis(int64_t millis);
int64_t FloorDiv(int64_t a, int64_t b);

// JavaScript's Date range: +-8.64e15 ms.
constexpr double kMaxDateMillis = 8.64e15;

}  // namespace asl::jsonata_pictures
