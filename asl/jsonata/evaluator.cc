// The evaluator's dispatch and the path machinery: steps, mapping over sequences, flattening,
// singleton collapse, predicates, tuple streams for `@` and `#`.

#include "asl/jsonata/evaluator.h"

#include <cmath>

#include "asl/jsonata/error.h"
#include "asl/jsonata/simple_path.h"

namespace asl::jsonata {
namespace {

constexpr int kDefaultMaxDepth = 1000;

// A path's input items: the input itself when it is an array, else a one-item sequence.
std::vector<Value> Items(const Value& v) {
  std::vector<Value> out;
  if (v.IsArray()) {
    out.reserve(v.Size());
    for (size_t i = 0; i < v.Size(); ++i) out.push_back(v.At(i));
  } else if (!v.IsUndefined()) {
    out.push_back(v);
  }
  return out;
}

Value Lookup(const Value& input, std::string_view key) {
  if (input.IsArray()) {
    Value result = Value::NewSequence();
    auto& items = result.Owned()->items;
    for (size_t i = 0; i < input.Size(); ++i) {
      Value res = Lookup(input.At(i), key);
      if (res.IsUndefined()) continue;
      if (res.IsArray()) {
        for (size_t k = 0; k < res.Size(); ++k) items.push_back(res.At(k));
      } else {
        items.push_back(std::move(res));
      }
    }
    return result;
  }
  if (input.IsObject()) return input.Get(key);
  return Value();
}

}  // namespace

Evaluator::Evaluator(const EvaluateOptions& options)
    : options_(options),
      functions_(options.functions != nullptr ? *options.functions : FunctionSet::Standard()) {
  // The root frame holds nothing of its own: it caches the names resolved from the options'
  // bindings and variables callback, so each is asked for once per evaluation.
  global_ = NewFrame(nullptr);
  if (options_.time_limit_ms > 0) start_ = std::chrono::steady_clock::now();
  stack_base_ = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
}

const Value* Evaluator::LookupVariable(Frame* env, std::string_view name) {
  if (const Value* v = env->Lookup(name)) return v;
  if (options_.bindings != nullptr && options_.bindings->is_object()) {
    auto it = options_.bindings->find(std::string(name));
    if (it != options_.bindings->end()) {
      global_->Bind(name, Value::Borrow(&*it));
      return global_->Lookup(name);
    }
  }
  // Variables the host supplies shadow the functions, as bindings passed to the reference's
  // evaluate() do: a workflow variable named "count" hides $count.
  if (options_.objects) {
    EvaluateOptions::Members members;
    if (options_.objects(name, members)) {
      Value object = Value::NewObject();
      ObjectData* data = object.OwnedObject();
      for (const auto& [key, json] : members) {
        if (json != nullptr) data->members.emplace_back(std::string(key), Value::Borrow(json));
      }
      global_->Bind(name, std::move(object));
      return global_->Lookup(name);
    }
  }
  if (options_.variables) {
    if (const Json* json = options_.variables(name)) {
      global_->Bind(name, Value::Borrow(json));
      return global_->Lookup(name);
    }
  }
  const Value* fn = functions_.Find(name);
  // Remember a function found after asking the host, so a call in a loop asks only once.
  if (fn != nullptr && (options_.objects || options_.variables)) {
    global_->Bind(name, *fn);
    return global_->Lookup(name);
  }
  return fn;
}

const Json* Evaluator::AdoptJson(Json json) {
  adopted_json_.push_back(std::make_unique<Json>(std::move(json)));
  return adopted_json_.back().get();
}

Evaluator::~Evaluator() = default;

Frame* Evaluator::NewFrame(Frame* parent) {
  if (inline_used_ < kInlineFrames) return &inline_frames_[inline_used_++].emplace(parent);
  frames_.push_back(std::make_unique<Frame>(parent));
  return frames_.back().get();
}

const Node* Evaluator::Adopt(NodePtr ast) {
  adopted_.push_back(std::move(ast));
  return adopted_.back().get();
}

void Evaluator::CheckGuards(bool read_clock) {
  int max_depth = options_.max_depth > 0 ? options_.max_depth : kDefaultMaxDepth;
  // 2 MiB of stack: a quarter of Linux's default 8 MiB, so the guard fires well before the
  // thread's stack ends even in a thread started with a smaller one than the main thread's.
  constexpr uintptr_t kMaxStackBytes = uintptr_t{2} << 20;
  uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (depth_ > max_depth || (stack_base_ > here && stack_base_ - here > kMaxStackBytes))
    Throw("U1001", std::nullopt, std::nullopt,
          "Stack overflow error: Check for non-terminating recursive function. Consider "
          "rewriting as tail-recursive.");
  if (options_.time_limit_ms > 0 && ((++ticks_ & 0x3FF) == 0 || read_clock)) {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start_);
    if (elapsed.count() > options_.time_limit_ms)
      Throw("U1001", std::nullopt, std::nullopt,
            "Expression evaluation timeout: Check for infinite loop");
  }
}

Value Evaluator::Eval(const Node* expr, const Value& input, Frame* env) {
  ++depth_;
  CheckGuards();
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  } guard{depth_};
  Value result = EvalInner(expr, input, env);
  for (const auto& predicate : expr->predicates) result = EvalFilter(predicate.get(), result, env);
  if (expr->type != NodeType::kPath && expr->has_group)
    result = EvalGroup(expr->group, expr->group_position, result, env);
  ArrayData* seq = result.Owned();
  if (seq != nullptr && seq->sequence && !seq->tuple_stream) {
    if (expr->keep_array) seq->keep_singleton = true;
    if (seq->items.empty()) return Value();
    if (seq->items.size() == 1 && !seq->keep_singleton) return seq->items[0];
  }
  return result;
}

Value Evaluator::EvalInner(const Node* expr, const Value& input, Frame* env) {
  switch (expr->type) {
    case NodeType::kPath: return EvalPath(expr, input, env);
    case NodeType::kBinary: return EvalBinary(expr, input, env);
    case NodeType::kUnaryMinus: {
      Value v = Eval(expr->lhs.get(), input, env);
      if (v.IsUndefined()) return v;
      if (IsNumeric(v)) return Value::Number(-v.AsNumber());
      Throw("D1002", expr->position, "-");
    }
    case NodeType::kArrayConstructor: return EvalArray(expr, input, env);
    case NodeType::kObjectConstructor: return EvalGroup(expr->pairs, expr->position, input, env);
    case NodeType::kName: return Lookup(input, expr->op);
    case NodeType::kString:
    case NodeType::kNumber:
    case NodeType::kValue: return expr->literal;
    case NodeType::kWildcard: return EvalWildcard(input);
    case NodeType::kDescendant: return EvalDescendants(input);
    case NodeType::kVariable: {
      if (expr->op.empty()) {
        ArrayData* a = input.Owned();
        if (a != nullptr && a->outer_wrapper && !a->items.empty()) return a->items[0];
        return input;
      }
      const Value* v = LookupVariable(env, expr->op);
      return v ? *v : Value();
    }
    case NodeType::kParent: {
      // The step the parser resolved this `%` to bound its input under the slot's label.
      const Value* parent = env->Lookup(expr->slot->label);
      return parent ? *parent : Value();
    }
    case NodeType::kRegex: {
      auto fn = std::make_shared<Function>();
      fn->kind = Function::Kind::kRegex;
      fn->regex = expr->regex;
      return Value::Func(std::move(fn));
    }
    case NodeType::kCondition: {
      Value cond = Eval(expr->lhs.get(), input, env);
      if (ToBoolean(cond)) return Eval(expr->rhs.get(), input, env);
      if (expr->third) return Eval(expr->third.get(), input, env);
      return Value();
    }
    case NodeType::kBlock: {
      Frame* frame = NewFrame(env);
      Value result;
      for (const auto& e : expr->items) result = Eval(e.get(), input, frame);
      return result;
    }
    case NodeType::kBind: {
      Value v = Eval(expr->rhs.get(), input, env);
      env->Bind(expr->lhs->op, v);
      return v;
    }
    case NodeType::kFunction: return EvalCall(expr, input, env, nullptr);
    case NodeType::kPartial: return EvalPartial(expr, input, env);
    case NodeType::kLambda: {
      auto fn = std::make_shared<Function>();
      fn->kind = Function::Kind::kLambda;
      fn->node = expr;
      fn->closure = env;
      fn->input = input;
      fn->thunk = expr->thunk;
      return Value::Func(std::move(fn));
    }
    case NodeType::kApply: return EvalApplyChain(expr, input, env);
    case NodeType::kTransform: return EvalTransform(expr, input, env);
    case NodeType::kSort: return EvalSort(expr, input, env);
    default: Throw("S0201", expr->position);
  }
}

Value Evaluator::EvalPath(const Node* expr, const Value& input, Frame* env) {
  // OPTIMIZATION: `$states.input.a[0].b` walks the borrowed documents directly (simple_path.h).
  if (const std::string* variable = SimplePathVariable(expr)) {
    if (std::optional<Value> walked = WalkSimplePath(expr, LookupVariable(env, *variable))) {
      return std::move(*walked);
    }
  }
  Value input_seq;
  if (input.IsArray() && expr->items[0]->type != NodeType::kVariable) {
    input_seq = input;
  } else if (input.IsUndefined()) {
    // The reference's createSequence(undefined) holds one undefined item, so the first step is
    // still evaluated once: `$states.input` or `$f().a` work without an input document.
    input_seq = Value::NewSequence();
    input_seq.Owned()->items.emplace_back();
  } else {
    input_seq = CreateSequence(input);
    // The reference's createSequence(input) holds one item even when the input is undefined,
    // so a path that starts at a variable (`$x.a`) is still evaluated without an input.
    if (input.IsUndefined()) input_seq.Owned()->items.push_back(input);
  }
  Value result;
  Value tuples;
  bool tuple_stream = false;
  for (size_t i = 0; i < expr->items.size(); ++i) {
    const Node* step = expr->items[i].get();
    if (step->tuple) tuple_stream = true;
    if (i == 0 && step->consarray) {
      result = Eval(step, input_seq, env);
    } else if (tuple_stream) {
      tuples = EvalTupleStep(step, input_seq, tuples, env);
    } else {
      result = EvalStep(step, input_seq, env, i == expr->items.size() - 1);
    }
    if (!tuple_stream && (result.IsUndefined() || (result.IsArray() && result.Size() == 0)))
      break;
    if (step->focus.empty()) input_seq = tuple_stream ? tuples : result;
  }
  if (tuple_stream) {
    if (expr->tuple) {
      result = tuples;
    } else {
      result = Value::NewSequence();
      for (size_t k = 0; k < tuples.Size(); ++k)
        result.Owned()->items.push_back(tuples.At(k).Get("@"));
    }
  }
  if (expr->keep_singleton_array) {
    ArrayData* a = result.Owned();
    if (a != nullptr && a->cons && !a->sequence) {
      result = CreateSequence(result);
      a = result.Owned();
    }
    if (a == nullptr && result.IsArray()) {
      // An array of the input document (borrowed): flag a copy of its item list, as the
      // reference flags the array itself. Wrapping it would nest it ([[...]]).
      Value flagged = Value::NewArray();
      for (size_t k = 0; k < result.Size(); ++k) flagged.Owned()->items.push_back(result.At(k));
      result = flagged;
      a = result.Owned();
    }
    if (a == nullptr) {
      result = CreateSequence(result);
      a = result.Owned();
    }
    a->keep_singleton = true;
  }
  if (expr->has_group)
    result = EvalGroup(expr->group, expr->group_position, tuple_stream ? tuples : result, env);
  return result;
}

Value Evaluator::EvalStep(const Node* step, const Value& input, Frame* env, bool last) {
  if (step->type == NodeType::kSort) {
    Value result = EvalSort(step, input, env);
    return EvalStages(step->stages, result, env);
  }
  std::vector<Value> results;
  size_t n = input.Size();
  for (size_t i = 0; i < n; ++i) {
    Value res = Eval(step, input.At(i), env);
    for (const auto& stage : step->stages)
      if (!stage.is_index) res = EvalFilter(stage.filter.get(), res, env);
    if (!res.IsUndefined()) results.push_back(std::move(res));
  }
  if (last && results.size() == 1 && results[0].IsArray() && !results[0].IsSequence())
    return results[0];
  Value seq = Value::NewSequence();
  auto& out = seq.Owned()->items;
  for (auto& res : results) {
    ArrayData* a = res.Owned();
    if (!res.IsArray() || (a != nullptr && a->cons)) {
      out.push_back(std::move(res));
    } else {
      for (size_t k = 0; k < res.Size(); ++k) out.push_back(res.At(k));
    }
  }
  return seq;
}

Frame* Evaluator::FrameFromTuple(Frame* env, const Value& tuple) {
  Frame* frame = NewFrame(env);
  tuple.ForEachMember([&](std::string_view k, const Value& v) { frame->Bind(k, v); });
  return frame;
}

Value Evaluator::EvalTupleStep(const Node* step, const Value& input, const Value& tuples_in,
                               Frame* env) {
  Value result = Value::NewSequence();
  result.Owned()->tuple_stream = true;
  if (step->type == NodeType::kSort) {
    if (!tuples_in.IsUndefined()) {
      result = EvalSort(step, tuples_in, env);
      result.Owned()->tuple_stream = true;
    } else {
      Value sorted = EvalSort(step, input, env);
      for (size_t i = 0; i < sorted.Size(); ++i) {
        Value tuple = Value::NewObject();
        tuple.OwnedObject()->Set("@", sorted.At(i));
        if (!step->index.empty()) tuple.OwnedObject()->Set(step->index, Value::Number(double(i)));
        result.Owned()->items.push_back(tuple);
      }
    }
    return EvalStages(step->stages, result, env);
  }
  Value tuples = tuples_in;
  if (tuples.IsUndefined()) {
    tuples = Value::NewSequence();
    for (size_t i = 0; i < input.Size(); ++i) {
      Value tuple = Value::NewObject();
      tuple.OwnedObject()->Set("@", input.At(i));
      tuples.Owned()->items.push_back(tuple);
    }
  }
  for (size_t e = 0; e < tuples.Size(); ++e) {
    Value binding = tuples.At(e);
    Frame* step_env = FrameFromTuple(env, binding);
    Value res = Eval(step, binding.Get("@"), step_env);
    if (res.IsUndefined()) continue;
    bool res_tuples = res.Owned() != nullptr && res.Owned()->tuple_stream;
    std::vector<Value> items = res.IsArray() ? Items(res) : std::vector<Value>{res};
    for (size_t b = 0; b < items.size(); ++b) {
      Value tuple = Value::NewObject();
      auto* t = tuple.OwnedObject();
      t->members = binding.OwnedObject()->members;
      if (res_tuples) {
        items[b].ForEachMember([&](std::string_view k, const Value& v) { t->Set(std::string(k), v); });
      } else {
        if (!step->focus.empty()) {
          t->Set(step->focus, items[b]);
          t->Set("@", binding.Get("@"));
        } else {
          t->Set("@", items[b]);
        }
        if (!step->index.empty()) t->Set(step->index, Value::Number(double(b)));
        if (step->ancestor) t->Set(step->ancestor->label, binding.Get("@"));
      }
      result.Owned()->items.push_back(tuple);
    }
  }
  return EvalStages(step->stages, result, env);
}

Value Evaluator::EvalStages(const std::vector<Stage>& stages, Value input, Frame* env) {
  Value result = std::move(input);
  for (const auto& stage : stages) {
    if (!stage.is_index) {
      result = EvalFilter(stage.filter.get(), result, env);
    } else {
      for (size_t e = 0; e < result.Size(); ++e)
        result.At(e).OwnedObject()->Set(stage.index_var, Value::Number(double(e)));
    }
  }
  return result;
}

Value Evaluator::EvalFilter(const Node* predicate, const Value& input_value, Frame* env) {
  Value results = Value::NewSequence();
  bool tuple_stream = input_value.Owned() != nullptr && input_value.Owned()->tuple_stream;
  if (tuple_stream) results.Owned()->tuple_stream = true;
  Value input = input_value.IsArray() ? input_value : CreateSequence(input_value);
  auto& out = results.Owned()->items;
  size_t n = input.Size();
  if (predicate->type == NodeType::kNumber) {
    double index = std::floor(predicate->literal.AsNumber());
    if (index < 0) index += static_cast<double>(n);
    if (index >= 0 && index < static_cast<double>(n)) {
      Value item = input.At(static_cast<size_t>(index));
      if (item.IsArray()) return item;
      out.push_back(item);
    }
    return results;
  }
  for (size_t i = 0; i < n; ++i) {
    Value item = input.At(i);
    Value context = item;
    Frame* frame = env;
    if (tuple_stream) {
      context = item.Get("@");
      frame = FrameFromTuple(env, item);
    }
    Value res = Eval(predicate, context, frame);
    if (IsNumeric(res)) {
      Value wrapped = Value::NewArray();
      wrapped.Owned()->items.push_back(res);
      res = wrapped;
    }
    if (IsArrayOfNumbers(res)) {
      for (size_t k = 0; k < res.Size(); ++k) {
        double ii = std::floor(res.At(k).AsNumber());
        if (ii < 0) ii += static_cast<double>(n);
        if (ii == static_cast<double>(i)) out.push_back(item);
      }
    } else if (ToBoolean(res)) {
      out.push_back(item);
    }
  }
  return results;
}

Value Evaluator::EvalWildcard(const Value& input_value) {
  Value input = input_value;
  ArrayData* a = input.Owned();
  if (a != nullptr && a->outer_wrapper && !a->items.empty()) input = a->items[0];
  Value results = Value::NewSequence();
  if (input.IsObject()) {
    input.ForEachMember([&](std::string_view, const Value& v) {
      if (v.IsArray()) {
        results = Append(results, Flatten(v));
      } else {
        ArrayData* r = results.Owned();
        if (r != nullptr) {
          r->items.push_back(v);
        } else {
          results = Append(results, v);
        }
      }
    });
  } else if (input.IsArray()) {
    // The reference takes Object.keys of any object, and an array is one: its items (an
    // array item flattened), so `m.*` over [[1, 2], [3]] is [1, 2, 3].
    for (size_t i = 0; i < input.Size(); ++i) {
      Value v = input.At(i);
      if (v.IsArray()) {
        results = Append(results, Flatten(v));
      } else if (ArrayData* r = results.Owned(); r != nullptr) {
        r->items.push_back(v);
      } else {
        results = Append(results, v);
      }
    }
  }
  return results;
}

namespace {
void RecurseDescendants(const Value& input, std::vector<Value>& out) {
  if (!input.IsArray()) out.push_back(input);
  if (input.IsArray()) {
    for (size_t i = 0; i < input.Size(); ++i) RecurseDescendants(input.At(i), out);
  } else if (input.IsObject()) {
    input.ForEachMember([&](std::string_view, const Value& v) { RecurseDescendants(v, out); });
  }
}
}  // namespace

Value Evaluator::EvalDescendants(const Value& input) {
  if (input.IsUndefined()) return Value();
  Value seq = Value::NewSequence();
  RecurseDescendants(input, seq.Owned()->items);
  if (seq.Size() == 1) return seq.At(0);
  return seq;
}

}  // namespace asl::jsonata
