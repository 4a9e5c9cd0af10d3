// Array, object and higher-order functions, `$eval`, and the transform operator's helper.

#include <cmath>

#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/library.h"
#include "asl/jsonata/parser.h"

namespace asl::jsonata {
namespace {

Value AsArray(const Value& v) {
  if (v.IsArray()) return v;
  Value a = Value::NewArray();
  if (!v.IsUndefined()) a.Owned()->items.push_back(v);
  return a;
}

Value FnCount(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value::Number(0);
  return Value::Number(static_cast<double>(AsArray(args[0]).Size()));
}

Value Aggregate(std::vector<Value>& args, int which) {
  if (args[0].IsUndefined()) return Value();  // the reference: undefined in, undefined out
  Value a = AsArray(args[0]);
  if (!IsArrayOfNumbers(a)) Throw("T0412", std::nullopt, std::nullopt, "array of numbers expected");
  if (a.Size() == 0) return which == 0 ? Value::Number(0) : Value();
  double acc = which == 1 || which == 2 ? a.At(0).AsNumber() : 0;
  for (size_t i = 0; i < a.Size(); ++i) {
    double x = a.At(i).AsNumber();
    if (which == 0 || which == 3) acc += x;
    if (which == 1) acc = std::max(acc, x);
    if (which == 2) acc = std::min(acc, x);
  }
  if (which == 3) acc /= static_cast<double>(a.Size());
  return Value::Number(acc);
}
Value FnSum(CallContext&, std::vector<Value>& args) { return Aggregate(args, 0); }
Value FnMax(CallContext&, std::vector<Value>& args) { return Aggregate(args, 1); }
Value FnMin(CallContext&, std::vector<Value>& args) { return Aggregate(args, 2); }
Value FnAverage(CallContext&, std::vector<Value>& args) { return Aggregate(args, 3); }

Value FnAppend(CallContext&, std::vector<Value>& args) { return Append(args[0], args[1]); }

Value FnReverse(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  if (args[0].Size() <= 1) return args[0];
  Value out = Value::NewArray();
  for (size_t i = args[0].Size(); i > 0; --i) out.Owned()->items.push_back(args[0].At(i - 1));
  return out;
}

Value FnDistinct(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  if (!args[0].IsArray() || args[0].Size() <= 1) return args[0];
  Value out = Value::NewSequence();
  auto& items = out.Owned()->items;
  for (size_t i = 0; i < args[0].Size(); ++i) {
    Value v = args[0].At(i);
    bool seen = false;
    for (const auto& u : items)
      if (DeepEqual(u, v)) seen = true;
    if (!seen) items.push_back(v);
  }
  return out;
}

Value FnSort(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  if (args[0].Size() <= 1) return args[0];
  std::vector<Value> items;
  for (size_t i = 0; i < args[0].Size(); ++i) items.push_back(args[0].At(i));
  std::function<bool(const Value&, const Value&)> after;
  if (args.size() > 1 && !args[1].IsUndefined()) {
    Value comparator = args[1];
    after = [&ctx, comparator](const Value& a, const Value& b) {
      return ToBoolean(ctx.evaluator.Apply(comparator, {a, b}, Value(), ctx.frame));
    };
  } else {
    if (IsArrayOfNumbers(args[0])) {
      after = [](const Value& a, const Value& b) { return a.AsNumber() > b.AsNumber(); };
    } else if (IsArrayOfStrings(args[0])) {
      after = [](const Value& a, const Value& b) { return a.AsString() > b.AsString(); };
    } else {
      Throw("D3070", std::nullopt, std::nullopt,
            "The single argument form of the sort function can only be applied to an array of "
            "strings or an array of numbers");
    }
  }
  Value out = Value::NewArray();
  out.Owned()->items = MergeSort(std::move(items), after);
  return out;
}

Value FnShuffle(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  if (args[0].Size() <= 1) return args[0];
  Value out = Value::NewArray();
  auto& items = out.Owned()->items;
  for (size_t i = 0; i < args[0].Size(); ++i) items.push_back(args[0].At(i));
  // Fisher-Yates with the caller's random source, so a seeded run repeats.
  for (size_t i = items.size() - 1; i > 0; --i) {
    double r = ctx.evaluator.Random();
    size_t j = static_cast<size_t>(std::floor(r * static_cast<double>(i + 1)));
    std::swap(items[i], items[std::min(j, i)]);
  }
  return out;
}

Value FnKeys(CallContext&, std::vector<Value>& args) {
  Value out = Value::NewSequence();
  auto& items = out.Owned()->items;
  auto add = [&](std::string_view k) {
    for (const auto& u : items)
      if (u.AsString() == k) return;
    items.push_back(Value::String(std::string(k)));
  };
  const Value& v = args[0];
  if (v.IsArray()) {
    for (size_t i = 0; i < v.Size(); ++i)
      v.At(i).ForEachMember([&](std::string_view k, const Value&) { add(k); });
  } else {
    v.ForEachMember([&](std::string_view k, const Value&) { add(k); });
  }
  if (items.empty()) return Value();
  return out;
}

Value LookupIn(const Value& input, std::string_view key) {
  if (input.IsArray()) {
    Value out = Value::NewSequence();
    for (size_t i = 0; i < input.Size(); ++i) {
      Value r = LookupIn(input.At(i), key);
      if (r.IsUndefined()) continue;
      if (r.IsArray()) {
        for (size_t k = 0; k < r.Size(); ++k) out.Owned()->items.push_back(r.At(k));
      } else {
        out.Owned()->items.push_back(r);
      }
    }
    return out;
  }
  return input.IsObject() ? input.Get(key) : Value();
}
Value FnLookup(CallContext&, std::vector<Value>& args) { return LookupIn(args[0], args[1].AsString()); }

// The reference's spread: an object becomes a sequence of one-member objects; an array is the
// items spread and appended in turn, and as its append concatenates into a plain array, the
// result of a non-empty array is an array, not a sequence (`$spread(["a"])` stays ["a"]).
Value Spread(const Value& v) {
  if (v.IsArray()) {
    Value out = Value::NewSequence();
    auto& items = out.Owned()->items;
    bool appended = false;
    for (size_t i = 0; i < v.Size(); ++i) {
      Value spread = Spread(v.At(i));
      if (spread.IsUndefined()) continue;
      appended = true;
      if (spread.IsArray()) {
        for (size_t k = 0; k < spread.Size(); ++k) items.push_back(spread.At(k));
      } else {
        items.push_back(std::move(spread));
      }
    }
    if (appended) out.Owned()->sequence = false;
    return out;
  }
  if (!v.IsObject()) return v;
  Value out = Value::NewSequence();
  v.ForEachMember([&](std::string_view k, const Value& m) {
    Value o = Value::NewObject();
    o.OwnedObject()->Set(std::string(k), m);
    out.Owned()->items.push_back(o);
  });
  return out;
}

Value FnSpread(CallContext&, std::vector<Value>& args) { return Spread(args[0]); }

Value FnMerge(CallContext&, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  Value out = Value::NewObject();
  Value a = AsArray(args[0]);
  for (size_t i = 0; i < a.Size(); ++i)
    a.At(i).ForEachMember([&](std::string_view k, const Value& m) {
      out.OwnedObject()->Set(std::string(k), m);
    });
  return out;
}

// Calls `fn` with as many of (value, index/key, whole) as it declares parameters.
Value CallHof(CallContext& ctx, const Value& fn, const Value& a, const Value& b, const Value& c) {
  size_t arity = fn.AsFunction().Arity();
  std::vector<Value> args{a};
  if (arity >= 2) args.push_back(b);
  if (arity >= 3) args.push_back(c);
  return ctx.evaluator.Apply(fn, std::move(args), Value(), ctx.frame);
}

Value FnEach(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  Value out = Value::NewSequence();
  args[0].ForEachMember([&](std::string_view k, const Value& m) {
    Value r = CallHof(ctx, args[1], m, Value::String(std::string(k)), args[0]);
    if (!r.IsUndefined()) out.Owned()->items.push_back(r);
  });
  return out;
}

Value FnSift(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  Value out = Value::NewObject();
  args[0].ForEachMember([&](std::string_view k, const Value& m) {
    if (ToBoolean(CallHof(ctx, args[1], m, Value::String(std::string(k)), args[0])))
      out.OwnedObject()->Set(std::string(k), m);
  });
  if (out.MemberCount() == 0) return Value();
  return out;
}

Value FnMap(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  Value out = Value::NewSequence();
  for (size_t i = 0; i < args[0].Size(); ++i) {
    Value r = CallHof(ctx, args[1], args[0].At(i), Value::Number(double(i)), args[0]);
    if (!r.IsUndefined()) out.Owned()->items.push_back(r);
  }
  return out;
}

Value FnFilter(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  Value out = Value::NewSequence();
  for (size_t i = 0; i < args[0].Size(); ++i) {
    Value item = args[0].At(i);
    if (ToBoolean(CallHof(ctx, args[1], item, Value::Number(double(i)), args[0])))
      out.Owned()->items.push_back(item);
  }
  return out;
}

Value FnSingle(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  bool found = false;
  Value result;
  for (size_t i = 0; i < args[0].Size(); ++i) {
    Value item = args[0].At(i);
    bool pass = true;
    if (args.size() > 1 && !args[1].IsUndefined())
      pass = ToBoolean(CallHof(ctx, args[1], item, Value::Number(double(i)), args[0]));
    if (pass) {
      if (found) Throw("D3138", std::nullopt, std::nullopt, "more than one match");
      found = true;
      result = item;
    }
  }
  if (!found) Throw("D3139", std::nullopt, std::nullopt, "no match");
  return result;
}

Value FnReduce(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  size_t arity = args[1].AsFunction().Arity();
  if (arity < 2) Throw("D3050", std::nullopt, std::nullopt, "reduce function needs two parameters");
  size_t start = 0;
  Value acc;
  if (args.size() > 2 && !args[2].IsUndefined()) {
    acc = args[2];
  } else if (args[0].Size() > 0) {
    acc = args[0].At(0);
    start = 1;
  }
  for (size_t i = start; i < args[0].Size(); ++i) {
    std::vector<Value> call{acc, args[0].At(i)};
    if (arity >= 3) call.push_back(Value::Number(double(i)));
    if (arity >= 4) call.push_back(args[0]);
    acc = ctx.evaluator.Apply(args[1], std::move(call), Value(), ctx.frame);
  }
  return acc;
}

Value FnZip(CallContext&, std::vector<Value>& args) {
  Value out = Value::NewArray();
  size_t len = SIZE_MAX;
  for (const auto& a : args) len = std::min(len, a.IsUndefined() ? 0 : AsArray(a).Size());
  if (args.empty()) len = 0;
  for (size_t i = 0; i < len; ++i) {
    Value tuple = Value::NewArray();
    for (const auto& a : args) tuple.Owned()->items.push_back(AsArray(a).At(i));
    out.Owned()->items.push_back(tuple);
  }
  return out;
}

Value DeepClone(const Value& v) {
  if (v.IsArray()) {
    Value out = Value::NewArray();
    for (size_t i = 0; i < v.Size(); ++i) out.Owned()->items.push_back(DeepClone(v.At(i)));
    return out;
  }
  if (v.IsObject()) {
    Value out = Value::NewObject();
    v.ForEachMember([&](std::string_view k, const Value& m) {
      out.OwnedObject()->members.emplace_back(std::string(k), DeepClone(m));
    });
    return out;
  }
  return v;
}

// $__transform(node, obj): the `| pattern | update, delete |` operator applied to obj.
Value FnTransform(CallContext& ctx, std::vector<Value>& args) {
  const Function& holder = args[0].AsFunction();
  const Node* expr = holder.node;
  Frame* env = holder.closure;
  if (args[1].IsUndefined()) return Value();
  Value result = DeepClone(args[1]);
  Value matches = ctx.evaluator.Eval(expr->lhs.get(), result, env);
  if (matches.IsUndefined()) return result;
  Value list = AsArray(matches);
  for (size_t i = 0; i < list.Size(); ++i) {
    Value match = list.At(i);
    ObjectData* target = match.OwnedObject();
    Value update = ctx.evaluator.Eval(expr->rhs.get(), match, env);
    if (!update.IsUndefined()) {
      if (!update.IsObject()) Throw("T2011", expr->rhs->position);
      if (target != nullptr)
        update.ForEachMember([&](std::string_view k, const Value& m) { target->Set(std::string(k), m); });
    }
    if (expr->third) {
      Value deletions = ctx.evaluator.Eval(expr->third.get(), match, env);
      if (!deletions.IsUndefined()) {
        Value names = AsArray(deletions);
        if (!IsArrayOfStrings(names)) Throw("T2012", expr->third->position);
        if (target != nullptr) {
          for (size_t k = 0; k < names.Size(); ++k) {
            std::string_view name = names.At(k).AsString();
            auto& members = target->members;
            for (auto it = members.begin(); it != members.end(); ++it) {
              if (it->first == name) {
                members.erase(it);
                break;
              }
            }
          }
        }
      }
    }
  }
  return result;
}

Value FnEval(CallContext& ctx, std::vector<Value>& args) {
  if (args[0].IsUndefined()) return Value();
  NodePtr ast;
  try {
    ast = Parse(args[0].AsString());
  } catch (const ErrorException& e) {
    Throw("D3120", std::nullopt, std::nullopt, "Syntax error in expression passed to $eval: " + e.error.code);
  }
  const Node* root = ctx.evaluator.Adopt(std::move(ast));
  Value input = args.size() > 1 && !args[1].IsUndefined() ? args[1] : ctx.input;
  try {
    return ctx.evaluator.Eval(root, input, ctx.frame);
  } catch (const ErrorException& e) {
    Throw("D3121", std::nullopt, std::nullopt, "Dynamic error evaluating the expression passed to $eval: " + e.error.code);
  }
}

}  // namespace

void BindArrayFunctions(FunctionSet* set) {
  BindBuiltin(set, "count", "<a:n>", FnCount);
  BindBuiltin(set, "sum", "<a<n>:n>", FnSum);
  BindBuiltin(set, "max", "<a<n>:n>", FnMax);
  BindBuiltin(set, "min", "<a<n>:n>", FnMin);
  BindBuiltin(set, "average", "<a<n>:n>", FnAverage);
  BindBuiltin(set, "append", "<xx:a>", FnAppend);
  BindBuiltin(set, "reverse", "<a:a>", FnReverse);
  BindBuiltin(set, "distinct", "<x:x>", FnDistinct);
  BindBuiltin(set, "sort", "<af?:a>", FnSort);
  BindBuiltin(set, "shuffle", "<a:a>", FnShuffle);
  BindBuiltin(set, "keys", "<x-:a<s>>", FnKeys);
  BindBuiltin(set, "lookup", "<x-s:x>", FnLookup);
  BindBuiltin(set, "spread", "<x-:a<o>>", FnSpread);
  BindBuiltin(set, "merge", "<a<o>:o>", FnMerge);
  BindBuiltin(set, "each", "<o-f:a>", FnEach);
  BindBuiltin(set, "sift", "<o-f?:o>", FnSift);
  BindBuiltin(set, "map", "<af>", FnMap);
  BindBuiltin(set, "filter", "<af>", FnFilter);
  BindBuiltin(set, "single", "<af?>", FnSingle);
  BindBuiltin(set, "reduce", "<afj?:j>", FnReduce);
  BindBuiltin(set, "zip", "<a+>", FnZip);
  BindBuiltin(set, "eval", "<sx?:x>", FnEval);
  BindBuiltin(set, "__transform", "", FnTransform);
}

}  // namespace asl::jsonata
