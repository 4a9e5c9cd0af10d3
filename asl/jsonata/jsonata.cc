#include "asl/jsonata/jsonata.h"

#include "asl/jsonata/error_messages.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/parser.h"

namespace asl::jsonata {

std::variant<Expression, Error> Expression::Compile(std::string_view source) {
  try {
    Expression e;
    e.ast_ = std::shared_ptr<const Node>(Parse(source).release());
    e.source_ = std::make_shared<const std::string>(source);
    return e;
  } catch (const ErrorException& ex) {
    return WithReferenceMessage(ex.error);
  }
}

namespace {

// One expression on `evaluator`, whose options and resolved names it shares with the others
// evaluated on it.
Evaluation Run(Evaluator& evaluator, const Node* ast, const Json* input, bool borrow = false) {
  Evaluation out;
  try {
    Frame* env = evaluator.NewFrame(evaluator.global());
    Value in = input == nullptr ? Value() : Value::Borrow(input);
    // `$$` is the root input, as the reference binds it before evaluating.
    env->Bind("$", in);
    if (input != nullptr && input->is_array()) {
      // The reference wraps an array input in a one-item sequence so that the first step sees
      // the whole array as one input (`phone[0]` indexes the flattened lookup, not each item)
      // and `$` unwraps it to the array.
      Value wrapped = Value::NewSequence();
      wrapped.Owned()->items.push_back(in);
      wrapped.Owned()->outer_wrapper = true;
      in = wrapped;
    }
    Value result = evaluator.Eval(ast, in, env);
    if (borrow && result.borrowed() != nullptr) {
      out.borrowed = result.borrowed();
      return out;
    }
    if (!result.IsUndefined() && !(result.IsFunction())) out.result = result.ToJson();
    if (result.IsFunction()) out.result = Json("");
  } catch (const ErrorException& e) {
    out.error = WithReferenceMessage(e.error);
  } catch (const std::regex_error&) {
    out.error = Error{"D1004", "Regular expression error", std::nullopt, std::nullopt};
  }
  return out;
}

}  // namespace

Evaluation Expression::Evaluate(const Json* input, const EvaluateOptions& options) const {
  Evaluator evaluator(options);
  return Run(evaluator, ast_.get(), input);
}

Session::Session(const EvaluateOptions& options)
    : evaluator_(std::make_unique<Evaluator>(options)) {}

Session::~Session() = default;

Evaluation Session::Evaluate(const Expression& expression, const Json* input) {
  return Run(*evaluator_, expression.ast_.get(), input);
}

Evaluation Session::EvaluateBorrowing(const Expression& expression, const Json* input) {
  return Run(*evaluator_, expression.ast_.get(), input, /*borrow=*/true);
}

}  // namespace asl::jsonata
