#pragma once
// UTF-8 helpers for the string intrinsics. AWS counts characters as Java does (UTF-16 code
// units), and turns bytes back into text as Java's new String(bytes, UTF_8) does.

#include <cstddef>
#include <string>
#include <string_view>

namespace asl::intrinsics {

// The length of a valid UTF-8 string in UTF-16 code units (Java's String.length()): a
// character outside the Basic Multilingual Plane counts 2.
size_t Utf16Length(std::string_view utf8);

// The bytes as text: every ill-formed sequence becomes U+FFFD (one per maximal subpart, the
// Unicode-recommended practice Java follows).
std::string SanitizeUtf8(std::string_view bytes);

// The code point at *pos of a valid UTF-8 string; advances *pos past it.
char32_t NextCodePoint(std::string_view utf8, size_t* pos);

}  // namespace asl::intrinsics
