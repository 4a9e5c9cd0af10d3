// Functions taking a pattern (a string or a regex): $match, $replace, $split, $contains, and a
// regex called as a function. JSONata regexes are JavaScript regexes; std::regex's ECMAScript
// grammar is the closest standard engine. Positions are reported in UTF-16 code units.

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>

#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/library.h"

namespace asl::jsonata {
namespace {

// UTF-16 length of the UTF-8 text s[0, byte_offset).
double Utf16Offset(std::string_view s, size_t byte_offset) {
  double units = 0;
  for (size_t i = 0; i < byte_offset && i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    units += (c >= 0xF0) ? 2 : 1;
  }
  return units;
}

// The byte offset of UTF-16 offset `units` in the UTF-8 text (clamped to its ends).
size_t ByteOffset(std::string_view s, double units) {
  if (!(units > 0)) return 0;
  double at = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (at >= units) return i;
    at += (c >= 0xF0) ? 2 : 1;
  }
  return s.size();
}

struct Match {
  std::string text;
  size_t position;  // bytes
  std::vector<std::string> groups;
  size_t end = std::string::npos;  // bytes; npos = position + text.size()
  size_t End() const { return end == std::string::npos ? position + text.size() : end; }
};

// All matches of `re` in `s`, at most `limit` (negative = all). Throws D1004 on an empty match.
std::vector<Match> FindAll(const std::regex& re, const std::string& s, double limit) {
  std::vector<Match> out;
  auto begin = std::sregex_iterator(s.begin(), s.end(), re);
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    if (limit >= 0 && static_cast<double>(out.size()) >= limit) break;
    const std::smatch& m = *it;
    if (m.length(0) == 0)
      Throw("D1004", std::nullopt, std::nullopt, "Regular expression matches zero length string");
    Match match{m.str(0), static_cast<size_t>(m.position(0)), {}};
    for (size_t g = 1; g < m.size(); ++g) match.groups.push_back(m[g].matched ? m[g].str() : "");
    out.push_back(std::move(match));
  }
  return out;
}

// The reference's evaluateMatcher: calls a matcher function (a lambda that returns
// {match, start, end, groups, next}) and checks what it returned has that shape.
Value CallMatcher(CallContext& ctx, const Value& matcher, Value text, const char* function) {
  Value result = ctx.evaluator.Apply(matcher, {std::move(text)}, Value(), ctx.frame);
  if (ToBoolean(result) && !result.Get("start").IsNumber() && !result.Get("groups").IsArray() &&
      !result.Get("next").IsFunction())
    Throw("T1010", std::nullopt, function,
          std::string("The matcher function argument passed to function \"") + function +
              "\" does not return the correct object structure");
  return result;
}

// The matches of a pattern (a regex or a custom matcher function) in `s`, at most `limit`
// (negative = all).
std::vector<Match> Matches(CallContext& ctx, const Value& pattern, const std::string& s,
                           double limit, const char* function) {
  const Function& fn = pattern.AsFunction();
  if (fn.kind == Function::Kind::kRegex) return FindAll(*fn.regex, s, limit);
  std::vector<Match> out;
  Value result = CallMatcher(ctx, pattern, Value::String(s), function);
  while (!result.IsUndefined() && (limit < 0 || static_cast<double>(out.size()) < limit)) {
    Match m;
    Value text = result.Get("match");
    m.text = text.IsString() ? std::string(text.AsString()) : Stringify(text);
    Value start = result.Get("start");
    Value end = result.Get("end");
    m.position = ByteOffset(s, start.IsNumber() ? start.AsNumber() : 0);
    if (end.IsNumber()) m.end = std::max(m.position, ByteOffset(s, end.AsNumber()));
    Value groups = result.Get("groups");
    for (size_t g = 0; groups.IsArray() && g < groups.Size(); ++g) {
      Value group = groups.At(g);
      m.groups.push_back(group.IsString() ? std::string(group.AsString()) : Stringify(group));
    }
    out.push_back(std::move(m));
    Value next = result.Get("next");
    if (!next.IsFunction()) break;
    result = CallMatcher(ctx, next, Value(), function);
  }
  return out;
}

Value MatchObject(const Match& m, const std::string& s, bool with_end) {
  Value o = Value::NewObject();
  auto* obj = o.OwnedObject();
  obj->Set("match", Value::String(m.text));
  double start = Utf16Offset(s, m.position);
  if (with_end) {
    obj->Set("start", Value::Number(start));
    obj->Set("end", Value::Number(Utf16Offset(s, m.End())));
  } else {
    obj->Set("index", Value::Number(start));
  }
  Value groups = Value::NewArray();
  for (const auto& g : m.groups) groups.Owned()->items.push_back(Value::String(g));
  obj->Set("groups", groups);
  return o;
}

double Limit(const std::vector<Value>& args, size_t i, const char* negative_code) {
  if (args.size() <= i || args[i].IsUndefined()) return -1;
  double limit = args[i].AsNumber();
  if (limit < 0) Throw(negative_code, std::nullopt, std::nullopt, "limit must be non-negative");
  return std::floor(limit);
}

Value FnMatch(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string s(args[0].AsString());
  double limit = Limit(args, 2, "D3040");
  Value out = Value::NewSequence();
  for (const auto& m : Matches(ctx, args[1], s, limit, "match"))
    out.Owned()->items.push_back(MatchObject(m, s, false));
  return out;
}

Value FnContainsPattern(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string s(args[0].AsString());
  if (args[1].IsString()) return Value::Bool(s.find(args[1].AsString()) != std::string::npos);
  return Value::Bool(!Matches(ctx, args[1], s, 1, "contains").empty());
}

// Expands $0, $1 ... in a replacement string as the reference does: `$$` is a `$`, and a group
// number takes as many digits as name an existing group.
std::string ExpandReplacement(const std::string& replacement, const Match& m) {
  std::string out;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c != '$' || i + 1 >= replacement.size()) {
      out += c;
      continue;
    }
    char n = replacement[i + 1];
    if (n == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (n < '0' || n > '9') {
      out += c;
      continue;
    }
    size_t j = i + 1;
    size_t group = 0;
    size_t best_len = 0;
    size_t value = 0;
    while (j < replacement.size() && replacement[j] >= '0' && replacement[j] <= '9') {
      value = value * 10 + static_cast<size_t>(replacement[j] - '0');
      if (value <= m.groups.size()) {
        group = value;
        best_len = j - i;
      } else {
        break;
      }
      ++j;
    }
    if (best_len == 0) {
      // `$n` beyond the groups: the digit is dropped.
      i += 1;
      continue;
    }
    out += group == 0 ? m.text : m.groups[group - 1];
    i += best_len;
  }
  return out;
}

Value FnReplace(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string s(args[0].AsString());
  if (args[1].IsString() && args[1].AsString().empty())
    Throw("D3010", std::nullopt, std::nullopt, "Second argument of replace function cannot be an empty string");
  double limit = Limit(args, 3, "D3011");
  std::vector<Match> matches;
  if (args[1].IsString()) {
    std::string pattern(args[1].AsString());
    size_t from = 0;
    while (limit < 0 || static_cast<double>(matches.size()) < limit) {
      size_t p = s.find(pattern, from);
      if (p == std::string::npos) break;
      matches.push_back(Match{pattern, p, {}});
      from = p + pattern.size();
    }
  } else {
    matches = Matches(ctx, args[1], s, limit, "replace");
  }
  std::string out;
  size_t at = 0;
  for (const auto& m : matches) {
    out += s.substr(at, std::max(m.position, at) - at);
    if (args[2].IsString()) {
      out += ExpandReplacement(std::string(args[2].AsString()), m);
    } else {
      Value r = ctx.evaluator.Apply(args[2], {MatchObject(m, s, false)}, Value(), ctx.frame);
      if (!r.IsString()) Throw("D3012", std::nullopt, std::nullopt, "replacement function must return a string");
      out += r.AsString();
    }
    at = m.position + m.text.size();
  }
  out += s.substr(at);
  return Value::String(std::move(out));
}

Value FnSplit(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  std::string s(args[0].AsString());
  double limit = Limit(args, 2, "D3020");
  Value out = Value::NewArray();
  auto& items = out.Owned()->items;
  auto add = [&](std::string piece) {
    if (limit < 0 || static_cast<double>(items.size()) < limit) items.push_back(Value::String(std::move(piece)));
  };
  if (args[1].IsString()) {
    std::string sep(args[1].AsString());
    if (sep.empty()) {
      for (size_t i = 0; i < s.size();) {
        size_t len = 1;
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) len = 4; else if (c >= 0xE0) len = 3; else if (c >= 0xC0) len = 2;
        add(s.substr(i, len));
        i += len;
      }
      return out;
    }
    size_t from = 0;
    for (;;) {
      size_t p = s.find(sep, from);
      if (p == std::string::npos) break;
      add(s.substr(from, p - from));
      from = p + sep.size();
    }
    add(s.substr(from));
    return out;
  }
  size_t at = 0;
  for (const auto& m : Matches(ctx, args[1], s, limit, "split")) {
    add(s.substr(at, std::max(m.position, at) - at));
    at = std::max(at, m.End());
  }
  add(s.substr(at));
  return out;
}

// A regex called directly: the first match as {match, start, end, groups}, or undefined.
Value FnRegexCall(CallContext&, std::vector<Value>& args) {
  if (args.size() < 2 || args[0].IsUndefined() || !args[0].IsString()) return Value();
  std::string s(args[0].AsString());
  const Function& fn = args[1].AsFunction();
  if (fn.kind != Function::Kind::kRegex) return Value();
  auto matches = FindAll(*fn.regex, s, 1);
  if (matches.empty()) return Value();
  return MatchObject(matches[0], s, true);
}

}  // namespace

void BindRegexFunctions(FunctionSet* set) {
  BindBuiltin(set, "match", "<s-f<s:o>n?:a<o>>", FnMatch);
  BindBuiltin(set, "contains", "<s-(sf):b>", FnContainsPattern);
  BindBuiltin(set, "replace", "<s-(sf)(sf)n?:s>", FnReplace);
  BindBuiltin(set, "split", "<s-(sf)n?:a<s>>", FnSplit);
  BindBuiltin(set, "__regex_call", "", FnRegexCall);
}

}  // namespace asl::jsonata
