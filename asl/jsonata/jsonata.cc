#include "asl/jsonata/jsonata.h"

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
    return ex.error;
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
      // The reference wraps an array input so that `$` still refers to the whole array.
      Value wrapped = Value::NewSequence();
      for (size_t i = 0; i < input->size(); ++i) wrapped.Owned()->items.push_back(in.At(i));
      wrapped.Owned()->outer_wrapper = true;
      in = wrapped;
    }
    Value result = evaluator.Eval(ast_.get(), in, env);
    if (!result.IsUndefined() && !(result.IsFunction())) out.result = result.ToJson();
    if (result.IsFunction()) out.result = Json("");
  } catch (const ErrorException& e) {
    out.error = e.error;
  } catch (const std::regex_error&) {
    out.error = Error{"D1004", "Regular expression error", std::nullopt, std::nullopt};
  }
  return out;
}

}  // namespace asl::jsonata
