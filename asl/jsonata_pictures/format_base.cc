#include "asl/jsonata_pictures/format_base.h"

#include <algorithm>
#include <cmath>

#include "asl/jsonata_pictures/js_number.h"

namespace asl::jsonata_pictures {

PictureResult<std::string> FormatBase(double value, std::optional<double> radix) {
  double rounded = JsonataRound(value, 0);
  double base = radix ? JsonataRound(*radix, 0) : 10;
  if (!(base >= 2 && base <= 36)) {
    return PictureError{"D3100",
                        "$formatBase: the radix must be between 2 and 36, not " +
                            JsNumberToString(base),
                        std::nullopt};
  }
  if (base == 10 || !std::isfinite(rounded)) return JsNumberToString(rounded);
  // An integral double: fmod and the division by the radix below are exact for every radix
  // that is a power of two, and for the others while the value is below 2^53.
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  double magnitude = std::fabs(rounded);
  std::string out;
  do {
    double digit = std::fmod(magnitude, base);
    out += kDigits[static_cast<int>(digit)];
    magnitude = std::floor(magnitude / base);
  } while (magnitude > 0);
  if (rounded < 0) out += '-';
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace asl::jsonata_pictures
