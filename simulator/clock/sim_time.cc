#include "simulator/clock/sim_time.h"

#include <fmt/format.h>

namespace sim {

namespace {
// Civil date from days since the epoch (Howard Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

struct Parts {
  int64_t year;
  unsigned month, day, hour, minute, second, millis;
};

Parts Split(SimTime t) {
  int64_t ms = t.ms;
  int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  int64_t rem = ms - days * 86400000;
  Parts p{};
  CivilFromDays(days, &p.year, &p.month, &p.day);
  p.hour = static_cast<unsigned>(rem / 3600000);
  p.minute = static_cast<unsigned>(rem / 60000 % 60);
  p.second = static_cast<unsigned>(rem / 1000 % 60);
  p.millis = static_cast<unsigned>(rem % 1000);
  return p;
}
}  // namespace

std::string FormatIso8601Millis(SimTime t) {
  Parts p = Split(t);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", p.year, p.month, p.day, p.hour,
                     p.minute, p.second, p.millis);
}

std::string FormatCliTimestamp(SimTime t) {
  Parts p = Split(t);
  // The CLI prints Python's datetime.isoformat(), which drops a zero fraction.
  if (p.millis == 0) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00", p.year, p.month, p.day, p.hour,
                       p.minute, p.second);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}000+00:00", p.year, p.month, p.day,
                     p.hour, p.minute, p.second, p.millis);
}

}  // namespace sim
