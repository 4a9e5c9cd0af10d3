#include "asl/intrinsics/utf8.h"

#include "asl/base/utf8.h"

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
    asl::Utf8Sequence sequence = asl::ScanUtf8Sequence(bytes, i);
    if (sequence.valid) {
      out.append(bytes.substr(i, sequence.bytes));
    } else {
      out += kReplacement;  // the maximal subpart is replaced once
    }
    i += sequence.bytes;
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
