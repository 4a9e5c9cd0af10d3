#pragma once
// UTF-8 well-formedness (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
// shared by the definition loader, which refuses other text, the history writer, which
// escapes valid text itself and leaves the rest to nlohmann's replacement, and the intrinsics,
// which replace ill-formed bytes as Java does.

#include <cstddef>
#include <string>
#include <string_view>

namespace asl {

// The sequence starting at text[i] (Unicode table 3-7): `bytes` is its length when `valid`,
// else the length of its maximal subpart (at least 1), the bytes one U+FFFD replaces.
struct Utf8Sequence {
  size_t bytes = 1;
  bool valid = false;
};
Utf8Sequence ScanUtf8Sequence(std::string_view text, size_t i);

// Length of the valid UTF-8 sequence starting at text[i], 0 if it is not one.
inline size_t Utf8SequenceLength(std::string_view text, size_t i) {
  Utf8Sequence sequence = ScanUtf8Sequence(text, i);
  return sequence.valid ? sequence.bytes : 0;
}

bool IsValidUtf8(std::string_view text);

// Appends `code_point` (at most U+10FFFF) to `out` as UTF-8. A surrogate is written as its
// three-byte form, as the JSON and JSONata string escapes that produce one expect.
void AppendUtf8(char32_t code_point, std::string& out);

// Unicode code points of UTF-8 text (its bytes that do not continue a sequence).
inline size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace asl
