#include "asl/jsonata_pictures/code_points.h"

#include "asl/base/utf8.h"

namespace asl::jsonata_pictures {

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    Utf8Sequence sequence = ScanUtf8Sequence(text, i);
    if (!sequence.valid) {
      out.push_back(U'\uFFFD');
      i += sequence.bytes;
      continue;
    }
    auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
    char32_t cp = 0;
    switch (sequence.bytes) {
      case 1: cp = byte(0); break;
      case 2: cp = ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F); break;
      case 3: cp = ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F); break;
      default:
        cp = ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) |
             (byte(3) & 0x3F);
    }
    out.push_back(cp);
    i += sequence.bytes;
  }
  return out;
}

std::string EncodeUtf8(char32_t cp) {
  std::string out;
  AppendUtf8(cp, out);
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : text) out += EncodeUtf8(cp);
  return out;
}

size_t Utf16Length(std::u32string_view text) {
  size_t n = 0;
  for (char32_t cp : text) n += cp >= 0x10000 ? 2 : 1;
  return n;
}

}  // namespace asl::jsonata_pictures
