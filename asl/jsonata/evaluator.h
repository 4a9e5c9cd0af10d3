#pragma once
// The tree-walking evaluator, one instance per evaluation: it owns the evaluation's frames
// (see frame.h) and enforces the depth and time guards.

#include <chrono>
#include <cstdint>
#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/frame.h"
#include "asl/jsonata/function.h"
#include "asl/jsonata/function_set.h"
#include "asl/jsonata/jsonata.h"
#include "asl/jsonata/value.h"

namespace asl::jsonata {

class Evaluator {
 public:
  // `options` is borrowed for the evaluator's lifetime.
  explicit Evaluator(const EvaluateOptions& options);
  ~Evaluator();

  Value Eval(const Node* expr, const Value& input, Frame* env);
  // Calls `proc` with `args`; `input` is the focus for context (`-`) parameters.
  Value Apply(const Value& proc, std::vector<Value> args, const Value& input, Frame* env);
  Frame* NewFrame(Frame* parent);
  Frame* global() { return global_; }
  const EvaluateOptions& options() const { return options_; }
  // A variable as the reference resolves it: the frames from `env` up (the expression's own
  // bindings), then the options' bindings, the function set and the variables callback.
  // nullptr = undefined. The pointer is valid until the next lookup or binding.
  const Value* LookupVariable(Frame* env, std::string_view name);
  // The random source: options().random, or 0.5 when unset.
  double Random() const { return options_.random ? options_.random() : 0.5; }
  int64_t NowMs() const { return options_.now_ms ? options_.now_ms() : 0; }
  // Keeps a document a host function returned alive for the evaluation (values borrow it).
  const Json* AdoptJson(Json json);
  // Keeps an AST parsed at run time ($eval) alive for the evaluation's lambdas.
  const Node* Adopt(NodePtr ast);

 private:
  Value EvalInner(const Node* expr, const Value& input, Frame* env);
  Value EvalPath(const Node* expr, const Value& input, Frame* env);
  Value EvalStep(const Node* step, const Value& input, Frame* env, bool last);
  Value EvalTupleStep(const Node* step, const Value& input, const Value& tuples, Frame* env);
  Value EvalStages(const std::vector<Stage>& stages, Value input, Frame* env);
  Value EvalFilter(const Node* predicate, const Value& input, Frame* env);
  Value EvalBinary(const Node* expr, const Value& input, Frame* env);
  Value EvalArray(const Node* expr, const Value& input, Frame* env);
  Value EvalGroup(const std::vector<std::pair<NodePtr, NodePtr>>& pairs, int position,
                  const Value& input, Frame* env);
  Value EvalSort(const Node* expr, const Value& input, Frame* env);
  Value EvalWildcard(const Value& input);
  Value EvalDescendants(const Value& input);
  Value EvalCall(const Node* expr, const Value& input, Frame* env, const Value* applied);
  Value EvalPartial(const Node* expr, const Value& input, Frame* env);
  Value EvalApplyChain(const Node* expr, const Value& input, Frame* env);
  Value EvalTransform(const Node* expr, const Value& input, Frame* env);
  Value ApplyInner(const Value& proc, std::vector<Value> args, const Value& input, Frame* env);
  Value ApplyLambda(const Function& fn, std::vector<Value> args);
  Value CallHost(const Builtin& builtin, const std::vector<Value>& args);
  Frame* FrameFromTuple(Frame* env, const Value& tuple);
  // The depth and, every 1,024 calls or when `read_clock`, the time limit (U1001).
  void CheckGuards(bool read_clock = false);

  const EvaluateOptions& options_;
  const FunctionSet& functions_;
  // The first frames of an evaluation (the global one, the expression's, a few blocks or
  // lambda calls) live here; more go to `frames_`. Most Step Functions expressions then
  // allocate no frame at all.
  static constexpr size_t kInlineFrames = 4;
  std::array<std::optional<Frame>, kInlineFrames> inline_frames_;
  size_t inline_used_ = 0;
  std::vector<std::unique_ptr<Frame>> frames_;
  std::vector<NodePtr> adopted_;
  std::vector<std::unique_ptr<Json>> adopted_json_;  // (a deque would allocate when built)
  Frame* global_;
  int depth_ = 0;
  uint32_t ticks_ = 0;
  std::chrono::steady_clock::time_point start_;
  // Where the evaluation's stack began: the depth guard also measures the bytes of C++ stack
  // used, since one JSONata call level costs several native frames (far more under a
  // sanitizer), and a count alone would let a recursive lambda overflow the thread's stack.
  uintptr_t stack_base_ = 0;
};

// Helpers shared by the evaluator and the function library.
bool IsNumeric(const Value& v);  // throws D1001 for a non-finite number
Value CreateSequence(const Value& single);
Value Append(const Value& a, const Value& b);  // the reference's fn.append
Value Flatten(const Value& v);
// The reference's string conversion ($string): JSON text for structures, numbers as
// JavaScript prints them after rounding to 15 significant digits.
std::string Stringify(const Value& v, bool pretty = false);
std::string NumberToString(double d);
// Stable merge sort as the reference's: `after(a, b)` says a must come after b.
std::vector<Value> MergeSort(std::vector<Value> items,
                             const std::function<bool(const Value&, const Value&)>& after);

// The engine's own helpers ($__compose, $__transform, $__regex_call), never visible to
// expressions; nullptr for an unknown name.
const Value* InternalFunction(std::string_view name);

}  // namespace asl::jsonata
