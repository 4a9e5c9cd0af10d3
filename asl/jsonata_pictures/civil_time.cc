#include "asl/jsonata_pictures/civil_time.h"

namespace asl::jsonata_pictures {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since 1970-01-01 of a date (the era-based method: 400-year eras of 146097 days).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  int64_t era = FloorDiv(year, 400);
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilTime CivilFromMillis(int64_t millis) {
  CivilTime t;
  int64_t days = FloorDiv(millis, 86400000);
  int64_t in_day = millis - days * 86400000;
  t.hour = static_cast<int>(in_day / 3600000);
  t.minute = static_cast<int>(in_day / 60000 % 60);
  t.second = static_cast<int>(in_day / 1000 % 60);
  t.millisecond = static_cast<int>(in_day % 1000);
  int64_t z = days + 719468;
  int64_t era = FloorDiv(z, 146097);
  int64_t day_of_era = z - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_march_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_march_year + 2) / 153;
  t.day = static_cast<int>(day_of_march_year - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = year_of_era + era * 400 + (t.month <= 2);
  // 1970-01-01 was a Thursday (ISO 4).
  t.iso_weekday = static_cast<int>(FloorDiv(days + 3, 7) * -7 + days + 3) + 1;
  t.day_of_year = static_cast<int>(days - DaysFromCivil(t.year, 1, 1) + 1);
  return t;
}

}  // namespace asl::jsonata_pictures
