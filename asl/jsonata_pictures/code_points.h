#pragma once
// UTF-8 <-> code points for the picture functions, which work character by character. Ill-formed
// bytes decode to U+FFFD, so no input can make them read past the end.

#include <string>
#include <string_view>

namespace asl::jsonata_pictures {

std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);
std::string EncodeUtf8(char32_t code_point);

// Length as JavaScript's String.length counts it: UTF-16 code units.
size_t Utf16Length(std::u32string_view text);

}  // namespace asl::jsonata_pictures
