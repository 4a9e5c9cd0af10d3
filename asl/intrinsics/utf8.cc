#include "asl/intrinsics/utf8.h"

namespace asl::intrinsics {

size_t Utf16Length(std::string_view utf8) {
  size_t units = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++units;  // a lead byte starts a character
    if (c >= 0xF0) ++units;           // four-byte sequences need a surrogate pair
  }
  return units;
}

std::string SanitizeUtf8(std::string_view bytes) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Expected length and the allowed range of the second byte (Unicode table 3-7).
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      out += kReplacement;
      ++i;
      continue;
    }
    size_t j = 1;
    for (; j < length && i + j < bytes.size(); ++j) {
      const auto next = static_cast<unsigned char>(bytes[i + j]);
      const unsigned char lo = j == 1 ? low : 0x80;
      const unsigned char hi = j == 1 ? high : 0xBF;
      if (next < lo || next > hi) break;
    }
    if (j == length) {
      out.append(bytes.substr(i, length));
    } else {
      out += kReplacement;  // the maximal subpart i..i+j is replaced once
    }
    i += j;
  }
  return out;
}

char32_t NextCodePoint(std::string_view utf8, size_t* pos) {
  const auto c = static_cast<unsigned char>(utf8[*pos]);
  size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t code = length == 1   ? c
                  : length == 2 ? (c & 0x1F)
                  : length == 3 ? (c & 0x0F)
                                : (c & 0x07);
  for (size_t k = 1; k < length && *pos + k < utf8.size(); ++k) {
    code = (code << 6) | (static_cast<unsigned char>(utf8[*pos + k]) & 0x3F);
  }
  *pos += length;
  return code;
}

}  // namespace asl::intrinsics
