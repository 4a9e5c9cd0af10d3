#include "asl/jsonata_pictures/js_number.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace asl::jsonata_pictures {
namespace {

// Shortest round-trip digits of |value| (no leading zeros) and n, the position of the decimal
// point relative to them: |value| = 0.d1d2...dk * 10^n.
void ShortestDigits(double value, std::string& digits, int& point) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value),
                                 std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(end - buffer));
  size_t e = text.find('e');
  digits.clear();
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  point = std::atoi(std::string(text.substr(e + 1)).c_str()) + 1;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}

}  // namespace

std::string JsNumberToString(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";
  std::string digits;
  int n = 0;
  ShortestDigits(value, digits, n);
  int k = static_cast<int>(digits.size());
  std::string out = value < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += n - 1 < 0 ? "e-" : "e+";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

std::string JsToFixed(double value, int digits) {
  if (std::isnan(value)) return "NaN";
  if (std::fabs(value) >= 1e21 || std::isinf(value)) return JsNumberToString(value);
  // A double has at most 1074 fractional binary digits, so 1080 decimal places print it
  // exactly; rounding that text half-up is toFixed's "pick the larger n" on ties.
  static constexpr int kExactPlaces = 1080;
  std::string exact(1200, '\0');
  int length = std::snprintf(exact.data(), exact.size(), "%.*f", kExactPlaces, std::fabs(value));
  exact.resize(static_cast<size_t>(length));
  size_t dot = exact.find('.');
  std::string kept = exact.substr(0, dot) + exact.substr(dot + 1, static_cast<size_t>(digits));
  bool round_up = exact[dot + 1 + static_cast<size_t>(digits)] >= '5';
  if (round_up) {
    size_t i = kept.size();
    while (i > 0) {
      --i;
      if (kept[i] == '9') {
        kept[i] = '0';
      } else {
        ++kept[i];
        break;
      }
      if (i == 0) kept.insert(kept.begin(), '1');
    }
  }
  size_t integer_digits = kept.size() - static_cast<size_t>(digits);
  std::string out = value < 0 ? "-" : "";
  out += kept.substr(0, integer_digits);
  if (digits > 0) out += "." + kept.substr(integer_digits);
  return out;
}

namespace {

// Number(mantissa_text + "e" + exponent): the text of a finite number with its exponent moved.
double ShiftDecimal(double value, int shift) {
  std::string text = JsNumberToString(value);
  size_t e = text.find('e');
  int exponent = shift;
  if (e != std::string::npos) {
    exponent += std::atoi(text.c_str() + e + 1);
    text.resize(e);
  }
  text += "e" + std::to_string(exponent);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace

double JsonataRound(double value, int precision) {
  if (!std::isfinite(value)) return value;
  double shifted = precision != 0 ? ShiftDecimal(value, precision) : value;
  // Math.round: the nearest integer, ties towards +infinity.
  double result = std::floor(shifted);
  if (shifted - result >= 0.5) result += 1;
  double diff = result - shifted;
  if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2.0)) == 1) result -= 1;
  if (precision != 0) result = ShiftDecimal(result, -precision);
  if (result == 0) result = 0;  // no -0
  return result;
}

}  // namespace asl::jsonata_pictures
