#pragma once
// Numbers as the reports print them.

#include <cstdint>
#include <string>

namespace asl {

// 1234567 -> "1,234,567"
inline std::string GroupDigits(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace asl
