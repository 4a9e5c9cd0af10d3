#pragma once
// Intrinsic function calls: States.Format('{} {}', $.a, 'b'), States.MathAdd($.i, 1), …
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
// https://states-language.net/spec.html#appendix-b
//
// A call is parsed once into a tree: the function (resolved to an id, arity checked), and its
// arguments, each a literal (string in single quotes with \' \{ \} \\ escapes, number, true,
// false, null), a JSONPath ($… or $$…), or a nested call (at most 10 deep).
//
// Errors at run time are asl::Errors whose cause names the whole expression, as AWS writes it:
//   "The function 'States.MathAdd($.a, 1)' had the following error: <detail>"
// where <detail> is
//   - "The JsonPath argument for the field '$.a' could not be found in the input '{…}'" when a
//     path argument selects nothing (States.Runtime);
//   - "Invalid arguments in States.MathAdd" when an argument has the wrong type or value
//     (States.Runtime too: that is what AWS reports, not States.IntrinsicFailure; the evidence
//     is listed at kInvalidArgumentsError in asl/intrinsics/function.h).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/base/eval_context.h"

namespace asl {

struct IntrinsicCallNode;  // defined in asl/intrinsics/intrinsic_node.h
class JsonPath;

class IntrinsicCall {
 public:
  // True when `text` looks like an intrinsic call (starts with "States." after optional
  // whitespace), so a ".$" field can tell it from a path.
  static bool LooksLikeCall(std::string_view text);

  // Parses and checks the call: known function name, argument count, literal argument types
  // where they are fixed, and the syntax of path arguments. The error is a diagnostic message
  // naming the offset of the problem, e.g. "unknown intrinsic function 'States.Formt' at
  // offset 0 (did you mean 'States.Format'?)".
  static Result<IntrinsicCall, std::string> Parse(std::string_view text);

  IntrinsicCall();
  IntrinsicCall(IntrinsicCall&&) noexcept;
  IntrinsicCall& operator=(IntrinsicCall&&) noexcept;
  ~IntrinsicCall();

  // Evaluates the call against context.input ("$"), context.context ("$$") and context.random
  // (States.UUID, unseeded States.MathRandom). Failures carry AWS's error name and cause (see
  // above).
  Result<Json> Evaluate(const EvalContext& context) const;

  const std::string& text() const { return text_; }
  bool uses_context() const { return uses_context_; }
  // Calls `visit` with every path argument, nested calls' included, left to right.
  void ForEachPath(const std::function<void(const JsonPath&)>& visit) const;

 private:
  std::string text_;
  std::unique_ptr<IntrinsicCallNode> root_;
  bool uses_context_ = false;
};

}  // namespace asl
