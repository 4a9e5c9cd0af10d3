// States.Base64Encode and States.Base64Decode.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html#asl-intrsc-func-data-encode-decode

#include "asl/intrinsics/function.h"
#include "asl/intrinsics/intrinsic_node.h"
#include "asl/intrinsics/utf8.h"

namespace asl::intrinsics {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int DecodeDigit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// RFC 4648 section 4, with padding.
std::string Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Lenient decoding: AWS decodes "!!!invalid!!!", "abc", "ab==cd" and " YWJjZA== " instead of
// refusing them (conformance cases B64D-015/017/019/024, run against AWS), which is how Apache
// Commons Codec decodes: characters outside the alphabet are skipped, the first '=' ends the
// data, and a last group of 2 or 3 digits still yields 1 or 2 bytes. What AWS then returns
// for such input was not recorded; this decoder's bytes are the codec's.
std::string Decode(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size() / 4 * 3 + 2);
  uint32_t bits = 0;
  int digits = 0;
  for (char c : text) {
    if (c == '=') break;
    const int value = DecodeDigit(c);
    if (value < 0) continue;
    bits = (bits << 6) | static_cast<uint32_t>(value);
    if (++digits == 4) {
      bytes += static_cast<char>(bits >> 16);
      bytes += static_cast<char>(bits >> 8);
      bytes += static_cast<char>(bits);
      bits = 0;
      digits = 0;
    }
  }
  if (digits == 2) {
    bytes += static_cast<char>(bits >> 4);
  } else if (digits == 3) {
    bytes += static_cast<char>(bits >> 10);
    bytes += static_cast<char>(bits >> 2);
  }
  return bytes;
}

}  // namespace

namespace impl {

// States.Base64Encode(string): the Base64 of the string's UTF-8 bytes (AWS gives "4pyT" for
// "✓", conformance case B64E-004; recorded: "" gives "").
Result<Json, Fault> Base64Encode(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_string()) return Fail(InvalidArguments(FunctionId::kBase64Encode));
  const std::string& text = args[0].get_ref<const std::string&>();
  if (Utf16Length(text) > kMaxIntrinsicInputLength) {
    return Fail(InvalidArguments(FunctionId::kBase64Encode));
  }
  return Json(Encode(text));
}

// States.Base64Decode(string): the decoded bytes read as UTF-8 text (bytes that are not UTF-8
// become U+FFFD, as Java's new String(bytes, UTF_8) makes them).
Result<Json, Fault> Base64Decode(const IntrinsicCallNode&, Args& args, const EvalContext&) {
  if (!args[0].is_string()) return Fail(InvalidArguments(FunctionId::kBase64Decode));
  const std::string& text = args[0].get_ref<const std::string&>();
  if (Utf16Length(text) > kMaxIntrinsicInputLength) {
    return Fail(InvalidArguments(FunctionId::kBase64Decode));
  }
  return Json(SanitizeUtf8(Decode(text)));
}

}  // namespace impl
}  // namespace asl::intrinsics
