#pragma once
// What a compiled path, template, intrinsic call or Choice rule reads when it is evaluated.

#include "asl/base/json.h"
#include "asl/base/random.h"

namespace asl {

struct EvalContext {
  const Json& input;              // "$": the effective input of the step being evaluated
  const Json* context = nullptr;  // "$$": the Context object. Compiled forms report whether they
                                  // need it (uses_context()), so callers build it only then.
  Random* random = nullptr;       // for States.MathRandom without a seed and States.UUID
};

}  // namespace asl
