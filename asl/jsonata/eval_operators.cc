// Operators (arithmetic, comparison, equality, `&`, `..`, `in`, `and`/`or`, `?:`, `??`), the
// array constructor and the value helpers they share with the function library.

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"

namespace asl::jsonata {

bool IsNumeric(const Value& v) {
  if (!v.IsNumber()) return false;
  double d = v.AsNumber();
  if (std::isnan(d)) return false;
  if (!std::isfinite(d)) Throw("D1001", std::nullopt, std::nullopt, "Number out of range");
  return true;
}

Value CreateSequence(const Value& single) {
  Value seq = Value::NewSequence();
  if (!single.IsUndefined()) seq.Owned()->items.push_back(single);
  return seq;
}

Value Append(const Value& a, const Value& b) {
  if (a.IsUndefined()) return b;
  if (b.IsUndefined()) return a;
  Value out = Value::NewArray();
  auto& items = out.Owned()->items;
  if (a.IsArray()) {
    for (size_t i = 0; i < a.Size(); ++i) items.push_back(a.At(i));
  } else {
    items.push_back(a);
  }
  if (b.IsArray()) {
    for (size_t i = 0; i < b.Size(); ++i) items.push_back(b.At(i));
  } else {
    items.push_back(b);
  }
  return out;
}

namespace {
void FlattenInto(const Value& v, std::vector<Value>& out) {
  for (size_t i = 0; i < v.Size(); ++i) {
    Value item = v.At(i);
    if (item.IsArray()) {
      FlattenInto(item, out);
    } else {
      out.push_back(item);
    }
  }
}
}  // namespace

Value Flatten(const Value& v) {
  Value out = Value::NewArray();
  FlattenInto(v, out.Owned()->items);
  return out;
}

std::string NumberToString(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0";
  // Shortest round-trip digits, then JavaScript's Number.prototype.toString layout.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  std::string mantissa = sci.substr(0, e);
  int exponent = std::atoi(sci.c_str() + e + 1);
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;
  std::string out;
  if (k <= n && n <= 21) {
    out = digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out = digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out = "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    int exp = n - 1;
    std::string exp_text = (exp >= 0 ? "+" : "-") + std::to_string(std::abs(exp));
    out = digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += "e" + exp_text;
  }
  return negative ? "-" + out : out;
}

namespace {

double RoundTo15(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return std::strtod(buf, nullptr);
}

void StringifyInto(const Value& v, std::string& out, bool pretty, int indent) {
  auto newline = [&](int level) {
    if (!pretty) return;
    out += '\n';
    out.append(static_cast<size_t>(level * 2), ' ');
  };
  switch (v.type()) {
    case Type::kUndefined:
    case Type::kNull:
      out += "null";
      return;
    case Type::kBool:
      out += v.AsBool() ? "true" : "false";
      return;
    case Type::kNumber:
    {
      // Integers are printed exactly (2.2; 2.0.6 rounded them to 15 digits as well).
      double d = v.AsNumber();
      out += NumberToString(std::trunc(d) == d ? d : RoundTo15(d));
      return;
    }
    case Type::kString:
      out += Json(std::string(v.AsString())).dump();
      return;
    case Type::kFunction:
      out += "\"\"";
      return;
    case Type::kArray: {
      out += '[';
      size_t n = v.Size();
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) out += ',';
        newline(indent + 1);
        Value item = v.At(i);
        if (item.IsUndefined()) {
          out += "null";
        } else {
          StringifyInto(item, out, pretty, indent + 1);
        }
      }
      if (n > 0) newline(indent);
      out += ']';
      return;
    }
    case Type::kObject: {
      out += '{';
      bool first = true;
      v.ForEachMember([&](std::string_view k, const Value& m) {
        if (m.IsUndefined()) return;
        if (!first) out += ',';
        first = false;
        newline(indent + 1);
        out += Json(std::string(k)).dump();
        out += pretty ? ": " : ":";
        StringifyInto(m, out, pretty, indent + 1);
      });
      if (!first) newline(indent);
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string Stringify(const Value& v, bool pretty) {
  if (v.IsString()) return std::string(v.AsString());
  if (v.IsFunction()) return std::string();  // as $string: a function (or regex) is ""
  std::string out;
  // The context of `$string()` may be the wrapper of an array input: it stands for the array.
  ArrayData* a = v.Owned();
  if (a != nullptr && a->outer_wrapper && !a->items.empty()) {
    StringifyInto(a->items[0], out, pretty, 0);
    return out;
  }
  StringifyInto(v, out, pretty, 0);
  return out;
}

std::vector<Value> MergeSort(std::vector<Value> items,
                             const std::function<bool(const Value&, const Value&)>& after) {
  if (items.size() <= 1) return items;
  size_t middle = items.size() / 2;
  std::vector<Value> left(items.begin(), items.begin() + static_cast<long>(middle));
  std::vector<Value> right(items.begin() + static_cast<long>(middle), items.end());
  left = MergeSort(std::move(left), after);
  right = MergeSort(std::move(right), after);
  std::vector<Value> merged;
  merged.reserve(items.size());
  size_t l = 0;
  size_t r = 0;
  while (l < left.size() && r < right.size()) {
    if (after(left[l], right[r])) {
      merged.push_back(right[r++]);
    } else {
      merged.push_back(left[l++]);
    }
  }
  while (l < left.size()) merged.push_back(left[l++]);
  while (r < right.size()) merged.push_back(right[r++]);
  return merged;
}

Value Evaluator::EvalBinary(const Node* expr, const Value& input, Frame* env) {
  const std::string& op = expr->op;
  Value lhs = Eval(expr->lhs.get(), input, env);
  if (op == "and") {
    if (!ToBoolean(lhs)) return Value::Bool(false);
    return Value::Bool(ToBoolean(Eval(expr->rhs.get(), input, env)));
  }
  if (op == "or") {
    if (ToBoolean(lhs)) return Value::Bool(true);
    return Value::Bool(ToBoolean(Eval(expr->rhs.get(), input, env)));
  }
  if (op == "?:") return ToBoolean(lhs) ? lhs : Eval(expr->rhs.get(), input, env);
  if (op == "??") return !lhs.IsUndefined() ? lhs : Eval(expr->rhs.get(), input, env);
  Value rhs = Eval(expr->rhs.get(), input, env);
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
    if (!lhs.IsUndefined() && !IsNumeric(lhs)) Throw("T2001", expr->position, op);
    if (!rhs.IsUndefined() && !IsNumeric(rhs)) Throw("T2002", expr->position, op);
    if (lhs.IsUndefined() || rhs.IsUndefined()) return Value();
    double a = lhs.AsNumber();
    double b = rhs.AsNumber();
    double r = 0;
    switch (op[0]) {
      case '+': r = a + b; break;
      case '-': r = a - b; break;
      case '*': r = a * b; break;
      case '/': r = a / b; break;
      default: r = std::fmod(a, b); break;
    }
    return Value::Number(r);
  }
  if (op == "=" || op == "!=") {
    if (lhs.IsUndefined() || rhs.IsUndefined()) return Value::Bool(false);
    bool eq = DeepEqual(lhs, rhs);
    return Value::Bool(op == "=" ? eq : !eq);
  }
  if (op == "<" || op == "<=" || op == ">" || op == ">=") {
    auto comparable = [](const Value& v) {
      return v.IsUndefined() || v.IsString() || v.IsNumber();
    };
    if (!comparable(lhs) || !comparable(rhs)) Throw("T2010", expr->position, op);
    if (lhs.IsUndefined() || rhs.IsUndefined()) return Value();
    if (lhs.type() != rhs.type()) Throw("T2009", expr->position, op);
    int cmp;
    if (lhs.IsNumber()) {
      double a = lhs.AsNumber();
      double b = rhs.AsNumber();
      cmp = a < b ? -1 : (a > b ? 1 : 0);
      if (std::isnan(a) || std::isnan(b)) return Value::Bool(false);
    } else {
      // JavaScript compares strings by UTF-16 code units; for UTF-8 text the byte order is the
      // code point order, which differs only between astral and U+E000..U+FFFF characters.
      int c = lhs.AsString().compare(rhs.AsString());
      cmp = c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (op == "<") return Value::Bool(cmp < 0);
    if (op == "<=") return Value::Bool(cmp <= 0);
    if (op == ">") return Value::Bool(cmp > 0);
    return Value::Bool(cmp >= 0);
  }
  if (op == "&") {
    std::string out = lhs.IsUndefined() ? std::string() : Stringify(lhs);
    if (!rhs.IsUndefined()) out += Stringify(rhs);
    return Value::String(std::move(out));
  }
  if (op == "..") {
    auto is_integer = [](const Value& v) {
      return v.IsNumber() && std::floor(v.AsNumber()) == v.AsNumber();
    };
    if (!lhs.IsUndefined() && !is_integer(lhs)) Throw("T2003", expr->position, op);
    if (!rhs.IsUndefined() && !is_integer(rhs)) Throw("T2004", expr->position, op);
    if (lhs.IsUndefined() || rhs.IsUndefined()) return Value();
    double from = lhs.AsNumber();
    double to = rhs.AsNumber();
    if (from > to) return Value();
    double size = to - from + 1;
    if (size > 1e7) Throw("D2014", expr->position, op);
    Value seq = Value::NewSequence();
    auto& items = seq.Owned()->items;
    items.reserve(static_cast<size_t>(std::min(size, 1e6)));  // a huge range may be stopped early
    // Up to 10 million items: the guards are checked as they are made, so a time limit stops a
    // large range (slow under a sanitizer) rather than only the next evaluation step.
    for (double x = from; x <= to; x += 1) {
      items.push_back(Value::Number(x));
      if ((items.size() & 0xFFF) == 0) CheckGuards(/*read_clock=*/true);
    }
    return seq;
  }
  if (op == "in") {
    if (lhs.IsUndefined() || rhs.IsUndefined()) return Value::Bool(false);
    auto same = [&](const Value& v) {
      if (v.type() != lhs.type()) return false;
      switch (v.type()) {
        case Type::kNull: return true;
        case Type::kBool: return v.AsBool() == lhs.AsBool();
        case Type::kNumber: return v.AsNumber() == lhs.AsNumber();
        case Type::kString: return v.AsString() == lhs.AsString();
        default: return false;  // JavaScript `===` on objects compares identity
      }
    };
    if (!rhs.IsArray()) return Value::Bool(same(rhs));
    for (size_t i = 0; i < rhs.Size(); ++i)
      if (same(rhs.At(i))) return Value::Bool(true);
    return Value::Bool(false);
  }
  Throw("S0201", expr->position, op);
}

Value Evaluator::EvalArray(const Node* expr, const Value& input, Frame* env) {
  Value result = Value::NewArray();
  for (const auto& item : expr->items) {
    Value v = Eval(item.get(), input, env);
    if (v.IsUndefined()) continue;
    if (item->type == NodeType::kArrayConstructor) {
      result.Owned()->items.push_back(v);
    } else if (v.IsArray()) {
      for (size_t i = 0; i < v.Size(); ++i) result.Owned()->items.push_back(v.At(i));
    } else {
      result.Owned()->items.push_back(v);
    }
  }
  if (expr->consarray) result.Owned()->cons = true;
  return result;
}

}  // namespace asl::jsonata
