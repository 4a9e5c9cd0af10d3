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

Evaluation Expression::Evaluate(const Json* input, const EvaluateOptions& options) const {
  Evaluation out;
  try {
    Evaluator evaluator(options);
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
    Value result = evaluator.Eval(ast_.get(), in, env);
    if (!result.IsUndefined() && !(result.IsFunction())) out.result = result.ToJson();
    if (result.IsFunction()) out.result = Json("");
  } catch (const ErrorException& e) {
    out.error = WithReferenceMessage(e.error);
  } catch (const std::regex_error&) {
    out.error = Error{"D1004", "Regular expression error", std::nullopt, std::nullopt};
  }
  return out;
}

}  // namespace asl::jsonata
