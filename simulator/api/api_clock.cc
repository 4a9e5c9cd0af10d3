#include "simulator/api/api_clock.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace sim::api {

asl::Result<ClockMode, std::string> ParseClockMode(const std::string& text) {
  if (text == "virtual") return ClockMode{true, 1.0};
  if (text == "real") return ClockMode{false, 1.0};
  if (text.starts_with("scale=")) {
    const std::string number = text.substr(6);
    double scale = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), scale);
    if (ec == std::errc() && end == number.data() + number.size() && std::isfinite(scale) &&
        scale > 0 && scale <= 1e6) {
      return ClockMode{false, scale};
    }
  }
  return asl::Fail(fmt::format(
      "\"{}\": expected virtual, real or scale=N with N a number above 0 and at most 1000000 "
      "(scale=60: a minute of wall time is an hour of the simulation's)",
      text));
}

SimTime WallClockMapping::Now() const {
  const auto elapsed = std::chrono::duration<double, std::milli>(
      std::chrono::steady_clock::now() - anchor_);
  return SimTime{start_.ms + static_cast<int64_t>(elapsed.count() * mode_.scale)};
}

std::chrono::steady_clock::time_point WallClockMapping::WallTimeOf(SimTime t) const {
  const double wall_ms = static_cast<double>(t.ms - start_.ms) / mode_.scale;
  return anchor_ + std::chrono::microseconds(static_cast<int64_t>(std::ceil(wall_ms * 1000.0)));
}

SimTime SystemNow() {
  return SimTime{std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count()};
}

}  // namespace sim::api
