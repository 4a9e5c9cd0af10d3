#pragma once
// What a compiled path, template, intrinsic call or Choice rule reads when it is evaluated.

#include <string_view>

#include "asl/base/json.h"
#include "asl/base/random.h"

namespace asl {

// The workflow variables a step may read ("$name" in a JSONPath, `$name` in JSONata): the
// engine's scopes (asl/runtime/variable_scope.h) answer through this, so paths and templates
// know nothing of how variables are kept.
class VariableSource {
 public:
  // The variable's value, or nullptr when no state has assigned it in a visible scope.
  virtual const Json* FindVariable(std::string_view name) const = 0;

 protected:
  ~VariableSource() = default;
};

struct EvalContext {
  const Json& input;              // "$": the effective input of the step being evaluated
  const Json* context = nullptr;  // "$$": the Context object. Compiled forms report whether they
                                  // need it (uses_context()), so callers build it only then.
  Random* random = nullptr;       // for States.MathRandom without a seed and States.UUID
  const VariableSource* variables = nullptr;  // "$name"; nullptr: no variable is set
};

}  // namespace asl
