#pragma once
// Choice rules: the comparisons of a Choice state, compiled once at load time.
// https://states-language.net/spec.html#choice-state
// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
//
// A rule is either a boolean combination (And, Or, Not) or a comparison of the node selected by
// Variable with a literal or with another node (the …Path operators), or a type test (IsNull,
// IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp). StringMatches supports '*' wildcards
// with '\*' and '\\' escapes. Timestamp operators compare RFC 3339 instants.

#include <memory>
#include <string>

#include "asl/base/diagnostic.h"
#include "asl/base/json.h"
#include "asl/base/result.h"
#include "asl/path/eval_context.h"

namespace asl {

struct ChoiceRuleNode;  // defined in choice_rule.cc

class ChoiceRule {
 public:
  // Compiles one rule object. `pointer` locates it in the definition; every problem found is
  // added to `diagnostics` (all of them, not just the first). `top_level` rules must carry
  // Next (checked by the caller, which knows the state names); nested rules must not.
  // Returns nullopt-equivalent (an empty rule) when errors were reported.
  static ChoiceRule Compile(const Json& rule, const std::string& pointer, bool top_level,
                            DiagnosticList& diagnostics);

  ChoiceRule();
  ChoiceRule(ChoiceRule&&) noexcept;
  ChoiceRule& operator=(ChoiceRule&&) noexcept;
  ~ChoiceRule();

  bool valid() const { return root_ != nullptr; }

  // Evaluates the rule. A comparison whose Variable selects nothing is an error for every
  // operator except IsPresent (States.Runtime with AWS's cause text); comparing values of a
  // different type than the operator expects is simply false.
  Result<bool> Evaluate(const EvalContext& context) const;

  bool uses_context() const { return uses_context_; }

 private:
  std::unique_ptr<ChoiceRuleNode> root_;
  bool uses_context_ = false;
};

}  // namespace asl
