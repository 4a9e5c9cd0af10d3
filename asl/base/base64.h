#pragma once
// Base64 (RFC 4648 section 4, with padding): the one implementation the intrinsics
// (States.Base64Encode/Decode), SQS's binary message attributes and Athena's paging tokens use.

#include <optional>
#include <string>
#include <string_view>

namespace asl {

std::string Base64Encode(std::string_view bytes);

// Decodes as AWS's States.Base64Decode does (Apache Commons Codec's leniency): characters
// outside the alphabet are skipped, the first '=' ends the data, and a last group of 2 or 3
// digits still yields 1 or 2 bytes. Never fails.
std::string Base64DecodeLenient(std::string_view text);

// Decodes only well-formed text: whole groups of four, padding only at the very end. Nothing for
// anything else (a token sfnsim issued and a client altered).
std::optional<std::string> Base64DecodeStrict(std::string_view text);

}  // namespace asl
