#include "asl/intrinsics/java_text.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace asl::intrinsics {

std::string JavaDoubleText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";

  // Shortest round-trip digits, as "d.ddde±x".
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view text(buffer, end - buffer);
  std::string sign;
  if (text.front() == '-') {
    sign = "-";
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(),
                  exponent);

  const double magnitude = std::fabs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    std::string out = sign;
    if (exponent >= 0) {
      const size_t integer_digits = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= integer_digits) {
        out += digits;
        out.append(integer_digits - digits.size(), '0');
        out += ".0";
      } else {
        out += digits.substr(0, integer_digits);
        out += '.';
        out += digits.substr(integer_digits);
      }
    } else {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out += digits;
    }
    return out;
  }
  std::string fraction = digits.size() > 1 ? digits.substr(1) : "0";
  return fmt::format("{}{}.{}E{}", sign, digits[0], fraction, exponent);
}

void AppendJavaText(const Json& value, std::string* out) {
  switch (value.type()) {
    case Json::value_t::string:
      *out += value.get_ref<const std::string&>();
      return;
    case Json::value_t::null:
      *out += "null";
      return;
    case Json::value_t::boolean:
      *out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      *out += fmt::format("{}", value.get<int64_t>());
      return;
    case Json::value_t::number_unsigned:
      *out += fmt::format("{}", value.get<uint64_t>());
      return;
    case Json::value_t::number_float:
      *out += JavaDoubleText(value.get<double>());
      return;
    case Json::value_t::array: {
      *out += '[';
      bool first = true;
      for (const Json& item : value) {
        if (!first) *out += ", ";
        first = false;
        AppendJavaText(item, out);
      }
      *out += ']';
      return;
    }
    case Json::value_t::object: {
      *out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) *out += ", ";
        first = false;
        *out += key;
        *out += '=';
        AppendJavaText(item, out);
      }
      *out += '}';
      return;
    }
    default:
      return;
  }
}

std::string JavaText(const Json& value) {
  std::string out;
  AppendJavaText(value, &out);
  return out;
}

}  // namespace asl::intrinsics
