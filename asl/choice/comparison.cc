#include "asl/choice/comparison.h"

#include <cmath>
#include <cstdint>

namespace asl {

namespace {

template <typename T>
int Sign(T a, T b) {
  return (a > b) - (a < b);
}

// 2^63 and 2^64, exactly representable as doubles.
constexpr double kTwoTo63 = 9223372036854775808.0;
constexpr double kTwoTo64 = 18446744073709551616.0;

// A double against an integer, exactly: compare the integer parts, then the fraction.
int CompareDoubleInt(double d, int64_t i) {
  if (std::isnan(d)) return 1;  // JSON cannot carry NaN; any answer but UB will do
  if (d >= kTwoTo63) return 1;
  if (d < -kTwoTo63) return -1;
  const double whole = std::trunc(d);
  const int64_t whole_int = static_cast<int64_t>(whole);
  if (whole_int != i) return whole_int < i ? -1 : 1;
  return Sign(d - whole, 0.0);
}

int CompareDoubleUint(double d, uint64_t u) {
  if (std::isnan(d)) return 1;
  if (d < 0) return -1;
  if (d >= kTwoTo64) return 1;
  const double whole = std::trunc(d);
  const uint64_t whole_uint = static_cast<uint64_t>(whole);
  if (whole_uint != u) return whole_uint < u ? -1 : 1;
  return Sign(d - whole, 0.0);
}

int CompareIntUint(int64_t i, uint64_t u) {
  if (i < 0) return -1;
  return Sign(static_cast<uint64_t>(i), u);
}

// Decodes the UTF-8 character starting at s[i]. False for anything that is not the shortest
// encoding of a Unicode scalar value (overlong forms, surrogates, truncation, > U+10FFFF).
bool DecodeUtf8At(std::string_view s, size_t i, uint32_t* code_point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  size_t length;
  uint32_t cp;
  if (lead < 0x80) {
    *code_point = lead;
    return true;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
  } else {
    return false;
  }
  if (s.size() - i < length) return false;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  *code_point = cp;
  return true;
}

// A key that orders code points as their UTF-16 encodings order: characters above U+FFFF
// are written with surrogates (0xD800..0xDFFF) and so sort between U+D7FF and U+E000.
uint32_t Utf16Rank(uint32_t code_point) {
  if (code_point < 0xD800) return code_point;
  if (code_point >= 0x10000) return 0xD800 + (code_point - 0x10000);  // up to 0x10D7FF
  return code_point + 0x100000;                                       // U+E000.. -> 0x10E000..
}

}  // namespace

int CompareNumbers(const Json& a, const Json& b) {
  const bool a_float = a.is_number_float();
  const bool b_float = b.is_number_float();
  const bool a_unsigned = a.is_number_unsigned();
  const bool b_unsigned = b.is_number_unsigned();
  if (a_float && b_float) return Sign(a.get<double>(), b.get<double>());
  if (a_float) {
    return b_unsigned ? CompareDoubleUint(a.get<double>(), b.get<uint64_t>())
                      : CompareDoubleInt(a.get<double>(), b.get<int64_t>());
  }
  if (b_float) {
    return -(a_unsigned ? CompareDoubleUint(b.get<double>(), a.get<uint64_t>())
                        : CompareDoubleInt(b.get<double>(), a.get<int64_t>()));
  }
  if (a_unsigned && b_unsigned) return Sign(a.get<uint64_t>(), b.get<uint64_t>());
  if (a_unsigned) return -CompareIntUint(b.get<int64_t>(), a.get<uint64_t>());
  if (b_unsigned) return CompareIntUint(a.get<int64_t>(), b.get<uint64_t>());
  return Sign(a.get<int64_t>(), b.get<int64_t>());
}

int CompareStrings(std::string_view a, std::string_view b) {
  const size_t common = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < common && a[i] == b[i]) ++i;
  if (i == common) return Sign(a.size(), b.size());
  // OPTIMIZATION: below U+D800 (all of ASCII) UTF-8 byte order is UTF-16 order.
  const auto a_byte = static_cast<unsigned char>(a[i]);
  const auto b_byte = static_cast<unsigned char>(b[i]);
  if (a_byte < 0xED && b_byte < 0xED) return Sign(a_byte, b_byte);
  // Back up to the first byte of the character that differs (the prefix is shared).
  size_t start = i;
  while (start > 0 && ((static_cast<unsigned char>(a[start]) & 0xC0) == 0x80 ||
                       (static_cast<unsigned char>(b[start]) & 0xC0) == 0x80)) {
    --start;
  }
  uint32_t a_cp, b_cp;
  if (!DecodeUtf8At(a, start, &a_cp) || !DecodeUtf8At(b, start, &b_cp)) {
    return Sign(a_byte, b_byte);
  }
  return Sign(Utf16Rank(a_cp), Utf16Rank(b_cp));
}

StringPattern StringPattern::Compile(std::string_view pattern) {
  StringPattern compiled;
  compiled.segments_.emplace_back();
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && (pattern[i + 1] == '*' || pattern[i + 1] == '\\')) {
        compiled.segments_.back() += pattern[++i];
      } else {
        compiled.open_escape_ = true;
        compiled.segments_.back() += c;
      }
    } else if (c == '*') {
      compiled.segments_.emplace_back();
    } else {
      compiled.segments_.back() += c;
    }
  }
  return compiled;
}

bool StringPattern::Matches(std::string_view text) const {
  if (segments_.size() == 1) return text == segments_.front();
  const std::string& first = segments_.front();
  const std::string& last = segments_.back();
  if (text.size() < first.size() + last.size()) return false;
  if (text.substr(0, first.size()) != first) return false;
  if (text.substr(text.size() - last.size()) != last) return false;
  // The middle segments, leftmost first, between the prefix and the suffix. Taking the
  // earliest occurrence of each is optimal when "*" is the only wildcard.
  const std::string_view middle = text.substr(0, text.size() - last.size());
  size_t pos = first.size();
  for (size_t k = 1; k + 1 < segments_.size(); ++k) {
    const std::string& segment = segments_[k];
    if (segment.empty()) continue;
    const size_t found = middle.find(segment, pos);
    if (found == std::string_view::npos) return false;
    pos = found + segment.size();
  }
  return true;
}

}  // namespace asl
