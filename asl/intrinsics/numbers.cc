#include "asl/intrinsics/numbers.h"

#include <cmath>

namespace asl::intrinsics {

namespace {

// Integers stay exact; a double must be finite and within the int64 range.
std::optional<int64_t> Integral(const Json& value, double (*to_integral)(double)) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() && value.get<uint64_t>() > INT64_MAX) return std::nullopt;
    return value.get<int64_t>();
  }
  if (!value.is_number_float()) return std::nullopt;
  const double x = to_integral(value.get<double>());
  // 2^63 is exactly representable; anything at or above it does not fit.
  if (!std::isfinite(x) || x < -0x1p63 || x >= 0x1p63) return std::nullopt;
  return static_cast<int64_t>(x);
}

double JavaRound(double x) {
  const double floor = std::floor(x);
  // x - floor(x) is exact for every finite double.
  return x - floor >= 0.5 ? floor + 1 : floor;
}

}  // namespace

double ToDouble(const Json& number) {
  if (number.is_number_unsigned()) return static_cast<double>(number.get<uint64_t>());
  if (number.is_number_integer()) return static_cast<double>(number.get<int64_t>());
  return number.get<double>();
}

std::optional<int64_t> RoundHalfUp(const Json& value) { return Integral(value, JavaRound); }

std::optional<int64_t> Truncate(const Json& value) {
  return Integral(value, [](double x) { return std::trunc(x); });
}

}  // namespace asl::intrinsics
