// $pad, $base64encode/$base64decode and the URL encoders, with JavaScript's rules
// (encodeURIComponent / encodeURI / decodeURIComponent / decodeURI).

#include <string>

#include <cmath>

#include "asl/base/base64.h"
#include "asl/base/utf8.h"
#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/library.h"

namespace asl::jsonata {
namespace {

// Splits UTF-8 text into its characters (code points), as the reference's stringToArray.
std::vector<std::string> Characters(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out.emplace_back(s.substr(i, len));
    i += len;
  }
  return out;
}

Value FnPad(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string pad_char = args.size() > 2 && !args[2].IsUndefined() && !args[2].AsString().empty()
                             ? std::string(args[2].AsString())
                             : " ";
  std::string s(args[0].AsString());
  // Truncated as the reference 2.2 does (2.0.6, which AWS runs, fails on a fractional width).
  double width = std::trunc(args[1].AsNumber());
  auto chars = Characters(s);
  double missing = std::fabs(width) - static_cast<double>(chars.size());
  if (missing <= 0) return args[0];
  auto pad_chars = Characters(pad_char);
  std::string padding;
  for (size_t i = 0; static_cast<double>(i) < missing; ++i) padding += pad_chars[i % pad_chars.size()];
  return Value::String(width > 0 ? s + padding : padding + s);
}

Value FnBase64Encode(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  return Value::String(asl::Base64Encode(args[0].AsString()));
}

Value FnBase64Decode(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  return Value::String(asl::Base64DecodeLenient(args[0].AsString()));
}

bool Unreserved(unsigned char c, bool keep_reserved) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  if (std::string_view("-_.!~*'()").find(static_cast<char>(c)) != std::string_view::npos) return true;
  return keep_reserved && std::string_view(";,/?:@&=+$#").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string Encode(std::string_view s, bool keep_reserved) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (Unreserved(c, keep_reserved)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// D3140 as the reference words it: the function's name and the argument as JSON text.
[[noreturn]] void ThrowMalformed(std::string_view function, std::string_view s) {
  Throw("D3140", std::nullopt, std::nullopt,
        "Malformed URL passed to $" + std::string(function) + "(): " + Json(std::string(s)).dump());
}

std::string Decode(std::string_view s, bool keep_reserved, std::string_view function) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || Hex(s[i + 1]) < 0 || Hex(s[i + 2]) < 0)
      ThrowMalformed(function, s);
    char c = static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
    if (keep_reserved && std::string_view(";,/?:@&=+$#").find(c) != std::string_view::npos) {
      out += s.substr(i, 3);
    } else {
      out += c;
    }
    i += 2;
  }
  if (!asl::IsValidUtf8(out)) ThrowMalformed(function, s);
  return out;
}

Value FnEncodeUrlComponent(CallContext&, std::vector<Value>& args) {
  return args[0].IsUndefined() ? Value() : Value::String(Encode(args[0].AsString(), false));
}
Value FnEncodeUrl(CallContext&, std::vector<Value>& args) {
  return args[0].IsUndefined() ? Value() : Value::String(Encode(args[0].AsString(), true));
}
Value FnDecodeUrlComponent(CallContext&, std::vector<Value>& args) {
  return args[0].IsUndefined() ? Value() : Value::String(Decode(args[0].AsString(), false, "decodeUrlComponent"));
}
Value FnDecodeUrl(CallContext&, std::vector<Value>& args) {
  return args[0].IsUndefined() ? Value() : Value::String(Decode(args[0].AsString(), true, "decodeUrl"));
}

}  // namespace

void BindEncodingFunctions(FunctionSet* set) {
  BindBuiltin(set, "pad", "<s-ns?:s>", FnPad);
  BindBuiltin(set, "base64encode", "<s-:s>", FnBase64Encode);
  BindBuiltin(set, "base64decode", "<s-:s>", FnBase64Decode);
  BindBuiltin(set, "encodeUrlComponent", "<s-:s>", FnEncodeUrlComponent);
  BindBuiltin(set, "encodeUrl", "<s-:s>", FnEncodeUrl);
  BindBuiltin(set, "decodeUrlComponent", "<s-:s>", FnDecodeUrlComponent);
  BindBuiltin(set, "decodeUrl", "<s-:s>", FnDecodeUrl);
}

}  // namespace asl::jsonata
