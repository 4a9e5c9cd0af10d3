// Function calls, lambdas with tail calls, partial application, `~>` chains, transforms, and
// the object constructor / group-by and order-by operators.

#include "asl/jsonata/error.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/signature.h"

namespace asl::jsonata {

size_t Function::Arity() const {
  switch (kind) {
    case Kind::kLambda: return node->params.size();
    case Kind::kBuiltin:
      if (builtin->arity >= 0) return static_cast<size_t>(builtin->arity);
      return builtin->signature ? builtin->signature->params.size() : 0;
    case Kind::kPartial: {
      size_t n = 0;
      for (bool h : holes) n += h ? 1 : 0;
      return n;
    }
    case Kind::kRegex: return 1;
  }
  return 0;
}

namespace {

// The name the reference reports as `token` for a failing call.
std::string ProcName(const Node* procedure) {
  if (procedure->type == NodeType::kPath && !procedure->items.empty())
    return procedure->items[0]->op;
  return procedure->op;
}

}  // namespace

Value Evaluator::EvalCall(const Node* expr, const Value& input, Frame* env,
                          const Value* applied) {
  Value proc = Eval(expr->lhs.get(), input, env);
  if (proc.IsUndefined() && expr->lhs->type == NodeType::kPath &&
      LookupVariable(env, expr->lhs->items[0]->op) != nullptr)
    Throw("T1005", expr->position, expr->lhs->items[0]->op);
  std::vector<Value> args;
  if (applied != nullptr) args.push_back(*applied);
  for (const auto& arg : expr->items) args.push_back(Eval(arg.get(), input, env));
  try {
    return Apply(proc, std::move(args), input, env);
  } catch (ErrorException& e) {
    if (!e.error.position) e.error.position = expr->position;
    if (!e.error.token) e.error.token = ProcName(expr->lhs.get());
    throw;
  }
}

Value Evaluator::Apply(const Value& proc, std::vector<Value> args, const Value& input,
                       Frame* env) {
  Value result = ApplyInner(proc, std::move(args), input, env);
  while (result.IsFunction() && result.AsFunction().thunk) {
    const Function& thunk = result.AsFunction();
    const Node* call = thunk.node->lhs.get();
    Value next = Eval(call->lhs.get(), thunk.input, thunk.closure);
    std::vector<Value> next_args;
    for (const auto& arg : call->items) next_args.push_back(Eval(arg.get(), thunk.input, thunk.closure));
    if (next.IsUndefined() && call->lhs->type == NodeType::kPath &&
        LookupVariable(thunk.closure, call->lhs->items[0]->op) != nullptr)
      Throw("T1005", call->position, call->lhs->items[0]->op);
    try {
      result = ApplyInner(next, std::move(next_args), input, env);
    } catch (ErrorException& e) {
      if (!e.error.position) e.error.position = call->position;
      if (!e.error.token) e.error.token = ProcName(call->lhs.get());
      throw;
    }
  }
  return result;
}

Value Evaluator::ApplyInner(const Value& proc, std::vector<Value> args, const Value& input,
                            Frame* env) {
  if (!proc.IsFunction()) Throw("T1006", std::nullopt, std::nullopt, "Attempted to invoke a non-function");
  const Function& fn = proc.AsFunction();
  switch (fn.kind) {
    case Function::Kind::kLambda: {
      if (fn.node->signature) args = fn.node->signature->Validate(args, input);
      return ApplyLambda(fn, std::move(args));
    }
    case Function::Kind::kBuiltin: {
      if (fn.builtin->signature) args = fn.builtin->signature->Validate(args, input);
      if (fn.builtin->host) return CallHost(*fn.builtin, args);
      CallContext ctx{*this, input, env};
      return fn.builtin->impl(ctx, args);
    }
    case Function::Kind::kPartial: {
      std::vector<Value> full;
      size_t next = 0;
      for (size_t i = 0; i < fn.args.size(); ++i) {
        if (fn.holes[i]) {
          full.push_back(next < args.size() ? args[next] : Value());
          ++next;
        } else {
          full.push_back(fn.args[i]);
        }
      }
      return ApplyInner(Value::Func(fn.target), std::move(full), input, env);
    }
    case Function::Kind::kRegex: {
      const Value* call = InternalFunction("__regex_call");
      return ApplyInner(*call, {args.empty() ? Value() : args[0], proc}, input, env);
    }
  }
  return Value();
}

Value Evaluator::CallHost(const Builtin& builtin, const std::vector<Value>& args) {
  std::vector<std::optional<Json>> json_args;
  json_args.reserve(args.size());
  for (const auto& arg : args) {
    if (arg.IsUndefined()) {
      json_args.emplace_back(std::nullopt);
    } else {
      json_args.emplace_back(arg.ToJson());
    }
  }
  HostResult result = builtin.host(HostCall{json_args, options_});
  if (result.error) {
    Throw(std::move(result.error->code), result.error->position, result.error->token,
          std::move(result.error->message));
  }
  if (!result.value) return Value();
  return Value::Borrow(AdoptJson(std::move(*result.value)));
}

Value Evaluator::ApplyLambda(const Function& fn, std::vector<Value> args) {
  Frame* frame = NewFrame(fn.closure);
  for (size_t i = 0; i < fn.node->params.size(); ++i)
    frame->Bind(fn.node->params[i], i < args.size() ? args[i] : Value());
  if (fn.thunk) {
    // A thunk is the tail call itself: its caller's loop evaluates it.
    auto thunk = std::make_shared<Function>(fn);
    return Value::Func(thunk);
  }
  return Eval(fn.node->lhs.get(), fn.input, frame);
}

Value Evaluator::EvalPartial(const Node* expr, const Value& input, Frame* env) {
  auto partial = std::make_shared<Function>();
  partial->kind = Function::Kind::kPartial;
  for (const auto& arg : expr->items) {
    bool hole = arg->type == NodeType::kPlaceholder;
    partial->holes.push_back(hole);
    partial->args.push_back(hole ? Value() : Eval(arg.get(), input, env));
  }
  Value proc = Eval(expr->lhs.get(), input, env);
  if (proc.IsUndefined() && expr->lhs->type == NodeType::kPath &&
      LookupVariable(env, expr->lhs->items[0]->op) != nullptr)
    Throw("T1007", expr->position, expr->lhs->items[0]->op);
  if (!proc.IsFunction()) Throw("T1008", expr->position, ProcName(expr->lhs.get()));
  partial->target = proc.FunctionPtr();
  return Value::Func(std::move(partial));
}

Value Evaluator::EvalApplyChain(const Node* expr, const Value& input, Frame* env) {
  Value lhs = Eval(expr->lhs.get(), input, env);
  if (expr->rhs->type == NodeType::kFunction) return EvalCall(expr->rhs.get(), input, env, &lhs);
  Value func = Eval(expr->rhs.get(), input, env);
  if (!func.IsFunction()) Throw("T2006", expr->position);
  if (lhs.IsFunction()) {
    // Composition: `$f ~> $g` is a function applying $f then $g.
    auto compose = std::make_shared<Function>();
    compose->kind = Function::Kind::kPartial;
    // A partial of the built-in $__compose with both functions bound and one hole.
    const Value* composer = InternalFunction("__compose");
    compose->target = composer->FunctionPtr();
    compose->args = {lhs, func, Value()};
    compose->holes = {false, false, true};
    return Value::Func(std::move(compose));
  }
  return Apply(func, {lhs}, Value(), env);
}

Value Evaluator::EvalTransform(const Node* expr, const Value& input, Frame* env) {
  (void)input;
  // The transform is a function of one argument; it is bound to this node and frame.
  auto fn = std::make_shared<Function>();
  fn->kind = Function::Kind::kPartial;
  const Value* transformer = InternalFunction("__transform");
  fn->target = transformer->FunctionPtr();
  auto node_holder = std::make_shared<Function>();
  node_holder->kind = Function::Kind::kLambda;
  node_holder->node = expr;
  node_holder->closure = env;
  fn->args = {Value::Func(node_holder), Value()};
  fn->holes = {false, true};
  return Value::Func(std::move(fn));
}

Value Evaluator::EvalGroup(const std::vector<std::pair<NodePtr, NodePtr>>& pairs, int position,
                           const Value& input_value, Frame* env) {
  bool reduce = input_value.Owned() != nullptr && input_value.Owned()->tuple_stream;
  // OPTIMIZATION: one input item and literal keys -- `{'OrderId': $states.input.id, …}`, what
  // Step Functions fields are made of -- need no grouping: each pair is one member, in order.
  if (!reduce && !input_value.IsArray()) {
    bool literal_keys = true;
    for (const auto& pair : pairs) literal_keys &= pair.first->type == NodeType::kString;
    if (literal_keys) {
      for (size_t p = 0; p < pairs.size(); ++p) {
        for (size_t q = 0; q < p; ++q) {
          if (pairs[q].first->literal.AsString() == pairs[p].first->literal.AsString()) {
            Throw("D1009", position, std::string(pairs[p].first->literal.AsString()));
          }
        }
      }
      Value result = Value::NewObject();
      ObjectData* members = result.OwnedObject();
      members->members.reserve(pairs.size());
      for (const auto& [key, value] : pairs) {
        Value v = Eval(value.get(), input_value, env);
        if (!v.IsUndefined()) members->members.emplace_back(key->literal.AsString(), std::move(v));
      }
      return result;
    }
  }
  Value input = input_value.IsArray() ? input_value : CreateSequence(input_value);
  std::vector<Value> items;
  for (size_t i = 0; i < input.Size(); ++i) items.push_back(input.At(i));
  if (items.empty()) items.emplace_back();
  struct Group {
    std::string key;
    Value data;
    size_t expr_index;
  };
  std::vector<Group> groups;
  for (const auto& item : items) {
    Frame* frame = reduce ? FrameFromTuple(env, item) : env;
    for (size_t p = 0; p < pairs.size(); ++p) {
      Value key = Eval(pairs[p].first.get(), reduce ? item.Get("@") : item, frame);
      if (key.IsUndefined()) continue;
      if (!key.IsString()) Throw("T1003", position, std::nullopt, "Key in object structure must evaluate to a string");
      std::string_view k = key.AsString();
      Group* existing = nullptr;
      for (auto& g : groups)
        if (g.key == k) existing = &g;
      if (existing != nullptr) {
        if (existing->expr_index != p) Throw("D1009", position, std::string(k));
        existing->data = Append(existing->data, item);
      } else {
        groups.push_back(Group{std::string(k), item, p});
      }
    }
  }
  Value result = Value::NewObject();
  for (auto& g : groups) {
    Value context = g.data;
    Frame* frame = env;
    if (reduce) {
      // Merge the tuples of the group: each binding becomes the sequence of its values.
      Value tuple = Value::NewObject();
      Value data = g.data.IsArray() && !(g.data.Owned() && g.data.Owned()->tuple_stream)
                       ? g.data
                       : CreateSequence(g.data);
      if (!g.data.IsArray()) data = CreateSequence(g.data);
      for (size_t i = 0; i < data.Size(); ++i) {
        data.At(i).ForEachMember([&](std::string_view k, const Value& v) {
          const Value* prev = tuple.OwnedObject()->Find(k);
          tuple.OwnedObject()->Set(std::string(k), prev ? Append(*prev, v) : v);
        });
      }
      context = tuple.Get("@");
      frame = NewFrame(env);
      tuple.ForEachMember([&](std::string_view k, const Value& v) {
        if (k != "@") frame->Bind(k, v);
      });
    }
    Value v = Eval(pairs[g.expr_index].second.get(), context, frame);
    if (!v.IsUndefined()) result.OwnedObject()->Set(g.key, v);
  }
  return result;
}

Value Evaluator::EvalSort(const Node* expr, const Value& input, Frame* env) {
  bool tuple_sort = input.Owned() != nullptr && input.Owned()->tuple_stream;
  std::vector<Value> items;
  if (input.IsArray()) {
    for (size_t i = 0; i < input.Size(); ++i) items.push_back(input.At(i));
  } else if (!input.IsUndefined()) {
    items.push_back(input);
  }
  auto after = [&](const Value& a, const Value& b) {
    int comp = 0;
    for (const auto& term : expr->terms) {
      Value ca = a;
      Value cb = b;
      Frame* fa = env;
      Frame* fb = env;
      if (tuple_sort) {
        ca = a.Get("@");
        cb = b.Get("@");
        fa = FrameFromTuple(env, a);
        fb = FrameFromTuple(env, b);
      }
      Value aa = Eval(term.expression.get(), ca, fa);
      Value bb = Eval(term.expression.get(), cb, fb);
      if (aa.IsUndefined()) {
        comp = bb.IsUndefined() ? 0 : 1;
        continue;
      }
      if (bb.IsUndefined()) {
        comp = -1;
        continue;
      }
      bool a_ok = aa.IsString() || aa.IsNumber();
      bool b_ok = bb.IsString() || bb.IsNumber();
      if (!a_ok || !b_ok) Throw("T2008", expr->position);
      if (aa.type() != bb.type()) Throw("T2007", expr->position);
      if (aa.IsNumber()) {
        if (aa.AsNumber() == bb.AsNumber()) continue;
        comp = aa.AsNumber() < bb.AsNumber() ? -1 : 1;
      } else {
        int c = aa.AsString().compare(bb.AsString());
        if (c == 0) continue;
        comp = c < 0 ? -1 : 1;
      }
      if (term.descending) comp = -comp;
      break;
    }
    return comp == 1;
  };
  if (items.size() <= 1) return input.IsArray() ? input : CreateSequence(input);
  Value result = Value::NewArray();
  result.Owned()->items = MergeSort(std::move(items), after);
  if (tuple_sort) result.Owned()->tuple_stream = true;
  return result;
}

}  // namespace asl::jsonata
