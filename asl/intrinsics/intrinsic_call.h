#pragma once
// Intrinsic function calls: States.Format('{} {}', $.a, 'b'), States.MathAdd($.i, 1), …
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
// https://states-language.net/spec.html#appendix-b
//
// A call is parsed once into a tree: the function (resolved to an id, arity checked), and its
// arguments, each a literal (string in single quotes with \' \{ \} \\ escapes, number, true,
// false, null), a JSONPath ($… or $$…), or a nested call.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/path/eval_context.h"

namespace asl {

struct IntrinsicCallNode;  // defined in intrinsic_call.cc

class IntrinsicCall {
 public:
  // True when `text` looks like an intrinsic call (starts with "States." after optional
  // whitespace), so a ".$" field can tell it from a path.
  static bool LooksLikeCall(std::string_view text);

  // Parses and checks the call: known function name, argument count, literal argument types
  // where they are fixed, and the syntax of path arguments. The error is a diagnostic message.
  static Result<IntrinsicCall, std::string> Parse(std::string_view text);

  IntrinsicCall();
  IntrinsicCall(IntrinsicCall&&) noexcept;
  IntrinsicCall& operator=(IntrinsicCall&&) noexcept;
  ~IntrinsicCall();

  // Evaluates the call. Failures are States.IntrinsicFailure with AWS's cause text; a path
  // argument that selects nothing is States.Runtime, as in AWS.
  Result<Json> Evaluate(const EvalContext& context) const;

  const std::string& text() const { return text_; }
  bool uses_context() const { return uses_context_; }

 private:
  std::string text_;
  std::unique_ptr<IntrinsicCallNode> root_;
  bool uses_context_ = false;
};

}  // namespace asl
