// String, number and boolean functions, and the internal helpers behind `~>` composition and
// transforms.

#include <algorithm>
#include <cmath>
#include <string>

#include "asl/base/utf8.h"
#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/library.h"

namespace asl::jsonata {
namespace {

// The code points of the UTF-8 text: the reference's $length and $substring count characters
// (it iterates the string with for...of), not UTF-16 units.
std::vector<uint32_t> CodePointsOf(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (c < 0x80) { cp = c; len = 1; }
    else if ((c >> 5) == 6) { cp = c & 0x1F; len = 2; }
    else if ((c >> 4) == 14) { cp = c & 0x0F; len = 3; }
    else { cp = c & 0x07; len = 4; }
    for (size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

Value FnString(CallContext&, std::vector<Value>& args) {
  const Value& v = args[0];
  if (v.IsUndefined()) return Value();
  bool pretty = args.size() > 1 && ToBoolean(args[1]);
  if (v.IsString()) return v;
  if (v.IsFunction()) return Value::String("");
  if (v.IsNumber() && !std::isfinite(v.AsNumber()))
    Throw("D3001", std::nullopt, std::nullopt, "Attempting to invoke string function on Infinity or NaN");
  return Value::String(Stringify(v, pretty));
}

Value FnLength(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  return Value::Number(static_cast<double>(CodePointsOf(args[0].AsString()).size()));
}

// JavaScript's Array.prototype.slice index: truncated, negative counts from the end, clamped.
double SliceIndex(double index, double length) {
  index = std::trunc(index);
  if (index < 0) return std::max(0.0, length + index);
  return std::min(index, length);
}

Value FnSubstring(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  auto chars = CodePointsOf(args[0].AsString());
  double length = static_cast<double>(chars.size());
  double start = args[1].AsNumber();
  if (length + start < 0) start = 0;
  double end = length;
  if (args.size() > 2 && !args[2].IsUndefined()) {
    double count = args[2].AsNumber();
    if (count <= 0) return Value::String("");
    end = start >= 0 ? start + count : length + start + count;
  }
  double from = SliceIndex(start, length);
  double to = SliceIndex(end, length);
  std::string out;
  for (double i = from; i < to; ++i) AppendUtf8(chars[static_cast<size_t>(i)], out);
  return Value::String(std::move(out));
}

Value FnSubstringBefore(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string_view s = args[0].AsString();
  size_t p = s.find(args[1].AsString());
  return Value::String(std::string(p == std::string_view::npos ? s : s.substr(0, p)));
}

Value FnSubstringAfter(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string_view s = args[0].AsString();
  std::string_view chars = args[1].AsString();
  size_t p = s.find(chars);
  return Value::String(std::string(p == std::string_view::npos ? s : s.substr(p + chars.size())));
}

Value CaseMap(std::vector<Value>& args, bool upper) {
  if (args[0].IsUndefined()) return Value();
  std::string s(args[0].AsString());
  for (char& c : s) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return Value::String(std::move(s));
}
Value FnUppercase(CallContext&, std::vector<Value>& args) { return CaseMap(args, true); }
Value FnLowercase(CallContext&, std::vector<Value>& args) { return CaseMap(args, false); }

Value FnTrim(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string out;
  bool space = false;
  for (char c : args[0].AsString()) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return Value::String(std::move(out));
}

Value FnJoin(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  if (!IsArrayOfStrings(args[0])) Throw("T0412", std::nullopt, std::nullopt, "$join needs strings");
  std::string sep = args.size() > 1 && !args[1].IsUndefined() ? std::string(args[1].AsString()) : "";
  std::string out;
  for (size_t i = 0; i < args[0].Size(); ++i) {
    if (i > 0) out += sep;
    out += args[0].At(i).AsString();
  }
  return Value::String(std::move(out));
}

Value FnNumber(CallContext&, std::vector<Value>& args) {
  const Value& v = args[0];
  if (v.IsUndefined()) return Value();
  if (v.IsNumber()) return v;
  if (v.IsBool()) return Value::Number(v.AsBool() ? 1 : 0);
  if (v.IsString()) {
    std::string s(v.AsString());
    char* end = nullptr;
    double d = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'b' || s[1] == 'B' || s[1] == 'o' || s[1] == 'O')) {
      int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'b' || s[1] == 'B') ? 2 : 8;
      d = static_cast<double>(std::strtoull(s.c_str() + 2, &end, base));
    } else if (!s.empty() && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9') || s[0] == '.')) {
      d = std::strtod(s.c_str(), &end);
    }
    if (end != nullptr && *end == '\0' && !s.empty() && std::isfinite(d)) return Value::Number(d);
  }
  Throw("D3030", std::nullopt, std::nullopt, "Unable to cast value to a number");
}

Value FnAbs(CallContext&, std::vector<Value>& args) {
  return args[0].IsUndefined() ? Value() : Value::Number(std::fabs(args[0].AsNumber()));
}
Value FnFloor(CallContext&, std::vector<Value>& args) {
  return args[0].IsUndefined() ? Value() : Value::Number(std::floor(args[0].AsNumber()));
}
Value FnCeil(CallContext&, std::vector<Value>& args) {
  return args[0].IsUndefined() ? Value() : Value::Number(std::ceil(args[0].AsNumber()));
}
Value FnSqrt(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  if (args[0].AsNumber() < 0) Throw("D3060", std::nullopt, std::nullopt, "sqrt of negative");
  return Value::Number(std::sqrt(args[0].AsNumber()));
}
Value FnPower(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  // An undefined exponent is NaN in JavaScript's Math.pow, so the reference raises D3061.
  double r = args[1].IsUndefined() ? std::nan("")
                                   : std::pow(args[0].AsNumber(), args[1].AsNumber());
  if (!std::isfinite(r)) Throw("D3061", std::nullopt, std::nullopt, "power out of range");
  return Value::Number(r);
}
Value FnRound(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  double precision = args.size() > 1 && !args[1].IsUndefined() ? args[1].AsNumber() : 0;
  double value = args[0].AsNumber();
  // Round half to even at `precision` decimal places, on the decimal text as the reference does.
  double scale = std::pow(10.0, precision);
  double shifted = value * scale;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", shifted);
  shifted = std::strtod(buf, nullptr);
  double r = std::round(shifted);
  if (std::fabs(shifted - std::trunc(shifted)) == 0.5 && std::fmod(r, 2.0) != 0) r -= (shifted > 0 ? 1 : -1);
  double out = r / scale;
  std::snprintf(buf, sizeof buf, "%.15g", out);
  return Value::Number(std::strtod(buf, nullptr));
}

Value FnBoolean(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  return Value::Bool(ToBoolean(args[0]));
}
Value FnNot(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  return Value::Bool(!ToBoolean(args[0]));
}
Value FnExists(CallContext&, std::vector<Value>& args) {
  return Value::Bool(!args[0].IsUndefined());
}
Value FnType(CallContext&, std::vector<Value>& args) {
  switch (args[0].type()) {
    case Type::kUndefined: return Value();
    case Type::kNull: return Value::String("null");
    case Type::kBool: return Value::String("boolean");
    case Type::kNumber: return Value::String("number");
    case Type::kString: return Value::String("string");
    case Type::kArray: return Value::String("array");
    case Type::kObject: return Value::String("object");
    case Type::kFunction: return Value::String("function");
  }
  return Value();
}
Value FnError(CallContext&, std::vector<Value>& args) {
  Throw("D3137", std::nullopt, std::nullopt,
        args.empty() || args[0].IsUndefined() ? "$error() function evaluated"
                                              : std::string(args[0].AsString()));
}
Value FnAssert(CallContext&, std::vector<Value>& args) {
  if (!args[0].IsBool()) Throw("T0410", std::nullopt, std::nullopt, "$assert needs a boolean");
  if (!args[0].AsBool())
    Throw("D3141", std::nullopt, std::nullopt,
          args.size() > 1 && !args[1].IsUndefined() ? std::string(args[1].AsString()) : "$assert() statement failed");
  return Value();
}
Value FnMillis(CallContext& ctx, std::vector<Value>&) {
  int64_t ms = ctx.evaluator.NowMs();
  return Value::Number(static_cast<double>(ms));
}
Value FnRandom(CallContext& ctx, std::vector<Value>&) {
  return Value::Number(ctx.evaluator.Random());
}

// $__compose(f, g, x) = g(f(x)): what `$f ~> $g` yields.
Value FnCompose(CallContext& ctx, std::vector<Value>& args) {
  Value inner = ctx.evaluator.Apply(args[0], {args[2]}, Value(), ctx.frame);
  return ctx.evaluator.Apply(args[1], {inner}, Value(), ctx.frame);
}

}  // namespace

void BindCoreFunctions(FunctionSet* set) {
  // The reference's string(arg, prettify = false) has a Function.length of 1: $map([1], $string)
  // passes the value only, not the index as `prettify`.
  BindBuiltin(set, "string", "<x-b?:s>", FnString, /*arity=*/1);
  BindBuiltin(set, "length", "<s-:n>", FnLength);
  BindBuiltin(set, "substring", "<s-nn?:s>", FnSubstring);
  BindBuiltin(set, "substringBefore", "<s-s:s>", FnSubstringBefore);
  BindBuiltin(set, "substringAfter", "<s-s:s>", FnSubstringAfter);
  BindBuiltin(set, "uppercase", "<s-:s>", FnUppercase);
  BindBuiltin(set, "lowercase", "<s-:s>", FnLowercase);
  BindBuiltin(set, "trim", "<s-:s>", FnTrim);
  BindBuiltin(set, "join", "<a<s>s?:s>", FnJoin);
  BindBuiltin(set, "number", "<(nsb)-:n>", FnNumber);
  BindBuiltin(set, "abs", "<n-:n>", FnAbs);
  BindBuiltin(set, "floor", "<n-:n>", FnFloor);
  BindBuiltin(set, "ceil", "<n-:n>", FnCeil);
  BindBuiltin(set, "round", "<n-n?:n>", FnRound);
  BindBuiltin(set, "sqrt", "<n-:n>", FnSqrt);
  BindBuiltin(set, "power", "<n-n:n>", FnPower);
  BindBuiltin(set, "boolean", "<x-:b>", FnBoolean);
  BindBuiltin(set, "not", "<x-:b>", FnNot);
  BindBuiltin(set, "exists", "<x:b>", FnExists);
  BindBuiltin(set, "type", "<x:s>", FnType);
  BindBuiltin(set, "error", "<s?:x>", FnError);
  BindBuiltin(set, "assert", "<bs?:x>", FnAssert);
  BindBuiltin(set, "millis", "<:n>", FnMillis);
  BindBuiltin(set, "random", "<:n>", FnRandom);
  BindBuiltin(set, "__compose", "", FnCompose);
}

}  // namespace asl::jsonata
