#pragma once
// UTF-8 well-formedness (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
// shared by the definition loader, which refuses other text, and the history writer, which
// escapes valid text itself and leaves the rest to nlohmann's replacement.

#include <cstddef>
#include <string_view>

namespace asl {

// Length of the valid UTF-8 sequence starting at text[i], 0 if it is not one.
size_t Utf8SequenceLength(std::string_view text, size_t i);

bool IsValidUtf8(std::string_view text);

}  // namespace asl
