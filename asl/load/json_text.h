#pragma once
// Strict JSON (RFC 8259) with located errors and the line of every value.
//
// nlohmann's parser reports only a byte offset and keeps the last of duplicate keys; the loader
// needs `FILE:LINE:COL: expected ...` messages, every duplicate key reported, and a pointer ->
// line map so later diagnostics can name lines. Numbers get exactly nlohmann's representation
// (integer, unsigned or double), because the lexeme is handed to nlohmann.

#include <string>
#include <string_view>

#include "asl/load/source_text.h"

namespace asl {

// How the message of a key given twice starts, in JSON and in YAML: a document refused for it
// was read (DefinitionFile::InvalidDefinition tells it from text that does not parse).
inline constexpr std::string_view kDuplicateKeyMessage = "duplicate key ";

// Parses one JSON document (a leading UTF-8 byte-order mark is skipped). The text must already
// have passed CheckText (valid UTF-8). Syntax errors stop the parse (one error); duplicate keys
// are all reported, each with the line of the first occurrence.
Result<ParsedDocument, TextErrors> ParseJson(std::string_view text);

// The string a JSON string literal stands for: `body` is what lies between the quotes. Fails
// (with a message) on a bad escape or a raw control character.
Result<std::string, std::string> UnescapeJsonString(std::string_view body);

// The body of a JSON string literal for `text`, escaped as Jackson (which AWS uses) writes it:
// '"', '\\' and control characters escaped, everything else (non-ASCII included) as is.
std::string EscapeJsonString(std::string_view text);

}  // namespace asl
