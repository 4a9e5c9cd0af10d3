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
#include "asl/base/eval_context.h"

namespace asl {

struct ChoiceRuleNode;  // defined in choice_rule.cc

class ChoiceRule {
 public:
  // Compiles one rule object. `pointer` locates it in the definition; every problem found is
  // added to `diagnostics` (all of them, not just the first), located at the offending field
  // (e.g. "/States/C/Choices/0/And/1/NumericEquals"). `top_level` rules must carry a string
  // Next (its presence and type are checked here; the caller, which knows the state names,
  // checks that it names a state); nested rules must not have one.
  // Checked: exactly one operator (And, Or, Not, or one comparison operator); Variable present
  // on comparisons and a reference path; literal types (string, number, boolean, RFC 3339
  // timestamp string; booleans for the Is* tests); …Path values are reference paths; And/Or
  // non-empty arrays of rule objects, Not a rule object; Comment a string; unknown fields.
  // A StringMatches pattern with an open escape ("\" not before "*" or "\") is only a warning:
  // the spec makes it a runtime error.
  // Returns an empty rule (valid() false) when errors were reported; warnings do not count.
  static ChoiceRule Compile(const Json& rule, const std::string& pointer, bool top_level,
                            DiagnosticList& diagnostics);

  ChoiceRule();
  ChoiceRule(ChoiceRule&&) noexcept;
  ChoiceRule& operator=(ChoiceRule&&) noexcept;
  ~ChoiceRule();

  bool valid() const { return root_ != nullptr; }

  // Evaluates the rule. A comparison whose Variable (or …Path operand) selects nothing is an
  // error for every operator except IsPresent: States.Runtime, "Invalid path '$.x': The choice
  // state's condition path references an invalid value." Comparing values of a different type
  // than the operator expects is simply false. And/Or short-circuit. Never copies the input.
  Result<bool> Evaluate(const EvalContext& context) const;

  bool uses_context() const { return uses_context_; }

 private:
  std::unique_ptr<ChoiceRuleNode> root_;
  bool uses_context_ = false;
};

}  // namespace asl
